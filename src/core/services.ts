// The contract between the VS Code layers: what the tree, the commands, the panel and the download command
// share. Built once in extension.ts; everything else receives it instead of reaching for globals.
import type * as vscode from 'vscode';
import type { RestoreJob } from '../opsManager/api';
import type { ClientCache } from './clients';
import type { ServerRegistry } from './registry';
import type { JobRef } from './jobRef';

export type { JobRef } from './jobRef';

/** The restore-job panels, as the commands that open one see them. */
export interface JobPanelOptions {
  /**
   * Show the job in the preview panel, which the next preview replaces (a single click in the tree). Otherwise,
   * and when `workbench.editor.enablePreview` is off, the panel is pinned (kept open): later previews do not
   * replace it.
   */
  preview?: boolean;
  /**
   * When the given job was fetched (a tree row's copy); default now. The panel shows it at once, says when it was
   * fetched, and fetches the job again when that is more than 10 s ago (FRESH_FOR_MS in the jobPanel feature).
   */
  fetchedAt?: Date;
}

export interface JobPanels {
  show(ref: JobRef, job?: RestoreJob, options?: JobPanelOptions): unknown;
}

export interface Services {
  log: vscode.LogOutputChannel;
  /** Settings + secrets; onDidChange fires on either. */
  servers: ServerRegistry;
  clients: ClientCache;
  /** clusterId → getRestoreJob, hostId → getConfigServerRestoreJob. */
  /** `onRetryWait`: Ops Manager rate-limited the call and it will be retried in `seconds` (for progress). */
  fetchJob(
    ref: JobRef,
    signal?: AbortSignal,
    onRetryWait?: (wait: { seconds: number; attempt: number }) => void,
  ): Promise<RestoreJob>;
  /** Refreshes the whole tree, or the deepest node matching the given IDs. */
  refreshTree(ref?: Partial<JobRef>): void;
}
