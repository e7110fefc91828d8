// The download progress line, the same in the panel and in the progress notification, and the durations in it.
// Host side only (the webview gets the line already formatted); `vscode` is imported for its types only.
import type * as vscode from 'vscode';
import { formatBytes } from '../opsManager/common';
import type { DownloadProgress } from './downloadState';

/** 75 → "1 min 15 s"; 4000 → "1 h 6 min". */
export function formatDuration(seconds: number, l10n: typeof vscode.l10n): string {
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

/** "12.0 MB of 40.0 MB (30%) · 5.0 MB/s · 6 s left": the panel's line and the download notification's. */
export function formatProgress(progress: DownloadProgress, l10n: typeof vscode.l10n, locale?: string): string {
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
  // No "0 B/s" before the first bytes, no "0 s left" once everything is in.
  if (
    progress.bytesPerSecond !== undefined &&
    Number.isFinite(progress.bytesPerSecond) &&
    progress.bytesPerSecond > 0
  ) {
    parts.push(l10n.t('{0}/s', formatBytes(progress.bytesPerSecond, locale)));
  }
  const unfinished = progress.total !== undefined && progress.received < progress.total;
  if (progress.received > 0 && unfinished && !(progress.bytesPerSecond !== undefined && progress.bytesPerSecond > 0)) {
    parts.push(l10n.t('no data for a while'));
  }
  if (progress.etaSeconds !== undefined && Number.isFinite(progress.etaSeconds) && unfinished) {
    parts.push(l10n.t('{0} left', formatDuration(progress.etaSeconds, l10n)));
  }
  return parts.join(' · ');
}
