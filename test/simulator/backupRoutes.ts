// Snapshots, checkpoints, the snapshot schedule, restorable time ranges and creating restore jobs, as Ops Manager
// answers them: validation with its error bodies, one job per shard plus the config server (one batchId) for a
// sharded cluster, automated restores that finish without a download link.
import * as crypto from 'node:crypto';
import type { SampleData, SimBackupConfig, SimCluster, SimGroup, SimRestoreJob, SimSnapshot } from './dataTypes';
import { refreshJob } from './jobLifecycle';
import { errors, omError, type OmError } from './omErrors';
import { pageBody, parsePage } from './paging';
import { jobJson, type Origins } from './serialize';

export interface BackupRouteContext {
  data: SampleData;
  origins: Origins;
  progressAfterMs: number;
  maxItemsPerPage: number;
  /** Counter for jobs created by POST. */
  created: number;
}

export interface BackupResult {
  status: number;
  body: unknown;
  list?: boolean;
}

const HEX24 = /^[0-9a-fA-F]{24}$/;
const HOUR = 3_600_000;
const SHARDED = new Set(['SHARDED', 'SHARDED_REPLICA_SET']);

export const backupErrors = {
  snapshotNotFound: (id: string, clusterId: string): OmError =>
    omError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists for cluster ${clusterId}.`, [id, clusterId]),
  invalidSnapshotId: (id: string): OmError => omError(404, 'INVALID_SNAPSHOT_ID', `Invalid snapshot ID ${id}.`, [id]),
  checkpointNotFound: (id: string): OmError =>
    omError(404, 'CHECKPOINT_NOT_FOUND', `No checkpoint with ID ${id} exists.`, [id]),
  deletedSnapshot: (id: string): OmError =>
    omError(
      409,
      'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT',
      `Cannot start restore job for deleted snapshot ${id}.`,
      [id],
    ),
  incompleteSnapshot: (id: string): OmError =>
    omError(
      409,
      'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
      `Cannot start restore job for incomplete cluster snapshot ${id}.`,
      [id],
    ),
  noCheckpointForPit: (): OmError =>
    omError(
      409,
      'NO_CHECKPOINT_FOR_PIT_RESTORE',
      'A suitable checkpoint could not be found for the specified point-in time restore.',
    ),
  linkAfterSnapshotDeletion: (): OmError =>
    omError(
      409,
      'LINK_EXPIRATION_AFTER_SNAPSHOT_DELETION',
      'The download link cannot expire after the snapshot is deleted.',
    ),
  unsupportedDelivery: (method: string): OmError =>
    omError(400, 'UNSUPPORTED_DELIVERY_METHOD', `Delivery method ${method} is not supported for this restore.`, [
      method,
    ]),
  negativeOrZero: (name: string): OmError =>
    omError(400, 'ATTRIBUTE_NEGATIVE_OR_ZERO', `The attribute ${name} must be positive.`, [name]),
  requiresAccessList: (): OmError =>
    omError(403, 'RESOURCE_REQUIRES_ACCESS_LIST', 'This resource requires access through an access list of ip ranges.'),
};

function fail(e: OmError): BackupResult {
  return { status: e.status, body: e.body };
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function snapshotJson(o: Origins, s: SimSnapshot): Record<string, unknown> {
  return sorted({
    clusterId: s.clusterId,
    complete: s.complete,
    created: s.created,
    doNotDelete: s.doNotDelete,
    expires: s.expires,
    groupId: s.groupId,
    id: s.id,
    isPossiblyInconsistent: s.isPossiblyInconsistent,
    lastOplogAppliedTimestamp: s.lastOplogAppliedTimestamp,
    links: [{ href: `${o.apiBase}/groups/${s.groupId}/clusters/${s.clusterId}/snapshots/${s.id}`, rel: 'self' }],
    missingShards: s.parts.length > 1 ? [] : undefined,
    namespaceFilterList: { filterList: [], filterType: 'blacklist' },
    parts: s.parts.map((p) => sorted({ ...p })),
  });
}

function listOf<T>(ctx: BackupRouteContext, url: URL, items: readonly T[], toJson: (x: T) => unknown): BackupResult {
  const page = parsePage(url.searchParams, ctx.maxItemsPerPage);
  if ('status' in page) return fail(page);
  return { status: 200, body: pageBody(items, page, url, toJson), list: true };
}

function clusterSnapshots(data: SampleData, cluster: SimCluster): SimSnapshot[] {
  return (data.snapshots ?? []).filter((s) => s.clusterId === cluster.id && s.groupId === cluster.groupId);
}

/** GET …/clusters/{C}/snapshots[/{ID}] with `completed` = true (default) | false | all. */
export function snapshotsRoute(
  ctx: BackupRouteContext,
  url: URL,
  cluster: SimCluster,
  snapshotId: string | undefined,
): BackupResult {
  const all = clusterSnapshots(ctx.data, cluster);
  if (snapshotId !== undefined) {
    if (!HEX24.test(snapshotId)) return fail(backupErrors.invalidSnapshotId(snapshotId));
    const s = all.find((x) => x.id === snapshotId && x.deleted !== true);
    return s
      ? { status: 200, body: snapshotJson(ctx.origins, s) }
      : fail(backupErrors.snapshotNotFound(snapshotId, cluster.id));
  }
  const completed = url.searchParams.get('completed') ?? 'true';
  if (!['true', 'false', 'all'].includes(completed)) return fail(errors.invalidQueryParameter('completed', completed));
  const listed = all.filter(
    (s) => s.deleted !== true && (completed === 'all' || s.complete === (completed === 'true')),
  );
  return listOf(ctx, url, listed, (s) => snapshotJson(ctx.origins, s));
}

/** GET …/clusters/{C}/checkpoints[/{ID}]. */
export function checkpointsRoute(
  ctx: BackupRouteContext,
  url: URL,
  cluster: SimCluster,
  checkpointId: string | undefined,
): BackupResult {
  const all = (ctx.data.checkpoints ?? []).filter((c) => c.clusterId === cluster.id);
  const toJson = (c: (typeof all)[number]): unknown =>
    sorted({
      ...c,
      links: [
        { href: `${ctx.origins.apiBase}/groups/${c.groupId}/clusters/${c.clusterId}/checkpoints/${c.id}`, rel: 'self' },
      ],
    });
  if (checkpointId === undefined) return listOf(ctx, url, all, toJson);
  const c = all.find((x) => x.id === checkpointId);
  return c ? { status: 200, body: toJson(c) } : fail(backupErrors.checkpointNotFound(checkpointId));
}

function backupConfig(data: SampleData, cluster: SimCluster): SimBackupConfig | undefined {
  return data.backups?.find((b) => b.clusterId === cluster.id && b.groupId === cluster.groupId);
}

/** GET /groups/{G}/backupConfigs/{C}/snapshotSchedule (404 when the cluster has no backup). */
export function scheduleRoute(ctx: BackupRouteContext, cluster: SimCluster): BackupResult {
  const b = backupConfig(ctx.data, cluster);
  if (b === undefined)
    return fail(errors.notFound(`/groups/${cluster.groupId}/backupConfigs/${cluster.id}/snapshotSchedule`));
  return {
    status: 200,
    body: {
      clusterId: cluster.id,
      dailySnapshotRetentionDays: 7,
      groupId: cluster.groupId,
      links: [],
      monthlySnapshotRetentionMonths: 13,
      pointInTimeWindowHours: b.pointInTimeWindowHours,
      snapshotIntervalHours: 6,
      snapshotRetentionDays: 2,
      weeklySnapshotRetentionWeeks: 4,
    },
  };
}

/** The restorable range now: from the oldest complete snapshot inside the window to a minute ago. */
function restorableRange(
  data: SampleData,
  cluster: SimCluster,
  now: number,
): { startMs: number; endMs: number; snapshotId: string } | undefined {
  const b = backupConfig(data, cluster);
  if (b === undefined) return undefined;
  const windowStart = now - b.pointInTimeWindowHours * HOUR;
  const inWindow = clusterSnapshots(data, cluster)
    .filter((s) => s.complete && s.deleted !== true && Date.parse(s.created.date) >= windowStart)
    .sort((a, b2) => Date.parse(a.created.date) - Date.parse(b2.created.date));
  const first = inWindow[0];
  if (first === undefined) return undefined;
  return { startMs: Date.parse(first.created.date), endMs: now - 60_000, snapshotId: first.id };
}

/** POST …/restoreJobs/restorableTimeRanges: a bare array (404 on an "older server" without it). */
export function restorableTimeRangesRoute(ctx: BackupRouteContext, url: URL, cluster: SimCluster): BackupResult {
  const b = backupConfig(ctx.data, cluster);
  if (b === undefined || !b.restorableTimeRanges) return fail(errors.notFound(url.pathname));
  const range = restorableRange(ctx.data, cluster, Date.now());
  const sharded = SHARDED.has(cluster.typeName);
  const body =
    range === undefined
      ? []
      : [
          sorted({
            end: { date: isoSeconds(range.endMs), increment: 1 },
            snapshotId: range.snapshotId,
            start: { date: isoSeconds(range.startMs), increment: 1 },
            ...(sharded ? { shardCount: 2, configServerType: 'Dedicated' } : {}),
          }),
        ];
  return { status: 200, body };
}

// -- POST …/restoreJobs ------------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A whole number sent as a number or a numeric string (the docs' curl examples quote numbers). */
function wholeNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,16}$/.test(v)) return Number(v);
  return undefined;
}

type Source =
  | { kind: 'snapshot'; snapshot: SimSnapshot }
  | { kind: 'pit'; ms: number; snapshotId: string }
  | { kind: 'checkpoint'; checkpointId: string; snapshotId: string };

const ALLOWED_KEYS = new Set([
  'snapshotId',
  'pointInTimeUTCMillis',
  'oplogTs',
  'oplogInc',
  'checkpointId',
  'checkPointId',
  'delivery',
]);

function readSource(ctx: BackupRouteContext, body: Record<string, unknown>, cluster: SimCluster): Source | OmError {
  const unknown = Object.keys(body).find((k) => !ALLOWED_KEYS.has(k));
  if (unknown !== undefined) return errors.invalidAttribute(unknown);
  const checkpointRaw = body.checkpointId ?? body.checkPointId;
  const given = [
    body.snapshotId !== undefined,
    body.pointInTimeUTCMillis !== undefined,
    body.oplogTs !== undefined || body.oplogInc !== undefined,
    checkpointRaw !== undefined,
  ].filter(Boolean).length;
  if (given === 0) return errors.missingAttribute('snapshotId');
  if (given > 1)
    return errors.invalidAttribute(body.checkpointId !== undefined ? 'checkpointId' : 'pointInTimeUTCMillis');
  const now = Date.now();
  if (body.snapshotId !== undefined) {
    const id = body.snapshotId;
    if (typeof id !== 'string') return errors.invalidAttribute('snapshotId');
    if (!HEX24.test(id)) return backupErrors.invalidSnapshotId(id);
    const s = clusterSnapshots(ctx.data, cluster).find((x) => x.id === id);
    if (s === undefined) return backupErrors.snapshotNotFound(id, cluster.id);
    if (s.deleted) return backupErrors.deletedSnapshot(id);
    if (!s.complete) return backupErrors.incompleteSnapshot(id);
    return { kind: 'snapshot', snapshot: s };
  }
  if (checkpointRaw !== undefined) {
    if (typeof checkpointRaw !== 'string') return errors.invalidAttribute('checkpointId');
    const c = (ctx.data.checkpoints ?? []).find((x) => x.id === checkpointRaw && x.clusterId === cluster.id);
    if (c === undefined || !c.restorable) return backupErrors.checkpointNotFound(checkpointRaw);
    const base = clusterSnapshots(ctx.data, cluster).find((s) => s.complete && s.deleted !== true);
    return { kind: 'checkpoint', checkpointId: c.id, snapshotId: base?.id ?? c.id };
  }
  let ms: number;
  if (body.pointInTimeUTCMillis !== undefined) {
    const raw = body.pointInTimeUTCMillis;
    if (typeof raw === 'number' && !Number.isInteger(raw))
      return omError(400, 'FRACTIONAL_TIMESTAMP', 'The timestamp must be a whole number.', ['pointInTimeUTCMillis']);
    const v = wholeNumber(raw);
    if (v === undefined) return errors.invalidAttribute('pointInTimeUTCMillis');
    if (v <= 0) return backupErrors.negativeOrZero('pointInTimeUTCMillis');
    ms = v;
  } else {
    if (body.oplogTs === undefined) return errors.missingAttribute('oplogTs');
    if (body.oplogInc === undefined) return errors.missingAttribute('oplogInc');
    const ts = wholeNumber(body.oplogTs);
    const inc = wholeNumber(body.oplogInc);
    if (ts === undefined) return errors.invalidAttribute('oplogTs');
    if (inc === undefined) return errors.invalidAttribute('oplogInc');
    if (ts <= 0) return backupErrors.negativeOrZero('oplogTs');
    if (inc <= 0) return backupErrors.negativeOrZero('oplogInc');
    ms = ts * 1000;
  }
  const range = restorableRange(ctx.data, cluster, now);
  if (range === undefined || ms < range.startMs || ms > range.endMs) return backupErrors.noCheckpointForPit();
  return { kind: 'pit', ms, snapshotId: range.snapshotId };
}

interface Delivery {
  methodName: 'HTTP' | 'AUTOMATED_RESTORE';
  maxDownloads?: number;
  expirationHours?: number;
  expires?: string;
  targetGroupId?: string;
  targetClusterId?: string;
}

function readDelivery(ctx: BackupRouteContext, raw: unknown, source: Source): Delivery | OmError {
  if (raw === undefined) return errors.missingAttribute('delivery');
  if (!isRecord(raw)) return errors.invalidAttribute('delivery');
  const methodName = raw.methodName;
  if (methodName === undefined) return errors.missingAttribute('delivery.methodName');
  if (methodName === 'SCP' || methodName === 'QUERY') return backupErrors.unsupportedDelivery(methodName);
  if (methodName !== 'HTTP' && methodName !== 'AUTOMATED_RESTORE')
    return errors.invalidAttribute('delivery.methodName');
  if (methodName === 'AUTOMATED_RESTORE') {
    for (const key of ['targetGroupId', 'targetClusterId'] as const) {
      if (raw[key] === undefined) return errors.missingAttribute(`delivery.${key}`);
      if (typeof raw[key] !== 'string') return errors.invalidAttribute(`delivery.${key}`);
    }
    const targetGroupId = String(raw.targetGroupId);
    const targetClusterId = String(raw.targetClusterId);
    if (!HEX24.test(targetGroupId)) return errors.invalidGroupId(targetGroupId);
    const g = ctx.data.groups.find((x) => x.id === targetGroupId);
    if (g === undefined) return errors.groupNotFound(targetGroupId);
    if (!HEX24.test(targetClusterId)) return errors.invalidClusterId(targetClusterId);
    if (!ctx.data.clusters.some((c) => c.id === targetClusterId && c.groupId === targetGroupId))
      return errors.clusterNotFound(targetClusterId, targetGroupId);
    return { methodName, targetGroupId, targetClusterId };
  }
  // A download link restores a snapshot; points in time need an automated restore (as documented).
  if (source.kind !== 'snapshot') return backupErrors.unsupportedDelivery('HTTP');
  if (raw.maxDownloads === undefined) return errors.missingAttribute('delivery.maxDownloads');
  const maxDownloads = wholeNumber(raw.maxDownloads);
  if (maxDownloads === undefined) return errors.invalidAttribute('delivery.maxDownloads');
  if (maxDownloads < 1) return backupErrors.negativeOrZero('delivery.maxDownloads');
  if (raw.expirationHours !== undefined && raw.expires !== undefined)
    return errors.invalidAttribute('delivery.expires');
  const d: Delivery = { methodName, maxDownloads };
  let linkEnds: number | undefined;
  if (raw.expirationHours !== undefined) {
    const h = wholeNumber(raw.expirationHours);
    if (h === undefined) return errors.invalidAttribute('delivery.expirationHours');
    if (h < 1) return backupErrors.negativeOrZero('delivery.expirationHours');
    d.expirationHours = h;
    linkEnds = Date.now() + h * HOUR;
  } else if (raw.expires !== undefined) {
    const t = typeof raw.expires === 'string' ? Date.parse(raw.expires) : Number.NaN;
    if (!Number.isFinite(t) || t <= Date.now()) return errors.invalidAttribute('delivery.expires');
    d.expires = isoSeconds(t);
    linkEnds = t;
  } else {
    d.expirationHours = 48;
    linkEnds = Date.now() + 48 * HOUR;
  }
  const snapshotEnds = source.snapshot.expires === undefined ? undefined : Date.parse(source.snapshot.expires);
  if (snapshotEnds !== undefined && linkEnds > snapshotEnds) return backupErrors.linkAfterSnapshotDeletion();
  return d;
}

function newId(ctx: BackupRouteContext): string {
  ctx.created++;
  return `65e0f1a2b3c4d5e6f7a8${(0xc000 + ctx.created).toString(16)}`;
}

/** POST …/restoreJobs. Answers the documented list; for a sharded cluster it holds the first job of the batch only. */
export async function createRestoreJobsRoute(
  ctx: BackupRouteContext,
  url: URL,
  readBody: () => Promise<string>,
  group: SimGroup,
  cluster: SimCluster,
): Promise<BackupResult> {
  if (group.createRequiresAccessList) return fail(backupErrors.requiresAccessList());
  let body: unknown;
  try {
    body = JSON.parse(await readBody());
  } catch {
    return fail(errors.invalidJson());
  }
  if (!isRecord(body)) return fail(errors.invalidJson());
  const source = readSource(ctx, body, cluster);
  if ('status' in source) return fail(source);
  const delivery = readDelivery(ctx, body.delivery, source);
  if ('status' in delivery) return fail(delivery);

  const now = Date.now();
  const http = delivery.methodName === 'HTTP';
  const snapshotId = source.kind === 'snapshot' ? source.snapshot.id : source.snapshotId;
  const snapshot = clusterSnapshots(ctx.data, cluster).find((s) => s.id === snapshotId);
  const sharded = SHARDED.has(cluster.typeName);
  const members: { rsName: string; config: boolean; memberId: string }[] =
    sharded && snapshot !== undefined
      ? snapshot.parts.map((p) => ({
          rsName: p.replicaSetName,
          config: p.typeName === 'CONFIG_SERVER_REPLICA_SET',
          memberId: p.clusterId,
        }))
      : [{ rsName: cluster.replicaSetName ?? cluster.clusterName, config: false, memberId: cluster.id }];
  const batchId = sharded ? newId(ctx) : undefined;
  const timestampMs = source.kind === 'pit' ? source.ms : snapshot ? Date.parse(snapshot.created.date) : now - HOUR;
  const jobs: SimRestoreJob[] = members.map((m) => {
    const id = newId(ctx);
    const job: SimRestoreJob = {
      id,
      groupId: group.id,
      clusterId: cluster.id,
      created: isoSeconds(now),
      delivery: {
        methodName: delivery.methodName,
        statusName: 'NOT_STARTED',
        ...(http
          ? {
              maxDownloads: delivery.maxDownloads,
              expirationHours: delivery.expirationHours,
              expires: delivery.expires,
            }
          : { targetGroupId: delivery.targetGroupId, targetClusterId: delivery.targetClusterId }),
      },
      encryptionEnabled: false,
      pointInTime: source.kind === 'pit',
      snapshotId,
      statusName: 'IN_PROGRESS',
      timestamp: { date: isoSeconds(timestampMs), increment: 1 },
      becomes: { statusName: 'FINISHED', deliveryStatusName: 'READY' },
    };
    if (batchId !== undefined) job.batchId = batchId;
    if (http) {
      const seconds = Math.floor(timestampMs / 1000);
      job.archive = {
        fileName: m.config
          ? `config-${m.rsName}-${m.memberId}-${seconds}-${id}.tar.gz`
          : `${m.rsName}-${seconds}-${id}.tar.gz`,
        token: crypto.randomBytes(12).toString('base64url'),
      };
    }
    return job;
  });
  for (const job of jobs) {
    ctx.data.jobs.push(job);
    refreshJob(job, now, ctx.progressAfterMs);
  }
  return {
    status: 200,
    body: pageBody([jobs[0]], { pageNum: 1, itemsPerPage: 100 }, url, (j) => jobJson(ctx.origins, j)),
    list: true,
  };
}
