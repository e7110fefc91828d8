// Streams a restore archive from the backup host to disk. The bytes go to a temporary file next to the
// destination while their SHA-1 is computed; only a complete, flushed and verified file is moved to its final
// name. Whatever fails (cancel, cut connection, silence, full disk, permissions, a wrong hash), the temporary
// file is removed and nothing appears at the destination. Memory stays flat: one chunk is hashed and queued
// at a time, and reading pauses while the disk catches up.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { formatBytes, redactUrl } from './downloadFormat';
import { createHasher, type HashingMode } from './downloadHasher';
import { checkUrl } from './downloadable';
import { OpsManagerError, readErrorBody, redactSecrets, sanitisedExcerpt } from './errors';
import { createDispatcher, DEFAULT_TIMEOUT_MS, type TransportOptions } from './http';
import { toNetworkError } from './netErrors';

export { formatBytes, formatDuration, redactUrl } from './downloadFormat';

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  totalBytes?: number;
  /** 0–100, when the total is known. */
  percent?: number;
  /** Recent average over the last few seconds. */
  bytesPerSecond: number;
  /** Time left at the recent speed, when the total is known and data is flowing. */
  etaSeconds?: number;
  elapsedMs: number;
}

/** The parts of a file handle the download writes through (a seam for tests that simulate a full disk). */
export interface DownloadFile {
  writev(buffers: Buffer[]): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export interface DownloadFileSystem {
  /** Opens `file` for writing with flags `wx` (fails when it exists). */
  openExclusive(file: string): Promise<DownloadFile>;
}

export interface DownloadOptions {
  /** Absolute http(s) URL, used byte for byte. */
  url: string;
  /** Extra headers for this URL's origin only (the urlV2 bearer token); dropped on a redirect elsewhere. */
  headers?: Record<string, string>;
  /** The file to create. Its folder must exist. */
  destination: string;
  /** Replace an existing destination (default false: an existing file is an error, checked again at the end). */
  overwrite?: boolean;
  /** Hex SHA-1 to verify against, when the job already has one. */
  expectedSha1?: string;
  /** Called after the transfer when `expectedSha1` is not given (Ops Manager adds `hashes` after a download). */
  resolveExpectedSha1?: (signal: AbortSignal | undefined) => Promise<string | undefined>;
  signal?: AbortSignal;
  /** No data for this long stops the download (default: transport body timeout, else 30 s). */
  idleTimeoutMs?: number;
  /** Connection settings (CA, proxy, connect timeout) for the backup host. */
  transport?: TransportOptions;
  /** A dispatcher to use instead of creating one (the caller keeps ownership). */
  dispatcher?: Dispatcher;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum time between progress callbacks (default 200 ms); the first and last are always sent. */
  progressIntervalMs?: number;
  /** Test seam for the temporary file. */
  fileSystem?: DownloadFileSystem;
  /** Where the SHA-1 is computed (default: see DEFAULT_HASHING). */
  hashing?: HashingMode;
}

export interface DownloadResult {
  /** The final file. */
  path: string;
  /** Lower-case hex SHA-1 of what was written. */
  sha1: string;
  /** True when the SHA-1 matched Ops Manager's hash; false when there was no hash to compare with. */
  verified: boolean;
  expectedSha1?: string;
  /** Why the file could not be verified (no hash from Ops Manager, or re-reading the job failed). */
  unverifiedReason?: string;
  bytes: number;
  elapsedMs: number;
}

const MAX_REDIRECTS = 5;
/** Measured on 1 GiB from the simulator: see the report and docs/benchmarks.md. */
export const DEFAULT_HASHING: HashingMode = 'main';
/** Queue up to this much before one writev: fewer thread-pool round trips per GiB. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/**
 * Flush to disk every this many bytes, in the background while the transfer goes on, so the final flush before
 * the rename only has the tail left (measured: a single flush of 1 GiB at the end took 0.35–0.4 s here).
 */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;
const SPEED_WINDOW_MS = 5000;
const ERROR_BODY_LIMIT = 4096;
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);
const SHA1_HEX = /^[0-9a-f]{40}$/u;

