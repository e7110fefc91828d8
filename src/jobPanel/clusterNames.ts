// Cluster names for panel titles: from the server's settings when given there, else looked up once per group
// (one list request) and remembered; a failed lookup is forgotten so the next panel tries again.
import type { JobRef, Services } from '../core';

export class ClusterNames {
  /** Discovered names by cluster ID (lower case), by server + group. */
  private readonly byGroup = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly services: Services) {}

  /** The name the `opsManager.servers` setting gives the job's cluster, if any. */
  configured(ref: JobRef): string | undefined {
    if (ref.clusterId === undefined) {
      return undefined;
    }
    const server = this.services.servers.get(ref.server);
    const group = server?.groups?.find((g) => g.id.toLowerCase() === ref.groupId.toLowerCase());
    return group?.clusters?.find((c) => c.id.toLowerCase() === ref.clusterId?.toLowerCase())?.name;
  }

  /** The cluster's name as Ops Manager lists it; undefined for a config-server job or an unnamed cluster. Rejects when the lookup fails. */
  async lookup(ref: JobRef): Promise<string | undefined> {
    const clusterId = ref.clusterId?.toLowerCase();
    if (clusterId === undefined) {
      return undefined;
    }
    const cacheKey = `${ref.server}\u0000${ref.groupId.toLowerCase()}`;
    let names = this.byGroup.get(cacheKey);
    if (!names) {
      names = (async () => {
        const client = await this.services.clients.get(ref.server);
        const clusters = await client.listClusters(ref.groupId, { maxItems: 1000 });
        const map = new Map<string, string>();
        for (const cluster of clusters) {
          if (cluster.clusterName) map.set(cluster.id.toLowerCase(), cluster.clusterName);
        }
        return map;
      })();
      this.byGroup.set(cacheKey, names);
      names.catch(() => this.byGroup.delete(cacheKey));
    }
    return (await names).get(clusterId);
  }
}
