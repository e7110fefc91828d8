// Records → Ops Manager JSON. Keys come out sorted, as Ops Manager's serializer prints them; simulator-only
// fields (access, archive, becomes) are left out.
import type { SimCluster, SimGroup, SimRestoreJob } from './dataTypes';

export interface Origins {
  /** e.g. http://127.0.0.1:1234/api/public/v1.0 */
  apiBase: string;
  /** e.g. http://127.0.0.1:1235 */
  backupUrl: string;
}

/** A path segment with reserved characters escaped but `=` and `+` kept (tokens carry them raw). */
export function pathSegment(s: string): string {
  return encodeURIComponent(s).replace(/%3D/g, '=').replace(/%2B/g, '+');
}

export function pullPath(job: SimRestoreJob): string | undefined {
  const a = job.archive;
  return a && `/backup/restore/v2/pull/${pathSegment(job.id)}/${pathSegment(a.token)}/${pathSegment(a.fileName)}`;
}

export function pullPathV2(job: SimRestoreJob): string | undefined {
  const a = job.archive;
  return a && job.delivery.v2 ? `/backup/restore/v3/pull/${pathSegment(job.id)}/${pathSegment(a.fileName)}` : undefined;
}

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

const NO_URL_YET = new Set(['NOT_STARTED', 'IN_PROGRESS']);

export function jobSelfHref(o: Origins, job: SimRestoreJob): string {
  return job.clusterId !== undefined
    ? `${o.apiBase}/groups/${job.groupId}/clusters/${job.clusterId}/restoreJobs/${job.id}`
    : `${o.apiBase}/groups/${job.groupId}/hosts/${job.hostId ?? ''}/restoreJobs/${job.id}`;
}

/** The delivery URL as the API serves it (undefined while the job has none). */
export function deliveryUrl(o: Origins, job: SimRestoreJob): string | undefined {
  if (job.delivery.url !== undefined) return job.delivery.url;
  const p = pullPath(job);
  return p !== undefined && !NO_URL_YET.has(job.delivery.statusName) ? o.backupUrl + p : undefined;
}

export function jobJson(o: Origins, job: SimRestoreJob): Record<string, unknown> {
  const d = job.delivery;
  const url = deliveryUrl(o, job);
  const v2 = url !== undefined && d.url === undefined ? pullPathV2(job) : undefined;
  const delivery = sorted({
    expirationHours: d.expirationHours,
    expires: d.expires,
    maxDownloads: d.maxDownloads,
    methodName: d.methodName,
    statusName: d.statusName,
    url,
    ...(v2 !== undefined && d.v2
      ? { urlV2: o.backupUrl + v2, authHeader: 'Authorization', authBearer: 'Bearer', authValue: d.v2.authValue }
      : {}),
    targetClusterId: d.targetClusterId,
    targetGroupId: d.targetGroupId,
    ...d.extraFields,
  });
  return sorted({
    batchId: job.batchId,
    clusterId: job.partClusterId ?? job.clusterId,
    created: job.created,
    delivery,
    encryptionEnabled: job.encryptionEnabled,
    groupId: job.groupId,
    hashes: job.hashes?.map((h) => ({ fileName: h.fileName, hash: h.hash, typeName: h.typeName })),
    hostId: job.hostId,
    id: job.id,
    links: [{ href: jobSelfHref(o, job), rel: 'self' }],
    masterKeyUUID: job.masterKeyUUID,
    pointInTime: job.pointInTime,
    snapshotId: job.snapshotId,
    statusName: job.statusName,
    timestamp: { date: job.timestamp.date, increment: job.timestamp.increment },
    ...job.extraFields,
  });
}

export function groupJson(o: Origins, g: SimGroup): Record<string, unknown> {
  return sorted({
    activeAgentCount: g.activeAgentCount,
    hostCounts: {
      arbiter: 0,
      config: 0,
      master: 0,
      mongos: 0,
      primary: g.replicaSetCount,
      secondary: 2 * g.replicaSetCount,
      slave: 0,
    },
    id: g.id,
    links: [{ href: `${o.apiBase}/groups/${g.id}`, rel: 'self' }],
    name: g.name,
    orgId: g.orgId,
    publicApiEnabled: true,
    replicaSetCount: g.replicaSetCount,
    shardCount: g.shardCount,
    tags: g.tags,
    ...g.extraFields,
  });
}

export function clusterJson(o: Origins, c: SimCluster): Record<string, unknown> {
  return sorted({
    clusterName: c.clusterName,
    groupId: c.groupId,
    id: c.id,
    lastHeartbeat: c.lastHeartbeat,
    links: [{ href: `${o.apiBase}/groups/${c.groupId}/clusters/${c.id}`, rel: 'self' }],
    replicaSetName: c.replicaSetName,
    shardName: c.shardName,
    typeName: c.typeName,
    ...c.extraFields,
  });
}
