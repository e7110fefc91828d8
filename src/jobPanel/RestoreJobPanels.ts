// The restore-job panels: one webview panel per job, kept current while open. The host owns the data and renders
// (escaped) HTML with pure functions (document.ts, header.ts, sections.ts); the webview script only swaps it in
// and sends clicks back. Webviews are not retained when hidden, so everything is re-sent when the script says
// `ready`. Polling and link expiry: jobWatch.ts; titles: clusterNames.ts.

import * as vscode from 'vscode';
import { describeError } from '../core/log';
import { checkDownloadable } from '../opsManager/api/downloadable';
import { isCancellation } from '../opsManager/common/errors';
import { errorText as wordError } from '../core/errorText';
import type { RestoreJob } from '../opsManager/api/model';
import type { JobRef, Services } from '../core/services';
import { ClusterNames } from './clusterNames';
import { panelTitle } from './document';
import { isJobInProgress } from './jobStatus';
import { JobWatch } from './jobWatch';
import { documentFor, jobMessage } from './panelContent';
import { formatProgress } from '../core/progressText';
import { copyRef, panelKey, snapshotOf, type PanelEntry, type PanelSnapshot } from './panelEntry';
import {
  parsePanelState,
  parseWebviewMessage,
  type DownloadProgress,
  type DownloadProgressMessage,
  type DownloadState,
  type DownloadStateMessage,
  type HostMessage,
  type WebviewMessage,
} from './protocol';

export { panelKey, type PanelSnapshot } from './panelEntry';

export const RESTORE_JOB_VIEW_TYPE = 'opsManager.restoreJob';
const DOWNLOAD_COMMAND = 'opsManager.downloadRestoreArchive';

export interface ShowOptions {
  /** Shown in the title instead of the cluster ID (the tree and the palette know it). */
  clusterName?: string;
  preserveFocus?: boolean;
}

function errorText(error: unknown): string {
  return wordError(error, vscode.l10n);
}

export class RestoreJobPanels implements vscode.Disposable {
  private readonly panels = new Map<string, PanelEntry>();
  private readonly clusterNames: ClusterNames;
  private readonly changed = new vscode.EventEmitter<JobRef>();
  /** Fires whenever a panel's job, error or download state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: Services,
  ) {
    this.clusterNames = new ClusterNames(services);
  }

  /** Opens the job's panel, or focuses the one already open; a given job replaces what it shows. */
  show(ref: JobRef, job?: RestoreJob, options: ShowOptions = {}): vscode.WebviewPanel {
    const key = panelKey(ref);
    const existing = this.panels.get(key);
    if (existing) {
      if (options.clusterName !== undefined) {
        existing.clusterName = options.clusterName;
        existing.panel.title = panelTitle(existing.ref, existing.clusterName);
      }
      existing.panel.reveal(existing.panel.viewColumn, options.preserveFocus ?? false);
      if (job) {
        this.applyJob(existing, job);
      } else {
        void this.load(existing);
      }
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      RESTORE_JOB_VIEW_TYPE,
      panelTitle(ref, options.clusterName),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      this.webviewOptions(),
    );
    const entry = this.adopt(panel, ref, options.clusterName);
    if (job) {
      entry.job = job;
      entry.fetchedAt = new Date();
      entry.panel.webview.html = this.documentFor(entry);
      entry.updates++;
      entry.lastJobMessage = jobMessage(entry);
      this.afterJobChange(entry, undefined);
    } else {
      entry.panel.webview.html = this.documentFor(entry);
      void this.load(entry);
    }
    return panel;
  }

  /** Re-fetches the job of an open panel (after a download, for instance). Does nothing when it is not open. */
  async refresh(ref: JobRef): Promise<void> {
    const entry = this.panels.get(panelKey(ref));
    if (entry) {
      await this.load(entry);
    }
  }

  /** Shows a running download's progress in the job's panel, if it is open. */
  postDownloadProgress(ref: JobRef, progress: DownloadProgress): void {
    const entry = this.panels.get(panelKey(ref));
    if (!entry) {
      return;
    }
    const message: DownloadProgressMessage = {
      type: 'downloadProgress',
      progress: { ...progress },
      text: formatProgress(progress, vscode.l10n, vscode.env.language),
    };
    if (entry.downloadState?.state !== 'running') {
      this.setDownloadState(entry, { type: 'downloadState', state: 'running' });
    }
    entry.downloadProgress = message;
    this.post(entry, message);
  }

  /** Shows how a download ended (or that one started) in the job's panel, if it is open. */
  postDownloadState(ref: JobRef, state: DownloadState): void {
    const entry = this.panels.get(panelKey(ref));
    if (!entry) {
      return;
    }
    const message: DownloadStateMessage = { type: 'downloadState', state: state.state };
    if (state.message !== undefined) {
      message.message = state.message;
    }
    this.setDownloadState(entry, message);
  }

