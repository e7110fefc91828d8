// One open restore-job panel as the controller keeps it, its identity, and the snapshot tests and callers read.
import type * as vscode from 'vscode';
import type { RestoreJob } from '../opsManager/api/model';
import type { JobRef } from '../core/services';
import { isJobInProgress } from './jobStatus';
import type { JobWatch } from './jobWatch';
import type {
  BannerFix,
  DownloadProgress,
  DownloadProgressMessage,
  DownloadState,
  DownloadStateMessage,
  JobMessage,
} from './protocol';

/** What a panel currently shows: for tests and for callers that want to know whether a job is open. */
export interface PanelSnapshot {
  ref: JobRef;
  title: string;
  job?: RestoreJob;
  error?: string;
  /** A poll is scheduled or running because the job is still in progress. */
  watching: boolean;
  /** How many `job` updates were sent to the webview (or written into its HTML while hidden). */
  updates: number;
  /** The last job update, as sent. */
  lastJobMessage?: JobMessage;
  /** The webview's current document. */
  html: string;
  /** How many times the webview script started and said `ready` (it restarts whenever the panel is shown again). */
  readyCount: number;
  visible: boolean;
  downloadState?: DownloadState;
  downloadProgress?: DownloadProgress;
}

export interface PanelEntry {
  key: string;
  ref: JobRef;
  panel: vscode.WebviewPanel;
  clusterName?: string;
  job?: RestoreJob;
  error?: string;
  /** The fix the error banner offers, when one helps. */
  errorFix?: BannerFix;
  fetchedAt?: Date;
  inflight?: AbortController;
  watch: JobWatch;
  updates: number;
  readyCount: number;
  lastJobMessage?: JobMessage;
  downloadState?: DownloadStateMessage;
  downloadProgress?: DownloadProgressMessage;
  disposed: boolean;
  disposables: vscode.Disposable[];
}

/** Panel identity: server + group + cluster/host + job. ObjectIds compare case-insensitively. */
export function panelKey(ref: JobRef): string {
  return [
    ref.server,
    ref.groupId.toLowerCase(),
    ref.clusterId?.toLowerCase() ?? '',
    ref.hostId ?? '',
    ref.jobId.toLowerCase(),
  ].join('\u0000');
}

/** A copy without extra properties, so nothing handed out aliases the panel's own reference. */
export function copyRef(ref: JobRef): JobRef {
  const copy: JobRef = { server: ref.server, groupId: ref.groupId, jobId: ref.jobId };
  if (ref.clusterId !== undefined) {
    copy.clusterId = ref.clusterId;
  }
  if (ref.hostId !== undefined) {
    copy.hostId = ref.hostId;
  }
  return copy;
}

export function snapshotOf(entry: PanelEntry): PanelSnapshot {
  const snapshot: PanelSnapshot = {
    ref: copyRef(entry.ref),
    title: entry.panel.title,
    watching:
      entry.watch.polling || (entry.inflight !== undefined && entry.job !== undefined && isJobInProgress(entry.job)),
    updates: entry.updates,
    html: entry.panel.webview.html,
    readyCount: entry.readyCount,
    visible: entry.panel.visible,
  };
  if (entry.job) snapshot.job = entry.job;
  if (entry.error !== undefined) snapshot.error = entry.error;
  if (entry.lastJobMessage) snapshot.lastJobMessage = entry.lastJobMessage;
  if (entry.downloadState) {
    snapshot.downloadState = { state: entry.downloadState.state };
    if (entry.downloadState.message !== undefined) snapshot.downloadState.message = entry.downloadState.message;
  }
  if (entry.downloadProgress) snapshot.downloadProgress = entry.downloadProgress.progress;
  return snapshot;
}
