// What the panel reads from a job's state: whether it may still change on its own (so it is watched), and the
// summary the webview gets with every update.

import { checkDownloadable, type RestoreJob } from '../opsManager/api';
import type { JobSnapshot } from './protocol';

/** Whether a job may still change on its own: the watch polls it while its panel is open. */
export function isJobInProgress(job: RestoreJob): boolean {
  const delivery = job.delivery?.statusName;
  return job.statusName === 'IN_PROGRESS' || delivery === 'NOT_STARTED' || delivery === 'IN_PROGRESS';
}

export function jobSnapshot(job: RestoreJob, now: Date): JobSnapshot {
  const snapshot: JobSnapshot = { id: job.id, downloadable: checkDownloadable(job, now).ok };
  if (job.statusName !== undefined) {
    snapshot.statusName = job.statusName;
  }
  if (job.delivery?.statusName !== undefined) {
    snapshot.deliveryStatusName = job.delivery.statusName;
  }
  return snapshot;
}
