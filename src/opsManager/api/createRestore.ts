// Creating a restore job: the request variants, every rule the documentation states checked before anything is
// sent, the JSON body, the two documented response shapes, and the point-in-time window a restore must fall in.
// Problems are error codes with their values in `parameters` (never English the user reads): the VS Code layer
// words them through vscode.l10n.t. The English `message` is for logs and plain-Node callers.
// Over 300 lines because it is one check per documented rule, beside the body builder they guard.

import { isObjectId, isRecord, isOpsManagerError, OpsManagerError } from '../common';
import type { RestoreJob } from './model';
import { parseList, parseRestoreJob, typeError } from './parse';
import { type Checkpoint, type RestorableTimeRange, type Snapshot, timestampMs } from './snapshots';

/** Where the restored data comes from: exactly one of these per request. */
export type RestoreSource =
  | { kind: 'snapshot'; snapshotId: string }
  | { kind: 'pointInTime'; pointInTimeUTCMillis: number }
  /** Restores up to and including this oplog entry (`ts` seconds + increment). */
  | { kind: 'oplog'; oplogTs: number; oplogInc: number }
  /** Sharded clusters with FCV 4.0 or older only. */
  | { kind: 'checkpoint'; checkpointId: string };

export type RestoreDelivery =
  /** A download link: `expirationHours` or `expires` (ISO 8601), never both; neither leaves the server's default. */
  | { methodName: 'HTTP'; maxDownloads: number; expirationHours?: number; expires?: string }
  /** Replaces every byte of data on the target cluster. */
  | { methodName: 'AUTOMATED_RESTORE'; targetGroupId: string; targetClusterId: string };

export interface CreateRestoreRequest {
  source: RestoreSource;
  delivery: RestoreDelivery;
}

/** What the checks know besides the request; each check runs only when its fact is known. */
export interface RestoreCheckContext {
  /** The source cluster (an automated restore onto it is refused). */
  groupId: string;
  clusterId: string;
  now?: number;
  /** The chosen snapshot, when it was read (incomplete, link outliving it). */
  snapshot?: Snapshot;
  /** The chosen checkpoint, when it was read (not restorable). */
  checkpoint?: Checkpoint;
  /** The point-in-time window, when known. */
  window?: PitWindow;
}

export const RESTORE_PROBLEM_CODES = [
  'GROUP_ID_INVALID',
  'CLUSTER_ID_INVALID',
  'SOURCE_MISSING',
  'SOURCE_AMBIGUOUS',
  'SNAPSHOT_ID_INVALID',
  'SNAPSHOT_INCOMPLETE',
  'CHECKPOINT_ID_INVALID',
  'CHECKPOINT_NOT_RESTORABLE',
  'POINT_IN_TIME_INVALID',
  'POINT_IN_TIME_IN_FUTURE',
  'POINT_IN_TIME_OUTSIDE_WINDOW',
  'OPLOG_TS_INVALID',
  'OPLOG_INC_INVALID',
  'SOURCE_NEEDS_AUTOMATED_RESTORE',
  'DELIVERY_METHOD_INVALID',
  'MAX_DOWNLOADS_INVALID',
  'EXPIRATION_CONFLICT',
  'EXPIRATION_HOURS_INVALID',
  'EXPIRES_INVALID',
  'EXPIRES_IN_PAST',
  'EXPIRES_AFTER_SNAPSHOT_DELETION',
  'TARGET_GROUP_ID_INVALID',
  'TARGET_CLUSTER_ID_INVALID',
  'TARGET_IS_SOURCE',
] as const;
export type RestoreProblemCode = (typeof RESTORE_PROBLEM_CODES)[number];

/** errorCode of the error a create rejects with when the request may have reached the server (timeout, cut). */
export const RESTORE_OUTCOME_UNKNOWN = 'RESTORE_OUTCOME_UNKNOWN';

/**
 * Largest value Ops Manager takes for maxDownloads (a Java int), which it also shows for "unlimited" (Cloud Manager):
 * a job at this value is read as having no limit.
 */
export const MAX_DOWNLOADS_LIMIT = 2_147_483_647;
const MAX_EXPIRATION_HOURS = 2_147_483_647;