const nodeFileSystem: DownloadFileSystem = {
  async openExclusive(file) {
    const handle = await fs.promises.open(file, 'wx');
    return {
      writev: (buffers) => handle.writev(buffers),
      datasync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
};

/**
 * Downloads `options.url` to `options.destination`. Rejects with OpsManagerError: `invalid-input` (bad URL or
 * headers, destination exists; no request sent), `cancelled`, `network`, `timeout`, `tls`, `http` (refused by
 * the backup host), `io` (disk full, permissions) or `verification` (SHA-1 mismatch).
 */
export async function downloadArchive(options: DownloadOptions): Promise<DownloadResult> {
  const started = performance.now();
  const signal = options.signal;
  const urlProblem = checkUrl(options.url);
  if (urlProblem !== undefined) {
    throw new OpsManagerError({ kind: 'invalid-input', message: urlProblem });
  }
  const headers = checkHeaders(options.headers ?? {});
  throwIfCancelled(signal);

  const destination = path.resolve(options.destination);
  const folder = path.dirname(destination);
  const overwrite = options.overwrite === true;
  await checkDestination(destination, overwrite);

  const temp = path.join(folder, temporaryName(path.basename(destination)));
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  let file: DownloadFile;
  try {
    file = await fileSystem.openExclusive(temp);
  } catch (error) {
    throw ioError(error, temp);
  }

  let open = true;
  let committed = false;
  try {
    const received = await transfer(options, headers, file, temp);
    try {
      await file.datasync();
      open = false;
      await file.close();
    } catch (error) {
      throw ioError(error, temp);
    }
    throwIfCancelled(signal);

    const expected = await expectedHash(options, signal);
    throwIfCancelled(signal);
    if (expected.sha1 !== undefined && expected.sha1 !== received.sha1) {
      throw new OpsManagerError({
        kind: 'verification',
        message:
          `The downloaded file does not match Ops Manager's SHA-1 (expected ${expected.sha1}, got ${received.sha1}), ` +
          'so it was deleted and nothing was saved. Download it again; if it keeps failing, the archive on the backup host may be damaged.',
      });
    }
    await commit(temp, destination, overwrite);
    committed = true;
    return {
      path: destination,
      sha1: received.sha1,
      verified: expected.sha1 !== undefined,
      expectedSha1: expected.sha1,
      unverifiedReason: expected.sha1 === undefined ? expected.reason : undefined,
      bytes: received.bytes,
      elapsedMs: performance.now() - started,
    };
  } finally {
    if (open) {
      await file.close().catch(() => undefined);
    }
    if (!committed) {
      await removeQuietly(temp);
    }
  }
}

interface Received {
  sha1: string;
  bytes: number;
}

/** Sends the request (following a few redirects) and streams the body into `file`. */
async function transfer(options: DownloadOptions, headers: Record<string, string>, file: DownloadFile, temp: string): Promise<Received> {
  const signal = options.signal;
  const idleMs = positiveOr(options.idleTimeoutMs, positiveOr(options.transport?.timeouts?.bodyMs, DEFAULT_TIMEOUT_MS));
  const firstOrigin = new URL(options.url).origin;
  let url = options.url;
  let owned: Dispatcher | undefined;
  try {
    for (let hop = 0; ; hop++) {
      const target = new URL(url);
      const sameOrigin = target.origin === firstOrigin;
      let dispatcher = options.dispatcher;
      if (dispatcher === undefined) {
        await owned?.close();
        owned = createDispatcher(target, options.transport);
        dispatcher = owned;
      }
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcher.request({
          origin: target.origin,
          path: requestPath(url, target),
          method: 'GET',
          // The bearer token belongs to the link's own origin: never forwarded to a redirect elsewhere.
          headers: { accept: '*/*', 'accept-encoding': 'identity', ...(sameOrigin ? headers : {}) },
          signal,
          headersTimeout: idleMs,
          bodyTimeout: idleMs,
        });
      } catch (error) {
        throw startError(error, url, signal, idleMs);
      }

      const status = response.statusCode;
      if (isRedirect(status)) {
        const location = headerText(response.headers.location);
        await response.body.dump().catch(() => undefined);
        if (location === undefined) {
          throw backupHostError(status, '', url, headers);
        }
        const next = new URL(location, url).href;
        const problem = checkUrl(next);
        if (problem !== undefined) {
          throw new OpsManagerError({ kind: 'network', message: `The backup host redirected the download elsewhere, and ${lowerFirst(problem)}`, url: redactUrl(url) });
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new OpsManagerError({ kind: 'network', message: `The backup host redirected the download more than ${MAX_REDIRECTS} times; stopped.`, url: redactUrl(url) });
        }
        url = next;
        continue;
      }
      if (status !== 200) {
        const text = await readLimited(response.body, ERROR_BODY_LIMIT);
        throw backupHostError(status, text, url, headers);
      }
      return await receiveBody(response, options, file, temp, url, idleMs);
    }
  } finally {
    await owned?.close().catch(() => undefined);
  }
}

async function receiveBody(
  response: Dispatcher.ResponseData,
  options: DownloadOptions,
  file: DownloadFile,
  temp: string,
  url: string,
  idleMs: number,
): Promise<Received> {
  const signal = options.signal;
  const total = contentLength(response.headers['content-length']);
  const hasher = createHasher(options.hashing ?? DEFAULT_HASHING);
  const writer = new BatchWriter(file, temp);
  const meter = new ProgressMeter(total, options.progressIntervalMs ?? 200, options.onProgress);
  let received = 0;
  meter.update(0, true);
  try {
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        const hashing = hasher.update(chunk);
        if (hashing !== undefined) {
          await hashing;
        }
        received += chunk.length;
        const writing = writer.push(chunk);
        if (writing !== undefined) {
          await writing;
        }
        meter.update(received, false);
      }
    } catch (error) {
      response.body.destroy();
      await writer.settle();
      if (error instanceof OpsManagerError) {
        throw error;
      }
      throw bodyError(error, url, signal, idleMs, received, total);
    }
    if (total !== undefined && received !== total) {
      await writer.settle();
      throw cutError(url, received, total, undefined);
    }
    await writer.finish();
    const sha1 = await hasher.digest();
    meter.update(received, true);
    return { sha1, bytes: received };
  } finally {
    hasher.dispose();
  }
}

