// One open restore-job panel as the controller keeps it, its identity, and the snapshot tests and callers read.
import type * as vscode from 'vscode';
import type { RestoreJob } from '../opsManager/api';
import { copyJobRef, type JobRef } from '../core';
import type { ArchiveSectionState } from './archiveSection';
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
  archive?: ArchiveSectionState;
  /** What the panel said to screen readers through its live region, oldest first (the last 20). */
  announcements: string[];
  /** The preview panel: the next job opened from the tree replaces it, until it is pinned. */
  preview: boolean;
}

export interface PanelEntry {
  key: string;
  ref: JobRef;
  panel: vscode.WebviewPanel;
  clusterName?: string;
  groupName?: string;
  /** The preview panel (the next preview replaces what it shows) rather than a pinned one. */
  preview: boolean;
  job?: RestoreJob;
  error?: string;
  /** The fix the error banner offers, when one helps. */
  errorFix?: BannerFix;
  fetchedAt?: Date;
  /** When the last fetch failed (the error banner's time), until one succeeds. */
  failedAt?: Date;
  inflight?: AbortController;
  watch: JobWatch;
  updates: number;
  readyCount: number;
  lastJobMessage?: JobMessage;
  downloadState?: DownloadStateMessage;
  /** The file the last download saved: the target of the panel's Reveal, Open Folder and Copy Path. */
  savedPath?: string;
  downloadProgress?: DownloadProgressMessage;
  /** The Archive section, once a download of this job was saved. */
  archive?: ArchiveSectionState;
  /** The last quarter of the running download said to screen readers (1 = 25 %). */
  announcedQuarter?: number;
  announcements: string[];
  disposed: boolean;
  disposables: vscode.Disposable[];
}

export function snapshotOf(entry: PanelEntry): PanelSnapshot {
  const snapshot: PanelSnapshot = {
    ref: copyJobRef(entry.ref),
    title: entry.panel.title,
    watching:
      entry.watch.polling || (entry.inflight !== undefined && entry.job !== undefined && isJobInProgress(entry.job)),
    updates: entry.updates,
    html: entry.panel.webview.html,
    readyCount: entry.readyCount,
    visible: entry.panel.visible,
    announcements: [...entry.announcements],
    preview: entry.preview,
  };
  if (entry.job) snapshot.job = entry.job;
  if (entry.error !== undefined) snapshot.error = entry.error;
  if (entry.lastJobMessage) snapshot.lastJobMessage = entry.lastJobMessage;
  if (entry.downloadState) {
    snapshot.downloadState = { state: entry.downloadState.state };
    if (entry.downloadState.message !== undefined) snapshot.downloadState.message = entry.downloadState.message;
  }
  if (entry.downloadProgress) snapshot.downloadProgress = entry.downloadProgress.progress;
  if (entry.archive) snapshot.archive = entry.archive;
  return snapshot;
}
