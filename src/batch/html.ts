// The batch panel's HTML, built by pure functions (vscode is imported for its types only, so unit tests run this on
// plain Node): every part with its name, role, job ID, status, link expiry, downloads left and hash, the batch's
// status, and the Download All button. Every value that came from a server is escaped; the document carries a
// strict CSP (nonce script, no inline style).
import type * as vscode from 'vscode';
import { type BatchPart, expectedSha1FromJob, MAX_DOWNLOADS_LIMIT, type RestoreBatch } from '../opsManager/api';
import type { PartStatus } from '../opsManager/download';
import { blockerText } from '../core/errorText';
import type { BatchRef } from './protocol';
import { displayText } from '../core/escape';

type L10n = Pick<typeof vscode.l10n, 't'>;

export interface PartDownloadView {
  status: PartStatus;
  sha1?: string;
  error?: string;
}

export interface BatchDownloadView {
  state: 'running' | 'complete' | 'cancelled' | 'incomplete';
  folder?: string;
  /** The progress line, already worded. */
  line?: string;
  percent?: number;
  parts: Record<string, PartDownloadView>;
}

export interface BatchPanelInput {
  ref: BatchRef;
  clusterName: string;
  batch?: RestoreBatch;
  /** Shown instead of the parts when the batch could not be read. */
  error?: string;
  download?: BatchDownloadView;
  now: Date;
  locale?: string;
}

export interface BatchDocumentInput extends BatchPanelInput {
  nonce: string;
  cspSource: string;
  scriptUri: string;
  stylesUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join(
    '; ',
  );
}

export function batchPanelTitle(clusterName: string, l10n: L10n): string {
  return l10n.t('Sharded restore · {0}', clusterName);
}

export function renderBatchDocument(input: BatchDocumentInput, l10n: L10n): string {
  const nonce = displayText(input.nonce);
  return `<!DOCTYPE html>
<html lang="${displayText(input.locale ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${displayText(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${displayText(input.stylesUri)}">
<title>${displayText(batchPanelTitle(input.clusterName, l10n))}</title>
</head>
<body>
<main id="batch" class="page">${renderBatchBody(input, l10n)}</main>
<script nonce="${nonce}" src="${displayText(input.scriptUri)}"></script>
</body>
</html>`;
}

/** The part of the page the host re-sends on every change. */
export function renderBatchBody(input: BatchPanelInput, l10n: L10n): string {
  const { batch, download } = input;
  const running = download?.state === 'running';
  const heading = `<h1>${displayText(batchPanelTitle(input.clusterName, l10n))}</h1>
<p class="muted">${displayText(l10n.t('Batch ID'))} <code>${displayText(input.ref.batchId)}</code></p>`;
  if (batch === undefined) {
    const text = input.error ?? l10n.t('Loading the parts of this sharded restore…');
    return `${heading}<p class="${input.error === undefined ? 'muted' : 'error'}" role="status">${displayText(text)}</p>
<div class="actions"><button type="button" data-action="refresh">${displayText(l10n.t('Refresh'))}</button></div>`;
  }
  const canDownload = batch.status !== 'unavailable' && !running;
  const retry =
    download !== undefined && (download.state === 'incomplete' || download.state === 'cancelled')
      ? `<button type="button" data-action="retryFailed">${displayText(l10n.t('Retry Failed Parts'))}</button>`
      : '';
  const actions = `<div class="actions">
<button type="button" class="primary" data-action="downloadAll"${canDownload ? '' : ' disabled'}>${displayText(l10n.t('Download All'))}</button>
${retry}<button type="button" data-action="refresh"${running ? ' disabled' : ''}>${displayText(l10n.t('Refresh'))}</button>
</div>`;
  const summary = `<dl class="summary">
<dt>${displayText(l10n.t('Status'))}</dt><dd id="batch-status" class="status-${displayText(batch.status)}">${displayText(batchStatusText(batch, l10n))}</dd>
<dt>${displayText(l10n.t('Snapshot'))}</dt><dd>${displayText(formatDate(batch.snapshotTime, input.locale) ?? l10n.t('unknown'))}${batch.pointInTime ? ` · ${displayText(l10n.t('point in time'))}` : ''}</dd>
<dt>${displayText(l10n.t('Created'))}</dt><dd>${displayText(formatDate(batch.created, input.locale) ?? l10n.t('unknown'))}</dd>
</dl>`;
  return `${heading}${summary}${renderDownload(download, l10n)}${actions}${renderParts(batch, download, input, l10n)}`;
}

export function batchStatusText(batch: RestoreBatch, l10n: L10n): string {
  const total = batch.parts.length;
  switch (batch.status) {
    case 'ready':
      return l10n.t('{0} parts · ready', total);
    case 'partly-ready':
      return l10n.t('{0} parts · {1} of {0} ready', total, batch.readyCount);
    case 'preparing':
      return l10n.t('{0} parts · being prepared', total);
    case 'unavailable': {
      const lost = batch.parts.filter((p) => p.state === 'unavailable').length;
      return l10n.t('{0} parts · {1} cannot be downloaded', total, lost);
    }
  }
}

