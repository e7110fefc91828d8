// Snapshots, checkpoints, the snapshot schedule and restorable time ranges: what a restore can start from.
// Parsed field by field like model.ts (unknown fields kept in `extra`, unknown enum values kept as sent), plus the
// small pure helpers the tree and the create flow share (size from the parts, versions, newest first).

import type { ExtraFields, Link, RestoreJobTimestamp } from './model';
import { FieldReader, parseLink, parseTimestamp, typeError } from './parse';

export const SNAPSHOT_PART_TYPES = ['REPLICA_SET', 'CONFIG_SERVER_REPLICA_SET', 'CONFIG_SERVER'] as const;

/** `completed` on the snapshot list: only complete snapshots (the server's default), only incomplete ones, or all. */
export type SnapshotCompletion = 'true' | 'false' | 'all';

export interface SnapshotPart {
  typeName?: string;
  replicaSetName?: string;
  shardName?: string;
  clusterId?: string;
  compressionSetting?: string;
  dataSizeBytes?: number;
  storageSizeBytes?: number;
  fileSizeBytes?: number;
  mongodVersion?: string;
  encryptionEnabled?: boolean;
  masterKeyUUID?: string;
  extra: ExtraFields;
}

export interface Snapshot {
  id: string;
  groupId?: string;
  clusterId?: string;
  complete?: boolean;
  created?: RestoreJobTimestamp;
  expires?: string;
  doNotDelete?: boolean;
  lastOplogAppliedTimestamp?: RestoreJobTimestamp;
  isPossiblyInconsistent?: boolean;
  /** Sharded only; kept as sent (the tooltip counts them). */
  missingShards?: unknown[];
  namespaceFilterList?: { filterList?: string[]; filterType?: string; extra: ExtraFields };
  parts?: SnapshotPart[];
  links?: Link[];
  extra: ExtraFields;
  raw: Record<string, unknown>;
}

export interface CheckpointPart {
  typeName?: string;
  replicaSetName?: string;
  shardName?: string;
  hostId?: string;
  tokenDiscovered?: boolean;
  tokenTimestamp?: RestoreJobTimestamp;
  extra: ExtraFields;
}

export interface Checkpoint {
  id: string;
  groupId?: string;
  clusterId?: string;
  started?: string;
  completed?: string;
  timestamp?: string;
  restorable?: boolean;
  parts?: CheckpointPart[];
  links?: Link[];
  extra: ExtraFields;
}

export interface SnapshotSchedule {
  groupId?: string;
  clusterId?: string;
  pointInTimeWindowHours?: number;
  snapshotIntervalHours?: number;
  snapshotRetentionDays?: number;
  dailySnapshotRetentionDays?: number;
  weeklySnapshotRetentionWeeks?: number;
  monthlySnapshotRetentionMonths?: number;
  clusterCheckpointIntervalMin?: number;
  extra: ExtraFields;
}

/** One item of `restorableTimeRanges`: "Ops Manager can safely restore to any time between start and end, inclusive." */
export interface RestorableTimeRange {
  start?: RestoreJobTimestamp;
  end?: RestoreJobTimestamp;
  snapshotId?: string;
  shardCount?: number;
  configServerType?: string;
  extra: ExtraFields;
}

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    if (Object.getOwnPropertyDescriptor(value, key)?.value === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}

export function parseSnapshotPart(json: unknown, path = ''): SnapshotPart {
  const r = FieldReader.of(json, path);
  return compact({
    typeName: r.string('typeName'),
    replicaSetName: r.string('replicaSetName'),
    shardName: r.string('shardName'),
    clusterId: r.string('clusterId'),
    compressionSetting: r.string('compressionSetting'),
    dataSizeBytes: r.number('dataSizeBytes'),
    storageSizeBytes: r.number('storageSizeBytes'),
    fileSizeBytes: r.number('fileSizeBytes'),
    mongodVersion: r.string('mongodVersion'),
    encryptionEnabled: r.boolean('encryptionEnabled'),
    masterKeyUUID: r.string('masterKeyUUID'),
    extra: r.extra(),
  });
}

function parseNamespaceFilter(json: unknown, path: string): NonNullable<Snapshot['namespaceFilterList']> {
  const r = FieldReader.of(json, path);
  return compact({ filterList: r.stringArray('filterList'), filterType: r.string('filterType'), extra: r.extra() });
}

function anyArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw typeError(path, 'an array', value);
  return value;
}

export function parseSnapshot(json: unknown, path = ''): Snapshot {
  const r = FieldReader.of(json, path);
  return compact({
    id: r.requiredString('id'),
    groupId: r.string('groupId'),
    clusterId: r.string('clusterId'),
    complete: r.boolean('complete'),
    created: r.object('created', parseTimestamp),
    expires: r.string('expires'),
    doNotDelete: r.boolean('doNotDelete'),
    lastOplogAppliedTimestamp: r.object('lastOplogAppliedTimestamp', parseTimestamp),
    isPossiblyInconsistent: r.boolean('isPossiblyInconsistent'),
    missingShards: r.object('missingShards', anyArray),
    namespaceFilterList: r.object('namespaceFilterList', parseNamespaceFilter),
    parts: r.array('parts', parseSnapshotPart),
    links: r.array('links', parseLink),
    extra: r.extra(),
    raw: r.source,
  });
}

