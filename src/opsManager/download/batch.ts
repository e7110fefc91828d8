// Downloads every part of a sharded restore into one folder, on top of the single download (downloadArchive):
// each part streamed, SHA-1 verified and moved into place atomically as before, a few at a time, with one
// progress for the whole batch. A part that fails does not stop the others; cancelling stops them all, and each
// unfinished part removes its own temporary file (downloadArchive's `finally`), so only verified parts remain.
// `restore-manifest.json` is written, atomically, only once every part is verified: a folder with a manifest is a
// complete, checked set, and a folder without one is not.
// Over 300 lines because scheduling, waiting for READY parts, combined progress, retry and the manifest share
// one run's state.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import type { PartRole } from '../api';
import { isOpsManagerError, OpsManagerError } from '../common';
import type { TransportOptions } from '../http';
import { downloadArchive, type DownloadOptions, type DownloadResult } from './download';
import { ioError } from './errors';
import type { HashingMode } from './hasher';
import { type DownloadProgress, ProgressMeter } from './progress';
import { commit, type DownloadFileSystem, removeQuietly } from './tempFile';

export const MANIFEST_FILE = 'restore-manifest.json';
export const DEFAULT_BATCH_PARALLEL = 3;
export const MAX_BATCH_PARALLEL = 16;

/** Where one part's archive comes from, as checkDownloadable gives it. */
export interface BatchPartLink {
  url: string;
  headers?: Record<string, string>;
  expectedSha1?: string;
  /** Called after the transfer when `expectedSha1` is not given (Ops Manager adds `hashes` after a download). */
  resolveExpectedSha1?: (signal: AbortSignal | undefined) => Promise<string | undefined>;
}

export interface BatchPartInput {
  jobId: string;
  name: string;
  role: PartRole;
  /** The file name inside the batch folder (already sanitised). */
  fileName: string;
  snapshotId?: string;
  /** Replace a file of that name (a part saved unverified by an earlier run, downloaded again). */
  overwrite?: boolean;
  /**
   * The link now, or a wait for it: a part still being prepared resolves when it becomes READY (and rejects with
   * an OpsManagerError when it never will). Waiting holds no download slot.
   */
  link: BatchPartLink | ((signal: AbortSignal) => Promise<BatchPartLink>);
}

export type PartStatus = 'queued' | 'waiting' | 'downloading' | 'verified' | 'unverified' | 'failed' | 'cancelled';

export interface PartOutcome {
  jobId: string;
  name: string;
  role: PartRole;
  fileName: string;
  snapshotId?: string;
  status: PartStatus;
  /** The saved file (verified or unverified). */
  path?: string;
  sha1?: string;
  bytes?: number;
  /** Why the saved file could not be verified. */
  unverifiedReason?: string;
  /** Why the part failed. */
  error?: OpsManagerError;
}

export interface BatchManifestInfo {
  batchId: string;
  groupId: string;
  cluster: { id: string; name: string };
  snapshotTime?: string;
  snapshotIds: string[];
  pointInTime: boolean;
}

export interface BatchProgress {
  receivedBytes: number;
  /** Sum of the parts' sizes; an estimate (see `totalEstimated`) until every part has started. */
  totalBytes?: number;
  totalEstimated: boolean;
  percent?: number;
  bytesPerSecond: number;
  etaSeconds?: number;
  elapsedMs: number;
  /** Verified or saved parts, including those verified by an earlier run. */
  partsDone: number;
  partsTotal: number;
  partsFailed: number;
}

export interface BatchDownloadOptions {
  /** The batch folder; it must exist (see createBatchFolder). */
  folder: string;
  parts: BatchPartInput[];
  /** Parts verified by an earlier run into the same folder ("Retry failed parts"): they count for the manifest. */
  alreadyVerified?: PartOutcome[];
  manifest: BatchManifestInfo;
  /** Parts downloading at once (default 3, at most 16). */
  parallel?: number;
  signal?: AbortSignal;
  idleTimeoutMs?: number;
  transport?: TransportOptions;
  dispatcher?: Dispatcher;
  hashing?: HashingMode;
  fileSystem?: DownloadFileSystem;
  /** Minimum time between progress callbacks (default 250 ms). */
  progressIntervalMs?: number;
  onProgress?: (progress: BatchProgress) => void;
  /** Every change of a part's status. */
  onPart?: (part: PartOutcome) => void;
  /** Test seam: the single download. */
  download?: (options: DownloadOptions) => Promise<DownloadResult>;
  /** Test seam: the time in the manifest. */
  now?: () => Date;
}