/**
 * Writes chunks in batches with one write in flight. push() returns a promise only when the caller must wait
 * (the previous batch is still being written), which is what pauses the network read.
 */
class BatchWriter {
  private queue: Buffer[] = [];
  private queued = 0;
  private inFlight: Promise<void> | undefined;
  private failure: OpsManagerError | undefined;
  private unsynced = 0;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly file: DownloadFile,
    private readonly filePath: string,
  ) {}

  push(chunk: Buffer): Promise<void> | undefined {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued < WRITE_BATCH_BYTES) {
      return undefined;
    }
    if (this.inFlight === undefined) {
      this.startWrite();
      return undefined;
    }
    return this.inFlight.then(() => {
      if (this.failure !== undefined) {
        throw this.failure;
      }
      this.startWrite();
    });
  }

  async finish(): Promise<void> {
    await this.inFlight;
    this.throwIfFailed();
    if (this.queued > 0) {
      this.startWrite();
      await this.inFlight;
    }
    await this.syncing;
    this.throwIfFailed();
  }

  /** Waits for a write or flush in flight without throwing (before the file is closed and removed). */
  async settle(): Promise<void> {
    await this.inFlight;
    await this.syncing;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      throw this.failure;
    }
  }

  private startWrite(): void {
    const batch = this.queue;
    this.queue = [];
    this.queued = 0;
    this.inFlight = writeAll(this.file, batch).then(
      (written) => {
        this.inFlight = undefined;
        releaseChunks(batch);
        this.unsynced += written;
        if (this.unsynced >= SYNC_EVERY_BYTES && this.syncing === undefined) {
          this.unsynced = 0;
          this.syncing = this.file.datasync().then(
            () => {
              this.syncing = undefined;
            },
            (error: unknown) => {
              this.syncing = undefined;
              this.failure ??= ioError(error, this.filePath);
            },
          );
        }
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failure ??= ioError(error, this.filePath);
      },
    );
  }
}

/** writev may write less than asked (a disk filling up): write the rest until done or an error. */
async function writeAll(file: DownloadFile, buffers: Buffer[]): Promise<number> {
  let pending = buffers;
  const size = pending.reduce((sum, b) => sum + b.length, 0);
  let left = size;
  while (left > 0) {
    const { bytesWritten } = await file.writev(pending);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('write returned 0 bytes'), { code: 'EIO' });
    }
    left -= bytesWritten;
    pending = dropBytes(pending, bytesWritten);
  }
  return size;
}

