// How a download shows itself: the progress line, the panel's copy of it, and the notification at the end with
// "Reveal in File Explorer" (not registered in the web workbench of code-server: fall back) and "Open Folder".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DownloadProgress, DownloadResult } from '../opsManager/download';
import { formatBytes } from '../opsManager/common';
import { type DownloadProgress as PanelProgress, formatProgress, openContainingFolder, revealFile } from '../core';

/** "740.2 MB of 1.0 GB (72%) · 85.3 MB/s · 3 s left": the same line the panel shows. */
export function progressText(p: DownloadProgress): string {
  return formatProgress(toPanelProgress(p), vscode.l10n, vscode.env.language);
}

export function toPanelProgress(p: DownloadProgress): PanelProgress {
  const out: PanelProgress = { received: p.receivedBytes, bytesPerSecond: p.bytesPerSecond };
  if (p.totalBytes !== undefined) out.total = p.totalBytes;
  if (p.percent !== undefined) out.percent = p.percent;
  if (p.etaSeconds !== undefined) out.etaSeconds = p.etaSeconds;
  return out;
}

/** The end-of-download notification; not awaited, so the command returns its result at once. */
export function announceSaved(result: DownloadResult): void {
  const name = path.basename(result.path);
  const size = formatBytes(result.bytes, vscode.env.language);
  const reveal = vscode.l10n.t('Reveal in File Explorer');
  const openFolder = vscode.l10n.t('Open Folder');
  const shown = result.verified
    ? vscode.window.showInformationMessage(
        vscode.l10n.t('Saved {0} ({1}). SHA-1 verified: {2}', name, size, result.sha1),
        reveal,
        openFolder,
      )
    : vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Saved {0} ({1}), but it could not be verified: {2} Its SHA-1 is {3}.',
          name,
          size,
          result.unverifiedReason ?? '',
          result.sha1,
        ),
        reveal,
        openFolder,
      );
  void shown.then(async (choice) => {
    if (choice === reveal) {
      await revealFile(vscode.Uri.file(result.path));
    } else if (choice === openFolder) {
      await openContainingFolder(result.path);
    }
  });
}
