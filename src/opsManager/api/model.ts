// The Ops Manager resources the extension shows, as parsed from the server's JSON.
// Every field the server may omit is optional; unknown fields land in `extra` and unknown enum values are kept
// as the strings the server sent, so newer servers never break us and nothing is hidden from the user.

/** Known values of `statusName`; any other string the server sends is kept as is. */
export const RESTORE_JOB_STATUSES = ['FINISHED', 'IN_PROGRESS', 'BROKEN', 'KILLED'] as const;
export const DELIVERY_METHODS = ['HTTP', 'QUERY', 'SCP', 'AUTOMATED_RESTORE'] as const;
export const DELIVERY_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'READY',
  'FAILED',
  'INTERRUPTED',
  'EXPIRED',
  'MAX_DOWNLOADS_EXCEEDED',
] as const;
export const CLUSTER_TYPES = ['REPLICA_SET', 'SHARDED', 'SHARDED_REPLICA_SET', 'CONFIG_SERVER_REPLICA_SET'] as const;

export type RestoreJobStatus = (typeof RESTORE_JOB_STATUSES)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** A known enum value, or whatever string a newer server sent (kept visible, never dropped). */
export type Open<T extends string> = T | (string & {});

/** Fields the parser did not recognise, exactly as received. */
export type ExtraFields = Record<string, unknown>;

export interface Link {
  rel?: string;
  href?: string;
  extra: ExtraFields;
}

export interface RestoreJobTimestamp {
  date?: string;
  /** A number in every example, a string in one table of the docs: both are accepted and kept as sent. */
  increment?: number | string;
  extra: ExtraFields;
}

export interface RestoreJobHash {
  fileName?: string;
  hash?: string;
  typeName?: Open<'SHA1'>;
  extra: ExtraFields;
}

export interface RestoreJobDelivery {
  methodName?: Open<DeliveryMethod>;
  statusName?: Open<DeliveryStatus>;
  url?: string;
  /** Newer servers: fetch `urlV2` with header `<authHeader>: <authBearer> <authValue>`. */
  urlV2?: string;
  authHeader?: string;
  authBearer?: string;
  authValue?: string;
  expires?: string;
  expirationHours?: number;
  maxDownloads?: number;
  targetClusterId?: string;
  targetGroupId?: string;
  // SCP-era fields (servers older than 4.0).
  formatName?: string;
  hostname?: string;
  port?: number;
  targetDirectory?: string;
  extra: ExtraFields;
}

export interface RestoreJob {
  id: string;
  batchId?: string;
  clusterId?: string;
  /** The cluster's name (Go client struct; Cloud Manager and Atlas bodies). */
  clusterName?: string;
  created?: string;
  delivery?: RestoreJobDelivery;
  encryptionEnabled?: boolean;
  groupId?: string;
  hashes?: RestoreJobHash[];
  hostId?: string;
  links?: Link[];
  masterKeyUUID?: string;
  pointInTime?: boolean;
  snapshotId?: string;
  statusName?: Open<RestoreJobStatus>;
  timestamp?: RestoreJobTimestamp;
  extra: ExtraFields;
  /** The JSON object as received (for the raw view). */
  raw: Record<string, unknown>;
}

export interface Group {
  id: string;
  name?: string;
  orgId?: string;
  activeAgentCount?: number;
  replicaSetCount?: number;
  shardCount?: number;
  tags?: string[];
  links?: Link[];
  extra: ExtraFields;
}

export interface Cluster {
  id: string;
  clusterName?: string;
  groupId?: string;
  typeName?: Open<ClusterType>;
  replicaSetName?: string;
  shardName?: string;
  lastHeartbeat?: string;
  links?: Link[];
  extra: ExtraFields;
}

export interface ApiRoot {
  appName?: string;
  build?: string;
  /** From `X-MongoDB-Service-Version: gitHash=…; versionString=…`. */
  versionString?: string;
  gitHash?: string;
  links?: Link[];
  extra: ExtraFields;
}