export function isRestoreProblem(error: unknown): error is OpsManagerError & { errorCode: RestoreProblemCode } {
  return (
    isOpsManagerError(error) &&
    error.kind === 'invalid-input' &&
    (RESTORE_PROBLEM_CODES as readonly (string | undefined)[]).includes(error.errorCode)
  );
}

function problem(code: RestoreProblemCode, message: string, ...parameters: unknown[]): OpsManagerError {
  return new OpsManagerError({ kind: 'invalid-input', errorCode: code, message, parameters });
}

// -- the point-in-time window -------------------------------------------------------------------------------------

export interface PitRange {
  startMs: number;
  endMs: number;
  snapshotId?: string;
}

export type PitWindow =
  /** Newer servers: restorable ranges, inclusive. */
  | { source: 'restorableTimeRanges'; ranges: PitRange[] }
  /** Older servers: `now − pointInTimeWindowHours` … now, from the snapshot schedule (an inference). */
  | { source: 'schedule'; hours: number; ranges: PitRange[] }
  /** Neither was readable: the server's answer decides. `reason` is for the log. */
  | { source: 'unknown'; reason?: string };

export function pitWindowFromRanges(ranges: readonly RestorableTimeRange[]): PitWindow {
  const out: PitRange[] = [];
  for (const range of ranges) {
    const startMs = timestampMs(range.start);
    const endMs = timestampMs(range.end);
    if (Number.isFinite(startMs) && Number.isFinite(endMs) && startMs <= endMs) {
      out.push(range.snapshotId === undefined ? { startMs, endMs } : { startMs, endMs, snapshotId: range.snapshotId });
    }
  }
  return { source: 'restorableTimeRanges', ranges: out.sort((a, b) => a.startMs - b.startMs) };
}

export function pitWindowFromSchedule(hours: number, now: number): PitWindow {
  return { source: 'schedule', hours, ranges: [{ startMs: now - hours * 3_600_000, endMs: now }] };
}

/** Whether a point in time (ms) can be restored: inside a range, outside all, or unknown (no window). */
export function pointInTimeStatus(window: PitWindow | undefined, ms: number): 'inside' | 'outside' | 'unknown' {
  if (window === undefined || window.source === 'unknown') return 'unknown';
  return window.ranges.some((r) => ms >= r.startMs && ms <= r.endMs) ? 'inside' : 'outside';
}

/** The earliest start and latest end of the window, for messages; undefined when unknown or empty. */
export function pitWindowBounds(window: PitWindow | undefined): { startMs: number; endMs: number } | undefined {
  if (window === undefined || window.source === 'unknown' || window.ranges.length === 0) return undefined;
  return {
    startMs: Math.min(...window.ranges.map((r) => r.startMs)),
    endMs: Math.max(...window.ranges.map((r) => r.endMs)),
  };
}

// -- checks ---------------------------------------------------------------------------------------------------------

const iso = (ms: number): string => new Date(ms).toISOString();

