// The panel's first screen as codes: what the user can do now, when the link expires, and how many downloads are
// left. Decided from the job (checkDownloadable, the same rules the download command applies) and from what this
// panel saw happen (a download running, or one that just saved the file); header.ts words it.
//
// `delivery.maxDownloads` is read as the downloads *left*: the simulator counts it down with every download, and
// the download command already treats 1 as "this download uses the link up" and 0 as used up.

import type { StatusTone } from '../core/jobStatus';
import { checkDownloadable, MAX_DOWNLOADS_LIMIT, type RestoreJob } from '../opsManager/api';

export type NextStep =
  /** Ready: Download works. */
  | 'download'
  /** Ready, and this download uses the link up (maxDownloads 1). */
  | 'downloadLastUse'
  /** A download of this job is running. */
  | 'downloading'
  /** Ops Manager is still preparing the archive. */
  | 'wait'
  /** HTTP and READY, but no link yet. */
  | 'waitForLink'
  | 'expired'
  /** Used up by someone or something else: a new restore job is needed. */
  | 'usedUp'
  /** This panel's own download saved the file and used the last allowed download: nothing went wrong. */
  | 'savedUsedUp'
  /** The job broke or was killed, or the delivery failed or was interrupted. */
  | 'failed'
  /** Restored onto a cluster by Ops Manager: there is no archive. */
  | 'automated'
  /** Delivered another way (SCP, QUERY) or no delivery at all. */
  | 'noDownload'
  /** The link or its token cannot be used safely. */
  | 'refused'
  /** A delivery status this version does not know. */
  | 'unknown';

export type DownloadsLeft = { kind: 'left'; left: number } | { kind: 'usedUp' } | { kind: 'unlimited' };

export interface FirstScreen {
  step: NextStep;
  tone: StatusTone;
  /** When the link expires (or expired), when it matters for the step. */
  expires?: { iso: string; past: boolean };
  /** The link's lifetime once the archive is ready, while Ops Manager has not set `expires` yet. */
  validHours?: number;
  downloads?: DownloadsLeft;
}

/** What this panel saw: a download running, or the outcome of the last one it showed. */
export interface PanelActivity {
  downloading?: boolean;
  /** The last download of this job this panel showed saved the file (verified or not). */
  saved?: 'verified' | 'unverified';
}

const TONES: Record<NextStep, StatusTone> = {
  download: 'success',
  downloadLastUse: 'success',
  downloading: 'progress',
  wait: 'progress',
  waitForLink: 'progress',
  expired: 'warning',
  usedUp: 'warning',
  savedUsedUp: 'success',
  failed: 'error',
  automated: 'neutral',
  noDownload: 'neutral',
  refused: 'error',
  unknown: 'neutral',
};

/** Steps where the link's expiry still means something to the user. */
const SHOWS_EXPIRY: ReadonlySet<NextStep> = new Set<NextStep>([
  'download',
  'downloadLastUse',
  'downloading',
  'wait',
  'waitForLink',
  'expired',
  'refused',
  'unknown',
]);

/** Steps where the number of downloads left still means something. */
const SHOWS_DOWNLOADS: ReadonlySet<NextStep> = new Set<NextStep>([
  'download',
  'downloadLastUse',
  'downloading',
  'wait',
  'waitForLink',
  'usedUp',
  'savedUsedUp',
  'refused',
  'unknown',
]);

function nextStep(job: RestoreJob, now: Date, activity: PanelActivity): NextStep {
  if (job.statusName === 'BROKEN' || job.statusName === 'KILLED') return 'failed';
  const check = checkDownloadable(job, now);
  if (check.ok) {
    if (activity.downloading === true) return 'downloading';
    return check.lastUse ? 'downloadLastUse' : 'download';
  }
  switch (check.blocker) {
    case 'JOB_NOT_FINISHED':
      return 'wait';
    case 'NOT_READY':
      if (check.params.final === true) return 'failed';
      return check.params.jobInProgress === true ? 'wait' : 'unknown';
    case 'EXPIRED':
      return 'expired';
    case 'MAX_DOWNLOADS_EXCEEDED':
      return activity.saved !== undefined ? 'savedUsedUp' : 'usedUp';
    case 'NO_URL':
      return 'waitForLink';
    case 'BAD_URL':
    case 'BAD_AUTH_HEADER':
      return 'refused';
    case 'AUTOMATED_RESTORE':
      return 'automated';
    case 'NOT_HTTP':
    case 'NO_DELIVERY':
      return 'noDownload';
  }
}

function downloadsLeft(job: RestoreJob, step: NextStep): DownloadsLeft | undefined {
  if (step === 'usedUp' || step === 'savedUsedUp') return { kind: 'usedUp' };
  const max = job.delivery?.maxDownloads;
  if (max === undefined || !Number.isFinite(max)) return undefined;
  if (max >= MAX_DOWNLOADS_LIMIT) return { kind: 'unlimited' };
  return max <= 0 ? { kind: 'usedUp' } : { kind: 'left', left: Math.floor(max) };
}

/** The first screen of a job's panel. */
export function firstScreen(job: RestoreJob, now: Date, activity: PanelActivity = {}): FirstScreen {
  const step = nextStep(job, now, activity);
  const tone = step === 'savedUsedUp' && activity.saved === 'unverified' ? 'warning' : TONES[step];
  const screen: FirstScreen = { step, tone };
  const delivery = job.delivery;
  if (SHOWS_EXPIRY.has(step)) {
    const time = delivery?.expires === undefined ? Number.NaN : Date.parse(delivery.expires);
    if (delivery?.expires !== undefined && !Number.isNaN(time)) {
      screen.expires = { iso: delivery.expires, past: step === 'expired' || time <= now.getTime() };
    } else if (delivery?.expirationHours !== undefined && (step === 'wait' || step === 'waitForLink')) {
      screen.validHours = delivery.expirationHours;
    }
  }
  if (SHOWS_DOWNLOADS.has(step)) {
    const downloads = downloadsLeft(job, step);
    if (downloads) screen.downloads = downloads;
  }
  return screen;
}
