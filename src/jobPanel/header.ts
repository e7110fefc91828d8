// The panel's header: job ID and status badges, where the job lives (names, IDs on hover), then the first screen:
// what the user can do now, when the link expires, the downloads left, the Download and Refresh buttons and why
// Download is disabled (or what it will use up), and when the job was fetched. Re-rendered on every update.

import { blockerText } from '../core/errorText';
import type { StatusTone } from '../core/jobStatus';
import type * as vscode from 'vscode';
import { checkDownloadable, type Downloadability, type RestoreJob } from '../opsManager/api';
import { dateTimeHtml, type RenderContext, SEPARATOR, statusBadge } from './elements';
import { displayText, escapeHtml } from '../core/escape';
import { firstScreen, type FirstScreen } from './summary';
import { downloadsLeftText, nextStepText, savedUsedUpNote, waitNote } from './summaryText';

const TONE_ICONS: Record<StatusTone, string> = {
  success: 'pass-filled',
  progress: 'sync',
  waiting: 'clock',
  warning: 'warning',
  error: 'error',
  neutral: 'info',
};

/** Title, badges, the first screen with the Download and Refresh buttons. Re-rendered on every update. */
export function renderHeader(job: RestoreJob | undefined, ctx: RenderContext): string {
  const { l10n, ref } = ctx;
  const jobId = job?.id ?? ref.jobId;
  const badges = job
    ? `${statusBadge(job.statusName, 'job', l10n, true)}${job.delivery ? statusBadge(job.delivery.statusName, 'delivery', l10n, true) : ''}`
    : '';

  const downloadability: Downloadability | undefined = job ? checkDownloadable(job, ctx.now) : undefined;
  const canDownload = downloadability?.ok === true && ctx.downloading !== true;
  const downloadButton = `<button type="button" id="download-button" class="button primary" data-action="download"${canDownload ? '' : ' disabled'} aria-describedby="download-note"><span class="codicon codicon-cloud-download" aria-hidden="true"></span><span>${displayText(l10n.t('Download'))}</span></button>`;
  const refreshButton = `<button type="button" id="refresh-button" class="button secondary" data-action="refresh" aria-label="${escapeHtml(l10n.t('Refresh the restore job'))}"><span class="codicon codicon-refresh" aria-hidden="true"></span><span>${displayText(l10n.t('Refresh'))}</span></button>`;

  // A part of a sharded restore: every part is needed, so offer the whole batch too.
  const batchButton =
    job?.batchId !== undefined && ref.clusterId !== undefined
      ? `<button type="button" id="download-batch-button" class="button secondary" data-action="downloadBatch" aria-label="${escapeHtml(l10n.t('Download every part of this sharded restore'))}"><span class="codicon codicon-layers" aria-hidden="true"></span><span>${displayText(l10n.t('Download Sharded Restore…'))}</span></button>`
      : '';

  const screen = job ? firstScreen(job, ctx.now, { downloading: ctx.downloading, saved: ctx.saved }) : undefined;
  const note = ctx.downloading === true ? runningNote(l10n) : downloadNote(downloadability, screen, l10n);
  return `<header class="job-header">
<div class="title-row">
<h1><span class="codicon codicon-archive" aria-hidden="true"></span><span>${displayText(l10n.t('Restore job'))}</span> <span class="mono">${displayText(jobId)}</span></h1>
<div class="badges">${badges}</div>
</div>
<p class="context">${contextLine(ctx)}</p>
<section id="first-screen" class="first-screen${screen ? ` tone-${screen.tone}` : ''}"${screen ? ` data-step="${screen.step}" aria-labelledby="next-step"` : ` aria-label="${escapeHtml(l10n.t('Restore job'))}"`}>
${screen ? `${headline(screen, ctx)}${facts(screen, ctx)}` : ''}
<div class="toolbar">${downloadButton}${batchButton}${refreshButton}</div>
${note}
</section>
${metaLine(job, ctx)}
</header>`;
}

