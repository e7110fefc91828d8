// Sample snapshots, checkpoints and backup configurations (what a restore starts from), with stable IDs the
// tests, the demo and the UI tests refer to by name. Dates are relative to "now", like the sample jobs.
import type { SimBackupConfig, SimCheckpoint, SimSnapshot, SimSnapshotPart } from './dataTypes';

const PRODUCTION = '5f2b3c4d5e6f708192a3b4c1';
const STAGING = '5f2b3c4d5e6f708192a3b4c2';
const ORDERS = '60a1b2c3d4e5f60718293a01';
const CATALOG = '60a1b2c3d4e5f60718293a02';
const CATALOG_SHARD0 = '60a1b2c3d4e5f60718293a03';
const CATALOG_SHARD1 = '60a1b2c3d4e5f60718293a04';
const CATALOG_CONFIG = '60a1b2c3d4e5f60718293a05';
const LEGACY = '60a1b2c3d4e5f60718293a06';
const LEGACY_SHARD0 = '60a1b2c3d4e5f60718293a07';
const STAGING_RS = '60a1b2c3d4e5f60718293a08';

const snap = (n: number): string => `66c0d1e2f3a4b5c6d7e8f9${n.toString(16).padStart(2, '0')}`;

export const SAMPLE_BACKUP = {
  snapshots: {
    /** rs-orders, complete, 1 hour old. */
    ordersLatest: snap(1),
    /** rs-orders, complete, 7 hours old, doNotDelete. */
    ordersKept: snap(2),
    /** rs-orders, complete, 30 hours old: before the 24-hour PIT window. */
    ordersOld: snap(3),
    /** rs-orders, still being taken (complete: false): listed only with completed=false/all. */
    ordersInProgress: snap(4),
    /** rs-orders, deleted: not listed; a create from it answers CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT. */
    ordersDeleted: snap(5),
    /** catalog (sharded: two shards + config server), complete, 2 hours old. */
    catalogLatest: snap(6),
    /** catalog, incomplete. */
    catalogInProgress: snap(7),
    /** legacy-events (FCV 4.0), complete. */
    legacy: snap(8),
    /** rs-staging, complete, expires in 3 hours (a longer link would outlive it). */
    stagingShortLived: snap(9),
  },
  checkpoints: {
    /** legacy-events, restorable. */
    legacyRestorable: '66c0d1e2f3a4b5c6d7e8fa01',
    /** legacy-events, not restorable. */
    legacyNotRestorable: '66c0d1e2f3a4b5c6d7e8fa02',
  },
  /** PIT window of rs-orders and catalog (hours), answered by restorableTimeRanges. */
  pitWindowHours: 24,
  /** legacy-events: an older server without restorableTimeRanges; the schedule says this. */
  legacyPitWindowHours: 48,
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function part(
  typeName: SimSnapshotPart['typeName'],
  replicaSetName: string,
  clusterId: string,
  gib: number,
  version: string,
  shardName?: string,
): SimSnapshotPart {
  const file = Math.round(gib * 1024 ** 3);
  return {
    typeName,
    replicaSetName,
    clusterId,
    ...(shardName === undefined ? {} : { shardName }),
    compressionSetting: 'GZIP',
    dataSizeBytes: Math.round(file * 0.18),
    storageSizeBytes: Math.round(file * 0.2),
    fileSizeBytes: file,
    mongodVersion: version,
    encryptionEnabled: false,
  };
}

function snapshot(
  id: string,
  groupId: string,
  clusterId: string,
  createdMs: number,
  parts: SimSnapshotPart[],
  options: { complete?: boolean; doNotDelete?: boolean; expiresMs?: number; deleted?: boolean } = {},
): SimSnapshot {
  const doNotDelete = options.doNotDelete === true;
  const s: SimSnapshot = {
    id,
    groupId,
    clusterId,
    complete: options.complete !== false,
    created: { date: isoSeconds(createdMs), increment: 1 },
    doNotDelete,
    lastOplogAppliedTimestamp: { date: isoSeconds(createdMs + 45_000), increment: 3 },
    parts,
  };
  if (!doNotDelete) s.expires = isoSeconds(options.expiresMs ?? createdMs + 7 * DAY);
  if (parts.length > 1) s.isPossiblyInconsistent = false;
  if (options.deleted) s.deleted = true;
  return s;
}

export function createSampleBackups(now: number): {
  snapshots: SimSnapshot[];
  checkpoints: SimCheckpoint[];
  backups: SimBackupConfig[];
} {
  const S = SAMPLE_BACKUP.snapshots;
  const orders = (gib: number): SimSnapshotPart[] => [part('REPLICA_SET', 'rs-orders', ORDERS, gib, '7.0.12')];
  const catalog = (): SimSnapshotPart[] => [
    part('REPLICA_SET', 'catalog_shard_0', CATALOG_SHARD0, 3.5, '7.0.12', 'catalog_shard_0'),
    part('REPLICA_SET', 'catalog_shard_1', CATALOG_SHARD1, 3.25, '7.0.12', 'catalog_shard_1'),
    part('CONFIG_SERVER_REPLICA_SET', 'catalog_config', CATALOG_CONFIG, 0.25, '7.0.12'),
  ];
  // Not sorted by date: clients sort.
  const snapshots: SimSnapshot[] = [
    snapshot(S.ordersKept, PRODUCTION, ORDERS, now - 7 * HOUR, orders(2.4), { doNotDelete: true }),
    snapshot(S.ordersLatest, PRODUCTION, ORDERS, now - HOUR, orders(2.5)),
    snapshot(S.ordersInProgress, PRODUCTION, ORDERS, now - 5 * 60_000, orders(2.5), { complete: false }),
    snapshot(S.ordersOld, PRODUCTION, ORDERS, now - 30 * HOUR, orders(2.3)),
    snapshot(S.ordersDeleted, PRODUCTION, ORDERS, now - 3 * DAY, orders(2.1), { deleted: true }),
    snapshot(S.catalogLatest, PRODUCTION, CATALOG, now - 2 * HOUR, catalog()),
    snapshot(S.catalogInProgress, PRODUCTION, CATALOG, now - 10 * 60_000, catalog(), { complete: false }),
    snapshot(S.legacy, PRODUCTION, LEGACY, now - 5 * HOUR, [
      part('REPLICA_SET', 'legacy_shard_0', LEGACY_SHARD0, 1.5, '4.0.28', 'legacy_shard_0'),
      part('CONFIG_SERVER_REPLICA_SET', 'legacy_config', LEGACY, 0.1, '4.0.28'),
    ]),
    snapshot(
      S.stagingShortLived,
      STAGING,
      STAGING_RS,
      now - 4 * HOUR,
      [part('REPLICA_SET', 'rs-staging', STAGING_RS, 0.75, '6.0.16')],
      { expiresMs: now + 3 * HOUR },
    ),
  ];
  const checkpoint = (id: string, ms: number, restorable: boolean): SimCheckpoint => ({
    id,
    groupId: PRODUCTION,
    clusterId: LEGACY,
    started: isoSeconds(ms),
    completed: isoSeconds(ms + 20_000),
    timestamp: isoSeconds(ms - 30_000),
    restorable,
    parts: [
      {
        typeName: 'REPLICA_SET',
        replicaSetName: 'legacy_shard_0',
        shardName: 'legacy_shard_0',
        tokenTimestamp: { date: isoSeconds(ms), increment: 1 },
      },
      {
        typeName: 'CONFIG_SERVER_REPLICA_SET',
        replicaSetName: 'legacy_config',
        tokenTimestamp: { date: isoSeconds(ms), increment: 2 },
      },
    ],
  });
  const C = SAMPLE_BACKUP.checkpoints;
  const checkpoints = [
    checkpoint(C.legacyRestorable, now - 3 * HOUR, true),
    checkpoint(C.legacyNotRestorable, now - 90 * 60_000, false),
  ];
  const backups: SimBackupConfig[] = [
    {
      groupId: PRODUCTION,
      clusterId: ORDERS,
      pointInTimeWindowHours: SAMPLE_BACKUP.pitWindowHours,
      restorableTimeRanges: true,
    },
    {
      groupId: PRODUCTION,
      clusterId: CATALOG,
      pointInTimeWindowHours: SAMPLE_BACKUP.pitWindowHours,
      restorableTimeRanges: true,
    },
    {
      groupId: PRODUCTION,
      clusterId: LEGACY,
      pointInTimeWindowHours: SAMPLE_BACKUP.legacyPitWindowHours,
      restorableTimeRanges: false,
    },
  ];
  return { snapshots, checkpoints, backups };
}