function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let skip = count;
  const out: Buffer[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
    } else {
      out.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
  }
  return out;
}

type Transferable = ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };

/**
 * Frees each written chunk's memory now instead of at the next garbage collection. A chunk read from the socket
 * owns its whole ArrayBuffer; detaching it releases the memory at once (measured: peak RSS for 1 GiB drops from
 * ~170 MB to ~100 MB). Chunks that are views into a shared buffer are left alone.
 */
function releaseChunks(batch: Buffer[]): void {
  for (const chunk of batch) {
    const buffer = chunk.buffer as Transferable;
    if (chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength && chunk.byteLength > 0 && typeof buffer.transfer === 'function') {
      buffer.transfer(0);
    }
  }
}

class ProgressMeter {
  private readonly started = performance.now();
  private lastEmit = -Infinity;
  private readonly samples: Array<{ t: number; bytes: number }> = [];

  constructor(
    private readonly total: number | undefined,
    private readonly intervalMs: number,
    private readonly callback: ((progress: DownloadProgress) => void) | undefined,
  ) {}

  update(bytes: number, force: boolean): void {
    if (this.callback === undefined) {
      return;
    }
    const now = performance.now();
    if (!force && now - this.lastEmit < this.intervalMs) {
      return;
    }
    this.lastEmit = now;
    this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0].t > SPEED_WINDOW_MS) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const span = (now - first.t) / 1000;
    const elapsed = now - this.started;
    const bytesPerSecond = span > 0.05 ? (bytes - first.bytes) / span : elapsed > 50 ? (bytes * 1000) / elapsed : 0;
    const progress: DownloadProgress = { receivedBytes: bytes, bytesPerSecond, elapsedMs: elapsed };
    if (this.total !== undefined) {
      progress.totalBytes = this.total;
      progress.percent = this.total > 0 ? Math.min(100, (bytes / this.total) * 100) : 100;
      if (bytesPerSecond > 0) {
        progress.etaSeconds = Math.max(0, (this.total - bytes) / bytesPerSecond);
      }
    }
    try {
      this.callback(progress);
    } catch {
      // A failing progress display must not break the download.
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Verification and the final move.

async function expectedHash(options: DownloadOptions, signal: AbortSignal | undefined): Promise<{ sha1?: string; reason?: string }> {
  if (options.expectedSha1 !== undefined) {
    return normaliseSha1(options.expectedSha1);
  }
  if (options.resolveExpectedSha1 === undefined) {
    return { reason: 'No SHA-1 was given to check the file against.' };
  }
  let hash: string | undefined;
  try {
    hash = await options.resolveExpectedSha1(signal);
  } catch (error) {
    if (signal?.aborted) {
      throw cancelledError();
    }
    // The file is complete and may have used up the link: keep it, and say why it is unverified.
    const why = error instanceof Error ? error.message : String(error);
    return { reason: `Re-reading the restore job for its SHA-1 failed (${why}).` };
  }
  if (hash === undefined) {
    return { reason: 'Ops Manager reported no SHA-1 for this archive.' };
  }
  return normaliseSha1(hash);
}

function normaliseSha1(hash: string): { sha1?: string; reason?: string } {
  const hex = hash.trim().toLowerCase();
  return SHA1_HEX.test(hex) ? { sha1: hex } : { reason: `Ops Manager's hash "${hash.slice(0, 60)}" is not a SHA-1, so the file could not be checked.` };
}

async function checkDestination(destination: string, overwrite: boolean): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(destination);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return;
    }
    throw ioError(error, destination);
  }
  if (stat.isDirectory()) {
    throw new OpsManagerError({ kind: 'invalid-input', message: `${destination} is a folder; choose a file name inside it.` });
  }
  if (!overwrite) {
    throw existsError(destination);
  }
}

function existsError(destination: string): OpsManagerError {
  return new OpsManagerError({
    kind: 'invalid-input',
    errorCode: 'DESTINATION_EXISTS',
    message: `${destination} already exists and was not overwritten. Choose another name, or allow overwriting it.`,
  });
}

