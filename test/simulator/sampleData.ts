// The simulator's sample Ops Manager: stable IDs that tests, the demo and the UI tests refer to by name,
// and createSampleData() building fresh mutable records from them (dates relative to "now" so READY links
// are valid and EXPIRED ones are not).
import * as crypto from 'node:crypto';
import type { SampleData, SimCluster, SimGroup, SimHost, SimRestoreJob } from './dataTypes';
import { createSampleBackups } from './sampleBackups';

export const DEFAULT_USER = 'qjxwvbtk';
export const DEFAULT_KEY = '3f1c2a7e-9b4d-4e6a-8c2f-5d7e9a1b3c4d';
/** The bearer token the backup host demands for `SAMPLE.jobs.readyV2`'s `urlV2`. */
export const V2_BEARER_TOKEN = 'c2ltLXYyLXRva2Vu+/Zm9yLWRvd25sb2Fk==';
export const SAMPLE_ORG_ID = '5f2b3c4d5e6f708192a3b400';
export const SAMPLE_MASTER_KEY_UUID = '8c1d5f2e-4b7a-4e39-9f06-2a5c7d3e1b90';

export const SAMPLE = {
  groups: {
    production: { id: '5f2b3c4d5e6f708192a3b4c1', name: 'Production' },
    staging: { id: '5f2b3c4d5e6f708192a3b4c2', name: 'Staging' },
    /** No clusters at all. */
    sandbox: { id: '5f2b3c4d5e6f708192a3b4c3', name: 'Sandbox' },
    /** Listed, but every request about it answers 403 IP_ADDRESS_NOT_ON_WHITELIST. */
    restricted: { id: '5f2b3c4d5e6f708192a3b4c4', name: 'Analytics (IP restricted)' },
    /** Not listed; every request about it answers an authenticated 401 NOT_IN_GROUP. */
    notInGroup: { id: '5f2b3c4d5e6f708192a3b4c5', name: 'Finance' },
  },
  clusters: {
    orders: { id: '60a1b2c3d4e5f60718293a01', name: 'rs-orders', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    catalog: { id: '60a1b2c3d4e5f60718293a02', name: 'catalog', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    catalogShard0: { id: '60a1b2c3d4e5f60718293a03', name: 'catalog', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    catalogShard1: { id: '60a1b2c3d4e5f60718293a04', name: 'catalog', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    catalogConfig: { id: '60a1b2c3d4e5f60718293a05', name: 'catalog', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    /** Legacy sharded cluster with mirrored config servers (SCCC). */
    legacy: { id: '60a1b2c3d4e5f60718293a06', name: 'legacy-events', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    legacyShard0: { id: '60a1b2c3d4e5f60718293a07', name: 'legacy-events', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    staging: { id: '60a1b2c3d4e5f60718293a08', name: 'rs-staging', groupId: '5f2b3c4d5e6f708192a3b4c2' },
    /** Has no restore jobs. */
    stagingEmpty: { id: '60a1b2c3d4e5f60718293a09', name: 'rs-scratch', groupId: '5f2b3c4d5e6f708192a3b4c2' },
    restricted: { id: '60a1b2c3d4e5f60718293a0a', name: 'rs-analytics', groupId: '5f2b3c4d5e6f708192a3b4c4' },
    notInGroup: { id: '60a1b2c3d4e5f60718293a0b', name: 'rs-ledger', groupId: '5f2b3c4d5e6f708192a3b4c5' },
  },
  hosts: {
    /** A mirrored config server of `clusters.legacy`; its restore jobs carry `hostId` and no `clusterId`. */
    legacyConfig: { id: '61b2c3d4e5f6071829304a01', groupId: '5f2b3c4d5e6f708192a3b4c1' },
  },
  jobs: {
    /** FINISHED / READY, maxDownloads 3. */
    ready: job('01', 'orders'),
    /** FINISHED / READY, maxDownloads 1: downloading uses the link up. */
    readyLastUse: job('02', 'orders'),
    /** FINISHED / READY with urlV2 + Authorization: Bearer V2_BEARER_TOKEN. */
    readyV2: job('03', 'orders'),
    /** IN_PROGRESS / IN_PROGRESS; FINISHED / READY `progressAfterMs` after it is first served. */
    inProgress: job('04', 'orders'),
    /** IN_PROGRESS / NOT_STARTED, stays so. */
    notStarted: job('05', 'orders'),
    /** FINISHED / EXPIRED (expired 30 days ago). */
    expired: job('06', 'orders'),
    /** FINISHED / MAX_DOWNLOADS_EXCEEDED, maxDownloads 0, with `hashes`. */
    maxDownloadsExceeded: job('07', 'orders'),
    /** BROKEN / FAILED. */
    broken: job('08', 'orders'),
    /** KILLED / INTERRUPTED. */
    killed: job('09', 'orders'),
    /** FINISHED / READY, encryptionEnabled with masterKeyUUID. */
    encrypted: job('0a', 'orders'),
    /** FINISHED / READY, pointInTime, maxDownloads 2147483647 (unlimited): the benchmark's download job. */
    pointInTime: job('0b', 'orders'),
    /** FINISHED / READY by QUERY (no URL: not downloadable over HTTP). */
    query: job('0c', 'orders'),
    /** Unknown statusName "QUEUED", unknown fields, timestamp.increment as a string. */
    unknownFields: job('0d', 'orders'),
    /** Sharded restore (batchIds.catalog) of `clusters.catalog`, part catalog_shard_0, FINISHED / READY. */
    sharded: job('0e', 'catalog'),
    /** Same batch, the config server part (catalog_config), FINISHED / READY, 0.5 MiB. */
    shardedConfig: job('0f', 'catalog'),
    /** Same batch, part catalog_shard_1, FINISHED / READY, 1.5 MiB. */
    shardedShard1: job('20', 'catalog'),
    /** batchIds.catalogLater, 4 parts: catalog_shard_0, READY, maxDownloads 1 (one use), 1 MiB. */
    laterShard0: job('21', 'catalog'),
    /** Same batch, catalog_shard_1: IN_PROGRESS, READY `progressAfterMs` after it is first served, 0.75 MiB. */
    laterShard1: job('22', 'catalog'),
    /** Same batch, the config server, clusterId of the sharded cluster: named from its `config-…` file name. */
    laterConfig: job('23', 'catalog'),
    /** Same batch, catalog_shard_2, a shard no longer in the cluster list: named from its file name, 2.5 MiB. */
    laterShard2: job('24', 'catalog'),
    /** Sharded restore of the legacy cluster, FINISHED / EXPIRED, with `hashes`. */
    legacyShard: job('10', 'legacy'),
    /** SCCC restore: `hostId`, no `clusterId`; FINISHED / READY. Fetched via /hosts/{HOST}/restoreJobs. */
    sccc: { id: '65e0f1a2b3c4d5e6f7a8b911', groupId: '5f2b3c4d5e6f708192a3b4c1', hostId: '61b2c3d4e5f6071829304a01' },
    stagingReady: job('12', 'staging'),
    stagingExpired: job('13', 'staging'),
    restricted: job('14', 'restricted'),
    notInGroup: job('15', 'notInGroup'),
    /** Only with the `hostile` option: markup in values and keys, and a `javascript:` delivery URL. */
    hostile: job('16', 'orders'),
    /** Only with the `hostile` option: READY; its URL's last segment is `..%2F..%2F.bashrc%0A` ("../../.bashrc\n"). */
    hostileFileName: job('17', 'orders'),
  },
  snapshotId: (n: number): string => `65d0c1b2a3948576a5b4c3${n.toString(16).padStart(2, '0')}`,
  batchIds: {
    catalog: '65e0f1a2b3c4d5e6f7a8ba01',
    legacy: '65e0f1a2b3c4d5e6f7a8ba02',
    catalogLater: '65e0f1a2b3c4d5e6f7a8ba03',
  },
} as const;

type ClusterKey = 'orders' | 'catalog' | 'legacy' | 'staging' | 'restricted' | 'notInGroup';

function job(suffix: string, cluster: ClusterKey): { id: string; groupId: string; clusterId: string } {
  const clusters: Record<ClusterKey, { id: string; groupId: string }> = {
    orders: { id: '60a1b2c3d4e5f60718293a01', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    catalog: { id: '60a1b2c3d4e5f60718293a02', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    legacy: { id: '60a1b2c3d4e5f60718293a06', groupId: '5f2b3c4d5e6f708192a3b4c1' },
    staging: { id: '60a1b2c3d4e5f60718293a08', groupId: '5f2b3c4d5e6f708192a3b4c2' },
    restricted: { id: '60a1b2c3d4e5f60718293a0a', groupId: '5f2b3c4d5e6f708192a3b4c4' },
    notInGroup: { id: '60a1b2c3d4e5f60718293a0b', groupId: '5f2b3c4d5e6f708192a3b4c5' },
  };
  const c = clusters[cluster];
  return { id: `65e0f1a2b3c4d5e6f7a8b9${suffix}`, groupId: c.groupId, clusterId: c.id };
}

/** ISO 8601 UTC to the second, as Ops Manager prints it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SampleDataOptions {
  /** Reference time for the relative dates (default: now). */
  now?: number;
  /** Add the hostile jobs (markup in values, a javascript: URL, a path-traversal file name). */
  hostile?: boolean;
}

export function createSampleData(options: SampleDataOptions = {}): SampleData {
  const now = options.now ?? Date.now();
  const G = SAMPLE.groups;
  const C = SAMPLE.clusters;
  const groups: SimGroup[] = [
    group(G.production.id, G.production.name, 14, 3, 3, ['PRODUCTION']),
    group(G.staging.id, G.staging.name, 6, 2, 0, ['STAGING']),
    group(G.sandbox.id, G.sandbox.name, 0, 0, 0, []),
    { ...group(G.restricted.id, G.restricted.name, 3, 1, 0, []), access: 'IP_ADDRESS_NOT_ON_WHITELIST' },
    { ...group(G.notInGroup.id, G.notInGroup.name, 3, 1, 0, ['FINANCE']), access: 'NOT_IN_GROUP' },
  ];
  const beat = isoSeconds(now - 40_000);
  const clusters: SimCluster[] = [
    {
      id: C.orders.id,
      groupId: C.orders.groupId,
      clusterName: 'rs-orders',
      typeName: 'REPLICA_SET',
      replicaSetName: 'rs-orders',
      lastHeartbeat: beat,
    },
    {
      id: C.catalog.id,
      groupId: C.catalog.groupId,
      clusterName: 'catalog',
      typeName: 'SHARDED_REPLICA_SET',
      lastHeartbeat: beat,
    },
    {
      id: C.catalogShard0.id,
      groupId: C.catalogShard0.groupId,
      clusterName: 'catalog',
      typeName: 'REPLICA_SET',
      replicaSetName: 'catalog_shard_0',
      shardName: 'catalog_shard_0',
      lastHeartbeat: beat,
    },
    {
      id: C.catalogShard1.id,
      groupId: C.catalogShard1.groupId,
      clusterName: 'catalog',
      typeName: 'REPLICA_SET',
      replicaSetName: 'catalog_shard_1',
      shardName: 'catalog_shard_1',
      lastHeartbeat: beat,
    },
    {
      id: C.catalogConfig.id,
      groupId: C.catalogConfig.groupId,
      clusterName: 'catalog',
      typeName: 'CONFIG_SERVER_REPLICA_SET',
      replicaSetName: 'catalog_config',
      lastHeartbeat: beat,
    },
    {
      id: C.legacy.id,
      groupId: C.legacy.groupId,
      clusterName: 'legacy-events',
      typeName: 'SHARDED',
      lastHeartbeat: beat,
    },
    {
      id: C.legacyShard0.id,
      groupId: C.legacyShard0.groupId,
      clusterName: 'legacy-events',
      typeName: 'REPLICA_SET',
      replicaSetName: 'legacy_shard_0',
      shardName: 'legacy_shard_0',
      lastHeartbeat: beat,
    },
    {
      id: C.staging.id,
      groupId: C.staging.groupId,
      clusterName: 'rs-staging',
      typeName: 'REPLICA_SET',
      replicaSetName: 'rs-staging',
      lastHeartbeat: beat,
    },
    {
      id: C.stagingEmpty.id,
      groupId: C.stagingEmpty.groupId,
      clusterName: 'rs-scratch',
      typeName: 'REPLICA_SET',
      replicaSetName: 'rs-scratch',
      lastHeartbeat: beat,
    },
    {
      id: C.restricted.id,
      groupId: C.restricted.groupId,
      clusterName: 'rs-analytics',
      typeName: 'REPLICA_SET',
      replicaSetName: 'rs-analytics',
      lastHeartbeat: beat,
    },
    {
      id: C.notInGroup.id,
      groupId: C.notInGroup.groupId,
      clusterName: 'rs-ledger',
      typeName: 'REPLICA_SET',
      replicaSetName: 'rs-ledger',
      lastHeartbeat: beat,
    },
  ];
  const hosts: SimHost[] = [
    {
      id: SAMPLE.hosts.legacyConfig.id,
      groupId: SAMPLE.hosts.legacyConfig.groupId,
      hostname: 'cfg1.legacy-events.example.net',
      port: 27019,
      typeName: 'SHARD_CONFIG',
      clusterId: C.legacy.id,
    },
  ];

  const J = SAMPLE.jobs;
  // Hashes of downloads made before the simulator started: any stable SHA-1 will do.
  const sha = (seed: string): string => crypto.createHash('sha1').update(seed).digest('hex');
  // Listed in an order that is neither newest- nor oldest-first, so clients have to sort.
  const jobs: SimRestoreJob[] = [
    restore(J.expired, now - 30 * DAY, 1, {
      statusName: 'FINISHED',
      deliveryStatus: 'EXPIRED',
      maxDownloads: 1,
      expirationHours: 1,
      token: '1976673072885966399',
    }),
    restore(J.ready, now - 2 * HOUR, 2, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 3,
      expirationHours: 48,
      token: '4417022818560373771',
    }),
    restore(J.broken, now - 6 * DAY, 3, {
      statusName: 'BROKEN',
      deliveryStatus: 'FAILED',
      maxDownloads: 1,
      expirationHours: 24,
      noUrl: true,
    }),
    restore(J.inProgress, now - 10 * 60_000, 4, {
      statusName: 'IN_PROGRESS',
      deliveryStatus: 'IN_PROGRESS',
      maxDownloads: 2,
      expirationHours: 24,
      token: 'aW4tcHJvZ3Jlc3MtdG9rZW4=',
      becomes: { statusName: 'FINISHED', deliveryStatusName: 'READY' },
    }),
    restore(J.readyLastUse, now - 5 * HOUR, 5, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 1,
      expirationHours: 48,
      token: 'bGFzdC11c2UtdG9rZW4+Pz8==',
    }),
    restore(J.killed, now - 8 * DAY, 6, {
      statusName: 'KILLED',
      deliveryStatus: 'INTERRUPTED',
      maxDownloads: 1,
      expirationHours: 24,
      noUrl: true,
    }),
    restore(J.maxDownloadsExceeded, now - 3 * DAY, 7, {
      statusName: 'FINISHED',
      deliveryStatus: 'MAX_DOWNLOADS_EXCEEDED',
      maxDownloads: 0,
      expirationHours: 168,
      token: '8801245112001935007',
      hashes: true,
    }),
    restore(J.readyV2, now - 7 * HOUR, 8, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 5,
      expirationHours: 48,
      token: '2290751130967514400',
      v2: true,
    }),
    restore(J.notStarted, now - 30 * 60_000, 9, {
      statusName: 'IN_PROGRESS',
      deliveryStatus: 'NOT_STARTED',
      maxDownloads: 1,
      expirationHours: 24,
      noUrl: true,
    }),
    restore(J.encrypted, now - 26 * HOUR, 10, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 72,
      token: '6093318822075146113',
      encrypted: true,
    }),
    restore(J.query, now - 4 * DAY, 11, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 1,
      expirationHours: 48,
      method: 'QUERY',
    }),
    restore(J.pointInTime, now - 50 * HOUR, 12, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2147483647,
      expirationHours: 720,
      token: '3151092841157783808',
      pointInTime: true,
    }),
    restore(J.unknownFields, now - 12 * DAY, 13, {
      statusName: 'QUEUED',
      deliveryStatus: 'NOT_STARTED',
      maxDownloads: 1,
      expirationHours: 24,
      noUrl: true,
      increment: '7',
      extraFields: { restoreSpeedTier: 'STANDARD', sourceRegion: { name: 'eu-west-1', priority: 2 } },
      deliveryExtra: { transferEncryption: 'TLS1_3' },
    }),
    restore(J.sharded, now - 20 * HOUR, 14, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 72,
      token: 'c2hhcmQwLXRva2Vu',
      batchId: SAMPLE.batchIds.catalog,
      part: { clusterId: C.catalogShard0.id, replicaSetName: 'catalog_shard_0' },
    }),
    restore(J.shardedConfig, now - 20 * HOUR + 60_000, 15, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 72,
      token: 'Y29uZmlnLXRva2Vu',
      batchId: SAMPLE.batchIds.catalog,
      part: { clusterId: C.catalogConfig.id, replicaSetName: 'catalog_config', config: true, sizeMb: 0.5 },
    }),
    restore(J.shardedShard1, now - 20 * HOUR + 30_000, 24, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 72,
      token: 'c2hhcmQxLXRva2Vu',
      batchId: SAMPLE.batchIds.catalog,
      part: { clusterId: C.catalogShard1.id, replicaSetName: 'catalog_shard_1', sizeMb: 1.5 },
    }),
    restore(J.laterShard0, now - 90 * 60_000, 25, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 1,
      expirationHours: 48,
      token: 'bGF0ZXIwLXRva2Vu',
      batchId: SAMPLE.batchIds.catalogLater,
      part: { clusterId: C.catalogShard0.id, replicaSetName: 'catalog_shard_0', sizeMb: 1 },
    }),
    restore(J.laterShard1, now - 90 * 60_000 + 10_000, 26, {
      statusName: 'IN_PROGRESS',
      deliveryStatus: 'IN_PROGRESS',
      maxDownloads: 2,
      expirationHours: 48,
      token: 'bGF0ZXIxLXRva2Vu',
      batchId: SAMPLE.batchIds.catalogLater,
      becomes: { statusName: 'FINISHED', deliveryStatusName: 'READY' },
      part: { clusterId: C.catalogShard1.id, replicaSetName: 'catalog_shard_1', sizeMb: 0.75 },
    }),
    restore(J.laterConfig, now - 90 * 60_000 + 20_000, 27, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 48,
      token: 'bGF0ZXJjLXRva2Vu',
      batchId: SAMPLE.batchIds.catalogLater,
      part: { replicaSetName: 'catalog_config', config: true, sizeMb: 0.5 },
    }),
    restore(J.laterShard2, now - 90 * 60_000 + 30_000, 28, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 48,
      token: 'bGF0ZXIyLXRva2Vu',
      batchId: SAMPLE.batchIds.catalogLater,
      part: { replicaSetName: 'catalog_shard_2', sizeMb: 2.5 },
    }),
    restore(J.legacyShard, now - 15 * DAY, 16, {
      statusName: 'FINISHED',
      deliveryStatus: 'EXPIRED',
      maxDownloads: 1,
      expirationHours: 2,
      token: '7036154119208861266',
      batchId: SAMPLE.batchIds.legacy,
      hashes: true,
    }),
    restore(J.sccc, now - 15 * DAY + 60_000, 17, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 3,
      expirationHours: 24 * 365,
      token: '5512876390214470051',
      batchId: SAMPLE.batchIds.legacy,
    }),
    restore(J.stagingReady, now - DAY, 18, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 2,
      expirationHours: 48,
      token: '9123404455166123412',
    }),
    restore(J.stagingExpired, now - 40 * DAY, 19, {
      statusName: 'FINISHED',
      deliveryStatus: 'EXPIRED',
      maxDownloads: 1,
      expirationHours: 1,
      token: '9123404455166123413',
    }),
    restore(J.restricted, now - 3 * HOUR, 20, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 1,
      expirationHours: 48,
      token: '1000000000000000020',
    }),
    restore(J.notInGroup, now - 4 * HOUR, 21, {
      statusName: 'FINISHED',
      deliveryStatus: 'READY',
      maxDownloads: 1,
      expirationHours: 48,
      token: '1000000000000000021',
    }),
  ];
  for (const j of jobs) {
    if (j.hashes) j.hashes = j.hashes.map((x, i) => ({ ...x, hash: sha(`${j.id}/${i}`) }));
  }
  if (options.hostile) {
    jobs.push(
      restore(J.hostile, now - 90 * 60_000, 22, {
        statusName: 'FINISHED',
        deliveryStatus: 'READY',
        maxDownloads: 1,
        expirationHours: 48,
        url: 'javascript:alert(document.domain)//backup/restore.tar.gz',
        snapshotIdOverride: '<script>alert(1)</script>',
        extraFields: { '<img src=x onerror=alert(2)>': '"><svg onload=alert(3)>', note: '\u202Egnp.exe' },
      }),
      restore(J.hostileFileName, now - 100 * 60_000, 23, {
        statusName: 'FINISHED',
        deliveryStatus: 'READY',
        maxDownloads: 2,
        expirationHours: 48,
        token: 'aG9zdGlsZQ==',
        fileName: '../../.bashrc\n',
      }),
    );
  }
  return { groups, clusters, hosts, jobs, ...createSampleBackups(now) };
}

