// Reading one sharded restore: its parts (`?batchId=`) and the cluster list that names them.
import * as vscode from 'vscode';
import type { Services } from '../core';
import { buildBatch, type Cluster, clusterLabel, type RestoreBatch } from '../opsManager/api';
import { isCancellation } from '../opsManager/common';
import type { BatchRef } from './protocol';

export interface LoadedBatch {
  batch: RestoreBatch;
  clusterName: string;
  /** The cluster list, for naming parts read again later. */
  members: Cluster[];
}

export async function loadBatch(services: Services, ref: BatchRef, signal?: AbortSignal): Promise<LoadedBatch> {
  const client = await services.clients.get(ref.server);
  const [jobs, clusters] = await Promise.all([
    client.listRestoreJobs(ref.groupId, ref.clusterId, { batchId: ref.batchId, signal }),
    // The names are a help, not a need: without the cluster list, parts are named from their files.
    client.listClusters(ref.groupId, { signal }).catch((error: unknown) => {
      if (isCancellation(error)) throw error;
      services.log.warn(`Cluster list of group ${ref.groupId} unavailable for naming batch parts: ${String(error)}`);
      return [] as Cluster[];
    }),
  ]);
  const cluster = clusters.find((c) => c.id === ref.clusterId);
  const configured = services.servers
    .get(ref.server)
    ?.groups?.find((g) => g.id === ref.groupId)
    ?.clusters?.find((c) => c.id === ref.clusterId)?.name;
  return {
    batch: buildBatch(ref.batchId, jobs, clusters),
    clusterName: configured ?? (cluster === undefined ? ref.clusterId : clusterLabel(cluster)),
    members: clusters,
  };
}

export function noPartsMessage(ref: BatchRef): string {
  return vscode.l10n.t(
    'Cluster {0} has no restore jobs with batch ID {1}. Refresh the tree, or check the IDs.',
    ref.clusterId,
    ref.batchId,
  );
}
