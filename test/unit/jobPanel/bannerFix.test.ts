// The panel's error banner offers "Set API Key…" when that is the fix (401): the button is in the document, shown
// only with such an error, and its click is a message the host accepts.
import * as assert from 'node:assert/strict';
import { renderDocument, type DocumentInput } from '../../../src/jobPanel/document';
import { parseWebviewMessage } from '../../../src/jobPanel/protocol';
import { englishL10n } from '../../../src/jobPanel/translate';

function render(extra: Partial<DocumentInput>): string {
  return renderDocument({
    ref: {
      server: 'prod',
      groupId: '5f2b3c4d5e6f708192a3b4c1',
      clusterId: '60a1b2c3d4e5f60718293a01',
      jobId: '65e0f1a2b3c4d5e6f7a8b901',
    },
    nonce: 'bm9uY2U=',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    codiconsUri: 'https://x/codicon.css',
    stylesUri: 'https://x/panel.css',
    scriptUri: 'https://x/webview.js',
    now: new Date('2016-03-04T22:30:00Z'),
    l10n: englishL10n,
    ...extra,
  });
}

function fixButton(html: string): string {
  const button = /<button[^>]*id="banner-fix"[^>]*>.*?<\/button>/.exec(html)?.[0];
  assert.ok(button !== undefined, 'the banner has its fix button');
  return button;
}

describe('panel: the error banner\'s "Set API Key…" button', () => {
  it('shows the button inside the banner when the key was refused', () => {
    const html = render({ error: 'The API key was rejected (401).', errorFix: 'setApiKey' });
    const button = fixButton(html);
    assert.doesNotMatch(button, /\shidden/);
    assert.match(button, /data-action="fix"/);
    assert.match(button, /Set API Key…/);
    assert.ok(html.indexOf('id="banner"') < html.indexOf('id="banner-fix"'), 'inside the banner');
  });

  it('hides it for other errors and when there is no error', () => {
    assert.match(fixButton(render({ error: 'Ops Manager did not answer in time.' })), /\shidden/);
    assert.match(fixButton(render({})), /\shidden/);
  });

  it('accepts the click as a message, and nothing else under that type', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'fix', fix: 'setApiKey' }), { type: 'fix', fix: 'setApiKey' });
    assert.equal(parseWebviewMessage({ type: 'fix', fix: 'runCommand' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'fix' }), undefined);
  });
});
