// How a restore job looks in the tree: readable created time, delivery status in words, icon and colour (from
// core's one status table, which the panel's badges use too).
import * as vscode from 'vscode';
import { dominantStatus, plainText, type StatusKind, type StatusTone, statusWords } from '../core';
import type { RestoreJob } from '../opsManager/api';

/** Status tones as theme colours: failures red, ready green, waiting blue, spent downloads orange. */
const TONE_COLOURS: Record<StatusTone, string | undefined> = {
  success: 'charts.green',
  progress: 'charts.blue',
  waiting: 'charts.blue',
  warning: 'charts.orange',
  error: 'charts.red',
  neutral: undefined,
};

function words(kind: StatusKind, value: string): string {
  return statusWords(kind, value, vscode.l10n);
}

/** Delivery status in words (unknown values as the server sent them), with the job status when it failed. */
export function jobDescription(job: RestoreJob): string {
  const parts: string[] = [];
  const jobStatus = job.statusName;
  if (jobStatus === 'BROKEN' || jobStatus === 'KILLED') {
    parts.push(words('job', jobStatus));
  }
  const delivery = job.delivery?.statusName;
  if (delivery !== undefined) {
    parts.push(words('delivery', delivery));
  } else if (jobStatus !== undefined && parts.length === 0) {
    parts.push(words('job', jobStatus));
  }
  const method = job.delivery?.methodName;
  if (method !== undefined && method !== 'HTTP') parts.push(method);
  // Unknown values are shown as sent: on one line, bounded, invisible characters made visible.
  return plainText(parts.join(' · '), 120);
}

/** The icon of the job's most telling status, in its tone's theme colour; a question mark when unknown. */
export function jobIcon(job: RestoreJob): vscode.ThemeIcon {
  const look = dominantStatus(job)?.look;
  if (look === undefined) return new vscode.ThemeIcon('question');
  const colour = TONE_COLOURS[look.tone];
  return new vscode.ThemeIcon(look.icon, colour === undefined ? undefined : new vscode.ThemeColor(colour));
}
