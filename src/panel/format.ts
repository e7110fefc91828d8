// Formatting shared by the host (HTML, progress text) and the webview script (live relative times).
// Pure: no `vscode`, Node or DOM APIs, only `Intl`.

import type { DownloadProgress } from './protocol';
import type { L10n } from './translate';

/** `2016-03-04 22:07:27 UTC`, or undefined when the text is not a date. */
export function formatUtc(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return undefined;
  }
  const text = new Date(time).toISOString(); // 2016-03-04T22:07:27.000Z
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];
const SECONDS_PER: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  month: 86400 * 30,
  year: 86400 * 365,
};

/** "in 3 hours", "2 days ago", "now": the distance from `now` to `target` in the largest fitting unit. */
export function relativeTime(target: Date, now: Date, locale?: string): string {
  const seconds = (target.getTime() - now.getTime()) / 1000;
  let format: Intl.RelativeTimeFormat;
  try {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  } catch {
    format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  }
  if (Math.abs(seconds) < 10) {
    return format.format(0, 'second');
  }
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  let amount = Math.abs(seconds);
  for (const [stepUnit, limit] of RELATIVE_STEPS) {
    unit = stepUnit;
    amount = Math.abs(seconds) / SECONDS_PER[stepUnit];
    if (Math.round(amount) < limit) {
      break;
    }
  }
  return format.format(Math.sign(seconds) * Math.round(amount), unit);
}

function numberFormat(locale: string | undefined, digits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  } catch {
    return new Intl.NumberFormat('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB" (binary multiples, as VS Code shows file sizes). */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${numberFormat(locale, unit === 0 ? 0 : 1).format(value)} ${BYTE_UNITS[unit]}`;
}

/** 75 → "1 min 15 s"; 4000 → "1 h 7 min". */
export function formatDuration(seconds: number, l10n: L10n): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) {
    return l10n.t('{0} h {1} min', hours, minutes);
  }
  if (minutes > 0) {
    return l10n.t('{0} min {1} s', minutes, secs);
  }
  return l10n.t('{0} s', secs);
}

/** "12.0 MB of 40.0 MB (30%) · 5.0 MB/s · 6 s left". */
export function formatProgress(progress: DownloadProgress, l10n: L10n, locale?: string): string {
  const parts: string[] = [];
  const received = formatBytes(progress.received, locale);
  const percent = progress.percent ?? (progress.total ? (progress.received / progress.total) * 100 : undefined);
  if (progress.total !== undefined && progress.total > 0) {
    const total = formatBytes(progress.total, locale);
    parts.push(
      percent !== undefined
        ? l10n.t('{0} of {1} ({2}%)', received, total, Math.floor(Math.min(100, Math.max(0, percent))))
        : l10n.t('{0} of {1}', received, total),
    );
  } else {
    parts.push(l10n.t('{0} received', received));
  }
  if (progress.bytesPerSecond !== undefined && Number.isFinite(progress.bytesPerSecond)) {
    parts.push(l10n.t('{0}/s', formatBytes(progress.bytesPerSecond, locale)));
  }
  if (progress.etaSeconds !== undefined && Number.isFinite(progress.etaSeconds)) {
    parts.push(l10n.t('{0} left', formatDuration(progress.etaSeconds, l10n)));
  }
  return parts.join(' · ');
}
