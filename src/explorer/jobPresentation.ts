// How a restore job looks in the tree: readable created time, delivery status in words, icon and colour.
import * as vscode from 'vscode';
import type { RestoreJob } from '../opsManager/api';

/** "4 Mar 2016, 23:07:42" in the UI language; the raw text when it is not a date. */
export function formatDateTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(vscode.env.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  } catch {
    return date.toISOString();
  }
}

const DELIVERY_LABELS: Record<string, () => string> = {
  NOT_STARTED: () => vscode.l10n.t('Not started'),
  IN_PROGRESS: () => vscode.l10n.t('Preparing'),
  READY: () => vscode.l10n.t('Ready'),
  FAILED: () => vscode.l10n.t('Failed'),
  INTERRUPTED: () => vscode.l10n.t('Interrupted'),
  EXPIRED: () => vscode.l10n.t('Expired'),
  MAX_DOWNLOADS_EXCEEDED: () => vscode.l10n.t('Max downloads reached'),
};

const JOB_LABELS: Record<string, () => string> = {
  FINISHED: () => vscode.l10n.t('Finished'),
  IN_PROGRESS: () => vscode.l10n.t('In progress'),
  BROKEN: () => vscode.l10n.t('Broken'),
  KILLED: () => vscode.l10n.t('Killed'),
};

/** Delivery status in words (unknown values as the server sent them), with the job status when it failed. */
export function jobDescription(job: RestoreJob): string {
  const parts: string[] = [];
  const jobStatus = job.statusName;
  if (jobStatus === 'BROKEN' || jobStatus === 'KILLED') {
    parts.push(JOB_LABELS[jobStatus]());
  }
  const delivery = job.delivery?.statusName;
  if (delivery !== undefined) {
    parts.push(DELIVERY_LABELS[delivery]?.() ?? delivery);
  } else if (jobStatus !== undefined && parts.length === 0) {
    parts.push(JOB_LABELS[jobStatus]?.() ?? jobStatus);
  }
  const method = job.delivery?.methodName;
  if (method !== undefined && method !== 'HTTP') parts.push(method);
  return parts.join(' · ');
}

/** Icon and theme colour by status: failures red, ready green, waiting blue, spent downloads muted. */
export function jobIcon(job: RestoreJob): vscode.ThemeIcon {
  const jobStatus = job.statusName;
  const delivery = job.delivery?.statusName;
  if (jobStatus === 'BROKEN' || jobStatus === 'KILLED' || delivery === 'FAILED' || delivery === 'INTERRUPTED') {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
  }
  if (delivery === 'READY') {
    return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
  }
  if (delivery === 'IN_PROGRESS' || delivery === 'NOT_STARTED' || jobStatus === 'IN_PROGRESS') {
    return new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue'));
  }
  if (delivery === 'EXPIRED') {
    return new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'));
  }
  if (delivery === 'MAX_DOWNLOADS_EXCEEDED') {
    return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.orange'));
  }
  if (jobStatus === 'FINISHED') {
    return new vscode.ThemeIcon('check', new vscode.ThemeColor('charts.green'));
  }
  return new vscode.ThemeIcon('question');
}

/** Newest first by `created`; jobs without a date last, then by ID for a stable order. */
export function sortNewestFirst(jobs: readonly RestoreJob[]): RestoreJob[] {
  const time = (job: RestoreJob): number => {
    const t = job.created === undefined ? NaN : Date.parse(job.created);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...jobs].sort((a, b) => time(b) - time(a) || b.id.localeCompare(a.id));
}
