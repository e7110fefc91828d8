// Sharded restores as one unit. Ops Manager creates one restore job per shard plus one for the config server,
// all sharing a `batchId`; this module groups such jobs, says which part is which, and sums up their state.
// It speaks codes (name source, role, status); the VS Code layer words them. Plain TypeScript: no vscode import.
//
// Naming, in order, and the source is always kept so nothing is guessed silently:
// 1. the cluster list: the part's clusterId is a shard or the config server replica set of the cluster;
// 2. `clusterName` on the job (Cloud Manager sends it);
// 3. the archive's file name, `[config-]<replicaSetName>[-<clusterId>]-<unixSeconds>-<jobId>.tar.gz` (an inference
//    from Ops Manager's fixtures, read with string operations, not a regex over server text);
// 4. nothing usable: the part is named by its job ID and marked as such.
import { checkDownloadable, type Downloadability } from './downloadable';
import { sanitizeFileName } from './fileName';
import type { Cluster, RestoreJob } from './model';

export type PartRole = 'shard' | 'config' | 'unknown';
export type PartNameSource = 'cluster-list' | 'cluster-name' | 'file-name' | 'job-id';

/** Where a part stands for downloading. */
export type PartState =
  /** READY over HTTP, a link that can be used now. */
  | 'ready'
  /** Still being prepared: worth waiting for. */
  | 'preparing'
  /** Cannot be downloaded any more (expired, used up, failed, not HTTP, no URL). */
  | 'unavailable';

export interface BatchPart {
  job: RestoreJob;
  /** Shard or replica set name; for the config server its replica set name when known. */
  name: string;
  nameSource: PartNameSource;
  role: PartRole;
  state: PartState;
  /** Why the part cannot be downloaded now (from checkDownloadable), when it cannot. */
  blocker?: Extract<Downloadability, { ok: false }>;
  /** The archive's file name (hashes or URL), when known. */
  fileName?: string;
}

/** The batch as a whole: every part ready, some ready, none ready yet, or some lost for good. */
export type BatchStatus = 'ready' | 'partly-ready' | 'preparing' | 'unavailable';

export interface RestoreBatch {
  batchId: string;
  /** Config server last, shards by name. */
  parts: BatchPart[];
  status: BatchStatus;
  readyCount: number;
  /** The snapshot time of the restore (the parts' `timestamp.date`, earliest), when known. */
  snapshotTime?: string;
  /** Earliest `created` of the parts. */
  created?: string;
  pointInTime: boolean;
  /** Distinct snapshot IDs of the parts. */
  snapshotIds: string[];
}

export type RestoreJobEntry = { kind: 'batch'; batch: RestoreBatch } | { kind: 'job'; job: RestoreJob };

/**
 * Jobs sharing a batchId become one batch (at its newest part's place in the given order); a job alone with its
 * batchId stays a job (replica-set restores carry a batchId too). `members` is the cluster list used for naming.
 */
export function groupRestoreJobs(
  jobs: readonly RestoreJob[],
  members: readonly Cluster[] = [],
  now: Date = new Date(),
): RestoreJobEntry[] {
  const byBatch = new Map<string, RestoreJob[]>();
  for (const job of jobs) {
    if (job.batchId === undefined || job.batchId === '') continue;
    const list = byBatch.get(job.batchId);
    if (list === undefined) byBatch.set(job.batchId, [job]);
    else list.push(job);
  }
  const entries: RestoreJobEntry[] = [];
  const placed = new Set<string>();
  for (const job of jobs) {
    const batchId = job.batchId;
    const batchJobs = batchId === undefined ? undefined : byBatch.get(batchId);
    if (batchId === undefined || batchJobs === undefined || batchJobs.length < 2) {
      entries.push({ kind: 'job', job });
      continue;
    }
    if (placed.has(batchId)) continue;
    placed.add(batchId);
    entries.push({ kind: 'batch', batch: buildBatch(batchId, batchJobs, members, now) });
  }
  return entries;
}

/** One batch from its jobs (every job listed with `?batchId=`). */
export function buildBatch(
  batchId: string,
  jobs: readonly RestoreJob[],
  members: readonly Cluster[] = [],
  now: Date = new Date(),
): RestoreBatch {
  const parts = jobs.map((job) => describePart(job, members, now));
  parts.sort(
    (a, b) =>
      roleOrder(a.role) - roleOrder(b.role) ||
      a.name.localeCompare(b.name, undefined, { numeric: true }) ||
      a.job.id.localeCompare(b.job.id),
  );
  const readyCount = parts.filter((p) => p.state === 'ready').length;
  const status: BatchStatus = parts.some((p) => p.state === 'unavailable')
    ? 'unavailable'
    : readyCount === parts.length
      ? 'ready'
      : readyCount > 0
        ? 'partly-ready'
        : 'preparing';
  return {
    batchId,
    parts,
    status,
    readyCount,
    snapshotTime: earliest(jobs.map((j) => j.timestamp?.date)),
    created: earliest(jobs.map((j) => j.created)),
    pointInTime: jobs.some((j) => j.pointInTime === true),
    snapshotIds: [...new Set(jobs.map((j) => j.snapshotId).filter((s): s is string => s !== undefined))],
  };
}

function roleOrder(role: PartRole): number {
  return role === 'shard' ? 0 : role === 'unknown' ? 1 : 2;
}

/** Names one part and says how ready it is. */
export function describePart(job: RestoreJob, members: readonly Cluster[] = [], now: Date = new Date()): BatchPart {
  const check = checkDownloadable(job, now);
  const fileName = archiveFileName(job, check);
  const fromFile = fileName === undefined ? undefined : parseArchiveFileName(fileName, job.id);
  const { name, nameSource, role } = namePart(job, members, fromFile);
  const part: BatchPart = { job, name, nameSource, role, state: partState(job, check) };
  if (!check.ok) part.blocker = check;
  if (fileName !== undefined) part.fileName = fileName;
  return part;
}

