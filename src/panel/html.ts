// The restore-job panel's HTML, built by pure functions from the job: no `vscode` import, so unit tests run it
// on plain Node. Every value that came from a server goes through `escapeHtml`; the document carries a strict
// CSP (nonce script, no inline style), so the webview script and stylesheet are the only code and style.

import { checkDownloadable, type Downloadability } from '../opsManager/downloadable';
import type { ExtraFields, Link, RestoreJob, RestoreJobDelivery, RestoreJobHash } from '../opsManager/model';
import { formatUtc, relativeTime } from './format';
import type { JobRefData, JobSnapshot } from './protocol';
import { englishL10n, type L10n } from './translate';

/** Ops Manager's "no limit" for `delivery.maxDownloads` (Java's Integer.MAX_VALUE). */
export const UNLIMITED_DOWNLOADS = 2147483647;

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}


// Characters that are invisible or reorder the text around them ("evil\u202Egnp.exe" displays as "evilexe.png"):
// shown as \uXXXX escapes so what the server sent is what the person sees. Line breaks are kept where asked.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;
const INVISIBLE_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/** Escapes text for element content, with invisible and direction-changing characters made visible. */
export function displayText(value: unknown, keepLineBreaks = false): string {
  const revealed = String(value).replace(keepLineBreaks ? INVISIBLE : INVISIBLE_OR_BREAK, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escapeHtml(revealed);
}

export interface RenderContext {
  ref: JobRefData;
  now: Date;
  l10n: L10n;
  /** BCP 47 tag for dates and numbers (VS Code's display language). */
  locale?: string;
  clusterName?: string;
  /** Seconds between polls while the job is watched; undefined when it is not. */
  watchIntervalSeconds?: number;
  /** When the job shown was fetched. */
  fetchedAt?: Date;
  /** A download of this job is running: one at a time, so the button waits. */
  downloading?: boolean;
}

export interface DocumentInput extends Partial<RenderContext> {
  ref: JobRefData;
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

/** "Restore 5f0c1a2b… · Cluster0" */
export function panelTitle(ref: JobRefData, clusterName?: string): string {
  const target = clusterName ?? ref.clusterId ?? ref.hostId ?? ref.groupId;
  return `Restore ${ref.jobId.slice(0, 8)}… · ${target}`;
}

/** Whether a job may still change on its own: the watch polls it while its panel is open. */
export function isJobInProgress(job: RestoreJob): boolean {
  const delivery = job.delivery?.statusName;
  return job.statusName === 'IN_PROGRESS' || delivery === 'NOT_STARTED' || delivery === 'IN_PROGRESS';
}

export function jobSnapshot(job: RestoreJob, now: Date): JobSnapshot {
  const snapshot: JobSnapshot = { id: job.id, downloadable: checkDownloadable(job, now).ok };
  if (job.statusName !== undefined) {
    snapshot.statusName = job.statusName;
  }
  if (job.delivery?.statusName !== undefined) {
    snapshot.deliveryStatusName = job.delivery.statusName;
  }
  return snapshot;
}

/** The whole document: head with CSP and styles, header, download status, error banner, fields, script. */
export function renderDocument(input: DocumentInput): string {
  const ctx: RenderContext = {
    ref: input.ref,
    now: input.now ?? new Date(),
    l10n: input.l10n ?? englishL10n,
    locale: input.locale,
    clusterName: input.clusterName,
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
<title>${displayText(panelTitle(ctx.ref, ctx.clusterName))}</title>
</head>
<body data-ref="${escapeHtml(JSON.stringify(ctx.ref))}" data-locale="${escapeHtml(ctx.locale ?? '')}">
<div class="page">
<div id="job-header">${renderHeader(input.job, ctx)}</div>
<div id="download-status" class="download-status" hidden>
<div class="download-status-row">
<span id="download-icon" class="codicon codicon-cloud-download" aria-hidden="true"></span>
<progress id="download-progress" max="100" aria-label="${escapeHtml(l10n.t('Download progress'))}"></progress>
</div>
<p id="download-text" class="download-text" aria-live="polite"></p>
</div>
<div id="banner" class="banner" role="alert"${input.error === undefined ? ' hidden' : ''}>
<span class="codicon codicon-error" aria-hidden="true"></span>
<span id="banner-text">${displayText(input.error ?? '')}</span>
</div>
<main id="job-body" aria-busy="${input.job ? 'false' : 'true'}">${body}</main>
<div id="live" class="visually-hidden" aria-live="polite"></div>
</div>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

// ---- header --------------------------------------------------------------------------------------------------

/** Title, badges, the Download and Refresh buttons and why Download is disabled. Re-rendered on every update. */
export function renderHeader(job: RestoreJob | undefined, ctx: RenderContext): string {
  const { l10n, ref } = ctx;
  const jobId = job?.id ?? ref.jobId;
  const badges = job
    ? `${statusBadge(job.statusName, 'job', l10n)}${job.delivery ? statusBadge(job.delivery.statusName, 'delivery', l10n) : ''}`
    : '';
  const target = ref.clusterId !== undefined
    ? l10n.t('Cluster {0}', ctx.clusterName ?? ref.clusterId)
    : l10n.t('Config server {0}', ref.hostId ?? '');
  const context = [ref.server, l10n.t('Group {0}', ref.groupId), target]
    .map((part) => `<span>${displayText(part)}</span>`)
    .join('<span class="separator" aria-hidden="true">·</span>');

  const downloadability: Downloadability | undefined = job ? checkDownloadable(job, ctx.now) : undefined;
  const canDownload = downloadability?.ok === true && ctx.downloading !== true;
  const downloadButton = `<button type="button" id="download-button" class="button primary" data-action="download"${canDownload ? '' : ' disabled'} aria-describedby="download-note"><span class="codicon codicon-cloud-download" aria-hidden="true"></span><span>${displayText(l10n.t('Download'))}</span></button>`;
  const refreshButton = `<button type="button" id="refresh-button" class="button secondary" data-action="refresh" aria-label="${escapeHtml(l10n.t('Refresh the restore job'))}"><span class="codicon codicon-refresh" aria-hidden="true"></span><span>${displayText(l10n.t('Refresh'))}</span></button>`;

  return `<header class="job-header">
<div class="title-row">
<h1><span class="codicon codicon-archive" aria-hidden="true"></span><span>${displayText(l10n.t('Restore job'))}</span> <span class="mono">${displayText(jobId)}</span></h1>
<div class="badges">${badges}</div>
</div>
<p class="context">${context}</p>
<div class="toolbar">${downloadButton}${refreshButton}</div>
${ctx.downloading === true ? runningNote(l10n) : downloadNote(downloadability, l10n)}
${metaLine(job, ctx)}
</header>`;
}

function runningNote(l10n: L10n): string {
  return `<p id="download-note" class="note muted" data-downloading="true"><span class="codicon codicon-sync codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('A download of this archive is running.'))}</span></p>`;
}

function downloadNote(downloadability: Downloadability | undefined, l10n: L10n): string {
  if (downloadability === undefined) {
    return `<p id="download-note" class="note muted"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Fetching the restore job…'))}</span></p>`;
  }
  if (!downloadability.ok) {
    const waiting = downloadability.blocker === 'JOB_NOT_FINISHED';
    const icon = waiting ? 'codicon-clock' : 'codicon-circle-slash';
    return `<p id="download-note" class="note ${waiting ? 'muted' : 'blocked'}" data-blocker="${escapeHtml(downloadability.blocker)}"><span class="codicon ${icon}" aria-hidden="true"></span><span>${displayText(downloadability.message)}</span></p>`;
  }
  if (downloadability.lastUse) {
    return `<p id="download-note" class="note warning" data-last-use="true"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${displayText(l10n.t('This link can be used only once: downloading {0} uses it up.', downloadability.fileName))}</span></p>`;
  }
  return `<p id="download-note" class="note ready"><span class="codicon codicon-check" aria-hidden="true"></span><span>${displayText(l10n.t('Ready to download as {0}.', downloadability.fileName))}</span></p>`;
}

function metaLine(job: RestoreJob | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  const parts: string[] = [];
  if (ctx.fetchedAt) {
    parts.push(`<span>${displayText(l10n.t('Updated'))} ${relativeTimeElement(ctx.fetchedAt.toISOString(), ctx)}</span>`);
  }
  if (job && ctx.watchIntervalSeconds !== undefined) {
    parts.push(
      `<span class="watching"><span class="codicon codicon-eye" aria-hidden="true"></span><span>${displayText(l10n.t('Checking every {0} s while the job is in progress', ctx.watchIntervalSeconds))}</span></span>`,
    );
  }
  return parts.length === 0 ? '' : `<p class="meta">${parts.join('<span class="separator" aria-hidden="true">·</span>')}</p>`;
}

// ---- body ----------------------------------------------------------------------------------------------------

/** Every field of the job, grouped in sections, then the raw JSON. */
export function renderBody(job: RestoreJob, ctx: RenderContext): string {
  return [
    summarySection(job, ctx),
    deliverySection(job.delivery, ctx),
    timestampSection(job, ctx),
    hashesSection(job.hashes, ctx),
    linksSection(job.links, ctx),
    otherSection(job, ctx),
    rawSection(job, ctx),
  ].join('\n');
}

function placeholder(kind: 'loading' | 'failed', l10n: L10n): string {
  return kind === 'loading'
    ? `<p class="placeholder"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Loading the restore job…'))}</span></p>`
    : `<p class="placeholder"><span class="codicon codicon-warning" aria-hidden="true"></span><span>${displayText(l10n.t('The restore job could not be loaded. Use Refresh to try again.'))}</span></p>`;
}

function section(id: string, title: string, content: string, icon: string): string {
  return `<section class="card" id="section-${id}" aria-labelledby="heading-${id}">
<h2 id="heading-${id}"><span class="codicon codicon-${icon}" aria-hidden="true"></span><span>${displayText(title)}</span></h2>
${content}
</section>`;
}

/** One `<dt>/<dd>` pair; `name` is the API field name, shown small under the label and used by tests. */
function field(name: string, label: string, valueHtml: string): string {
  return `<div class="field" data-field="${escapeHtml(name)}"><dt><span class="label">${displayText(label)}</span><span class="api-name">${displayText(name)}</span></dt><dd>${valueHtml}</dd></div>`;
}

function absent(reason: string): string {
  return `<span class="absent">${displayText(reason)}</span>`;
}

function copyButton(text: string, label: string, l10n: L10n): string {
  const aria = l10n.t('Copy {0}', label);
  return `<button type="button" class="icon-button" data-action="copy" data-copy="${escapeHtml(text)}" data-label="${escapeHtml(label)}" aria-label="${escapeHtml(aria)}" title="${escapeHtml(aria)}"><span class="codicon codicon-copy" aria-hidden="true"></span></button>`;
}

/** A monospaced value with a copy button. */
function copyable(value: string, label: string, l10n: L10n, className = 'mono'): string {
  return `<span class="value-row"><span class="${className}">${displayText(value)}</span>${copyButton(value, label, l10n)}</span>`;
}

function idField(name: string, label: string, value: string | undefined, whyAbsent: string, l10n: L10n): string {
  return field(name, label, value === undefined ? absent(whyAbsent) : copyable(value, label, l10n));
}

function timeElement(iso: string, l10n: L10n): string {
  const formatted = formatUtc(iso);
  if (formatted === undefined) {
    return `<span class="mono">${displayText(iso)}</span> <span class="absent">${displayText(l10n.t('(not a valid date)'))}</span>`;
  }
  return `<time datetime="${escapeHtml(new Date(Date.parse(iso)).toISOString())}">${displayText(formatted)}</time>`;
}

/** "in 3 hours": rendered now, kept current by the webview script. */
function relativeTimeElement(iso: string, ctx: RenderContext): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return '';
  }
  const date = new Date(time);
  return `<time class="relative" data-relative datetime="${escapeHtml(date.toISOString())}">${displayText(relativeTime(date, ctx.now, ctx.locale))}</time>`;
}

function dateField(name: string, label: string, iso: string | undefined, whyAbsent: string, ctx: RenderContext, withRelative = false): string {
  if (iso === undefined) {
    return field(name, label, absent(whyAbsent));
  }
  const relative = withRelative ? relativeTimeElement(iso, ctx) : '';
  return field(name, label, `${timeElement(iso, ctx.l10n)}${relative === '' ? '' : ` <span class="muted">(${relative})</span>`}`);
}

function yesNo(value: boolean | undefined, yes: string, no: string, whyAbsent: string): string {
  if (value === undefined) {
    return absent(whyAbsent);
  }
  return `<span class="flag ${value ? 'on' : 'off'}"><span class="codicon ${value ? 'codicon-check' : 'codicon-dash'}" aria-hidden="true"></span><span>${displayText(value ? yes : no)}</span></span>`;
}

type BadgeTone = 'success' | 'progress' | 'waiting' | 'warning' | 'error' | 'neutral';

const JOB_TONES: Record<string, [BadgeTone, string]> = {
  FINISHED: ['success', 'pass'],
  IN_PROGRESS: ['progress', 'sync'],
  BROKEN: ['error', 'error'],
  KILLED: ['error', 'circle-slash'],
};
const DELIVERY_TONES: Record<string, [BadgeTone, string]> = {
  READY: ['success', 'cloud-download'],
  NOT_STARTED: ['waiting', 'clock'],
  IN_PROGRESS: ['progress', 'sync'],
  FAILED: ['error', 'error'],
  INTERRUPTED: ['warning', 'debug-disconnect'],
  EXPIRED: ['warning', 'history'],
  MAX_DOWNLOADS_EXCEEDED: ['warning', 'circle-slash'],
};

/** A status as a coloured badge; unknown values are shown as sent, in a neutral badge. */
export function statusBadge(value: string | undefined, kind: 'job' | 'delivery', l10n: L10n): string {
  const label = kind === 'job' ? l10n.t('Job status') : l10n.t('Delivery status');
  if (value === undefined) {
    return `<span class="badge neutral" title="${escapeHtml(label)}"><span class="codicon codicon-question" aria-hidden="true"></span><span>${displayText(l10n.t('unknown'))}</span></span>`;
  }
  const tones = kind === 'job' ? JOB_TONES : DELIVERY_TONES;
  const known = Object.prototype.hasOwnProperty.call(tones, value) ? tones[value] : undefined;
  const [tone, icon] = known ?? ['neutral', 'question'];
  const title = known ? label : l10n.t('{0}: a value this extension does not know, shown as sent', label);
  const spin = icon === 'sync' ? ' codicon-modifier-spin' : '';
  return `<span class="badge ${tone}" data-status="${escapeHtml(value)}" title="${escapeHtml(title)}" aria-label="${escapeHtml(`${label}: ${value}`)}"><span class="codicon codicon-${icon}${spin}" aria-hidden="true"></span><span>${displayText(value)}</span></span>`;
}

function summarySection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const encryption = job.encryptionEnabled;
  const masterKeyWhy =
    encryption === true
      ? l10n.t('Not sent, although encryption is enabled.')
      : l10n.t('Only present when the snapshot data is encrypted (encryptionEnabled is true).');
  const fields = [
    field('statusName', l10n.t('Status'), job.statusName === undefined ? absent(l10n.t('Ops Manager did not send a job status.')) : statusBadge(job.statusName, 'job', l10n)),
    dateField('created', l10n.t('Created'), job.created, l10n.t('Ops Manager did not send when the job was requested.'), ctx, true),
    idField('snapshotId', l10n.t('Snapshot ID'), job.snapshotId, l10n.t('Ops Manager did not send a snapshot ID.'), l10n),
    field('pointInTime', l10n.t('Point in time'), yesNo(job.pointInTime, l10n.t('Yes: a point-in-time restore'), l10n.t('No: a snapshot restore'), l10n.t('Ops Manager did not say.'))),
    field('encryptionEnabled', l10n.t('Encryption'), yesNo(encryption, l10n.t('Encrypted'), l10n.t('Not encrypted'), l10n.t('Ops Manager did not say.'))),
    idField('masterKeyUUID', l10n.t('KMIP master key'), job.masterKeyUUID, masterKeyWhy, l10n),
    idField('id', l10n.t('Job ID'), job.id, '', l10n),
    idField('groupId', l10n.t('Group ID'), job.groupId, l10n.t('Ops Manager did not send the group ID.'), l10n),
    idField('clusterId', l10n.t('Cluster ID'), job.clusterId, l10n.t('Only present for a restore of a cluster.'), l10n),
    idField('hostId', l10n.t('Config server host ID'), job.hostId, l10n.t('Only present for a restore of a mirrored config server (SCCC).'), l10n),
    idField('batchId', l10n.t('Batch ID'), job.batchId, l10n.t('Only present for a restore of a sharded cluster.'), l10n),
  ];
  return section('summary', l10n.t('Summary'), `<dl class="fields">${fields.join('')}</dl>`, 'info');
}

function deliverySection(delivery: RestoreJobDelivery | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (delivery === undefined) {
    return section('delivery', l10n.t('Delivery'), `<p>${absent(l10n.t('Ops Manager sent no delivery details for this job.'))}</p>`, 'package');
  }
  const http = delivery.methodName === 'HTTP';
  const httpOnly = l10n.t('Only present if the delivery method is HTTP.');
  const whyNoUrl = http ? l10n.t('Present once the archive is ready to download.') : httpOnly;
  const whyNoHttpField = http ? l10n.t('Not sent yet; Ops Manager fills it in when the archive is ready.') : httpOnly;
  const fields = [
    field('delivery.methodName', l10n.t('Method'), delivery.methodName === undefined ? absent(l10n.t('Ops Manager did not send a delivery method.')) : `<span class="mono">${displayText(delivery.methodName)}</span>`),
    field('delivery.statusName', l10n.t('Status'), delivery.statusName === undefined ? absent(l10n.t('Ops Manager did not send a delivery status.')) : statusBadge(delivery.statusName, 'delivery', l10n)),
    field('delivery.url', l10n.t('Download URL'), delivery.url === undefined ? absent(whyNoUrl) : copyable(delivery.url, l10n.t('Download URL'), l10n, 'mono url')),
    dateField('delivery.expires', l10n.t('Expires'), delivery.expires, whyNoHttpField, ctx, true),
    field('delivery.expirationHours', l10n.t('Link valid for'), delivery.expirationHours === undefined ? absent(httpOnly) : displayText(l10n.t('{0} hours after the job completes', delivery.expirationHours))),
    field('delivery.maxDownloads', l10n.t('Downloads allowed'), maxDownloads(delivery.maxDownloads, httpOnly, l10n)),
  ];
  // Fields that only some servers or methods send: shown when present, never explained when absent.
  if (delivery.urlV2 !== undefined) {
    fields.push(field('delivery.urlV2', l10n.t('Download URL (v2)'), copyable(delivery.urlV2, l10n.t('Download URL (v2)'), l10n, 'mono url')));
  }
  if (delivery.authHeader !== undefined || delivery.authBearer !== undefined || delivery.authValue !== undefined) {
    const header = `${delivery.authHeader ?? 'Authorization'}: ${delivery.authBearer ?? 'Bearer'} `;
    const token = delivery.authValue === undefined ? l10n.t('(no token)') : l10n.t('•••••• (token hidden)');
    fields.push(field('delivery.authHeader', l10n.t('Download header'), `<span class="mono">${displayText(header)}</span><span class="muted">${displayText(token)}</span>`));
  }
  const optional: Array<[keyof RestoreJobDelivery, string]> = [
    ['targetGroupId', l10n.t('Target group ID')],
    ['targetClusterId', l10n.t('Target cluster ID')],
    ['formatName', l10n.t('Format')],
    ['hostname', l10n.t('SCP host')],
    ['port', l10n.t('SCP port')],
    ['targetDirectory', l10n.t('Target directory')],
  ];
  for (const [key, label] of optional) {
    const value = delivery[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number')) {
      fields.push(field(`delivery.${key}`, label, typeof value === 'string' && key.endsWith('Id') ? copyable(value, label, l10n) : `<span class="mono">${displayText(value)}</span>`));
    }
  }
  return section('delivery', l10n.t('Delivery'), `<dl class="fields">${fields.join('')}</dl>`, 'package');
}

function maxDownloads(value: number | undefined, whyAbsent: string, l10n: L10n): string {
  if (value === undefined) {
    return absent(whyAbsent);
  }
  if (value === UNLIMITED_DOWNLOADS) {
    return `<span>${displayText(l10n.t('unlimited'))}</span> <span class="muted mono">(${UNLIMITED_DOWNLOADS})</span>`;
  }
  return `<span class="mono">${displayText(value)}</span>`;
}

function timestampSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const timestamp = job.timestamp;
  if (timestamp === undefined) {
    return section('timestamp', l10n.t('Snapshot timestamp'), `<p>${absent(l10n.t('Ops Manager did not send the timestamp of the latest oplog entry in the snapshot.'))}</p>`, 'clock');
  }
  const fields = [
    dateField('timestamp.date', l10n.t('Latest oplog entry'), timestamp.date, l10n.t('Ops Manager did not send the date.'), ctx),
    field('timestamp.increment', l10n.t('Increment'), timestamp.increment === undefined ? absent(l10n.t('Ops Manager did not send the increment.')) : `<span class="mono">${displayText(timestamp.increment)}</span>`),
  ];
  return section('timestamp', l10n.t('Snapshot timestamp'), `<dl class="fields">${fields.join('')}</dl>`, 'clock');
}

