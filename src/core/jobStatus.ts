// How a restore job's status looks, for the tree and the panel alike: one table of tone, icon and words per
// status. Free of `vscode` values (the words come through the l10n object passed in), so the panel's HTML
// renderer, unit-tested in plain Node, shares it. Unknown values have no entry: callers show them as sent
// (statusWords does), because a server newer than this extension may send values it has never seen.
import type * as vscode from 'vscode';
import { plainText } from './escape';

export type StatusTone = 'success' | 'progress' | 'waiting' | 'warning' | 'error' | 'neutral';
export type StatusKind = 'job' | 'delivery';

export interface StatusLook {
  tone: StatusTone;
  /** A codicon name. */
  icon: string;
  label(l10n: typeof vscode.l10n): string;
}

const JOB: Record<string, StatusLook> = {
  FINISHED: { tone: 'success', icon: 'check', label: (l10n) => l10n.t('Finished') },
  IN_PROGRESS: { tone: 'progress', icon: 'sync', label: (l10n) => l10n.t('In progress') },
  BROKEN: { tone: 'error', icon: 'error', label: (l10n) => l10n.t('Broken') },
  KILLED: { tone: 'error', icon: 'circle-slash', label: (l10n) => l10n.t('Killed') },
};

const DELIVERY: Record<string, StatusLook> = {
  READY: { tone: 'success', icon: 'pass-filled', label: (l10n) => l10n.t('Ready') },
  NOT_STARTED: { tone: 'waiting', icon: 'clock', label: (l10n) => l10n.t('Not started') },
  IN_PROGRESS: { tone: 'progress', icon: 'sync', label: (l10n) => l10n.t('Preparing') },
  FAILED: { tone: 'error', icon: 'error', label: (l10n) => l10n.t('Failed') },
  INTERRUPTED: { tone: 'warning', icon: 'debug-disconnect', label: (l10n) => l10n.t('Interrupted') },
  EXPIRED: { tone: 'warning', icon: 'history', label: (l10n) => l10n.t('Expired') },
  MAX_DOWNLOADS_EXCEEDED: { tone: 'warning', icon: 'circle-slash', label: (l10n) => l10n.t('Max downloads reached') },
};

/** The look of a job or delivery status, or undefined for a value this version does not know. */
export function statusLook(kind: StatusKind, value: string | undefined): StatusLook | undefined {
  const table = kind === 'job' ? JOB : DELIVERY;
  return value !== undefined && Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
}

/** The status in words ("Max downloads reached"); a value this version does not know, as sent. */
export function statusWords(kind: StatusKind, value: string, l10n: typeof vscode.l10n): string {
  // An unknown value as sent, on one short line: it reaches tree rows, notifications and tooltips.
  return statusLook(kind, value)?.label(l10n) ?? plainText(value, 60);
}

/** The job's statuses in words, the job's then the delivery's ("Broken · Failed"); unknown values as sent. */
export function statusesInWords(
  job: { statusName?: string; delivery?: { statusName?: string } },
  l10n: typeof vscode.l10n,
): string {
  const words: string[] = [];
  if (job.statusName !== undefined) words.push(statusWords('job', job.statusName, l10n));
  if (job.delivery?.statusName !== undefined) words.push(statusWords('delivery', job.delivery.statusName, l10n));
  return words.join(' · ');
}

/** What a status is the status of: "Job status", "Delivery status" (badges' tooltips, the panel's facts). */
export function statusKindLabel(kind: StatusKind, l10n: typeof vscode.l10n): string {
  return kind === 'job' ? l10n.t('Job status') : l10n.t('Delivery status');
}

/**
 * The one status that describes a job best in a single icon: a broken or killed job, else its delivery, else the
 * job status. Unknown values are returned with no look, to be shown as sent.
 */
export function dominantStatus(job: {
  statusName?: string;
  delivery?: { statusName?: string };
}): { kind: StatusKind; value: string; look?: StatusLook } | undefined {
  const jobStatus = job.statusName;
  if (jobStatus === 'BROKEN' || jobStatus === 'KILLED') return { kind: 'job', value: jobStatus, look: JOB[jobStatus] };
  const delivery = job.delivery?.statusName;
  if (delivery !== undefined) return { kind: 'delivery', value: delivery, look: statusLook('delivery', delivery) };
  if (jobStatus !== undefined) return { kind: 'job', value: jobStatus, look: statusLook('job', jobStatus) };
  return undefined;
}
