// The panel's whole HTML document, built by pure functions from the job: `vscode` is imported for its types only,
// so unit tests run it on plain Node. Every value that came from a server goes through `escapeHtml`/`displayText`; the document
// carries a strict CSP (nonce script, no inline style), so the webview script and stylesheet are the only code
// and style. The header (header.ts) and the body (sections.ts) are re-sent on their own with every update.
// Screen readers hear one polite live region (#live): the download's start, its quarters and its end, once each;
// the progress line (#download-text) changes silently every 250 ms.

import type * as vscode from 'vscode';
import type { JobRef } from '../core';
import type { RestoreJob } from '../opsManager/api';
import { shortDateTime } from '../opsManager/common';
import type { RenderContext } from './elements';
import type { BannerFix } from './protocol';
import { displayText, escapeHtml, plainText } from '../core/escape';
import { renderHeader } from './header';
import { renderPreviewBar } from './previewBar';
import { renderBody } from './sections';
import { englishL10n } from './translate';
import { relativeWords } from './relativeWords';

export { relativeWords } from './relativeWords';

export interface DocumentInput extends Partial<RenderContext> {
  ref: JobRef;
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  codiconsUri: string;
  stylesUri: string;
  scriptUri: string;
  /** Undefined while the job is being fetched (or could not be). */
  job?: RestoreJob;
  /** Shown in the error banner. */
  error?: string;
  /** Shows the banner's fix button. */
  errorFix?: BannerFix;
  /** The preview panel: shows the preview bar with "Keep Open" (previewBar.ts). */
  preview?: boolean;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * "rs-orders · 26 Nov, 18:33:05": the cluster and the job's created time, which tell jobs apart (an ObjectId's
 * first hex digits are its timestamp, the same for jobs made close together). Before the job is loaded, the end of
 * its ID, which differs between such jobs. The full ID is in the panel's header.
 */
export function panelTitle(
  ref: JobRef,
  clusterName?: string,
  job?: { created?: string },
  now: Date = new Date(),
  locale?: string,
): string {
  // A tab title, and the start of the notifications about the job: the server's name on one short line.
  const target = plainText(clusterName ?? ref.clusterId ?? ref.hostId ?? ref.groupId, 60);
  const created = shortDateTime(job?.created, now, locale);
  return `${target} · ${created ?? `…${ref.jobId.slice(-6)}`}`;
}

/** Reveal, Open Folder and Copy Path for the file a download saved; shown by the script once there is one. */
function savedFileButtons(l10n: typeof vscode.l10n): string {
  const button = (action: string, icon: string, label: string): string =>
    `<button type="button" class="button secondary" data-action="savedFile" data-saved-action="${action}" aria-label="${escapeHtml(label)}"><span class="codicon codicon-${icon}" aria-hidden="true"></span><span>${displayText(label)}</span></button>`;
  return [
    button('reveal', 'go-to-file', l10n.t('Reveal')),
    button('openFolder', 'folder-opened', l10n.t('Open Folder')),
    button('copyPath', 'copy', l10n.t('Copy Path')),
  ].join('');
}

/** The whole document: head with CSP and styles, header, download status, error banner, fields, script. */
export function renderDocument(input: DocumentInput): string {
  const ctx: RenderContext = {
    ref: input.ref,
    now: input.now ?? new Date(),
    l10n: input.l10n ?? englishL10n,
    locale: input.locale,
    clusterName: input.clusterName,
    groupName: input.groupName,
    relativeWords: input.relativeWords ?? relativeWords(input.l10n ?? englishL10n),
    saved: input.saved,
    watchIntervalSeconds: input.watchIntervalSeconds,
    fetchedAt: input.fetchedAt,
    downloading: input.downloading,
  };
  const { l10n } = ctx;
  const nonce = escapeHtml(input.nonce);
  const body = input.job
    ? renderBody(input.job, ctx)
    : placeholder(input.error === undefined ? 'loading' : 'failed', l10n);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(ctx.locale ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.codiconsUri)}">
<link rel="stylesheet" href="${escapeHtml(input.stylesUri)}">
<title>${displayText(panelTitle(ctx.ref, ctx.clusterName, input.job, ctx.now, ctx.locale))}</title>
</head>
<body data-ref="${escapeHtml(JSON.stringify(ctx.ref))}" data-locale="${escapeHtml(ctx.locale ?? '')}" data-relative-words="${escapeHtml(JSON.stringify(ctx.relativeWords))}">
<div class="page">
${input.preview === true ? renderPreviewBar(l10n) : ''}
<div id="job-header">${renderHeader(input.job, ctx)}</div>
<div id="download-status" class="download-status" tabindex="-1" role="group" aria-label="${escapeHtml(l10n.t('Download'))}" hidden>
<div class="download-status-row">
<span id="download-icon" class="codicon codicon-cloud-download" aria-hidden="true"></span>
<progress id="download-progress" max="100" aria-label="${escapeHtml(l10n.t('Download progress'))}"></progress>
<button type="button" id="download-cancel" class="button secondary" data-action="cancel-download" hidden><span class="codicon codicon-close" aria-hidden="true"></span><span>${displayText(l10n.t('Cancel Download'))}</span></button>
</div>
<p id="download-text" class="download-text"></p>
<div id="saved-actions" class="toolbar" hidden>${savedFileButtons(l10n)}</div>
</div>
<div id="archive-section" class="archive-section" hidden></div>
<div id="banner" class="banner" role="alert"${input.error === undefined ? ' hidden' : ''}>
<span class="codicon codicon-error" aria-hidden="true"></span>
<span id="banner-text">${displayText(input.error ?? '')}</span>
<button type="button" id="banner-fix" class="button secondary banner-button" data-action="fix" data-fix="setApiKey" aria-label="${escapeHtml(l10n.t('Set API Key…'))}"${input.error !== undefined && input.errorFix === 'setApiKey' ? '' : ' hidden'}><span class="codicon codicon-key" aria-hidden="true"></span><span>${displayText(l10n.t('Set API Key…'))}</span></button>
</div>
<main id="job-body" aria-busy="${input.job ? 'false' : 'true'}">${body}</main>
<div id="live" class="visually-hidden" aria-live="polite"></div>
</div>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

function placeholder(kind: 'loading' | 'failed', l10n: typeof vscode.l10n): string {
  return kind === 'loading'
    ? `<p class="placeholder"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Loading the restore job…'))}</span></p>`
    : `<p class="placeholder"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${displayText(l10n.t('The restore job could not be loaded. Use Refresh to try again.'))}</span></p>`;
}