function hashesSection(hashes: RestoreJobHash[] | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (hashes === undefined || hashes.length === 0) {
    return section('hashes', l10n.t('Hashes'), `<p>${absent(l10n.t('Present only after the archive has been downloaded: Ops Manager then lists the SHA-1 of the .tar.gz file.'))}</p>`, 'shield');
  }
  const rows = hashes.map((hash) => {
    const algorithm = hash.typeName === undefined ? absent(l10n.t('not sent')) : `<span class="mono">${displayText(hash.typeName)}</span>`;
    return `<tr><td>${hash.fileName === undefined ? absent(l10n.t('not sent')) : `<span class="mono">${displayText(hash.fileName)}</span>`}</td><td>${algorithm}</td><td>${hash.hash === undefined ? absent(l10n.t('not sent')) : copyable(hash.hash, l10n.t('Hash'), l10n, 'mono hash')}</td></tr>`;
  });
  return section(
    'hashes',
    l10n.t('Hashes'),
    `<table class="grid"><thead><tr><th scope="col">${displayText(l10n.t('File'))}<span class="api-name">fileName</span></th><th scope="col">${displayText(l10n.t('Algorithm'))}<span class="api-name">typeName</span></th><th scope="col">${displayText(l10n.t('Hash'))}<span class="api-name">hash</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'shield',
  );
}

/** True only for absolute http and https URLs: the only hrefs the panel makes clickable. */
export function isWebUrl(href: string): boolean {
  if (href !== href.trim() || /[\u0000-\u001f\u007f]/u.test(href)) {
    return false;
  }
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function linksSection(links: Link[] | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (links === undefined || links.length === 0) {
    return section('links', l10n.t('Links'), `<p>${absent(l10n.t('Ops Manager sent no links for this job.'))}</p>`, 'link');
  }
  const rows = links.map((link) => {
    const rel = link.rel === undefined ? absent(l10n.t('not sent')) : `<span class="mono">${displayText(link.rel)}</span>`;
    let href: string;
    if (link.href === undefined) {
      href = absent(l10n.t('not sent'));
    } else if (isWebUrl(link.href)) {
      href = `<a class="mono url" href="${escapeHtml(link.href)}">${displayText(link.href)}</a>`;
    } else {
      href = `<span class="mono url">${displayText(link.href)}</span> <span class="muted">${displayText(l10n.t('(not an http or https link)'))}</span>`;
    }
    return `<tr><td>${rel}</td><td>${href}</td></tr>`;
  });
  return section(
    'links',
    l10n.t('Links'),
    `<table class="grid kv"><thead><tr><th scope="col">${displayText(l10n.t('Relation'))}<span class="api-name">rel</span></th><th scope="col">${displayText(l10n.t('Address'))}<span class="api-name">href</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'link',
  );
}

