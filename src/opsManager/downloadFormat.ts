// Pure text helpers for downloads, kept apart from download.ts so the VS Code layer can format progress without
// loading the HTTP stack (undici) at activation.

/** "512 B", "1.50 KiB", "740.3 MiB", "1.00 GiB" (binary units). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) {
    return `${Math.max(0, Math.round(bytes))} B`;
  }
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** "45 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The link's origin and file name, without the token in the middle of its path. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1);
    return `${parsed.origin}/…/${last}`;
  } catch {
    return '(download link)';
  }
}
