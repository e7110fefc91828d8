// Server text in plain-text places (tree rows, quick picks, notifications, the log): what the server sent is what
// the person sees, on one line, bounded, and never a link a notification would open.
import * as assert from 'node:assert/strict';
import { plainText } from '../../../src/core/escape';
import { statusWords } from '../../../src/core/jobStatus';
import { englishL10n } from '../../../src/jobPanel/translate';
import { assertScalesLinearly } from '../support/linearTime';

describe('plainText: server text shown outside the panels', () => {
  it('shows direction-changing and invisible characters as escapes, so a name reads as what it is', () => {
    assert.equal(plainText('invoice\u202Egnp.exe'), 'invoice\\u202egnp.exe');
    assert.equal(plainText('prod\u200Buction\u0000'), 'prod\\u200buction\\u0000');
    assert.equal(plainText('a\u2066b\u2069c\u061Cd\uFEFF'), 'a\\u2066b\\u2069c\\u061cd\\ufeff');
  });

  it('keeps the value on one line: every kind of line break and tab becomes one space', () => {
    assert.equal(plainText('line one\r\n\r\nline two\u2028three\u0085four\tfive'), 'line one line two three four five');
  });

  it('never leaves a markdown link a notification would make clickable, command: links included', () => {
    const shown = plainText(
      'Fix it: [Open](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
    );
    assert.ok(!shown.includes(']('), shown);
    assert.equal(shown, 'Fix it: [Open] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)');
  });

  it('cuts a long value with an ellipsis, never in the middle of a character', () => {
    assert.equal(plainText('x'.repeat(100_000), 10), `${'x'.repeat(10)}…`);
    assert.equal(plainText('abc', 3), 'abc');
    assert.equal(plainText(`${'a'.repeat(9)}😀😀`, 10), `${'a'.repeat(9)}…`);
    assert.equal(plainText(`${'a'.repeat(8)}😀😀`, 10), `${'a'.repeat(8)}😀…`);
  });

  it('stays linear on hostile text, however much of it is shown', () => {
    const hostile = (n: number): string => '\u202E](\r\n\u0000'.repeat(n);
    assertScalesLinearly((n) => plainText(hostile(n), 6 * n), 50_000, 'plainText');
    assert.equal(plainText(hostile(1_000_000), 4), '\\u202e] ( …');
  });

  it('an unknown status (tree rows, notifications, tooltips) is shown as sent, the same safe way', () => {
    assert.equal(statusWords('delivery', 'READY', englishL10n), 'Ready');
    assert.equal(statusWords('delivery', 'NEW_STATE', englishL10n), 'NEW_STATE');
    const hostile = statusWords('job', `[Open](command:x)\u202E\n${'A'.repeat(1000)}`, englishL10n);
    assert.ok(!hostile.includes('](') && !hostile.includes('\u202E') && !hostile.includes('\n'), hostile);
    assert.ok(hostile.length <= 80, hostile);
  });
});
