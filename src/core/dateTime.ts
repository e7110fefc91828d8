// Every date the extension shows, formatted in one place. Pure (only `Intl`: no `vscode`, Node or DOM APIs), so
// the restore-job panel's HTML renderer, its webview script (which keeps relative times current) and the
// plain-Node unit tests share it; dates.ts binds the tree's and the wizard's formatter to VS Code's language.
//
// The panel's one format: the absolute time in the user's locale with the relative one beside it,
// "Nov 26, 06:33 PM (2 hr ago)", and the full UTC timestamp on hover ("2016-11-26 18:33:05 UTC").

import { shortDateTime } from '../opsManager/common';

function parse(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** "4 Mar 2016, 23:07:42" (medium date and time) in `locale`; the text as sent when it is not a date. */
export function formatDateTimeIn(iso: string, locale: string | undefined): string {
  const date = parse(iso);
  if (date === undefined) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** `2016-03-04 22:07:27 UTC`, or undefined when the text is not a date. */
export function formatUtc(iso: string): string | undefined {
  const date = parse(iso);
  if (date === undefined) return undefined;
  const text = date.toISOString(); // 2016-03-04T22:07:27.000Z
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** "Nov 26, 06:33 PM" (the year only when it is not this year's), or undefined when the text is not a date. */
export function shortDate(iso: string, now: Date, locale?: string): string | undefined {
  return shortDateTime(iso, now, locale, false);
}

/** The words around a duration: "in {0}", "{0} ago", "now". The host localises them; the webview gets them too. */
export interface RelativeWords {
  future: string;
  past: string;
  now: string;
}

export const ENGLISH_RELATIVE_WORDS: RelativeWords = { future: 'in {0}', past: '{0} ago', now: 'now' };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unitFormat(locale: string | undefined, unit: string): Intl.NumberFormat {
  const options: Intl.NumberFormatOptions = { style: 'unit', unit, unitDisplay: 'short' };
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    return new Intl.NumberFormat('en', options);
  }
}

/**
 * A distance in time as people say it, two units at most: "45 sec", "12 min", "3 hr 12 min", "2 days 3 hr",
 * "45 days", "14 mths", "3 yr". Minutes are rounded down below a day, so a link "in 3 hr 12 min" has at least
 * that long left.
 */
export function formatTimeSpan(seconds: number, locale?: string): string {
  const total = Math.abs(seconds);
  const part = (amount: number, unit: string): string => unitFormat(locale, unit).format(amount);
  if (total < MINUTE) return part(Math.floor(total), 'second');
  if (total < HOUR) return part(Math.floor(total / MINUTE), 'minute');
  if (total < DAY) {
    const hours = Math.floor(total / HOUR);
    const minutes = Math.floor((total % HOUR) / MINUTE);
    return minutes === 0 ? part(hours, 'hour') : `${part(hours, 'hour')} ${part(minutes, 'minute')}`;
  }
  if (total < 7 * DAY) {
    const days = Math.floor(total / DAY);
    const hours = Math.floor((total % DAY) / HOUR);
    return hours === 0 ? part(days, 'day') : `${part(days, 'day')} ${part(hours, 'hour')}`;
  }
  if (total < 60 * DAY) return part(Math.floor(total / DAY), 'day');
  if (total < 730 * DAY) return part(Math.floor(total / (30 * DAY)), 'month');
  return part(Math.floor(total / (365 * DAY)), 'year');
}

/** "in 3 hr 12 min", "2 days ago", "now" (within 10 seconds): the distance from `now` to `target`. */
export function relativeTime(
  target: Date,
  now: Date,
  locale?: string,
  words: RelativeWords = ENGLISH_RELATIVE_WORDS,
): string {
  const seconds = (target.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 10) return words.now;
  const template = seconds > 0 ? words.future : words.past;
  return template.split('{0}').join(formatTimeSpan(seconds, locale));
}