  private setDownloadState(entry: PanelEntry, message: DownloadStateMessage): void {
    const wasRunning = entry.downloadState?.state === 'running';
    const running = message.state === 'running';
    entry.downloadState = message;
    if (running && !wasRunning) {
      entry.downloadProgress = undefined;
    }
    this.post(entry, message);
    if (wasRunning !== running && entry.job) {
      // The Download button is disabled while a download of this job runs.
      this.postJob(entry);
    }
    this.changed.fire(copyRef(entry.ref));
  }

  /** What the job's panel shows, or undefined when no panel is open for it. */
  getState(ref: JobRef): PanelSnapshot | undefined {
    const entry = this.panels.get(panelKey(ref));
    return entry ? snapshotOf(entry) : undefined;
  }

  /** The jobs whose panels are open. */
  openRefs(): JobRef[] {
    return [...this.panels.values()].map((entry) => copyRef(entry.ref));
  }

  /** Brings back a panel after a window reload, from the identity the webview saved with `setState`. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePanelState(state);
    if (!saved) {
      // Nothing says which job this was: an empty panel would only confuse.
      this.services.log.warn('A restore-job panel could not be restored: its saved state names no job.');
      panel.dispose();
      return;
    }
    const ref: JobRef = saved.ref;
    const existing = this.panels.get(panelKey(ref));
    if (existing) {
      panel.dispose();
      existing.panel.reveal(existing.panel.viewColumn, true);
      return;
    }
    panel.webview.options = this.webviewOptions();
    const entry = this.adopt(panel, ref, undefined);
    panel.title = panelTitle(ref, entry.clusterName);
    panel.webview.html = this.documentFor(entry);
    await this.load(entry);
  }

  dispose(): void {
    for (const entry of [...this.panels.values()]) {
      entry.panel.dispose();
    }
    this.panels.clear();
    this.changed.dispose();
  }

  // ---- panel lifecycle ---------------------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
  }

  private adopt(panel: vscode.WebviewPanel, ref: JobRef, clusterName: string | undefined): PanelEntry {
    const entry: PanelEntry = {
      key: panelKey(ref),
      ref: copyRef(ref),
      panel,
      watch: new JobWatch(
        () => void this.load(entry),
        () => this.postJob(entry),
      ),
      updates: 0,
      readyCount: 0,
      disposed: false,
      disposables: [],
    };
    entry.clusterName = clusterName ?? this.clusterNames.configured(ref);
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-dark.svg'),
    };
    this.panels.set(entry.key, entry);
    entry.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const parsed = parseWebviewMessage(message);
        if (parsed) {
          void this.onMessage(entry, parsed);
        }
      }),
      panel.onDidDispose(() => this.forget(entry)),
    );
    if (entry.clusterName === undefined) {
      void this.discoverClusterName(entry);
    }
    return entry;
  }

  private forget(entry: PanelEntry): void {
    entry.disposed = true;
    entry.inflight?.abort();
    entry.watch.stop();
    for (const disposable of entry.disposables) {
      disposable.dispose();
    }
    if (this.panels.get(entry.key) === entry) {
      this.panels.delete(entry.key);
    }
  }

  private async onMessage(entry: PanelEntry, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        entry.readyCount++;
        this.resend(entry);
        return;
      case 'refresh':
        await this.load(entry);
        if (message.requestId !== undefined) {
          this.post(entry, { type: 'reply', requestId: message.requestId, ok: entry.error === undefined });
        }
        return;
      case 'download':
        await this.startDownload(entry.ref);
        return;
      case 'copy':
        try {
          await vscode.env.clipboard.writeText(message.text);
          vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} to the clipboard.', message.label), 3000);
          if (message.requestId !== undefined) {
            this.post(entry, { type: 'reply', requestId: message.requestId, ok: true });
          }
        } catch (error) {
          this.services.log.warn(`Copy to the clipboard failed: ${describeError(error)}`);
          if (message.requestId !== undefined) {
            this.post(entry, { type: 'reply', requestId: message.requestId, ok: false, message: errorText(error) });
          }
        }
        return;
    }
  }

  private async startDownload(ref: JobRef): Promise<void> {
    try {
      await vscode.commands.executeCommand(DOWNLOAD_COMMAND, copyRef(ref));
    } catch (error) {
      // The command reports its own failures; this only happens when it cannot run at all.
      this.services.log.error(`Could not start the download: ${describeError(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not start the download: {0}', errorText(error)));
    }
  }

  /** The webview (re)loaded: give it everything it shows. */
  private resend(entry: PanelEntry): void {
    if (entry.job) {
      this.postJob(entry);
    }
    this.post(entry, { type: 'loading', loading: entry.inflight !== undefined });
    this.post(entry, entry.error === undefined ? { type: 'error' } : { type: 'error', message: entry.error });
    if (entry.downloadState) {
      this.post(entry, entry.downloadState);
    }
    if (entry.downloadState?.state === 'running' && entry.downloadProgress) {
      this.post(entry, entry.downloadProgress);
    }
  }