function namePart(
  job: RestoreJob,
  members: readonly Cluster[],
  fromFile: ArchiveNameParts | undefined,
): { name: string; nameSource: PartNameSource; role: PartRole } {
  const member = job.clusterId === undefined ? undefined : members.find((m) => m.id === job.clusterId);
  const fileRole: PartRole = fromFile === undefined ? 'unknown' : fromFile.config ? 'config' : 'shard';
  if (member !== undefined && member.typeName !== 'SHARDED' && member.typeName !== 'SHARDED_REPLICA_SET') {
    const isConfig = member.typeName === 'CONFIG_SERVER_REPLICA_SET';
    const name = (isConfig ? member.replicaSetName : (member.shardName ?? member.replicaSetName)) ?? undefined;
    if (name !== undefined && name.trim() !== '') {
      return { name, nameSource: 'cluster-list', role: isConfig ? 'config' : member.shardName ? 'shard' : fileRole };
    }
  }
  const clusterName = job.extra.clusterName;
  if (typeof clusterName === 'string' && clusterName.trim() !== '') {
    return { name: clusterName, nameSource: 'cluster-name', role: fileRole };
  }
  if (fromFile !== undefined && fromFile.replicaSetName !== '') {
    return { name: fromFile.replicaSetName, nameSource: 'file-name', role: fileRole };
  }
  return { name: job.id, nameSource: 'job-id', role: fileRole };
}

function partState(job: RestoreJob, check: Downloadability): PartState {
  if (check.ok) return 'ready';
  if (check.blocker === 'JOB_NOT_FINISHED') return 'preparing';
  if (check.blocker === 'NOT_READY' && job.statusName === 'IN_PROGRESS' && job.delivery?.statusName === undefined) {
    return 'preparing';
  }
  return 'unavailable';
}

/** The archive's name: from `hashes` when Ops Manager reported one, else the URL's last segment. */
function archiveFileName(job: RestoreJob, check: Downloadability): string | undefined {
  const hashed = job.hashes?.find((h) => typeof h.fileName === 'string' && h.fileName !== '')?.fileName;
  if (hashed !== undefined) return sanitizeFileName(hashed, '') || undefined;
  if (check.ok) return check.fileName;
  const url = job.delivery?.url ?? job.delivery?.urlV2;
  if (url === undefined) return undefined;
  try {
    const pathname = new URL(url).pathname;
    return sanitizeFileName(pathname.slice(pathname.lastIndexOf('/') + 1), '') || undefined;
  } catch {
    return undefined;
  }
}

export interface ArchiveNameParts {
  config: boolean;
  replicaSetName: string;
}

const ARCHIVE_SUFFIXES = ['.tar.gz', '.tgz', '.tar'];

/**
 * Reads `[config-]<replicaSetName>[-<clusterId>]-<unixSeconds>-<jobId>.tar.gz`. Returns undefined when the name
 * does not end with the job's ID and a time, so a name of another shape is never half-read.
 */
export function parseArchiveFileName(fileName: string, jobId: string): ArchiveNameParts | undefined {
  let stem = fileName;
  const suffix = ARCHIVE_SUFFIXES.find((s) => stem.toLowerCase().endsWith(s));
  if (suffix !== undefined) stem = stem.slice(0, -suffix.length);
  const idSuffix = `-${jobId}`;
  if (!stem.toLowerCase().endsWith(idSuffix.toLowerCase())) return undefined;
  stem = stem.slice(0, -idSuffix.length);
  const seconds = stem.slice(stem.lastIndexOf('-') + 1);
  if (stem.lastIndexOf('-') < 0 || !isDigits(seconds)) return undefined;
  stem = stem.slice(0, stem.lastIndexOf('-'));
  const maybeClusterId = stem.slice(stem.lastIndexOf('-') + 1);
  if (stem.lastIndexOf('-') > 0 && maybeClusterId.length === 24 && isHex(maybeClusterId)) {
    stem = stem.slice(0, stem.lastIndexOf('-'));
  }
  const config = stem.startsWith('config-');
  if (config) stem = stem.slice('config-'.length);
  return { config, replicaSetName: stem };
}

function isDigits(text: string): boolean {
  return text.length > 0 && [...text].every((c) => c >= '0' && c <= '9');
}

function isHex(text: string): boolean {
  return [...text].every((c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

function earliest(dates: readonly (string | undefined)[]): string | undefined {
  let best: { text: string; time: number } | undefined;
  for (const text of dates) {
    if (text === undefined) continue;
    const time = Date.parse(text);
    if (Number.isNaN(time)) continue;
    if (best === undefined || time < best.time) best = { text, time };
  }
  return best?.text;
}

/**
 * The batch's folder: `<cluster>-<snapshot time as 2026-11-26T1833Z>` (no colons, so every file system takes it),
 * made safe as one file name. Without a snapshot time, the batch ID stands in.
 */
export function batchFolderName(clusterName: string, batch: Pick<RestoreBatch, 'snapshotTime' | 'batchId'>): string {
  const time = batch.snapshotTime === undefined ? NaN : Date.parse(batch.snapshotTime);
  const when = Number.isNaN(time)
    ? batch.batchId
    : new Date(time).toISOString().slice(0, 16).replace(':', '').concat('Z');
  // Separators inside a cluster name are part of the name, not folders: replaced before sanitising (which would
  // keep only the last component).
  const flat = `${clusterName}-${when}`.replaceAll('/', '_').replaceAll('\\', '_');
  return sanitizeFileName(flat, `restore-${batch.batchId}`);
}
