// Keeps an open panel's job current without anyone clicking Refresh: polls it again while it is in progress, and
// re-renders when its download link expires, so the Download button does not outlive the link.
import { watchIntervalSeconds } from '../core';
import { checkDownloadable, type RestoreJob } from '../opsManager/api';
import { isJobInProgress } from './jobStatus';

/** setTimeout's ceiling; expiry timers further out are simply not set (the panel will be refreshed before). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class JobWatch {
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  /** `poll` fetches the job again; `expired` re-renders it once its link has expired. */
  constructor(
    private readonly poll: () => void,
    private readonly expired: () => void,
  ) {}

  /** A poll is scheduled. */
  get polling(): boolean {
    return this.pollTimer !== undefined;
  }

  /** Polls again after the configured interval while the job is still in progress. */
  schedulePoll(job: RestoreJob | undefined): void {
    this.cancelPoll();
    if (this.stopped || !job || !isJobInProgress(job)) {
      return;
    }
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.poll();
    }, watchIntervalSeconds() * 1000);
  }

  cancelPoll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** Re-renders a second after the job's download link expires, when it is downloadable now. */
  scheduleExpiry(job: RestoreJob | undefined): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const expires = job?.delivery?.expires;
    const time = expires === undefined ? Number.NaN : Date.parse(expires);
    if (this.stopped || !job || Number.isNaN(time) || !checkDownloadable(job).ok) {
      return;
    }
    const delay = time - Date.now() + 1000;
    if (delay > 0 && delay < MAX_TIMER_MS) {
      this.expiryTimer = setTimeout(() => {
        this.expiryTimer = undefined;
        this.expired();
      }, delay);
    }
  }

  /** The panel closed: no more timers. */
  stop(): void {
    this.stopped = true;
    this.cancelPoll();
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }
}
