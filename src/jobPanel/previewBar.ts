// The preview panel's bar: says that the next job opened from the tree replaces this one, with "Keep Open" to pin
// it. Webview panels cannot show VS Code's italic preview tab, so the panel says it in words (and the tab title
// carries a marker, see RestoreJobPanels.titleOf). The button is the first control of the page: one Tab away.
// The script removes the bar when the panel is pinned (a `pinned` message).
import type * as vscode from 'vscode';
import { displayText, escapeHtml } from '../core/escape';

export function renderPreviewBar(l10n: typeof vscode.l10n): string {
  const keep = l10n.t('Keep Open');
  const why = l10n.t('Keep this panel open: the next restore job opened from the tree gets a panel of its own.');
  return `<div id="preview-bar" class="preview-bar">
<span class="codicon codicon-eye" aria-hidden="true"></span>
<span class="preview-text">${displayText(l10n.t('Preview: the next restore job you open from the tree replaces this one.'))}</span>
<button type="button" id="keep-open" class="button secondary" data-action="keepOpen" title="${escapeHtml(why)}"><span class="codicon codicon-pinned" aria-hidden="true"></span><span>${displayText(keep)}</span></button>
</div>`;
}
