// "Job not found" during "Fetch Restore Job by ID…": recognised, and worded for the ID step that reopens with the
// typed value. Plain functions (vscode's l10n passed in) so unit tests can read them.
import type * as vscode from 'vscode';
import type { JobRef } from '../core/jobRef';
import { isOpsManagerError, OpsManagerError } from '../opsManager/common';

/** Ops Manager's answer for a job ID it does not know (404 about the job, or a bare 404 from the job's URL). */
export function isJobNotFound(error: unknown): error is OpsManagerError {
  if (!isOpsManagerError(error) || error.kind !== 'http' || error.status !== 404) return false;
  const code = error.errorCode ?? '';
  return code === '' || code.includes('JOB');
}

/** Why the ID step opened again. Exported for tests. */
export function jobNotFoundMessage(l10n: typeof vscode.l10n, ref: JobRef): string {
  const where = ref.clusterId ?? ref.hostId ?? '?';
  return l10n.t(
    'Ops Manager has no restore job {0} in {1} (group {2}). Correct the ID, or press Enter to try it again.',
    ref.jobId,
    where,
    ref.groupId,
  );
}
