// Reading one restore job for the VS Code layers: the job reference says which API call fits.
import * as vscode from 'vscode';
import { OpsManagerError } from '../opsManager/common';
import type { RequestOptions, RestoreJob } from '../opsManager/api';
import type { ClientCache } from './clients';
import type { JobRef } from './jobRef';

/** clusterId → getRestoreJob, hostId → getConfigServerRestoreJob, with the server's cached client. */
export async function fetchJob(
  clients: ClientCache,
  ref: JobRef,
  signal?: AbortSignal,
  onRetryWait?: RequestOptions['onRetryWait'],
): Promise<RestoreJob> {
  const client = await clients.get(ref.server);
  const opts = { signal, onRetryWait };
  if (ref.clusterId !== undefined) return client.getRestoreJob(ref.groupId, ref.clusterId, ref.jobId, opts);
  if (ref.hostId !== undefined) return client.getConfigServerRestoreJob(ref.groupId, ref.hostId, ref.jobId, opts);
  throw new OpsManagerError({
    kind: 'invalid-input',
    message: vscode.l10n.t('A restore job reference needs a cluster ID or a host ID.'),
  });
}