export interface BatchResult {
  folder: string;
  /** Every part, in the order given (earlier verified parts first). */
  parts: PartOutcome[];
  /** Set when every part is verified and the manifest was written. */
  manifestPath?: string;
  cancelled: boolean;
}

/** A batch is complete when it has a manifest. */
export function isComplete(result: BatchResult): boolean {
  return result.manifestPath !== undefined;
}

/** The parts to try again: failed, cancelled, or saved without a hash to check them against. */
export function unfinishedParts(result: BatchResult): PartOutcome[] {
  return result.parts.filter((p) => p.status !== 'verified');
}

/**
 * Downloads the parts into `options.folder`. Never rejects for a part's failure or a cancel: the result says what
 * happened to each part. Rejects only for bad options (`invalid-input`) or when the manifest cannot be written.
 */
export async function downloadBatch(options: BatchDownloadOptions): Promise<BatchResult> {
  const parallel = checkParallel(options.parallel);
  checkFileNames(options);
  const download = options.download ?? downloadArchive;
  const signal = options.signal;
  const earlier = (options.alreadyVerified ?? []).filter((p) => p.status === 'verified');
  const outcomes: PartOutcome[] = options.parts.map((p) => {
    const outcome: PartOutcome = { jobId: p.jobId, name: p.name, role: p.role, fileName: p.fileName, status: 'queued' };
    if (p.snapshotId !== undefined) outcome.snapshotId = p.snapshotId;
    return outcome;
  });
  const meter = new BatchMeter(options, earlier.length, outcomes);
  const notify = (outcome: PartOutcome): void => {
    try {
      options.onPart?.({ ...outcome });
    } catch {
      // A failing display must not break the download.
    }
  };
  for (const outcome of outcomes) notify(outcome);
  const slots = new Semaphore(parallel);

  const runPart = async (input: BatchPartInput, outcome: PartOutcome, index: number): Promise<void> => {
    try {
      let link: BatchPartLink;
      if (typeof input.link === 'function') {
        outcome.status = 'waiting';
        notify(outcome);
        link = await input.link(abortSignalOf(signal));
        outcome.status = 'queued';
        notify(outcome);
      } else {
        link = input.link;
      }
      const release = await slots.acquire(signal);
      try {
        if (signal?.aborted) throw cancelled();
        outcome.status = 'downloading';
        notify(outcome);
        const result = await download({
          url: link.url,
          headers: link.headers,
          destination: path.join(options.folder, input.fileName),
          overwrite: input.overwrite === true,
          expectedSha1: link.expectedSha1,
          resolveExpectedSha1: link.resolveExpectedSha1,
          signal,
          idleTimeoutMs: options.idleTimeoutMs,
          transport: options.transport,
          dispatcher: options.dispatcher,
          fileSystem: options.fileSystem,
          hashing: options.hashing,
          progressIntervalMs: options.progressIntervalMs ?? 250,
          onProgress: (p) => meter.part(index, p),
        });
        outcome.status = result.verified ? 'verified' : 'unverified';
        outcome.path = result.path;
        outcome.sha1 = result.sha1;
        outcome.bytes = result.bytes;
        if (!result.verified) outcome.unverifiedReason = result.unverifiedReason;
        meter.finished(index, result.bytes);
      } finally {
        release();
      }
    } catch (error) {
      const failure = isOpsManagerError(error)
        ? error
        : new OpsManagerError({ kind: 'io', message: error instanceof Error ? error.message : String(error) });
      outcome.status = failure.kind === 'cancelled' || signal?.aborted === true ? 'cancelled' : 'failed';
      if (outcome.status === 'failed') outcome.error = failure;
      meter.failed(index, outcome.status === 'failed');
    }
    notify(outcome);
  };

  try {
    await Promise.all(options.parts.map((input, i) => runPart(input, outcomes[i], i)));
  } finally {
    meter.dispose();
  }
  const parts = [...earlier, ...outcomes];
  const result: BatchResult = { folder: options.folder, parts, cancelled: signal?.aborted === true };
  if (!result.cancelled && parts.length > 0 && parts.every((p) => p.status === 'verified')) {
    result.manifestPath = await writeManifest(options.folder, buildManifest(options.manifest, parts, options.now));
  }
  return result;
}