function group(id: string, name: string, agents: number, rs: number, shards: number, tags: string[]): SimGroup {
  return { id, name, orgId: SAMPLE_ORG_ID, activeAgentCount: agents, replicaSetCount: rs, shardCount: shards, tags };
}

interface JobSpec {
  statusName: string;
  deliveryStatus: string;
  maxDownloads: number;
  expirationHours: number;
  token?: string;
  noUrl?: boolean;
  method?: string;
  url?: string;
  fileName?: string;
  v2?: boolean;
  encrypted?: boolean;
  pointInTime?: boolean;
  batchId?: string;
  /** A part of a sharded restore: its member cluster (sent as clusterId), file name pieces and archive size. */
  part?: { clusterId?: string; replicaSetName: string; config?: boolean; sizeMb?: number };
  hashes?: boolean;
  increment?: number | string;
  becomes?: { statusName: string; deliveryStatusName: string };
  snapshotIdOverride?: string;
  extraFields?: Record<string, unknown>;
  deliveryExtra?: Record<string, unknown>;
}

function restore(
  ref: { id: string; groupId: string; clusterId?: string; hostId?: string },
  createdMs: number,
  n: number,
  spec: JobSpec,
): SimRestoreJob {
  const created = isoSeconds(createdMs);
  const snapshotMs = createdMs - 47 * 60_000;
  const method = spec.method ?? 'HTTP';
  const http = method === 'HTTP';
  const finished = spec.statusName !== 'IN_PROGRESS' && spec.statusName !== 'QUEUED';
  const seconds = Math.floor(snapshotMs / 1000);
  // Part file names follow the fixtures: `[config-]<replicaSetName>[-<clusterId>]-<unixSeconds>-<jobId>.tar.gz`.
  const partStem =
    spec.part === undefined
      ? undefined
      : spec.part.config
        ? `config-${spec.part.replicaSetName}-${ref.clusterId ?? ''}`
        : spec.part.replicaSetName;
  const fileName = spec.fileName ?? `${partStem ?? clusterLabel(ref)}-${seconds}-${ref.id}.tar.gz`;
  const j: SimRestoreJob = {
    id: ref.id,
    groupId: ref.groupId,
    created,
    delivery: {
      methodName: method,
      statusName: spec.deliveryStatus,
      ...(http ? { expirationHours: spec.expirationHours, maxDownloads: spec.maxDownloads } : {}),
      ...(http && finished ? { expires: isoSeconds(createdMs + spec.expirationHours * HOUR) } : {}),
      ...(spec.url !== undefined ? { url: spec.url } : {}),
      ...(spec.v2 ? { v2: { authValue: V2_BEARER_TOKEN } } : {}),
      ...(spec.deliveryExtra ? { extraFields: spec.deliveryExtra } : {}),
    },
    encryptionEnabled: spec.encrypted === true,
    pointInTime: spec.pointInTime === true,
    snapshotId: spec.snapshotIdOverride ?? SAMPLE.snapshotId(n),
    statusName: spec.statusName,
    timestamp: { date: isoSeconds(snapshotMs), increment: spec.increment ?? n },
  };
  if (ref.clusterId !== undefined) j.clusterId = ref.clusterId;
  if (ref.hostId !== undefined) j.hostId = ref.hostId;
  if (spec.batchId !== undefined) j.batchId = spec.batchId;
  if (spec.encrypted) j.masterKeyUUID = SAMPLE_MASTER_KEY_UUID;
  if (spec.hashes) j.hashes = [{ fileName, hash: '', typeName: 'SHA1' }];
  if (spec.extraFields) j.extraFields = spec.extraFields;
  if (http && !spec.noUrl && spec.url === undefined)
    j.archive = { fileName, token: spec.token ?? `${n}000000000000000000` };
  if (spec.part?.clusterId !== undefined) j.partClusterId = spec.part.clusterId;
  if (j.archive !== undefined && spec.part?.sizeMb !== undefined)
    j.archive.sizeBytes = Math.round(spec.part.sizeMb * 1024 * 1024);
  if (spec.becomes) j.becomes = { ...spec.becomes };
  return j;
}

