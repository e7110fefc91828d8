// From the palette with no arguments: server, group, cluster (sharded ones first), then the batch, each a quick
// pick that opens at once and skips itself when there is only one choice.
import * as vscode from 'vscode';
import { type PickItem, pickServer, pickText, pickWithLoading, type Services, UserCancelledError } from '../core';
import { clusterLabel, groupClusters, groupRestoreJobs, isShardedCluster, type RestoreBatch } from '../opsManager/api';
import type { BatchRef } from './protocol';

export async function pickBatch(services: Services, describe: (batch: RestoreBatch) => string): Promise<BatchRef> {
  const title = vscode.l10n.t('Download Sharded Restore');
  const server = await pickServer(services.servers, title);
  const client = await services.clients.get(server);
  const groupId = await pickWithLoading<string>({
    title,
    placeholder: vscode.l10n.t('Choose a project (group)'),
    emptyMessage: vscode.l10n.t('No projects on this server.'),
    load: async () =>
      (await client.listGroups()).map((g) => ({
        label: pickText(g.name ?? g.id),
        description: pickText(g.id),
        value: g.id,
      })),
  });
  if (groupId === undefined) throw new UserCancelledError();
  const clusters = await client.listClusters(groupId);
  const clusterId = await pickWithLoading<string>({
    title,
    placeholder: vscode.l10n.t('Choose the sharded cluster'),
    emptyMessage: vscode.l10n.t('No clusters in this project.'),
    load: async () =>
      groupClusters(clusters)
        .sort((a, b) => Number(isShardedCluster(b.cluster)) - Number(isShardedCluster(a.cluster)))
        .map((entry) => ({
          label: pickText(clusterLabel(entry.cluster)),
          description: entry.cluster.typeName === undefined ? undefined : pickText(entry.cluster.typeName, 60),
          detail: pickText(entry.cluster.id),
          value: entry.cluster.id,
        })),
  });
  if (clusterId === undefined) throw new UserCancelledError();
  const batchId = await pickWithLoading<string>({
    title,
    placeholder: vscode.l10n.t('Choose the sharded restore'),
    emptyMessage: vscode.l10n.t('This cluster has no sharded restores (restore jobs sharing a batch ID).'),
    load: async () => {
      const entries = groupRestoreJobs(await client.listRestoreJobs(groupId, clusterId), clusters);
      const items: Array<PickItem<string>> = [];
      for (const entry of entries) {
        if (entry.kind !== 'batch') continue;
        items.push({
          label: pickText(describe(entry.batch)),
          detail: pickText(entry.batch.batchId),
          value: entry.batch.batchId,
        });
      }
      return items;
    },
  });
  if (batchId === undefined) throw new UserCancelledError();
  return { server, groupId, clusterId, batchId };
}