export interface RestoreManifest {
  format: 1;
  kind: 'ops-manager-sharded-restore';
  batchId: string;
  groupId: string;
  cluster: { id: string; name: string };
  /** The snapshot (or point in time) the parts restore. */
  snapshot: { time?: string; snapshotIds: string[]; pointInTime: boolean };
  savedAt: string;
  parts: Array<{
    name: string;
    role: PartRole;
    jobId: string;
    file: string;
    bytes: number;
    sha1: string;
    verified: true;
    snapshotId?: string;
  }>;
}

/** The manifest of a batch whose parts are all verified; throws otherwise (a manifest means a complete set). */
export function buildManifest(
  info: BatchManifestInfo,
  parts: readonly PartOutcome[],
  now: () => Date = () => new Date(),
): RestoreManifest {
  const entries = parts.map((p) => {
    if (p.status !== 'verified' || p.sha1 === undefined || p.bytes === undefined) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `Part ${p.name} (restore job ${p.jobId}) is not verified; no manifest is written for an incomplete set.`,
      });
    }
    const entry: RestoreManifest['parts'][number] = {
      name: p.name,
      role: p.role,
      jobId: p.jobId,
      file: p.fileName,
      bytes: p.bytes,
      sha1: p.sha1,
      verified: true,
    };
    if (p.snapshotId !== undefined) entry.snapshotId = p.snapshotId;
    return entry;
  });
  const snapshot: RestoreManifest['snapshot'] = { snapshotIds: info.snapshotIds, pointInTime: info.pointInTime };
  if (info.snapshotTime !== undefined) snapshot.time = info.snapshotTime;
  return {
    format: 1,
    kind: 'ops-manager-sharded-restore',
    batchId: info.batchId,
    groupId: info.groupId,
    cluster: info.cluster,
    snapshot,
    savedAt: now().toISOString(),
    parts: entries,
  };
}

/** Writes the manifest next to the parts: a temporary file, flushed, then renamed over the final name. */
export async function writeManifest(folder: string, manifest: RestoreManifest): Promise<string> {
  const target = path.join(folder, MANIFEST_FILE);
  const temp = path.join(folder, `.${MANIFEST_FILE}.${crypto.randomBytes(6).toString('hex')}.part`);
  let committed = false;
  try {
    const handle = await fs.promises.open(temp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await commit(temp, target, true);
    committed = true;
    return target;
  } catch (error) {
    throw ioError(error, target);
  } finally {
    if (!committed) await removeQuietly(temp);
  }
}

/**
 * Creates `<parent>/<name>` as a new, empty folder (`<name> (2)`, `(3)`, … when taken), so a batch never mixes
 * with files already there. The parent is created when missing.
 */
export async function createBatchFolder(parent: string, name: string): Promise<string> {
  try {
    await fs.promises.mkdir(parent, { recursive: true });
  } catch (error) {
    throw ioError(error, path.join(parent, name));
  }
  for (let n = 1; n < 1000; n++) {
    const folder = path.join(parent, n === 1 ? name : `${name} (${n})`);
    try {
      await fs.promises.mkdir(folder);
      return folder;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST') continue;
      throw ioError(error, path.join(folder, MANIFEST_FILE));
    }
  }
  throw new OpsManagerError({
    kind: 'io',
    message: `Too many folders named like ${name} in ${parent}. Choose another folder.`,
  });
}

function checkParallel(value: number | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_PARALLEL;
  if (!Number.isInteger(value) || value < 1 || value > MAX_BATCH_PARALLEL) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `Parallel downloads must be a whole number from 1 to ${MAX_BATCH_PARALLEL}; got ${value}.`,
    });
  }
  return value;
}

