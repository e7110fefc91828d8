// The preview panel in its HTML and messages: the bar with "Keep Open" only in a preview panel, first in the page
// (one Tab away), a real button; the identity the serializer gets back says whether it was the preview.
import * as assert from 'node:assert/strict';
import { renderPreviewBar } from '../../../src/jobPanel/previewBar';
import { isHostMessage, parsePanelState, parseWebviewMessage } from '../../../src/jobPanel/protocol';
import { englishL10n } from '../../../src/jobPanel/translate';
import { PANEL_REF, renderPanel } from '../support/panelDocument';

function render(preview: boolean | undefined): string {
  return renderPanel(preview === undefined ? {} : { preview });
}

describe('Preview panel: the bar and its messages', () => {
  it('a preview panel says so and offers Keep Open, before anything else in the page', () => {
    const html = render(true);
    const bar = html.indexOf('id="preview-bar"');
    assert.ok(bar > 0, 'the preview bar is shown');
    assert.ok(bar < html.indexOf('id="job-header"'), 'before the header: the first control reached with Tab');
    assert.match(html, /Preview: the next restore job you open from the tree replaces this one\./);
    const button = /<button[^>]*data-action="keepOpen"[^>]*>[\s\S]*?<\/button>/.exec(html)?.[0];
    assert.ok(button, 'Keep Open is a button');
    assert.match(button, /type="button"/);
    assert.match(button, />Keep Open</, 'its visible words are its accessible name');
    assert.doesNotMatch(button, /aria-label=/);
  });

  it('a pinned panel has no preview bar', () => {
    assert.doesNotMatch(render(false), /preview-bar|keepOpen/);
    assert.doesNotMatch(render(undefined), /preview-bar|keepOpen/);
  });

  it('translated words are escaped', () => {
    const l10n: typeof englishL10n = { ...englishL10n, t: (message: unknown) => `<b>${String(message)}</b>` };
    const html = renderPreviewBar(l10n);
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /&lt;b&gt;Keep Open&lt;\/b&gt;/);
  });

  it('Keep Open reaches the host, and the host can say the panel was pinned', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'keepOpen', extra: 'ignored' }), { type: 'keepOpen' });
    assert.ok(isHostMessage({ type: 'pinned' }));
    assert.ok(isHostMessage({ type: 'pinned', announcement: 'This panel is kept open.' }));
  });

  it('the saved identity says whether the panel was the preview, and nothing else is taken for it', () => {
    assert.deepEqual(parsePanelState({ ref: PANEL_REF, preview: true }), { ref: PANEL_REF, preview: true });
    assert.deepEqual(parsePanelState({ ref: PANEL_REF, preview: false }), { ref: PANEL_REF });
    assert.deepEqual(parsePanelState({ ref: PANEL_REF, preview: 'yes' }), { ref: PANEL_REF });
    assert.deepEqual(parsePanelState({ ref: PANEL_REF }), { ref: PANEL_REF });
    assert.equal(parsePanelState({ preview: true }), undefined);
  });
});
