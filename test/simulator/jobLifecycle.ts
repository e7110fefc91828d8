// Time-driven changes of a restore job, applied whenever the job is looked at (API or backup host).
import type { SimRestoreJob } from './dataTypes';
import { isoSeconds } from './sampleData';

/**
 * IN_PROGRESS jobs with `becomes` finish `afterMs` (default: the simulator's progressAfterMs) after the first
 * time they are served, so a test or demo sees the change however late it starts; READY links past their
 * `expires` turn EXPIRED.
 */
export function refreshJob(job: SimRestoreJob, now: number, progressAfterMs: number): void {
  const b = job.becomes;
  if (b) {
    b.firstServedAt ??= now;
    if (now - b.firstServedAt >= (b.afterMs ?? progressAfterMs)) {
      job.statusName = b.statusName;
      job.delivery.statusName = b.deliveryStatusName;
      // A link created with an explicit `expires` keeps it.
      if (job.delivery.methodName === 'HTTP')
        job.delivery.expires ??= isoSeconds(now + (job.delivery.expirationHours ?? 1) * 3_600_000);
      delete job.becomes;
    }
  }
  if (job.delivery.statusName === 'READY' && isExpired(job, now)) job.delivery.statusName = 'EXPIRED';
}

export function isExpired(job: SimRestoreJob, now: number): boolean {
  const expires = job.delivery.expires;
  if (expires === undefined) return false;
  const t = Date.parse(expires);
  return Number.isFinite(t) && t <= now;
}