function parseCheckpointPart(json: unknown, path = ''): CheckpointPart {
  const r = FieldReader.of(json, path);
  return compact({
    typeName: r.string('typeName'),
    replicaSetName: r.string('replicaSetName'),
    shardName: r.string('shardName'),
    hostId: r.string('hostId'),
    tokenDiscovered: r.boolean('tokenDiscovered'),
    tokenTimestamp: r.object('tokenTimestamp', parseTimestamp),
    extra: r.extra(),
  });
}

export function parseCheckpoint(json: unknown, path = ''): Checkpoint {
  const r = FieldReader.of(json, path);
  return compact({
    id: r.requiredString('id'),
    groupId: r.string('groupId'),
    clusterId: r.string('clusterId'),
    started: r.string('started'),
    completed: r.string('completed'),
    timestamp: r.string('timestamp'),
    restorable: r.boolean('restorable'),
    parts: r.array('parts', parseCheckpointPart),
    links: r.array('links', parseLink),
    extra: r.extra(),
  });
}

export function parseSnapshotSchedule(json: unknown, path = ''): SnapshotSchedule {
  const r = FieldReader.of(json, path);
  r.array('links', parseLink);
  return compact({
    groupId: r.string('groupId'),
    clusterId: r.string('clusterId'),
    pointInTimeWindowHours: r.number('pointInTimeWindowHours'),
    snapshotIntervalHours: r.number('snapshotIntervalHours'),
    snapshotRetentionDays: r.number('snapshotRetentionDays'),
    dailySnapshotRetentionDays: r.number('dailySnapshotRetentionDays'),
    weeklySnapshotRetentionWeeks: r.number('weeklySnapshotRetentionWeeks'),
    monthlySnapshotRetentionMonths: r.number('monthlySnapshotRetentionMonths'),
    clusterCheckpointIntervalMin: r.number('clusterCheckpointIntervalMin'),
    extra: r.extra(),
  });
}

export function parseRestorableTimeRange(json: unknown, path = ''): RestorableTimeRange {
  const r = FieldReader.of(json, path);
  return compact({
    start: r.object('start', parseTimestamp),
    end: r.object('end', parseTimestamp),
    snapshotId: r.string('snapshotId'),
    shardCount: r.number('shardCount'),
    configServerType: r.string('configServerType'),
    extra: r.extra(),
  });
}

/** The documented bare array, or a `{results}` list (accepted too: the docs are not consistent about lists). */
export function parseRestorableTimeRanges(json: unknown): RestorableTimeRange[] {
  if (Array.isArray(json)) return json.map((item: unknown, i) => parseRestorableTimeRange(item, `[${i}]`));
  const r = FieldReader.of(json, '');
  const results = r.array('results', parseRestorableTimeRange);
  if (results === undefined) throw typeError('', 'an array of time ranges', json);
  return results;
}

// -- helpers ------------------------------------------------------------------------------------------------------

/** Milliseconds of a BSON-timestamp-like `{date}`; NaN when missing or unreadable. */
export function timestampMs(ts: RestoreJobTimestamp | undefined): number {
  return ts?.date === undefined ? Number.NaN : Date.parse(ts.date);
}

/**
 * The snapshot's size as the sum of its parts (one per replica set, plus the config server of a sharded cluster):
 * the files' size on disk where the server gives it (that is what an archive holds), else storage, else data size.
 * Undefined when no part has a size.
 */
export function snapshotSizeBytes(snapshot: Snapshot): number | undefined {
  let total: number | undefined;
  for (const part of snapshot.parts ?? []) {
    const size = part.fileSizeBytes ?? part.storageSizeBytes ?? part.dataSizeBytes;
    if (size !== undefined && Number.isFinite(size) && size >= 0) total = (total ?? 0) + size;
  }
  return total;
}

/** The distinct MongoDB versions of the parts, in order of appearance. */
export function snapshotVersions(snapshot: Snapshot): string[] {
  const versions: string[] = [];
  for (const part of snapshot.parts ?? []) {
    if (part.mongodVersion !== undefined && !versions.includes(part.mongodVersion)) versions.push(part.mongodVersion);
  }
  return versions;
}

/** Sharded when it has a config server part or more than one part. */
export function isShardedSnapshot(snapshot: Snapshot): boolean {
  const parts = snapshot.parts ?? [];
  return (
    parts.length > 1 || parts.some((p) => p.typeName === 'CONFIG_SERVER_REPLICA_SET' || p.typeName === 'CONFIG_SERVER')
  );
}

/** Newest first by `created.date` (the documented order is uncertain); unreadable dates last, server order kept. */
export function sortSnapshotsNewestFirst(snapshots: readonly Snapshot[]): Snapshot[] {
  return snapshots
    .map((snapshot, index) => ({ snapshot, index, time: timestampMs(snapshot.created) }))
    .sort((a, b) => {
      const aMissing = Number.isNaN(a.time);
      const bMissing = Number.isNaN(b.time);
      if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return b.time - a.time || a.index - b.index;
    })
    .map((entry) => entry.snapshot);
}
