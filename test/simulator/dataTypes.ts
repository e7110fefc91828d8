// The simulator's own records. They are typed for the tests' convenience and turned into Ops Manager JSON by
// serialize.ts; fields that only steer the simulator (access, archive, becomes) never reach the wire.

export interface SimGroup {
  id: string;
  name: string;
  orgId: string;
  activeAgentCount: number;
  replicaSetCount: number;
  shardCount: number;
  tags: string[];
  /** NOT_IN_GROUP: the user is not a member (authenticated 401, hidden from the list).
   *  IP_ADDRESS_NOT_ON_WHITELIST: every request about this group answers 403. */
  access?: 'NOT_IN_GROUP' | 'IP_ADDRESS_NOT_ON_WHITELIST';
  /** Creating a restore job answers 403 RESOURCE_REQUIRES_ACCESS_LIST (reads still work). */
  createRequiresAccessList?: boolean;
  extraFields?: Record<string, unknown>;
}

export interface SimCluster {
  id: string;
  groupId: string;
  clusterName: string;
  typeName: string;
  replicaSetName?: string;
  shardName?: string;
  lastHeartbeat: string;
  extraFields?: Record<string, unknown>;
}

/** A legacy mirrored config server (SCCC) host, addressed by /groups/{G}/hosts/{HOST}/restoreJobs. */
export interface SimHost {
  id: string;
  groupId: string;
  hostname: string;
  port: number;
  typeName: string;
  clusterId: string;
}

export interface SimHash {
  fileName: string;
  hash: string;
  typeName: string;
}

export interface SimDelivery {
  methodName: string;
  statusName: string;
  expirationHours?: number;
  expires?: string;
  maxDownloads?: number;
  /** Sent verbatim when set (e.g. a hostile scheme); otherwise derived from `archive` on the backup host. */
  url?: string;
  /** Also publish `urlV2` + `authHeader`/`authBearer`/`authValue`; the v2 URL then demands the bearer token. */
  v2?: { authValue: string };
  targetClusterId?: string;
  targetGroupId?: string;
  extraFields?: Record<string, unknown>;
}

export interface SimArchive {
  /** Last path segment of the pull URL. */
  fileName: string;
  /** Path token of the pull URL (may contain `=`). */
  token: string;
  /** Serve an archive of this size instead of the simulator's default (parts of a batch differ in size and SHA-1). */
  sizeBytes?: number;
}

export interface SimRestoreJob {
  id: string;
  groupId: string;
  clusterId?: string;
  hostId?: string;
  batchId?: string;
  /** A part of a sharded restore: the shard's or config server's cluster ID, sent as `clusterId` while the job is
   *  listed and fetched under the sharded cluster (`clusterId`), as the real fixtures disagree on which one it is. */
  partClusterId?: string;
  created: string;
  delivery: SimDelivery;
  encryptionEnabled: boolean;
  masterKeyUUID?: string;
  hashes?: SimHash[];
  pointInTime: boolean;
  snapshotId: string;
  statusName: string;
  timestamp: { date: string; increment: number | string };
  extraFields?: Record<string, unknown>;
  /** Where the archive is served from (HTTP jobs). */
  archive?: SimArchive;
  /** The job finishes by itself: `afterMs` after it is first served (list or get), its statuses become these. */
  becomes?: { afterMs?: number; statusName: string; deliveryStatusName: string; firstServedAt?: number };
}

export interface SampleData {
  groups: SimGroup[];
  clusters: SimCluster[];
  hosts: SimHost[];
  /** Deliberately not sorted by `created`: clients must sort. */
  jobs: SimRestoreJob[];
  /** Snapshots of every cluster with backup (absent: no cluster has any). */
  snapshots?: SimSnapshot[];
  /** Checkpoints of legacy sharded clusters (FCV 4.0 or older). */
  checkpoints?: SimCheckpoint[];
  /** Backup configuration per cluster: the PIT window and which API the server has for it. */
  backups?: SimBackupConfig[];
}

export interface SimSnapshotPart {
  typeName: 'REPLICA_SET' | 'CONFIG_SERVER_REPLICA_SET';
  replicaSetName: string;
  /** The replica set's own cluster ID. */
  clusterId: string;
  shardName?: string;
  compressionSetting: string;
  dataSizeBytes: number;
  storageSizeBytes: number;
  fileSizeBytes: number;
  mongodVersion: string;
  encryptionEnabled: boolean;
}

export interface SimSnapshot {
  id: string;
  groupId: string;
  clusterId: string;
  complete: boolean;
  created: { date: string; increment: number };
  expires?: string;
  doNotDelete: boolean;
  lastOplogAppliedTimestamp: { date: string; increment: number };
  parts: SimSnapshotPart[];
  /** Sharded only. */
  isPossiblyInconsistent?: boolean;
  /** Removed, but still answered by ID (a create then gets CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT). */
  deleted?: boolean;
}

export interface SimCheckpoint {
  id: string;
  groupId: string;
  clusterId: string;
  started: string;
  completed: string;
  timestamp: string;
  restorable: boolean;
  parts: {
    typeName: string;
    replicaSetName: string;
    shardName?: string;
    tokenTimestamp: { date: string; increment: number };
  }[];
}

export interface SimBackupConfig {
  groupId: string;
  clusterId: string;
  pointInTimeWindowHours: number;
  /** The server answers `restorableTimeRanges` (newer Ops Manager); false: 404, clients use the schedule. */
  restorableTimeRanges: boolean;
}