  // ---- fetching and watching ---------------------------------------------------------------------------------

  private async load(entry: PanelEntry): Promise<void> {
    if (entry.disposed) {
      return;
    }
    entry.inflight?.abort();
    entry.watch.cancelPoll();
    const controller = new AbortController();
    entry.inflight = controller;
    this.post(entry, { type: 'loading', loading: true });
    try {
      const job = await this.services.fetchJob(copyRef(entry.ref), controller.signal);
      if (entry.disposed || entry.inflight !== controller) {
        return;
      }
      entry.inflight = undefined;
      this.applyJob(entry, job);
    } catch (error) {
      if (entry.disposed || entry.inflight !== controller) {
        return;
      }
      entry.inflight = undefined;
      if (isCancellation(error)) {
        entry.watch.schedulePoll(entry.job);
        return;
      }
      entry.error = errorText(error);
      this.services.log.warn(`Restore job ${entry.ref.jobId} could not be fetched: ${describeError(error)}`);
      this.post(entry, { type: 'error', message: entry.error });
      if (!entry.job) {
        // Nothing to show but the failure: the document's placeholder says so.
        entry.panel.webview.html = this.documentFor(entry);
      }
      entry.watch.schedulePoll(entry.job);
      this.changed.fire(copyRef(entry.ref));
    } finally {
      if (!entry.disposed && entry.inflight === undefined) {
        this.post(entry, { type: 'loading', loading: false });
      }
    }
  }

  private applyJob(entry: PanelEntry, job: RestoreJob): void {
    const previous = entry.job;
    entry.job = job;
    entry.error = undefined;
    entry.fetchedAt = new Date();
    this.post(entry, { type: 'error' });
    this.postJob(entry);
    this.afterJobChange(entry, previous);
  }

  private afterJobChange(entry: PanelEntry, previous: RestoreJob | undefined): void {
    const job = entry.job;
    if (!job) {
      return;
    }
    entry.watch.schedulePoll(job);
    entry.watch.scheduleExpiry(job);
    if (
      previous &&
      (previous.statusName !== job.statusName || previous.delivery?.statusName !== job.delivery?.statusName)
    ) {
      this.services.refreshTree(copyRef(entry.ref));
      if (isJobInProgress(previous) && !isJobInProgress(job)) {
        void this.notifyFinished(entry.ref, job);
      }
    }
    this.changed.fire(copyRef(entry.ref));
  }

  private async notifyFinished(ref: JobRef, job: RestoreJob): Promise<void> {
    const shortId = `${job.id.slice(0, 8)}…`;
    if (checkDownloadable(job).ok) {
      const download = vscode.l10n.t('Download');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Restore job {0} is ready to download.', shortId),
        download,
      );
      if (choice === download) {
        await this.startDownload(ref);
      }
      return;
    }
    const status = [job.statusName, job.delivery?.statusName].filter((s) => s !== undefined).join(' / ');
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Restore job {0} is no longer in progress: {1}.', shortId, status),
    );
  }

  // ---- rendering and posting ---------------------------------------------------------------------------------

  private documentFor(entry: PanelEntry): string {
    return documentFor(entry, this.extensionUri);
  }

  private postJob(entry: PanelEntry): void {
    const message = jobMessage(entry);
    if (!message || entry.disposed) {
      return;
    }
    entry.updates++;
    entry.lastJobMessage = message;
    entry.panel.title = panelTitle(entry.ref, entry.clusterName);
    if (!entry.panel.visible) {
      // A hidden webview is not running; its next load should already show the latest job.
      entry.panel.webview.html = this.documentFor(entry);
      return;
    }
    this.post(entry, message);
  }

  private post(entry: PanelEntry, message: HostMessage): void {
    if (entry.disposed) {
      return;
    }
    // Rejects or returns false while the webview is not loaded; `ready` re-sends everything then.
    entry.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  // ---- cluster names for titles ------------------------------------------------------------------------------

  /** Puts the cluster's name in the title once Ops Manager has told it; a failed lookup keeps the ID. */
  private async discoverClusterName(entry: PanelEntry): Promise<void> {
    try {
      const name = await this.clusterNames.lookup(entry.ref);
      if (name !== undefined && !entry.disposed && entry.clusterName === undefined) {
        entry.clusterName = name;
        entry.panel.title = panelTitle(entry.ref, name);
        if (entry.job) {
          this.postJob(entry);
        }
      }
    } catch (error) {
      this.services.log.debug(`Cluster name lookup for the panel title failed: ${describeError(error)}`);
    }
  }
}
