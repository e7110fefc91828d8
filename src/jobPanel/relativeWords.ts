// The words around relative times ("in {0}", "{0} ago", "now") in the UI language: the host renders with them, and
// the webview script gets them in the document to keep the times current.
import type * as vscode from 'vscode';
import type { RelativeWords } from '../core/dateTime';

export function relativeWords(l10n: typeof vscode.l10n): RelativeWords {
  return { future: l10n.t('in {0}'), past: l10n.t('{0} ago'), now: l10n.t('now') };
}
