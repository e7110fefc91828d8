// Dates in messages, tooltips and quick picks: "4 Mar 2016, 23:07:42" in the UI language, the text as sent when
// it is not a date. One formatter for the tree and the restore wizard.
import * as vscode from 'vscode';

export function formatDateTime(iso: string): string;
export function formatDateTime(iso: string | undefined): string | undefined;
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
