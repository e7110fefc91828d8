// Dates shared by the host (HTML) and the webview script (live relative times).
// Pure: no `vscode`, Node or DOM APIs, only `Intl`.

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
