// The restore-job panels: one webview panel per job, kept current while open. The host owns the data and renders
// (escaped) HTML with pure functions (document.ts, header.ts, sections.ts); the webview script only swaps it in
// and sends clicks back. Webviews are not retained when hidden, so everything is re-sent when the script says
// `ready`. Polling and link expiry: jobWatch.ts; group and cluster names: clusterNames.ts.
// Over 300 lines because it is the one owner of a panel's life cycle (open, preview and pin, restore after reload,
// messages, loading, download state, disposal): split, each part would need the others' private state.
// Preview panels work like VS Code's preview editors: one panel shows the job last opened with `preview` (a single
// click in the tree) and is reused for the next, until it is pinned (double click, "Keep Open", or starting work in
// it). VS Code cannot open a webview panel as a preview editor, so this class reuses the panel itself.

import * as vscode from 'vscode';
import {
  COMMANDS,
  copyJobRef,
  describeError,
  EDITOR_PREVIEW_SETTING,
  editorPreviewEnabled,
  errorText as wordError,
  explainError,
  formatProgress,
  jobRefKey,
  runSavedFileAction,
  statusesInWords,
  type JobPanelOptions,
  type JobRef,
  type Services,
} from '../core';
import { checkDownloadable, type RestoreJob } from '../opsManager/api';
import { isCancellation } from '../opsManager/common';
import { type ArchiveSectionState, readExtraction, readInspection, renderArchiveSection } from './archiveSection';
import { ClusterNames } from './clusterNames';
import { panelTitle } from './document';
import { isJobInProgress } from './jobStatus';
import { JobWatch } from './jobWatch';
import { documentFor, jobMessage } from './panelContent';
import { type PanelEntry, type PanelSnapshot, snapshotOf } from './panelEntry';
import {
  parsePanelState,
  parseWebviewMessage,
  type BannerFix,
  type DownloadProgress,
  type DownloadProgressMessage,
  type DownloadState,
  type DownloadStateMessage,
  type HostMessage,
  type WebviewMessage,
} from './protocol';

export type { PanelSnapshot } from './panelEntry';

export const RESTORE_JOB_VIEW_TYPE = 'opsManager.restoreJob';

/** What any feature may ask of a panel (core's JobPanelOptions), and what only this package's callers set. */
export interface ShowOptions extends JobPanelOptions {
  /** Shown in the title instead of the cluster ID (the tree and the palette know it). */
  clusterName?: string;
  preserveFocus?: boolean;
}

/**
 * A job handed in older than this (a tree row listed a while ago) is fetched again in the background, so the panel
 * never passes off an old copy as current; a row clicked right after the tree loaded costs no request.
 */
const FRESH_FOR_MS = 10_000;

/**
 * What pins a preview panel, besides its "Keep Open": starting work whose progress or result the panel shows
 * (download, cancel, extract, terminal, sharded download, Set API Key, the saved file's actions), as editing pins
 * a preview editor. Reading does not: Copy, Refresh, opening a section, scrolling, as in a preview editor.
 */
const PINNING_MESSAGES: ReadonlySet<WebviewMessage['type']> = new Set<WebviewMessage['type']>([
  'download',
  'cancelDownload',
  'extract',
  'openTerminal',
  'downloadBatch',
  'fix',
  'savedFile',
]);

function errorText(error: unknown): string {
  return wordError(error, vscode.l10n);
}

/** The banner's button: "Set API Key…" when that is what fixes the failure (a refused or missing key). */
function bannerFix(error: unknown, server: string): BannerFix | undefined {
  return explainError(error, server).actions.some((a) => a.command === COMMANDS.setApiKey) ? 'setApiKey' : undefined;
}

