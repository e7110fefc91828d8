// The one date formatter (core/dateTime.ts): the panel's "Nov 26, 06:33 PM (2 hr ago)" with the UTC timestamp on
// hover, the two-unit distances the first screen uses for the link's expiry, and the words around them.
import * as assert from 'node:assert/strict';
import {
  ENGLISH_RELATIVE_WORDS,
  formatDateTimeIn,
  formatTimeSpan,
  formatUtc,
  relativeTime,
  shortDate,
} from '../../../src/core/dateTime';

const NOW = new Date('2026-12-01T00:00:00Z');
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

describe('core/dateTime: one date format', () => {
  it('gives the full UTC timestamp for the tooltip, and nothing for a text that is not a date', () => {
    assert.equal(formatUtc('2016-03-04T22:07:27Z'), '2016-03-04 22:07:27 UTC');
    assert.equal(formatUtc('2016-03-04T23:07:27.123+01:00'), '2016-03-04 22:07:27 UTC');
    assert.equal(formatUtc('yesterday-ish'), undefined);
  });

  it('writes the absolute time short, in the given locale, with the year only when it is not this year', () => {
    // Midday UTC: the same day in every time zone the tests may run in.
    assert.match(shortDate('2026-11-26T12:33:05Z', NOW, 'en') ?? '', /^Nov 26, \d\d:33 [AP]M$/);
    assert.match(shortDate('2025-11-26T12:33:05Z', NOW, 'en') ?? '', /2025/);
    assert.match(shortDate('2026-11-26T12:33:05Z', NOW, 'de') ?? '', /^26\. Nov\.?, \d\d:33$/);
    assert.equal(shortDate('not a date', NOW, 'en'), undefined);
  });

  it('keeps the medium date and time of the tree and the wizard, and the text as sent when it is not a date', () => {
    assert.match(formatDateTimeIn('2016-03-04T12:07:42Z', 'en'), /^Mar 4, 2016, \d{1,2}:07:42 [AP]M$/);
    assert.equal(formatDateTimeIn('soon', 'en'), 'soon');
    assert.match(formatDateTimeIn('2016-03-04T12:07:42Z', 'not a locale!'), /2016/);
  });

  it('says a distance in at most two units, rounding down so "3 hr 12 min" is never more than is left', () => {
    assert.equal(formatTimeSpan(45, 'en'), '45 sec');
    assert.equal(formatTimeSpan(12 * MIN + 59, 'en'), '12 min');
    assert.equal(formatTimeSpan(3 * HOUR + 12 * MIN + 59, 'en'), '3 hr 12 min');
    assert.equal(formatTimeSpan(2 * HOUR, 'en'), '2 hr');
    assert.equal(formatTimeSpan(2 * DAY + 3 * HOUR + 40 * MIN, 'en'), '2 days 3 hr');
    assert.equal(formatTimeSpan(1 * DAY, 'en'), '1 day');
    assert.equal(formatTimeSpan(45 * DAY, 'en'), '45 days');
    assert.equal(formatTimeSpan(400 * DAY, 'en'), '13 mths');
    assert.equal(formatTimeSpan(3 * 365 * DAY, 'en'), '3 yrs');
    assert.equal(formatTimeSpan(-(3 * HOUR + 12 * MIN), 'en'), '3 hr 12 min', 'the sign is the caller’s');
    assert.match(formatTimeSpan(3 * HOUR + 12 * MIN, 'fr'), /^3\sh 12\smin$/); // French spaces are no-break
    assert.equal(formatTimeSpan(90, 'not a locale!'), '1 min');
  });

  it('puts the distance in the words of the UI language, both directions, and "now" within ten seconds', () => {
    const at = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);
    assert.equal(relativeTime(at(3 * HOUR + 12 * MIN + 30), NOW, 'en'), 'in 3 hr 12 min');
    assert.equal(relativeTime(at(-2 * HOUR), NOW, 'en'), '2 hr ago');
    assert.equal(relativeTime(at(5), NOW, 'en'), 'now');
    assert.equal(relativeTime(at(-9), NOW, 'en'), 'now');
    const german = { future: 'in {0}', past: 'vor {0}', now: 'jetzt' };
    assert.equal(relativeTime(at(-2 * HOUR), NOW, 'de', german), 'vor 2 Std.');
    assert.equal(relativeTime(at(1), NOW, 'de', german), 'jetzt');
    assert.deepEqual(ENGLISH_RELATIVE_WORDS, { future: 'in {0}', past: '{0} ago', now: 'now' });
  });
});
