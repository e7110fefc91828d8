// The panel's header: job ID and status badges, where the job lives, the Download and Refresh buttons, why
// Download is disabled (or what it will use up), and when the job was fetched. Re-rendered on every update.

import { blockerText } from '../core/errorText';
import type * as vscode from 'vscode';
import { checkDownloadable, type Downloadability, type RestoreJob } from '../opsManager/api';
import { relativeTimeElement, type RenderContext, SEPARATOR, statusBadge } from './elements';
import { displayText, escapeHtml } from '../core/escape';

/** Title, badges, the Download and Refresh buttons and why Download is disabled. Re-rendered on every update. */
export function renderHeader(job: RestoreJob | undefined, ctx: RenderContext): string {
  const { l10n, ref } = ctx;
  const jobId = job?.id ?? ref.jobId;
  const badges = job
    ? `${statusBadge(job.statusName, 'job', l10n)}${job.delivery ? statusBadge(job.delivery.statusName, 'delivery', l10n) : ''}`
    : '';
  const target =
    ref.clusterId !== undefined
      ? l10n.t('Cluster {0}', ctx.clusterName ?? ref.clusterId)
      : l10n.t('Config server {0}', ref.hostId ?? '');
  const context = [ref.server, l10n.t('Group {0}', ref.groupId), target]
    .map((part) => `<span>${displayText(part)}</span>`)
    .join(SEPARATOR);

  const downloadability: Downloadability | undefined = job ? checkDownloadable(job, ctx.now) : undefined;
  const canDownload = downloadability?.ok === true && ctx.downloading !== true;
  const downloadButton = `<button type="button" id="download-button" class="button primary" data-action="download"${canDownload ? '' : ' disabled'} aria-describedby="download-note"><span class="codicon codicon-cloud-download" aria-hidden="true"></span><span>${displayText(l10n.t('Download'))}</span></button>`;
  const refreshButton = `<button type="button" id="refresh-button" class="button secondary" data-action="refresh" aria-label="${escapeHtml(l10n.t('Refresh the restore job'))}"><span class="codicon codicon-refresh" aria-hidden="true"></span><span>${displayText(l10n.t('Refresh'))}</span></button>`;

  // A part of a sharded restore: every part is needed, so offer the whole batch too.
  const batchButton =
    job?.batchId !== undefined && ref.clusterId !== undefined
      ? `<button type="button" id="download-batch-button" class="button secondary" data-action="downloadBatch" aria-label="${escapeHtml(l10n.t('Download every part of this sharded restore'))}"><span class="codicon codicon-layers" aria-hidden="true"></span><span>${displayText(l10n.t('Download Sharded Restore…'))}</span></button>`
      : '';

  return `<header class="job-header">
<div class="title-row">
<h1><span class="codicon codicon-archive" aria-hidden="true"></span><span>${displayText(l10n.t('Restore job'))}</span> <span class="mono">${displayText(jobId)}</span></h1>
<div class="badges">${badges}</div>
</div>
<p class="context">${context}</p>
<div class="toolbar">${downloadButton}${batchButton}${refreshButton}</div>
${ctx.downloading === true ? runningNote(l10n) : downloadNote(downloadability, l10n)}
${metaLine(job, ctx)}
</header>`;
}

function runningNote(l10n: typeof vscode.l10n): string {
  return `<p id="download-note" class="note muted" data-downloading="true"><span class="codicon codicon-sync codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('A download of this archive is running.'))}</span></p>`;
}

function downloadNote(downloadability: Downloadability | undefined, l10n: typeof vscode.l10n): string {
  if (downloadability === undefined) {
    return `<p id="download-note" class="note muted"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span><span>${displayText(l10n.t('Fetching the restore job…'))}</span></p>`;
  }
  if (!downloadability.ok) {
    const waiting = downloadability.blocker === 'JOB_NOT_FINISHED';
    const icon = waiting ? 'codicon-clock' : 'codicon-circle-slash';
    return `<p id="download-note" class="note ${waiting ? 'muted' : 'blocked'}" data-blocker="${escapeHtml(downloadability.blocker)}"><span class="codicon ${icon}" aria-hidden="true"></span><span>${displayText(blockerText(downloadability, l10n))}</span></p>`;
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
    parts.push(
      `<span>${displayText(l10n.t('Updated'))} ${relativeTimeElement(ctx.fetchedAt.toISOString(), ctx)}</span>`,
    );
  }
  if (job && ctx.watchIntervalSeconds !== undefined) {
    parts.push(
      `<span class="watching"><span class="codicon codicon-eye" aria-hidden="true"></span><span>${displayText(l10n.t('Checking every {0} s while the job is in progress', ctx.watchIntervalSeconds))}</span></span>`,
    );
  }
  return parts.length === 0 ? '' : `<p class="meta">${parts.join(SEPARATOR)}</p>`;
}
