// From the palette with no arguments: ask for a job the way "Fetch Restore Job by ID…" does (server, group,
// cluster, ID or a pasted URL), by running that command with the chosen server; it also opens the job's panel.
import * as vscode from 'vscode';
import { COMMANDS, field, type JobRef, pickServer, type Services, stringField, UserCancelledError } from '../core';
import { isHostId, isObjectId } from '../opsManager/common';

export async function pickJobRef(services: Services): Promise<JobRef> {
  const server = await pickServer(services.servers, vscode.l10n.t('Download Restore Archive'));
  const job = await vscode.commands.executeCommand<unknown>(COMMANDS.fetchRestoreJob, { server });
  // Undefined: the user dismissed a prompt, or the fetch failed and the command already said why.
  const jobId = stringField(job, 'id');
  const groupId = stringField(job, 'groupId');
  if (!isObjectId(jobId) || !isObjectId(groupId)) {
    throw new UserCancelledError();
  }
  const ref: JobRef = { server, groupId, jobId };
  const clusterId = field(job, 'clusterId');
  const hostId = field(job, 'hostId');
  if (isObjectId(clusterId)) {
    ref.clusterId = clusterId;
  } else if (isHostId(hostId)) {
    ref.hostId = hostId;
  } else {
    throw new UserCancelledError();
  }
  return ref;
}