function clusterLabel(ref: { clusterId?: string; hostId?: string }): string {
  const c = Object.values(SAMPLE.clusters).find((x) => x.id === ref.clusterId);
  return c ? c.name : 'config';
}

export interface BulkShape {
  groups: number;
  clustersPerGroup: number;
  jobsPerCluster: number;
}

/** Deterministic hex ID: a two-hex-digit kind prefix and a zero-padded counter. */
function bulkId(kind: string, n: number): string {
  return kind + n.toString(16).padStart(22, '0');
}

/** IDs of generateBulkData's records, so benchmarks can address them without searching. */
export const BULK = {
  groupId: (g: number): string => bulkId('b1', g),
  clusterId: (g: number, c: number, shape: BulkShape): string => bulkId('c1', g * shape.clustersPerGroup + c),
  jobId: (g: number, c: number, j: number, shape: BulkShape): string =>
    bulkId('d1', (g * shape.clustersPerGroup + c) * shape.jobsPerCluster + j),
};

/** A large deterministic data set for benchmarks (e.g. 200 groups × 25 clusters × 20 jobs). */
export function generateBulkData(shape: BulkShape, now = Date.now()): SampleData {
  const data: SampleData = { groups: [], clusters: [], hosts: [], jobs: [] };
  const statuses: [string, string][] = [
    ['FINISHED', 'EXPIRED'],
    ['FINISHED', 'READY'],
    ['FINISHED', 'MAX_DOWNLOADS_EXCEEDED'],
    ['BROKEN', 'FAILED'],
    ['KILLED', 'INTERRUPTED'],
  ];
  for (let g = 0; g < shape.groups; g++) {
    const groupId = BULK.groupId(g);
    data.groups.push(group(groupId, `bulk-group-${g}`, 3, shape.clustersPerGroup, 0, []));
    for (let c = 0; c < shape.clustersPerGroup; c++) {
      const clusterId = BULK.clusterId(g, c, shape);
      const name = `bulk-rs-${g}-${c}`;
      data.clusters.push({
        id: clusterId,
        groupId,
        clusterName: name,
        typeName: 'REPLICA_SET',
        replicaSetName: name,
        lastHeartbeat: isoSeconds(now),
      });
      for (let j = 0; j < shape.jobsPerCluster; j++) {
        const id = BULK.jobId(g, c, j, shape);
        // Spread creation times so none collide, in an order that is not sorted.
        const createdMs = now - ((j * 7919) % shape.jobsPerCluster) * HOUR - c * 60_000 - g * 1000;
        const [statusName, deliveryStatus] = statuses[j % statuses.length];
        const ready = deliveryStatus === 'READY';
        data.jobs.push({
          id,
          groupId,
          clusterId,
          created: isoSeconds(createdMs),
          delivery: {
            methodName: 'HTTP',
            statusName: deliveryStatus,
            expirationHours: 48,
            maxDownloads: ready ? 1 : 0,
            expires: isoSeconds(ready ? now + DAY : createdMs + 48 * HOUR),
          },
          encryptionEnabled: false,
          pointInTime: false,
          snapshotId: bulkId('e1', (g * shape.clustersPerGroup + c) * shape.jobsPerCluster + j),
          statusName,
          timestamp: { date: isoSeconds(createdMs - HOUR), increment: 1 },
          archive: { fileName: `${name}-${id}.tar.gz`, token: bulkId('f1', j) },
        });
      }
    }
  }
  return data;
}