/**
 * Moves the verified temporary file to its name. Without `overwrite`, a hard link refuses to replace a file that
 * appeared meanwhile (EEXIST) where a rename would silently clobber it.
 */
async function commit(temp: string, destination: string, overwrite: boolean): Promise<void> {
  try {
    if (overwrite) {
      await fs.promises.rename(temp, destination);
    } else {
      try {
        await fs.promises.link(temp, destination);
        await removeQuietly(temp);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EEXIST') {
          throw existsError(destination);
        }
        if (code === undefined || !LINK_UNSUPPORTED.has(code)) {
          throw error;
        }
        // No hard links on this file system (FAT, some network shares): check, then rename.
        await checkDestination(destination, false);
        await fs.promises.rename(temp, destination);
      }
    }
  } catch (error) {
    throw error instanceof OpsManagerError ? error : ioError(error, destination);
  }
  await syncFolder(path.dirname(destination));
}

/** Makes the rename durable; not possible everywhere (Windows), so best effort. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function removeQuietly(file: string): Promise<void> {
  try {
    await fs.promises.unlink(file);
  } catch {
    // Already gone, or never created.
  }
}

/** `.<name>.<random>.part`: hidden, next to the destination (same file system, so the rename is atomic). */
function temporaryName(base: string): string {
  const short = [...base].slice(0, 100).join('');
  return `.${short}.${crypto.randomBytes(6).toString('hex')}.part`;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests and errors.

/** The path and query exactly as given (tokens may hold `=`, `+`, `%2F`); the parsed form only if it is not plain ASCII. */
function requestPath(raw: string, parsed: URL): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^#]*)/u.exec(raw);
  const rest = match?.[1] ?? '';
  if (rest !== '' && /^[\u0021-\u007e]+$/u.test(rest)) {
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return `${parsed.pathname}${parsed.search}`;
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u.test(name) || !/^[\u0020-\u007e]*$/u.test(value)) {
      throw new OpsManagerError({ kind: 'invalid-input', message: 'The download header from Ops Manager cannot be sent as an HTTP header, so nothing was requested.' });
    }
  }
  return headers;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function contentLength(value: string | string[] | undefined): number | undefined {
  const text = headerText(value);
  if (text === undefined || !/^\d{1,16}$/u.test(text.trim())) {
    return undefined;
  }
  return Number(text.trim());
}

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        break;
      }
    }
  } catch {
    // An unreadable error body still leaves the status to report.
  } finally {
    body.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit).toString('utf8');
}

function secretsOf(url: string, headers: Record<string, string>): string[] {
  const secrets = Object.values(headers).flatMap((v) => [v, v.replace(/^\S+\s+/u, '')]);
  try {
    const segments = new URL(url).pathname.split('/').filter((s) => s.length >= 16);
    secrets.push(...segments);
  } catch {
    // nothing to add
  }
  return secrets.filter((s) => s.length >= 8);
}

function backupHostError(status: number, bodyText: string, url: string, headers: Record<string, string>): OpsManagerError {
  let said = '';
  const secrets = secretsOf(url, headers);
  try {
    const fields = readErrorBody(JSON.parse(bodyText));
    const words = fields.detail ?? fields.reason;
    if (words !== undefined) {
      said = ` The backup host said: "${sanitisedExcerpt(words, secrets, 200)}"`;
    }
  } catch {
    const excerpt = sanitisedExcerpt(bodyText, secrets, 120);
    if (excerpt !== '') {
      said = ` The backup host said: "${excerpt}"`;
    }
  }
  let message: string;
  switch (status) {
    case 401:
      message = 'The backup host did not accept the download token (HTTP 401): the link has probably expired. Refresh the restore job to get a current link.';
      break;
    case 403:
    case 410:
      message = `The backup host refused the download (HTTP ${status}): the link has expired or has been used the maximum number of times. Refresh the restore job; if it shows EXPIRED or MAX_DOWNLOADS_EXCEEDED, start a new restore job in Ops Manager.`;
      break;
    case 404:
      message = 'The backup host does not know this download link (HTTP 404): it has expired or been used up, or the restore files were removed. Refresh the restore job, and start a new one if needed.';
      break;
    case 429:
    case 502:
    case 503:
    case 504:
      message = `The backup host is busy or unavailable (HTTP ${status}). Try again in a few minutes.`;
      break;
    default:
      message = isRedirect(status)
        ? `The backup host answered a redirect (HTTP ${status}) without saying where to.`
        : `The backup host answered HTTP ${status} instead of the archive. Try again later; if it persists, check the restore job in Ops Manager.`;
  }
  return new OpsManagerError({ kind: 'http', status, message: redactSecrets(message + said, secrets), url: redactUrl(url) });
}