/** Throws `OpsManagerError{kind:'invalid-input', errorCode: RestoreProblemCode}` for the first rule broken. */
export function validateRestoreRequest(request: CreateRestoreRequest, ctx: RestoreCheckContext): void {
  const now = ctx.now ?? Date.now();
  if (!isObjectId(ctx.groupId)) throw problem('GROUP_ID_INVALID', 'The project ID is not 24 hex digits.', ctx.groupId);
  if (!isObjectId(ctx.clusterId))
    throw problem('CLUSTER_ID_INVALID', 'The cluster ID is not 24 hex digits.', ctx.clusterId);
  const { source, delivery } = request;
  switch (source.kind) {
    case 'snapshot':
      if (!isObjectId(source.snapshotId))
        throw problem('SNAPSHOT_ID_INVALID', 'The snapshot ID is not 24 hex digits.', source.snapshotId);
      if (ctx.snapshot !== undefined && ctx.snapshot.id === source.snapshotId && ctx.snapshot.complete === false)
        throw problem('SNAPSHOT_INCOMPLETE', 'The snapshot is not complete yet.', source.snapshotId);
      break;
    case 'checkpoint':
      if (!isObjectId(source.checkpointId))
        throw problem('CHECKPOINT_ID_INVALID', 'The checkpoint ID is not 24 hex digits.', source.checkpointId);
      if (ctx.checkpoint?.id === source.checkpointId && ctx.checkpoint.restorable === false)
        throw problem('CHECKPOINT_NOT_RESTORABLE', 'The checkpoint is not restorable.', source.checkpointId);
      break;
    case 'pointInTime':
      checkPointInTime(source.pointInTimeUTCMillis, now, ctx.window);
      break;
    case 'oplog':
      if (!Number.isSafeInteger(source.oplogTs) || source.oplogTs < 1)
        throw problem('OPLOG_TS_INVALID', 'The oplog timestamp must be whole seconds since 1970.', source.oplogTs);
      if (!Number.isSafeInteger(source.oplogInc) || source.oplogInc < 1)
        throw problem('OPLOG_INC_INVALID', 'The oplog increment must be a whole number of 1 or more.', source.oplogInc);
      if (source.oplogTs * 1000 > now)
        throw problem('POINT_IN_TIME_IN_FUTURE', 'The oplog timestamp is in the future.', iso(source.oplogTs * 1000));
      if (pointInTimeStatus(ctx.window, source.oplogTs * 1000) === 'outside')
        throw outsideWindow(source.oplogTs * 1000, ctx.window);
      break;
    default:
      throw problem('SOURCE_MISSING', 'No snapshot, point in time, oplog timestamp or checkpoint was given.');
  }

  switch (delivery.methodName) {
    case 'HTTP':
      // Ops Manager documents points in time (and checkpoints) with automated restores only; mongocli refuses
      // them with a download link too.
      if (source.kind !== 'snapshot')
        throw problem(
          'SOURCE_NEEDS_AUTOMATED_RESTORE',
          'A point in time, oplog timestamp or checkpoint needs an automated restore.',
          source.kind,
        );
      // The snapshot's facts apply only when they are about the snapshot requested.
      checkHttpDelivery(
        delivery,
        now,
        ctx.snapshot?.id.toLowerCase() === source.snapshotId.toLowerCase() ? ctx.snapshot : undefined,
      );
      break;
    case 'AUTOMATED_RESTORE':
      if (!isObjectId(delivery.targetGroupId))
        throw problem('TARGET_GROUP_ID_INVALID', 'The target project ID is not 24 hex digits.', delivery.targetGroupId);
      if (!isObjectId(delivery.targetClusterId))
        throw problem(
          'TARGET_CLUSTER_ID_INVALID',
          'The target cluster ID is not 24 hex digits.',
          delivery.targetClusterId,
        );
      if (
        delivery.targetClusterId.toLowerCase() === ctx.clusterId.toLowerCase() &&
        delivery.targetGroupId.toLowerCase() === ctx.groupId.toLowerCase()
      )
        throw problem('TARGET_IS_SOURCE', 'An automated restore cannot target its own source cluster.', ctx.clusterId);
      break;
    default:
      throw problem('DELIVERY_METHOD_INVALID', 'The delivery must be HTTP or AUTOMATED_RESTORE.', methodOf(delivery));
  }
}

function methodOf(delivery: unknown): unknown {
  return isRecord(delivery) ? delivery.methodName : undefined;
}

function outsideWindow(ms: number, window: PitWindow | undefined): OpsManagerError {
  const bounds = pitWindowBounds(window);
  return problem(
    'POINT_IN_TIME_OUTSIDE_WINDOW',
    `The point in time ${iso(ms)} is outside the restorable window` +
      (bounds === undefined ? '.' : ` (${iso(bounds.startMs)} to ${iso(bounds.endMs)}).`),
    iso(ms),
    bounds === undefined ? undefined : iso(bounds.startMs),
    bounds === undefined ? undefined : iso(bounds.endMs),
  );
}

function checkPointInTime(ms: number, now: number, window: PitWindow | undefined): void {
  if (!Number.isSafeInteger(ms) || ms <= 0)
    throw problem('POINT_IN_TIME_INVALID', 'The point in time must be whole milliseconds since 1970.', ms);
  if (ms > now) throw problem('POINT_IN_TIME_IN_FUTURE', 'The point in time is in the future.', iso(ms));
  if (pointInTimeStatus(window, ms) === 'outside') throw outsideWindow(ms, window);
}