/** "Simulator · Group Production · Cluster rs-orders": names where known, the IDs on hover (and in Summary). */
function contextLine(ctx: RenderContext): string {
  const { l10n, ref } = ctx;
  const part = (text: string, title?: string): string =>
    `<span${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${displayText(text)}</span>`;
  const group = part(l10n.t('Group {0}', ctx.groupName ?? ref.groupId), l10n.t('Group ID {0}', ref.groupId));
  const target =
    ref.clusterId !== undefined
      ? part(l10n.t('Cluster {0}', ctx.clusterName ?? ref.clusterId), l10n.t('Cluster ID {0}', ref.clusterId))
      : part(l10n.t('Config server {0}', ref.hostId ?? ''));
  return [part(ref.server), group, target].join(SEPARATOR);
}

function headline(screen: FirstScreen, ctx: RenderContext): string {
  const icon = TONE_ICONS[screen.tone];
  const spin = icon === 'sync' ? ' codicon-modifier-spin' : '';
  return `<h2 id="next-step" class="next-step"><span class="codicon codicon-${icon}${spin}" aria-hidden="true"></span><span>${displayText(nextStepText(screen.step, ctx.l10n, ctx.saved))}</span></h2>`;
}

/** When the link expires and how many downloads are left, as a short list under the headline. */
function facts(screen: FirstScreen, ctx: RenderContext): string {
  const { l10n } = ctx;
  const rows: string[] = [];
  const row = (name: string, label: string, valueHtml: string): string =>
    `<div class="fact" data-fact="${name}"><dt>${displayText(label)}</dt><dd>${valueHtml}</dd></div>`;
  if (screen.expires) {
    rows.push(
      row(
        'expires',
        screen.expires.past ? l10n.t('Link expired') : l10n.t('Link expires'),
        dateTimeHtml(screen.expires.iso, ctx, true),
      ),
    );
  } else if (screen.validHours !== undefined) {
    rows.push(
      row(
        'expires',
        l10n.t('Link valid for'),
        displayText(l10n.t('{0} hours once the archive is ready', screen.validHours)),
      ),
    );
  }
  if (screen.downloads) {
    rows.push(row('downloads', l10n.t('Downloads left'), displayText(downloadsLeftText(screen.downloads, l10n))));
  }
  return rows.length === 0 ? '' : `<dl class="facts">${rows.join('')}</dl>`;
}

function runningNote(l10n: typeof vscode.l10n): string {
  return `<p id="download-note" class="note muted" data-downloading="true"><span class="codicon codicon-sync codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('A download of this archive is running.'))}</span></p>`;
}

function downloadNote(
  downloadability: Downloadability | undefined,
  screen: FirstScreen | undefined,
  l10n: typeof vscode.l10n,
): string {
  if (downloadability === undefined) {
    return `<p id="download-note" class="note muted"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Fetching the restore job…'))}</span></p>`;
  }
  if (!downloadability.ok) {
    const blocker = escapeHtml(downloadability.blocker);
    if (screen?.step === 'savedUsedUp') {
      // This panel's own download used the link up: the file is saved, nothing failed.
      return `<p id="download-note" class="note done" data-blocker="${blocker}" data-saved="true"><span class="codicon codicon-info" aria-hidden="true"></span><span>${displayText(savedUsedUpNote(l10n))}</span></p>`;
    }
    if (screen?.step === 'wait') {
      return `<p id="download-note" class="note muted" data-blocker="${blocker}"><span class="codicon codicon-clock" aria-hidden="true"></span><span>${displayText(waitNote(l10n))}</span></p>`;
    }
    // The expiry date is in the facts above, in the panel's date format: the sentence does not repeat it.
    const check =
      downloadability.blocker === 'EXPIRED'
        ? { ...downloadability, params: { ...downloadability.params, expires: undefined } }
        : downloadability;
    return `<p id="download-note" class="note blocked" data-blocker="${blocker}"><span class="codicon codicon-circle-slash" aria-hidden="true"></span><span>${displayText(blockerText(check, l10n))}</span></p>`;
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
    parts.push(`<span>${displayText(l10n.t('Updated'))} ${dateTimeHtml(ctx.fetchedAt.toISOString(), ctx)}</span>`);
  }
  if (job && ctx.watchIntervalSeconds !== undefined) {
    parts.push(
      `<span class="watching"><span class="codicon codicon-eye" aria-hidden="true"></span><span>${displayText(l10n.t('Checking every {0} s while the job is in progress', ctx.watchIntervalSeconds))}</span></span>`,
    );
  }
  return parts.length === 0 ? '' : `<p class="meta">${parts.join(SEPARATOR)}</p>`;
}
