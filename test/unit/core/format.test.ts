// Sizes, durations and the download progress line: one formatter each for error messages, the notification and
// the panel, English by default and localised when given a locale and VS Code's l10n.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { formatBytes, shortDateTime } from '../../../src/opsManager/common/format';
import { formatDuration, formatProgress } from '../../../src/core/progressText';
import { englishL10n } from '../../../src/jobPanel/translate';

describe('format: sizes, durations and progress', () => {
  it('writes a short date and time: the year only when it is not this year, seconds when asked', () => {
    const now = new Date('2024-11-26T20:00:00Z');
    assert.match(shortDateTime('2024-11-26T12:33:05Z', now, 'en') ?? '', /^Nov 26, \d\d:33:05 [AP]M$/);
    assert.match(shortDateTime('2024-11-26T12:33:05Z', now, 'en', false) ?? '', /^Nov 26, \d\d:33 [AP]M$/);
    assert.match(shortDateTime('2023-11-26T12:33:05Z', now, 'en') ?? '', /2023/);
    assert.equal(shortDateTime('not a date', now, 'en'), undefined);
    assert.equal(shortDateTime(undefined, now), undefined);
  });

  it('formats sizes in binary multiples, as VS Code shows file sizes', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(776_208_384), '740.3 MB');
    assert.equal(formatBytes(1024 ** 3), '1.0 GB');
    assert.equal(formatBytes(-1), '?');
    assert.equal(formatBytes(Number.NaN), '?');
  });

  it('writes numbers the way the given locale does', () => {
    assert.equal(formatBytes(1536, 'de'), '1,5 KB');
    assert.equal(formatBytes(1536, 'not a locale!'), '1.5 KB');
  });

  it('formats durations through the l10n it is given', () => {
    assert.equal(formatDuration(45, englishL10n), '45 s');
    assert.equal(formatDuration(185, englishL10n), '3 min 5 s');
    assert.equal(formatDuration(7800, englishL10n), '2 h 10 min');
    const german: typeof vscode.l10n = {
      ...englishL10n,
      t: (message: string | { message: string }, ...args: unknown[]) =>
        message === '{0} min {1} s' ? `${String(args[0])} Min. ${String(args[1])} Sek.` : '?',
    };
    assert.equal(formatDuration(185, german), '3 Min. 5 Sek.');
  });

  it('leaves out a speed of zero and the time left once everything is in', () => {
    assert.equal(
      formatProgress({ received: 0, total: 2048, bytesPerSecond: 0 }, englishL10n, 'en'),
      '0 B of 2.0 KB (0%)',
    );
    assert.equal(
      formatProgress({ received: 2048, total: 2048, bytesPerSecond: 1024, etaSeconds: 0 }, englishL10n, 'en'),
      '2.0 KB of 2.0 KB (100%) · 1.0 KB/s',
    );
  });

  it('says when a started transfer has stalled instead of showing a stale time left', () => {
    assert.equal(
      formatProgress({ received: 1024, total: 2048, bytesPerSecond: 0 }, englishL10n, 'en'),
      '1.0 KB of 2.0 KB (50%) · no data for a while',
    );
  });

  it('fills placeholders by index or by name when no translation applies', () => {
    assert.equal(englishL10n.t('{0} of {1}', 'a', 2), 'a of 2');
    assert.equal(englishL10n.t('{name} has {count}', { name: 'job', count: 3 }), 'job has 3');
    assert.equal(englishL10n.t({ message: 'Hello {0}', args: ['you'], comment: 'greeting' }), 'Hello you');
    assert.equal(englishL10n.t('kept {0} {1}', 'one'), 'kept one {1}');
  });
});
