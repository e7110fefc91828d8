// The first screen's words (summary.ts decides, this says it): the next step as a short headline, the downloads
// left, and the sentence under the Download button. `l10n` is a parameter so plain-Node unit tests run it.

import type * as vscode from 'vscode';
import type { DownloadsLeft, NextStep } from './summary';

/** What the user can do now, as the first screen's headline. */
export function nextStepText(step: NextStep, l10n: typeof vscode.l10n, saved?: 'verified' | 'unverified'): string {
  switch (step) {
    case 'download':
      return l10n.t('Ready to download');
    case 'downloadLastUse':
      return l10n.t('Ready to download: one download left');
    case 'downloading':
      return l10n.t('Downloading: see the progress below');
    case 'wait':
      return l10n.t('Wait: Ops Manager is still preparing the archive');
    case 'waitForLink':
      return l10n.t('Wait: Ops Manager has not sent the download link yet');
    case 'expired':
      return l10n.t('The link has expired: create a new restore job');
    case 'usedUp':
      return l10n.t('The link is used up: create a new restore job');
    case 'savedUsedUp':
      return saved === 'unverified'
        ? l10n.t('Saved (not verified); the link is now used up')
        : l10n.t('Saved and verified; the link is now used up');
    case 'failed':
      return l10n.t('Ops Manager could not prepare the archive: create a new restore job');
    case 'automated':
      return l10n.t('Nothing to download: Ops Manager restores this snapshot onto a cluster');
    case 'noDownload':
      return l10n.t('Nothing to download: this restore is not delivered as an HTTP download');
    case 'refused':
      return l10n.t('Cannot download: the link Ops Manager sent cannot be used safely');
    case 'unknown':
      return l10n.t('Cannot download yet: Ops Manager reports a status this extension does not know');
  }
}

/** "3 left", "used up", "unlimited". */
export function downloadsLeftText(downloads: DownloadsLeft, l10n: typeof vscode.l10n): string {
  switch (downloads.kind) {
    case 'unlimited':
      return l10n.t('Unlimited');
    case 'usedUp':
      return l10n.t('None: used up');
    case 'left':
      return downloads.left === 1 ? l10n.t('1 left') : l10n.t('{0} left', downloads.left);
  }
}

/** The sentence under Download when this panel's own download used the last allowed download: calm, not a refusal. */
export function savedUsedUpNote(l10n: typeof vscode.l10n): string {
  return l10n.t(
    'The archive is saved (see below). That download used the last one the link allowed, so downloading it again needs a new restore job in Ops Manager.',
  );
}

/** The sentence under Download while Ops Manager prepares the archive: no status codes, the panel keeps watching. */
export function waitNote(l10n: typeof vscode.l10n): string {
  return l10n.t('Download becomes available when the archive is ready; this panel checks the job again by itself.');
}
