// The batch panels: one webview per sharded restore, showing every part and the download of the whole batch. The
// host owns the data and renders escaped HTML (html.ts); the script swaps it in and sends clicks back
// (protocol.ts). Webviews are not retained when hidden, so the page is re-sent when the script says `ready`.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { COMMANDS, describeError, type Services } from '../core';
import { isCancellation } from '../opsManager/common';
import { batchKey } from './args';
import { type BatchDownloadView, batchPanelTitle, renderBatchBody, renderBatchDocument } from './html';
import { loadBatch, type LoadedBatch } from './load';
import { type BatchRef, type HostMessage, parseWebviewMessage } from './protocol';

export const BATCH_VIEW_TYPE = 'opsManager.restoreBatch';

interface Entry {
  ref: BatchRef;
  panel: vscode.WebviewPanel;
  loaded?: LoadedBatch;
  error?: string;
  download?: BatchDownloadView;
  loading?: AbortController;
}

export class BatchPanels implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: Services,
  ) {}

  /** Opens (or focuses) the batch's panel; loads the batch unless it is given. */
  show(ref: BatchRef, loaded?: LoadedBatch): vscode.WebviewPanel {
    const key = batchKey(ref);
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.panel.reveal();
      if (loaded !== undefined) this.update(ref, loaded);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      BATCH_VIEW_TYPE,
      batchPanelTitle(loaded?.clusterName ?? ref.clusterId, vscode.l10n),
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [
          vscode.Uri.joinPath(this.extensionUri, 'dist'),
          vscode.Uri.joinPath(this.extensionUri, 'media'),
        ],
      },
    );
    const entry: Entry = { ref, panel, loaded };
    this.entries.set(key, entry);
    panel.onDidDispose(() => {
      entry.loading?.abort();
      this.entries.delete(key);
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(entry, raw));
    panel.webview.html = this.document(entry);
    if (loaded === undefined) void this.reload(entry);
    return panel;
  }

  /** New data for an open panel (a no-op when the batch has no panel). */
  update(ref: BatchRef, loaded: LoadedBatch): void {
    const entry = this.entries.get(batchKey(ref));
    if (entry === undefined) return;
    entry.loaded = loaded;
    entry.error = undefined;
    entry.panel.title = batchPanelTitle(loaded.clusterName, vscode.l10n);
    this.post(entry);
  }

  /** The download's state for an open panel. */
  setDownload(ref: BatchRef, view: BatchDownloadView | undefined): void {
    const entry = this.entries.get(batchKey(ref));
    if (entry === undefined) return;
    entry.download = view;
    this.post(entry);
  }

  /** What a panel shows, for tests. */
  snapshot(ref: BatchRef): { loaded?: LoadedBatch; download?: BatchDownloadView; error?: string } | undefined {
    const entry = this.entries.get(batchKey(ref));
    return entry && { loaded: entry.loaded, download: entry.download, error: entry.error };
  }

  dispose(): void {
    for (const entry of [...this.entries.values()]) entry.panel.dispose();
  }

  private async reload(entry: Entry): Promise<void> {
    entry.loading?.abort();
    const abort = new AbortController();
    entry.loading = abort;
    try {
      const loaded = await loadBatch(this.services, entry.ref, abort.signal);
      if (entry.loading !== abort) return;
      this.update(entry.ref, loaded);
    } catch (error) {
      if (isCancellation(error) || entry.loading !== abort) return;
      this.services.log.warn(`Batch ${entry.ref.batchId}: ${describeError(error)}`);
      entry.error = error instanceof Error ? error.message : String(error);
      this.post(entry);
    } finally {
      if (entry.loading === abort) entry.loading = undefined;
    }
  }

  private onMessage(entry: Entry, raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (message === undefined) {
      this.services.log.debug(`Batch panel: ignored a malformed message`);
      return;
    }
    const { ref } = entry;
    switch (message.type) {
      case 'ready':
        this.post(entry);
        break;
      case 'refresh':
        void this.reload(entry);
        break;
      case 'downloadAll':
        void vscode.commands.executeCommand(COMMANDS.downloadRestoreBatch, { ...ref });
        break;
      case 'retryFailed':
        void vscode.commands.executeCommand(COMMANDS.downloadRestoreBatch, { ...ref, retry: true });
        break;
      case 'openPart':
        if (entry.loaded?.batch.parts.some((p) => p.job.id === message.jobId)) {
          void vscode.commands.executeCommand(COMMANDS.openRestoreJob, {
            server: ref.server,
            groupId: ref.groupId,
            clusterId: ref.clusterId,
            jobId: message.jobId,
          });
        }
        break;
    }
  }

  private post(entry: Entry): void {
    const message: HostMessage = { type: 'render', html: renderBatchBody(this.input(entry), vscode.l10n) };
    void entry.panel.webview.postMessage(message);
  }

  private input(entry: Entry) {
    return {
      ref: entry.ref,
      clusterName: entry.loaded?.clusterName ?? entry.ref.clusterId,
      batch: entry.loaded?.batch,
      error: entry.error,
      download: entry.download,
      now: new Date(),
      locale: vscode.env.language,
    };
  }

  private document(entry: Entry): string {
    const webview = entry.panel.webview;
    return renderBatchDocument(
      {
        ...this.input(entry),
        nonce: crypto.randomBytes(16).toString('base64'),
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'batchWebview.js')).toString(),
        stylesUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'batch.css')).toString(),
      },
      vscode.l10n,
    );
  }
}
