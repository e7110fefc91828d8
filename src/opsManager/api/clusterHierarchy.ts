// The clusters list of a group holds a sharded cluster AND each of its shards and its config server replica set
// as separate entries (shards carry `shardName`; `clusterName` is the parent's name). The tree shows the
// top-level clusters, with the members tucked under their parent, because restore jobs are asked of the parent.
// Plain TypeScript: no vscode import.
import type { Cluster } from './model';

export interface ClusterEntry {
  cluster: Cluster;
  /** Shards and config servers of a sharded cluster; empty otherwise. */
  members: Cluster[];
}

const SHARDED_TYPES = new Set(['SHARDED', 'SHARDED_REPLICA_SET']);

export function isShardedCluster(cluster: Cluster): boolean {
  return cluster.typeName !== undefined && SHARDED_TYPES.has(cluster.typeName);
}

function isMemberCandidate(cluster: Cluster): boolean {
  return (
    !isShardedCluster(cluster) && (cluster.shardName !== undefined || cluster.typeName === 'CONFIG_SERVER_REPLICA_SET')
  );
}

export function clusterLabel(cluster: Cluster): string {
  return cluster.clusterName ?? cluster.replicaSetName ?? cluster.id;
}

/** Top-level clusters with their members, sorted by name. Members whose parent is absent stay top-level. */
export function groupClusters(clusters: readonly Cluster[]): ClusterEntry[] {
  const parents = new Map<string, ClusterEntry>();
  const entries: ClusterEntry[] = [];
  for (const cluster of clusters) {
    if (isShardedCluster(cluster)) {
      const entry: ClusterEntry = { cluster, members: [] };
      entries.push(entry);
      if (cluster.clusterName !== undefined && !parents.has(cluster.clusterName))
        parents.set(cluster.clusterName, entry);
    }
  }
  for (const cluster of clusters) {
    if (isShardedCluster(cluster)) continue;
    const parent =
      isMemberCandidate(cluster) && cluster.clusterName !== undefined ? parents.get(cluster.clusterName) : undefined;
    if (parent !== undefined) {
      parent.members.push(cluster);
    } else {
      entries.push({ cluster, members: [] });
    }
  }
  const byName = (a: Cluster, b: Cluster): number =>
    clusterLabel(a).localeCompare(clusterLabel(b), undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  for (const entry of entries) {
    // Config server last, shards by name.
    entry.members.sort((a, b) => {
      const aConfig = a.typeName === 'CONFIG_SERVER_REPLICA_SET' ? 1 : 0;
      const bConfig = b.typeName === 'CONFIG_SERVER_REPLICA_SET' ? 1 : 0;
      return (
        aConfig - bConfig ||
        (a.shardName ?? a.replicaSetName ?? a.id).localeCompare(b.shardName ?? b.replicaSetName ?? b.id)
      );
    });
  }
  return entries.sort((a, b) => byName(a.cluster, b.cluster));
}