function renderDownload(download: BatchDownloadView | undefined, l10n: L10n): string {
  if (download === undefined) return '';
  const words: Record<BatchDownloadView['state'], string> = {
    running: l10n.t('Downloading…'),
    complete: l10n.t('Every part verified; manifest written.'),
    cancelled: l10n.t('Cancelled: verified parts were kept, unfinished parts removed. No manifest.'),
    incomplete: l10n.t('Some parts failed: verified parts were kept. No manifest.'),
  };
  const percent =
    download.percent === undefined ? '' : ` value="${Math.floor(Math.max(0, Math.min(100, download.percent)))}"`;
  return `<section class="download download-${download.state}" aria-live="polite">
<p id="download-state">${displayText(words[download.state])}</p>
${download.state === 'running' ? `<progress max="100"${percent} aria-label="${displayText(l10n.t('Download progress'))}"></progress>` : ''}
${download.line === undefined ? '' : `<p id="download-line" class="muted">${displayText(download.line)}</p>`}
${download.folder === undefined ? '' : `<p>${displayText(l10n.t('Folder'))}: <code>${displayText(download.folder)}</code></p>`}
</section>`;
}

function renderParts(
  batch: RestoreBatch,
  download: BatchDownloadView | undefined,
  input: BatchPanelInput,
  l10n: L10n,
): string {
  const header = [
    l10n.t('Part'),
    l10n.t('Role'),
    l10n.t('Job ID'),
    l10n.t('Status'),
    l10n.t('Link expires'),
    l10n.t('Downloads left'),
    l10n.t('SHA-1'),
  ]
    .map((h) => `<th scope="col">${displayText(h)}</th>`)
    .join('');
  const rows = batch.parts.map((part) => renderPart(part, download?.parts[part.job.id], input, l10n)).join('\n');
  return `<table class="parts"><thead><tr>${header}</tr></thead><tbody>
${rows}
</tbody></table>`;
}

function renderPart(
  part: BatchPart,
  download: PartDownloadView | undefined,
  input: BatchPanelInput,
  l10n: L10n,
): string {
  const job = part.job;
  const delivery = job.delivery;
  const hash = download?.sha1 ?? expectedSha1FromJob(job);
  const left =
    delivery?.maxDownloads === undefined
      ? l10n.t('unknown')
      : delivery.maxDownloads >= MAX_DOWNLOADS_LIMIT
        ? l10n.t('unlimited')
        : String(delivery.maxDownloads);
  const status = [partStateText(part, l10n)];
  if (download !== undefined) status.push(downloadStatusText(download.status, l10n));
  const reason =
    download?.error ??
    (part.state === 'unavailable' && part.blocker !== undefined ? blockerText(part.blocker, l10n) : undefined);
  return `<tr data-job-id="${displayText(job.id)}" class="part part-${displayText(download?.status ?? part.state)}">
<td><button type="button" class="link" data-action="openPart" data-job-id="${displayText(job.id)}">${displayText(part.name)}</button>${nameSourceNote(part, l10n)}</td>
<td>${displayText(roleText(part, l10n))}</td>
<td><code>${displayText(job.id)}</code></td>
<td class="part-status">${displayText(status.join(' · '))}${reason === undefined ? '' : `<div class="error">${displayText(reason)}</div>`}</td>
<td>${displayText(formatDate(delivery?.expires, input.locale) ?? '—')}</td>
<td>${displayText(left)}</td>
<td><code class="hash">${displayText(hash ?? '—')}</code></td>
</tr>`;
}

function nameSourceNote(part: BatchPart, l10n: L10n): string {
  const note =
    part.nameSource === 'cluster-name'
      ? l10n.t('named from the job’s clusterName')
      : part.nameSource === 'file-name'
        ? l10n.t('named from its archive file name')
        : part.nameSource === 'job-id'
          ? l10n.t('no shard name known')
          : undefined;
  return note === undefined ? '' : `<div class="muted note">${displayText(note)}</div>`;
}

export function roleText(part: Pick<BatchPart, 'role'>, l10n: L10n): string {
  return part.role === 'config'
    ? l10n.t('Config server')
    : part.role === 'shard'
      ? l10n.t('Shard')
      : l10n.t('Unknown role');
}

export function partStateText(part: BatchPart, l10n: L10n): string {
  switch (part.state) {
    case 'ready':
      return l10n.t('Ready');
    case 'preparing':
      return l10n.t('Being prepared');
    case 'unavailable':
      return part.job.delivery?.statusName ?? part.job.statusName ?? l10n.t('Not available');
  }
}

export function downloadStatusText(status: PartStatus, l10n: L10n): string {
  switch (status) {
    case 'queued':
      return l10n.t('queued');
    case 'waiting':
      return l10n.t('waiting until ready');
    case 'downloading':
      return l10n.t('downloading');
    case 'verified':
      return l10n.t('saved, SHA-1 verified');
    case 'unverified':
      return l10n.t('saved, not verified');
    case 'failed':
      return l10n.t('failed');
    case 'cancelled':
      return l10n.t('cancelled');
  }
}

function formatDate(iso: string | undefined, locale: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale ?? 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
      .format(date)
      .concat(' UTC');
  } catch {
    return date.toISOString();
  }
}
