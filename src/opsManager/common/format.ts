// Sizes and times as people read them. One formatter for error messages (plain Node), the download notification and the
// restore-job panel, so it is pure: only `Intl`, no Node, DOM or `vscode` APIs. English unless given a locale.

function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  } catch {
    return new Intl.NumberFormat('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  }
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB" (binary multiples, as VS Code shows file sizes); "?" for a negative or non-finite count. */
export function formatBytes(bytes: number, locale = 'en'): string {
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

/**
 * "Nov 26, 06:33:05 PM" in the given language (the year only when it is not this year's): short enough for a tab title,
 * precise enough to tell apart jobs made minutes apart. Undefined when the text is not a date.
 */
export function shortDateTime(
  iso: string | undefined,
  now: Date,
  locale?: string,
  withSeconds = true,
): string | undefined {
  const time = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(time)) {
    return undefined;
  }
  const date = new Date(time);
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}
