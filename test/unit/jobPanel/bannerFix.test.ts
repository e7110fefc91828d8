// The panel's error banner offers "Set API Key…" when that is the fix (401): the button is in the document, shown
// only with such an error, and its click is a message the host accepts.
import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/jobPanel/protocol';
import { renderPanel as render } from '../support/panelDocument';

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