function checkFileNames(options: BatchDownloadOptions): void {
  const seen = new Set((options.alreadyVerified ?? []).map((p) => p.fileName.toLowerCase()));
  for (const part of options.parts) {
    const key = part.fileName.toLowerCase();
    if (part.fileName === '' || part.fileName !== path.basename(part.fileName) || seen.has(key)) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `Part ${part.name} (restore job ${part.jobId}) has no file name of its own ("${part.fileName}"); nothing was downloaded.`,
      });
    }
    seen.add(key);
  }
}

function cancelled(): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', message: 'The download was cancelled.' });
}

/** A signal for the waits (a never-aborting one when the caller gave none). */
function abortSignalOf(signal: AbortSignal | undefined): AbortSignal {
  return signal ?? new AbortController().signal;
}

/** Bounded parallelism: at most `size` holders at a time, served in arrival order. */
class Semaphore {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
    } else {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          const at = this.waiting.indexOf(grant);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(cancelled());
        };
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        if (signal?.aborted) {
          reject(cancelled());
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.free++;
    };
  }
}

/** One progress for the batch: the parts' bytes summed, speed over the sum, parts done and failed. */
class BatchMeter {
  private readonly received: number[];
  private readonly totals: Array<number | undefined>;
  private done: number;
  private failures = 0;
  private readonly meter: ProgressMeter;

  constructor(
    options: BatchDownloadOptions,
    private readonly earlierDone: number,
    private readonly outcomes: PartOutcome[],
  ) {
    this.received = outcomes.map(() => 0);
    this.totals = outcomes.map(() => undefined);
    this.done = earlierDone;
    const callback = options.onProgress;
    this.meter = new ProgressMeter(
      undefined,
      options.progressIntervalMs ?? 250,
      callback === undefined ? undefined : (p) => callback(this.summary(p)),
    );
  }

  part(index: number, progress: DownloadProgress): void {
    this.received[index] = progress.receivedBytes;
    if (progress.totalBytes !== undefined) this.totals[index] = progress.totalBytes;
    this.meter.update(this.sum(), false);
  }

  finished(index: number, bytes: number): void {
    this.received[index] = bytes;
    this.totals[index] = bytes;
    this.done++;
    this.meter.update(this.sum(), true);
  }

  failed(index: number, counted: boolean): void {
    // A failed part's bytes were not saved: they leave the count, and its size leaves the total.
    this.received[index] = 0;
    this.totals[index] = 0;
    if (counted) this.failures++;
    this.meter.update(this.sum(), true);
  }

  dispose(): void {
    this.meter.dispose();
  }

  private sum(): number {
    return this.received.reduce((a, b) => a + b, 0);
  }

  private summary(p: DownloadProgress): BatchProgress {
    const known = this.totals.filter((t): t is number => t !== undefined && t > 0);
    const unknown = this.totals.filter((t) => t === undefined).length;
    const out: BatchProgress = {
      receivedBytes: p.receivedBytes,
      totalEstimated: unknown > 0,
      bytesPerSecond: p.bytesPerSecond,
      elapsedMs: p.elapsedMs,
      partsDone: this.done,
      partsTotal: this.outcomes.length + this.earlierDone,
      partsFailed: this.failures,
    };
    if (known.length > 0) {
      // Parts not started yet are taken to be as large as the average of those that have.
      const knownSum = known.reduce((a, b) => a + b, 0);
      const total = knownSum + unknown * (knownSum / known.length);
      out.totalBytes = Math.round(total);
      out.percent = total > 0 ? Math.min(100, (p.receivedBytes / total) * 100) : 100;
      if (p.bytesPerSecond > 0) out.etaSeconds = Math.max(0, (total - p.receivedBytes) / p.bytesPerSecond);
    }
    return out;
  }
}
