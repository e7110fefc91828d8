// Reading one restore job for the VS Code layers: the job reference says which API call fits.
import * as vscode from 'vscode';
import { OpsManagerError, sleep } from '../opsManager/common';
import { expectedSha1FromJob, type RequestOptions, type RestoreJob } from '../opsManager/api';
import type { Services } from './services';
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

const HASH_ATTEMPTS = 3;
const HASH_RETRY_MS = 1000;

/**
 * The SHA-1 Ops Manager publishes for a job's archive after a download (`hashes` appears once the backup host has
 * served it, sometimes a moment later): the job is read again a few times. Undefined when it never appears.
 */
export async function hashAfterDownload(
  services: Pick<Services, 'fetchJob'>,
  ref: JobRef,
  url: string,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  for (let attempt = 0; attempt < HASH_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      await sleep(HASH_RETRY_MS, signal, () => new OpsManagerError({ kind: 'cancelled', message: 'Cancelled.' }));
    }
    const hash = expectedSha1FromJob(await services.fetchJob(ref, signal), url);
    if (hash !== undefined) return hash;
  }
  return undefined;
}