function checkHttpDelivery(
  delivery: Extract<RestoreDelivery, { methodName: 'HTTP' }>,
  now: number,
  snapshot: Snapshot | undefined,
): void {
  const { maxDownloads, expirationHours, expires } = delivery;
  if (!Number.isSafeInteger(maxDownloads) || maxDownloads < 1 || maxDownloads > MAX_DOWNLOADS_LIMIT)
    throw problem('MAX_DOWNLOADS_INVALID', 'maxDownloads must be a whole number of 1 or more.', maxDownloads);
  if (expirationHours !== undefined && expires !== undefined)
    throw problem('EXPIRATION_CONFLICT', 'Give expirationHours or expires, not both.');
  if (
    expirationHours !== undefined &&
    (!Number.isSafeInteger(expirationHours) || expirationHours < 1 || expirationHours > MAX_EXPIRATION_HOURS)
  )
    throw problem('EXPIRATION_HOURS_INVALID', 'expirationHours must be a whole number of 1 or more.', expirationHours);
  let linkEnds: number | undefined;
  if (expires !== undefined) {
    linkEnds = parseIsoDate(expires);
    if (linkEnds === undefined) throw problem('EXPIRES_INVALID', 'expires must be an ISO 8601 date and time.', expires);
    if (linkEnds <= now) throw problem('EXPIRES_IN_PAST', 'expires is in the past.', expires);
  } else if (expirationHours !== undefined) {
    linkEnds = now + expirationHours * 3_600_000;
  }
  // LINK_EXPIRATION_AFTER_SNAPSHOT_DELETION (409): the link may not outlive the snapshot.
  const snapshotEnds =
    snapshot?.doNotDelete === true || snapshot?.expires === undefined ? undefined : parseIsoDate(snapshot.expires);
  if (linkEnds !== undefined && snapshotEnds !== undefined && linkEnds > snapshotEnds)
    throw problem(
      'EXPIRES_AFTER_SNAPSHOT_DELETION',
      'The download link would outlive the snapshot.',
      iso(linkEnds),
      iso(snapshotEnds),
    );
}

/** An ISO 8601 date-time with a zone (Z or ±hh:mm), as ms; undefined otherwise. Linear pattern. */
export function parseIsoDate(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

// -- the body and the answer -----------------------------------------------------------------------------------

/**
 * The POST body. Numbers go as JSON numbers and `oplogTs` as a string, as MongoDB's Go client sends them (the
 * docs' curl examples quote every value; that both work is an inference). The checkpoint field is spelled as the
 * docs spell it, `checkpointId`.
 */
export function restoreJobBody(request: CreateRestoreRequest): Record<string, unknown> {
  const { source, delivery } = request;
  const body: Record<string, unknown> = {};
  switch (source.kind) {
    case 'snapshot':
      body.snapshotId = source.snapshotId.toLowerCase();
      break;
    case 'pointInTime':
      body.pointInTimeUTCMillis = source.pointInTimeUTCMillis;
      break;
    case 'oplog':
      body.oplogTs = String(source.oplogTs);
      body.oplogInc = source.oplogInc;
      break;
    case 'checkpoint':
      body.checkpointId = source.checkpointId.toLowerCase();
      break;
  }
  if (delivery.methodName === 'HTTP') {
    const d: Record<string, unknown> = { methodName: 'HTTP', maxDownloads: delivery.maxDownloads };
    if (delivery.expirationHours !== undefined) d.expirationHours = delivery.expirationHours;
    if (delivery.expires !== undefined) d.expires = delivery.expires;
    body.delivery = d;
  } else {
    body.delivery = {
      methodName: 'AUTOMATED_RESTORE',
      targetGroupId: delivery.targetGroupId.toLowerCase(),
      targetClusterId: delivery.targetClusterId.toLowerCase(),
    };
  }
  return body;
}

/** The jobs a create answered: a `{results}` list (documented) or one bare job (another documented example). */
export function parseCreatedJobs(json: unknown): RestoreJob[] {
  if (isRecord(json) && Object.hasOwn(json, 'results')) return parseList(json, parseRestoreJob).results;
  if (isRecord(json) && Object.hasOwn(json, 'id')) return [parseRestoreJob(json, '')];
  throw typeError('', 'a list of restore jobs or one restore job', json);
}
