// Group and cluster names for panel titles and headers: from the server's settings when given there, else looked
// up once (one request per group: the group itself, its cluster list) and remembered; a failed lookup is
// forgotten so the next panel tries again. Nothing waits for them: the panel shows the IDs until they arrive.
import type { JobRef, Services } from '../core';

export class ClusterNames {
  /** Discovered names by cluster ID (lower case), by server + group. */
  private readonly byGroup = new Map<string, Promise<Map<string, string>>>();
  /** Discovered group names, by server + group. */
  private readonly groups = new Map<string, Promise<string | undefined>>();

  constructor(private readonly services: Services) {}

  private configuredGroup(ref: JobRef): { name?: string; clusters?: Array<{ id: string; name?: string }> } | undefined {
    const server = this.services.servers.get(ref.server);
    return server?.groups?.find((g) => g.id.toLowerCase() === ref.groupId.toLowerCase());
  }

  /** The name the `opsManager.servers` setting gives the job's cluster, if any. */
  configured(ref: JobRef): string | undefined {
    if (ref.clusterId === undefined) {
      return undefined;
    }
    return this.configuredGroup(ref)?.clusters?.find((c) => c.id.toLowerCase() === ref.clusterId?.toLowerCase())?.name;
  }

  /** The name the `opsManager.servers` setting gives the job's group, if any. */
  configuredGroupName(ref: JobRef): string | undefined {
    return this.configuredGroup(ref)?.name;
  }

  /** The group's name as Ops Manager gives it; undefined when it has none. Rejects when the lookup fails. */
  async lookupGroup(ref: JobRef): Promise<string | undefined> {
    const cacheKey = `${ref.server}\u0000${ref.groupId.toLowerCase()}`;
    let name = this.groups.get(cacheKey);
    if (!name) {
      name = (async () => {
        const client = await this.services.clients.get(ref.server);
        return (await client.getGroup(ref.groupId)).name;
      })();
      this.groups.set(cacheKey, name);
      name.catch(() => this.groups.delete(cacheKey));
    }
    return name;
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
