// What a panel shows, rendered from its entry: the whole document (first load, hidden panels) or a `job`
// message with the header and body HTML (updates of a running webview).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { copyJobRef, watchIntervalSeconds } from '../core';
import { relativeWords, renderDocument } from './document';
import type { RenderContext } from './elements';
import { renderHeader } from './header';
import { isJobInProgress, jobSnapshot } from './jobStatus';
import type { PanelEntry } from './panelEntry';
import type { JobMessage } from './protocol';
import { renderBody } from './sections';

function renderContext(entry: PanelEntry): RenderContext {
  const ctx: RenderContext = {
    ref: entry.ref,
    now: new Date(),
    l10n: vscode.l10n,
    locale: vscode.env.language,
    downloading: entry.downloadState?.state === 'running',
    relativeWords: relativeWords(vscode.l10n),
  };
  if (entry.clusterName !== undefined) ctx.clusterName = entry.clusterName;
  if (entry.groupName !== undefined) ctx.groupName = entry.groupName;
  const last = entry.downloadState?.state;
  if (last === 'verified' || last === 'unverified') ctx.saved = last;
  if (entry.fetchedAt) ctx.fetchedAt = entry.fetchedAt;
  if (entry.job && isJobInProgress(entry.job)) ctx.watchIntervalSeconds = watchIntervalSeconds();
  return ctx;
}

/** The webview's document, with a fresh script nonce; styles and script from the extension's dist and media. */
export function documentFor(entry: PanelEntry, extensionUri: vscode.Uri): string {
  const webview = entry.panel.webview;
  const asUri = (...segments: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  const input = {
    ...renderContext(entry),
    nonce: randomBytes(18).toString('base64'),
    cspSource: webview.cspSource,
    codiconsUri: asUri('dist', 'codicons', 'codicon.css'),
    stylesUri: asUri('media', 'panel.css'),
    scriptUri: asUri('dist', 'webview.js'),
  };
  return renderDocument({
    ...input,
    ...(entry.job ? { job: entry.job } : {}),
    ...(entry.error !== undefined ? { error: entry.error } : {}),
    ...(entry.errorFix !== undefined ? { errorFix: entry.errorFix } : {}),
    preview: entry.preview,
  });
}

/** The update a running webview swaps in; undefined before the job is known. */
export function jobMessage(entry: PanelEntry): JobMessage | undefined {
  if (!entry.job) {
    return undefined;
  }
  const ctx = renderContext(entry);
  return {
    type: 'job',
    ref: copyJobRef(entry.ref),
    headerHtml: renderHeader(entry.job, ctx),
    bodyHtml: renderBody(entry.job, ctx),
    job: jobSnapshot(entry.job, ctx.now),
  };
}