export class RestoreJobPanels implements vscode.Disposable {
  private readonly panels = new Map<string, PanelEntry>();
  /** How to cancel each running download, by job key: the panel's Cancel button (also in a panel opened later). */
  private readonly cancels = new Map<string, () => void>();
  private readonly clusterNames: ClusterNames;
  /** The one preview panel, if open: what the next preview replaces. */
  private previewEntry: PanelEntry | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: Services,
  ) {
    this.clusterNames = new ClusterNames(services);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        // As VS Code does with its preview editor: turning previews off keeps the current one open.
        if (event.affectsConfiguration(EDITOR_PREVIEW_SETTING) && !editorPreviewEnabled() && this.previewEntry) {
          this.pin(this.previewEntry);
        }
      }),
    );
  }

  /**
   * Opens the job's panel, or focuses the one already open (pinning it unless `preview`); a given job replaces
   * what it shows. With `preview`, a job without a panel is shown in the preview panel, which stops showing the
   * job it had.
   */
  show(ref: JobRef, job?: RestoreJob, options: ShowOptions = {}): vscode.WebviewPanel {
    const key = jobRefKey(ref);
    const preview = options.preview === true && editorPreviewEnabled();
    const existing = this.panels.get(key);
    if (existing) {
      if (!preview) {
        this.pin(existing);
      }
      if (options.clusterName !== undefined) {
        existing.clusterName = options.clusterName;
        existing.panel.title = this.titleOf(existing);
      }
      existing.panel.reveal(existing.panel.viewColumn, options.preserveFocus ?? false);
      if (!job) {
        void this.load(existing);
        return existing.panel;
      }
      // A copy older than the panel's last word from the server (a tree row against a watched panel, or against
      // the error its last fetch got) does not replace it.
      const fetchedAt = options.fetchedAt ?? new Date();
      const held = Math.max(existing.fetchedAt?.getTime() ?? 0, existing.failedAt?.getTime() ?? 0);
      if (fetchedAt.getTime() > held) {
        this.applyJob(existing, job, fetchedAt);
      }
      this.refetchIfOld(existing);
      return existing.panel;
    }
    const reused = preview ? this.previewEntry : undefined;
    if (reused) {
      // The preview panel shows this job instead: its tab stays where it is, the old job's state goes with it.
      const panel = reused.panel;
      this.forget(reused);
      const entry = this.adopt(panel, ref, options.clusterName, true);
      panel.title = this.titleOf(entry);
      this.fill(entry, job, options.fetchedAt);
      panel.reveal(panel.viewColumn, options.preserveFocus ?? false);
      return panel;
    }
    const panel = vscode.window.createWebviewPanel(
      RESTORE_JOB_VIEW_TYPE,
      panelTitle(ref, options.clusterName, job, new Date(), vscode.env.language),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      this.webviewOptions(),
    );
    const entry = this.adopt(panel, ref, options.clusterName, preview);
    panel.title = this.titleOf(entry);
    this.fill(entry, job, options.fetchedAt);
    return panel;
  }

  /** Pins the preview panel of this job: later previews open in another panel. False when it is not a preview. */
  keepOpen(ref: JobRef): boolean {
    const entry = this.panels.get(jobRefKey(ref));
    if (!entry?.preview) return false;
    this.pin(entry, vscode.l10n.t('This panel is kept open.'));
    return true;
  }

  /** The job shown in the preview panel, if one is open. */
  previewRef(): JobRef | undefined {
    return this.previewEntry ? copyJobRef(this.previewEntry.ref) : undefined;
  }

  /** First content of a new (or reused) panel: the job given, or a placeholder while it is fetched. */
  private fill(entry: PanelEntry, job: RestoreJob | undefined, fetchedAt: Date | undefined): void {
    if (job) {
      entry.job = job;
      entry.fetchedAt = fetchedAt ?? new Date();
      entry.panel.webview.html = this.documentFor(entry);
      entry.updates++;
      entry.lastJobMessage = jobMessage(entry);
      this.afterJobChange(entry, undefined);
      this.refetchIfOld(entry);
    } else {
      entry.panel.webview.html = this.documentFor(entry);
      void this.load(entry);
    }
  }

  /** The panel stops being the preview: its title loses the marker and the page its "Keep Open" bar. */
  private pin(entry: PanelEntry, announcement?: string): void {
    if (!entry.preview) return;
    entry.preview = false;
    if (this.previewEntry === entry) {
      this.previewEntry = undefined;
    }
    entry.panel.title = this.titleOf(entry);
    if (!entry.panel.visible) {
      // A hidden webview is not running: its next load should already be without the preview bar.
      entry.panel.webview.html = this.documentFor(entry);
      return;
    }
    this.post(entry, announcement === undefined ? { type: 'pinned' } : { type: 'pinned', announcement });
    if (announcement !== undefined) {
      this.remember(entry, announcement);
    }
  }

  /** Re-fetches the job of an open panel (after a download, for instance). Does nothing when it is not open. */
  async refresh(ref: JobRef): Promise<void> {
    const entry = this.panels.get(jobRefKey(ref));
    if (entry) {
      await this.load(entry);
    }
  }

  /** Shows a running download's progress in the job's panel, if it is open. */
  postDownloadProgress(ref: JobRef, progress: DownloadProgress): void {
    const entry = this.panels.get(jobRefKey(ref));
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
    // Screen readers hear each quarter once, not the line that changes every 250 ms.
    const percent = progress.percent ?? (progress.total ? (progress.received / progress.total) * 100 : undefined);
    const quarter = percent === undefined ? 0 : Math.min(3, Math.floor(percent / 25));
    if (quarter > (entry.announcedQuarter ?? 0)) {
      entry.announcedQuarter = quarter;
      const announcement = vscode.l10n.t('Download {0}% done.', quarter * 25);
      this.post(entry, { ...message, announcement });
      this.remember(entry, announcement);
      return;
    }
    this.post(entry, message);
  }

  /**
   * Shows how a download ended (or that one started) in the job's panel, if it is open. `cancel`, given with the
   * running state, is what the panel's Cancel button does.
   */
  postDownloadState(ref: JobRef, state: DownloadState, cancel?: () => void): void {
    const key = jobRefKey(ref);
    if (state.state === 'running') {
      if (cancel) this.cancels.set(key, cancel);
    } else {
      this.cancels.delete(key);
    }
    const entry = this.panels.get(key);
    if (!entry) {
      return;
    }
    if (state.state === 'running') {
      // The download's progress, Cancel and outcome live in this panel: a click in the tree must not replace it.
      this.pin(entry);
    }
    const message: DownloadStateMessage = { type: 'downloadState', state: state.state };
    if (state.message !== undefined) {
      message.message = state.message;
    }
    // The host keeps the path; the webview only learns that there is a file to act on.
    entry.savedPath = state.path;
    if (state.path !== undefined) {
      message.saved = true;
    }
    this.setDownloadState(entry, message);
    if (state.state === 'verified' && state.path !== undefined) {
      void this.inspectArchive(entry, state.path);
    }
  }

  // ---- the Archive section (archiveSection.ts) ------------------------------------------------------------------

  private setArchive(entry: PanelEntry, state: ArchiveSectionState): void {
    entry.archive = state;
    this.postArchive(entry);
  }

  private postArchive(entry: PanelEntry): void {
    if (entry.archive) {
      this.post(entry, {
        type: 'archive',
        html: renderArchiveSection(entry.archive, vscode.l10n, vscode.env.language),
      });
    }
  }

  private async inspectArchive(entry: PanelEntry, archive: string): Promise<void> {
    this.setArchive(entry, { kind: 'inspecting', archive });
    let result: unknown;
    try {
      result = await vscode.commands.executeCommand(COMMANDS.inspectRestoreArchive, { archive, quiet: true });
    } catch (error) {
      this.services.log.warn(`Inspecting the archive for the panel failed: ${describeError(error)}`);
    }
    if (entry.disposed || entry.archive?.archive !== archive) return;
    const view = readInspection(result, (code, name) => vscode.l10n.t('{0} (entry "{1}")', code, name));
    // The command has already said why when there is no result (its wrapper shows and logs failures).
    this.setArchive(entry, view ? { kind: 'inspected', archive, view } : { kind: 'failed', archive });
  }

  private async extractArchive(entry: PanelEntry): Promise<void> {
    const current = entry.archive;
    if (current?.kind !== 'inspected') return;
    this.setArchive(entry, { kind: 'extracting', archive: current.archive, view: current.view });
    let result: unknown;
    try {
      result = await vscode.commands.executeCommand(COMMANDS.extractRestoreArchive, { archive: current.archive });
    } catch (error) {
      this.services.log.warn(`Extracting the archive from the panel failed: ${describeError(error)}`);
    }
    if (entry.disposed || entry.archive?.archive !== current.archive) return;
    const extracted = readExtraction(result);
    this.setArchive(
      entry,
      extracted
        ? { kind: 'extracted', archive: current.archive, view: current.view, extracted }
        : { kind: 'inspected', archive: current.archive, view: current.view },
    );
  }

  private openTerminal(entry: PanelEntry): void {
    if (entry.archive?.kind !== 'extracted') return;
    const { command, dataPath } = entry.archive.extracted;
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('mongod (restore)'), cwd: dataPath });
    terminal.show();
    // Typed, not run: the person reads the command (KMIP placeholders, version) and presses Enter.
    terminal.sendText(command, false);
  }

  private setDownloadState(entry: PanelEntry, message: DownloadStateMessage): void {
    const wasRunning = entry.downloadState?.state === 'running';
    const running = message.state === 'running';
    entry.downloadState = message;
    if (running && !wasRunning) {
      entry.downloadProgress = undefined;
      entry.announcedQuarter = 0;
    }
    // The start and the end are said once; a re-sent state (webview reloaded) is not said again.
    let announcement: string | undefined;
    if (running && !wasRunning) {
      announcement =
        message.message === undefined
          ? vscode.l10n.t('Download started.')
          : vscode.l10n.t('Download started: saving to {0}.', message.message);
    } else if (!running && wasRunning) {
      announcement = message.message;
    }
    this.post(entry, announcement === undefined ? message : { ...message, announcement });
    if (announcement !== undefined) {
      this.remember(entry, announcement);
    }
    if (wasRunning !== running && entry.job) {
      // The Download button is disabled while a download of this job runs.
      this.postJob(entry);
    }
  }

  private remember(entry: PanelEntry, announcement: string): void {
    entry.announcements.push(announcement);
    entry.announcements.splice(0, Math.max(0, entry.announcements.length - 20));
  }

  /** What the job's panel shows, or undefined when no panel is open for it. */
  getState(ref: JobRef): PanelSnapshot | undefined {
    const entry = this.panels.get(jobRefKey(ref));
    return entry ? snapshotOf(entry) : undefined;
  }

  /** The jobs whose panels are open. */
  openRefs(): JobRef[] {
    return [...this.panels.values()].map((entry) => copyJobRef(entry.ref));
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
    const existing = this.panels.get(jobRefKey(ref));
    if (existing) {
      panel.dispose();
      existing.panel.reveal(existing.panel.viewColumn, true);
      return;
    }
    panel.webview.options = this.webviewOptions();
    // The preview panel comes back as the preview (as VS Code's preview editor does), unless another one already is.
    const preview = saved.preview === true && this.previewEntry === undefined && editorPreviewEnabled();
    const entry = this.adopt(panel, ref, undefined, preview);
    panel.title = this.titleOf(entry);
    panel.webview.html = this.documentFor(entry);
    await this.load(entry);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.cancels.clear();
    for (const entry of [...this.panels.values()]) {
      entry.panel.dispose();
    }
    this.panels.clear();
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

  private adopt(
    panel: vscode.WebviewPanel,
    ref: JobRef,
    clusterName: string | undefined,
    preview: boolean,
  ): PanelEntry {
    const entry: PanelEntry = {
      key: jobRefKey(ref),
      ref: copyJobRef(ref),
      panel,
      preview,
      watch: new JobWatch(
        () => void this.load(entry),
        () => this.postJob(entry),
      ),
      updates: 0,
      readyCount: 0,
      announcements: [],
      disposed: false,
      disposables: [],
    };
    entry.clusterName = clusterName ?? this.clusterNames.configured(ref);
    entry.groupName = this.clusterNames.configuredGroupName(ref);
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'panel-dark.svg'),
    };
    this.panels.set(entry.key, entry);
    if (preview) {
      this.previewEntry = entry;
    }
    entry.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const parsed = parseWebviewMessage(message);
        if (parsed) {
          void this.onMessage(entry, parsed);
        }
      }),
      panel.onDidDispose(() => this.forget(entry)),
    );
    if (entry.clusterName === undefined || entry.groupName === undefined) {
      void this.discoverNames(entry);
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
    if (this.previewEntry === entry) {
      this.previewEntry = undefined;
    }
  }

  private async onMessage(entry: PanelEntry, message: WebviewMessage): Promise<void> {
    if (PINNING_MESSAGES.has(message.type)) {
      this.pin(entry);
    }
    switch (message.type) {
      case 'keepOpen':
        this.keepOpen(entry.ref);
        return;
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
      case 'savedFile':
        if (entry.savedPath !== undefined) {
          await runSavedFileAction(message.action, entry.savedPath);
        }
        return;
      case 'extract':
        await this.extractArchive(entry);
        return;
      case 'openTerminal':
        this.openTerminal(entry);
        return;
      case 'downloadBatch':
        // The batch feature reads the job's batchId and downloads every part (src/batch).
        void vscode.commands.executeCommand(COMMANDS.downloadRestoreBatch, { ...entry.ref });
        return;
      case 'cancelDownload':
        this.cancels.get(entry.key)?.();
        return;
      case 'fix':
        await this.setApiKey(entry);
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

  /** The banner's "Set API Key…": the usual command for this panel's server; a stored key reloads the job. */
  private async setApiKey(entry: PanelEntry): Promise<void> {
    let stored: unknown;
    try {
      stored = await vscode.commands.executeCommand(COMMANDS.setApiKey, { server: entry.ref.server });
    } catch (error) {
      // The command reports its own failures; this only happens when it cannot run at all.
      this.services.log.error(`Could not run Set API Key: ${describeError(error)}`);
      return;
    }
    if (stored === true && !entry.disposed) {
      await this.load(entry);
    }
  }

  private async startDownload(ref: JobRef): Promise<void> {
    try {
      await vscode.commands.executeCommand(COMMANDS.downloadRestoreArchive, copyJobRef(ref));
    } catch (error) {
      // The command reports its own failures; this only happens when it cannot run at all.
      this.services.log.error(`Could not start the download: ${describeError(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not start the download: {0}', errorText(error)));
    }
  }

  /** The webview (re)loaded: give it everything it shows. */
  private resend(entry: PanelEntry): void {
    if (!entry.preview) {
      // Pinned while the page was loading: it may still show the preview bar.
      this.post(entry, { type: 'pinned' });
    }
    if (entry.job) {
      this.postJob(entry);
    }
    this.post(entry, { type: 'loading', loading: entry.inflight !== undefined });
    this.post(entry, this.errorMessage(entry));
    if (entry.downloadState) {
      this.post(entry, entry.downloadState);
    }
    if (entry.downloadState?.state === 'running' && entry.downloadProgress) {
      this.post(entry, entry.downloadProgress);
    }
    this.postArchive(entry);
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
      const job = await this.services.fetchJob(copyJobRef(entry.ref), controller.signal);
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
      entry.failedAt = new Date();
      entry.errorFix = bannerFix(error, entry.ref.server);
      this.services.log.warn(`Restore job ${entry.ref.jobId} could not be fetched: ${describeError(error)}`);
      this.post(entry, this.errorMessage(entry));
      if (!entry.job) {
        // Nothing to show but the failure: the document's placeholder says so.
        entry.panel.webview.html = this.documentFor(entry);
      }
      entry.watch.schedulePoll(entry.job);
    } finally {
      if (!entry.disposed && entry.inflight === undefined) {
        this.post(entry, { type: 'loading', loading: false });
      }
    }
  }

  /** Fetches the job again in the background when what the panel shows was fetched too long ago. */
  private refetchIfOld(entry: PanelEntry): void {
    const fetchedAt = entry.fetchedAt?.getTime() ?? 0;
    if (entry.inflight === undefined && Date.now() - fetchedAt > FRESH_FOR_MS) {
      void this.load(entry);
    }
  }

  private applyJob(entry: PanelEntry, job: RestoreJob, fetchedAt = new Date()): void {
    const previous = entry.job;
    entry.job = job;
    entry.error = undefined;
    entry.errorFix = undefined;
    entry.failedAt = undefined;
    entry.fetchedAt = fetchedAt;
    this.post(entry, { type: 'error' });
    this.postJob(entry);
    this.afterJobChange(entry, previous);
  }

  private errorMessage(entry: PanelEntry): HostMessage {
    if (entry.error === undefined) return { type: 'error' };
    return entry.errorFix === undefined
      ? { type: 'error', message: entry.error }
      : { type: 'error', message: entry.error, fix: entry.errorFix };
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
      this.services.refreshTree(copyJobRef(entry.ref));
      if (isJobInProgress(previous) && !isJobInProgress(job)) {
        void this.notifyFinished(entry, job);
      }
    }
  }

  private async notifyFinished(entry: PanelEntry, job: RestoreJob): Promise<void> {
    const ref = entry.ref;
    // The cluster and created time tell jobs apart; the ID's first digits (its timestamp) often do not.
    const which = this.titleOf(entry);
    if (checkDownloadable(job).ok) {
      const download = vscode.l10n.t('Download');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('The restore job {0} is ready to download.', which),
        download,
      );
      if (choice === download) {
        await this.startDownload(ref);
      }
      return;
    }
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The restore job {0} is no longer in progress: {1}.', which, statusesInWords(job, vscode.l10n)),
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
    entry.panel.title = this.titleOf(entry);
    if (!entry.panel.visible) {
      // A hidden webview is not running; its next load should already show the latest job.
      entry.panel.webview.html = this.documentFor(entry);
      return;
    }
    this.post(entry, message);
  }

  /** The tab's title; the preview panel's says so, since a webview tab cannot be shown in italics. */
  private titleOf(entry: PanelEntry): string {
    const title = panelTitle(entry.ref, entry.clusterName, entry.job, new Date(), vscode.env.language);
    return entry.preview ? vscode.l10n.t('{0} (Preview)', title) : title;
  }

  private post(entry: PanelEntry, message: HostMessage): void {
    if (entry.disposed) {
      return;
    }
    // Rejects or returns false while the webview is not loaded; `ready` re-sends everything then.
    entry.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  // ---- group and cluster names for titles and headers ---------------------------------------------------------

  /** Puts the group's and cluster's names in the title and header once Ops Manager has told them; a failed lookup keeps the ID. */
  private async discoverNames(entry: PanelEntry): Promise<void> {
    const [group, cluster] = await Promise.allSettled([
      entry.groupName === undefined ? this.clusterNames.lookupGroup(entry.ref) : Promise.resolve(undefined),
      entry.clusterName === undefined ? this.clusterNames.lookup(entry.ref) : Promise.resolve(undefined),
    ]);
    for (const result of [group, cluster]) {
      if (result.status === 'rejected') {
        this.services.log.debug(`Name lookup for the panel failed: ${describeError(result.reason)}`);
      }
    }
    if (entry.disposed) return;
    let changed = false;
    if (group.status === 'fulfilled' && group.value !== undefined && entry.groupName === undefined) {
      entry.groupName = group.value;
      changed = true;
    }
    if (cluster.status === 'fulfilled' && cluster.value !== undefined && entry.clusterName === undefined) {
      entry.clusterName = cluster.value;
      entry.panel.title = this.titleOf(entry);
      changed = true;
    }
    if (changed && entry.job) {
      this.postJob(entry);
    }
  }
}