function cancelledError(): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', message: 'The download was cancelled; nothing was saved.' });
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw cancelledError();
  }
}

function isTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT';
}

/** Before the body: connection, TLS, proxy, or no answer. */
function startError(error: unknown, url: string, signal: AbortSignal | undefined, idleMs: number): OpsManagerError {
  if (signal?.aborted) {
    return cancelledError();
  }
  if (isTimeout(error)) {
    return new OpsManagerError({
      kind: 'timeout',
      message: `The backup host ${hostOf(url)} did not answer within ${seconds(idleMs)}; nothing was saved. Try again later.`,
      url: redactUrl(url),
      cause: error,
    });
  }
  const mapped = toNetworkError(error, { url: redactUrl(url), signal, role: 'download' });
  return mapped;
}

/** During the body. */
function bodyError(error: unknown, url: string, signal: AbortSignal | undefined, idleMs: number, received: number, total: number | undefined): OpsManagerError {
  if (signal?.aborted) {
    return cancelledError();
  }
  if (isTimeout(error)) {
    return new OpsManagerError({
      kind: 'timeout',
      message:
        `No data from the backup host for ${seconds(idleMs)} after ${progressText(received, total)}; the download was stopped and nothing was saved. ` +
        'Try again (this download may have counted against maxDownloads).',
      url: redactUrl(url),
      cause: error,
    });
  }
  const mapped = toNetworkError(error, { url: redactUrl(url), signal, role: 'download' });
  if (mapped.kind === 'tls' || mapped.kind === 'cancelled') {
    return mapped;
  }
  return cutError(url, received, total, error);
}

function cutError(url: string, received: number, total: number | undefined, cause: unknown): OpsManagerError {
  return new OpsManagerError({
    kind: 'network',
    message:
      `The connection was cut after ${progressText(received, total)}; nothing was saved. ` +
      'Try again (this download may have counted against maxDownloads).',
    url: redactUrl(url),
    cause,
  });
}

/** Disk full, permissions, missing folder: what happened and what to do. */
function ioError(error: unknown, file: string): OpsManagerError {
  if (error instanceof OpsManagerError) {
    return error;
  }
  const code = errorCode(error) ?? 'EIO';
  const folder = path.dirname(file);
  let message: string;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      message = `The disk is full: could not write to ${folder}. Free some space or choose another folder, then download again.`;
      break;
    case 'EACCES':
    case 'EPERM':
      message = `Permission denied writing to ${folder}. Choose a folder you can write to (or change opsManager.downloadDirectory), then download again.`;
      break;
    case 'EROFS':
      message = `${folder} is on a read-only file system. Choose another folder, then download again.`;
      break;
    case 'ENOENT':
      message = `The folder ${folder} does not exist. Create it or choose another folder.`;
      break;
    case 'ENOTDIR':
      message = `${folder} is not a folder. Choose another destination.`;
      break;
    case 'EISDIR':
      message = `${file} is a folder; choose a file name inside it.`;
      break;
    case 'EFBIG':
      message = `The archive is too large for the file system of ${folder} (FAT32 stops at 4 GiB). Choose a folder on another drive.`;
      break;
    case 'ENAMETOOLONG':
      message = `The file name is too long for ${folder}. Choose a shorter name.`;
      break;
    default:
      message = `Could not write ${file}: ${error instanceof Error ? error.message : String(error)} (${code}).`;
  }
  return new OpsManagerError({ kind: 'io', message, errorCode: code, cause: error });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unknown host)';
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function progressText(received: number, total: number | undefined): string {
  return total === undefined ? formatBytes(received) : `${formatBytes(received)} of ${formatBytes(total)}`;
}