/** Every field the parser did not recognise, with its path in the JSON. */
export function unknownFields(job: RestoreJob): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const add = (prefix: string, extra: ExtraFields | undefined): void => {
    for (const [key, value] of Object.entries(extra ?? {})) {
      out.push([`${prefix}${key}`, value]);
    }
  };
  add('', job.extra);
  add('delivery.', job.delivery?.extra);
  add('timestamp.', job.timestamp?.extra);
  job.hashes?.forEach((hash, index) => add(`hashes[${index}].`, hash.extra));
  job.links?.forEach((link, index) => add(`links[${index}].`, link.extra));
  return out;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function otherSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const entries = unknownFields(job);
  if (entries.length === 0) {
    return section('other', l10n.t('Other fields'), `<p class="muted">${displayText(l10n.t('None: every field Ops Manager sent is shown above.'))}</p>`, 'symbol-field');
  }
  const rows = entries.map(
    ([path, value]) => `<tr data-field="${escapeHtml(path)}"><td><span class="mono">${displayText(path)}</span></td><td><pre class="json inline">${displayText(jsonText(value), true)}</pre></td></tr>`,
  );
  return section(
    'other',
    l10n.t('Other fields'),
    `<p class="muted">${displayText(l10n.t('Fields this extension does not know yet, exactly as Ops Manager sent them.'))}</p><table class="grid kv"><thead><tr><th scope="col">${displayText(l10n.t('Field'))}</th><th scope="col">${displayText(l10n.t('Value'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'symbol-field',
  );
}

/** The raw object with the download token masked: it grants the download and must not be shown or copied. */
export function maskedRaw(raw: Record<string, unknown>): Record<string, unknown> {
  const delivery = raw.delivery;
  if (typeof delivery !== 'object' || delivery === null || Array.isArray(delivery) || !('authValue' in delivery)) {
    return raw;
  }
  return { ...raw, delivery: { ...delivery, authValue: '(hidden)' } };
}

function rawSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const text = jsonText(maskedRaw(job.raw));
  return `<details class="card raw" id="section-raw">
<summary><span class="codicon codicon-json" aria-hidden="true"></span><span>${displayText(l10n.t('Raw JSON'))}</span></summary>
<div class="raw-actions">${copyButton(text, l10n.t('Raw JSON'), l10n)}</div>
<pre class="json"><code>${displayText(text, true)}</code></pre>
</details>`;
}
