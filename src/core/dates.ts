// The tree's, the wizard's and the messages' dates in VS Code's display language. The formatters themselves are
// pure and live in dateTime.ts (the panel's webview script shares them); this is the one binding to `vscode`.
import * as vscode from 'vscode';
import { formatDateTimeIn } from './dateTime';

/** "4 Mar 2016, 23:07:42" in the UI language; the text as sent when it is not a date. */
export function formatDateTime(iso: string): string;
export function formatDateTime(iso: string | undefined): string | undefined;
export function formatDateTime(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : formatDateTimeIn(iso, vscode.env.language);
}
