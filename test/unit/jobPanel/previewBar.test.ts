// The preview panel in its HTML and messages: the bar with "Keep Open" only in a preview panel, first in the page
// (one Tab away), a real button; the identity the serializer gets back says whether it was the preview.
import * as assert from 'node:assert/strict';
import { renderDocument } from '../../../src/jobPanel/document';
import { renderPreviewBar } from '../../../src/jobPanel/previewBar';
import { isHostMessage, parsePanelState, parseWebviewMessage } from '../../../src/jobPanel/protocol';
import type { JobRef } from '../../../src/core/jobRef';
import { englishL10n } from '../../../src/jobPanel/translate';

const REF: JobRef = {
  server: 'prod',
  groupId: '5f2b3c4d5e6f708192a3b4c1',
  clusterId: '60a1b2c3d4e5f60718293a01',
  jobId: '65e0f1a2b3c4d5e6f7a8b901',
};

function render(preview: boolean | undefined): string {
  return renderDocument({
    ref: REF,
    nonce: 'bm9uY2U=',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    codiconsUri: 'https://x/codicon.css',
    stylesUri: 'https://x/panel.css',
    scriptUri: 'https://x/webview.js',
    now: new Date('2016-03-04T22:30:00Z'),
    locale: 'en',
    l10n: englishL10n,
    ...(preview === undefined ? {} : { preview }),
  });
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
    assert.deepEqual(parsePanelState({ ref: REF, preview: true }), { ref: REF, preview: true });
    assert.deepEqual(parsePanelState({ ref: REF, preview: false }), { ref: REF });
    assert.deepEqual(parsePanelState({ ref: REF, preview: 'yes' }), { ref: REF });
    assert.deepEqual(parsePanelState({ ref: REF }), { ref: REF });
    assert.equal(parsePanelState({ preview: true }), undefined);
  });
});
