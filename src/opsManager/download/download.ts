// Streams a restore archive from the backup host to disk. The bytes go to a temporary file next to the
// destination while their SHA-1 is computed; only a complete, flushed and verified file is moved to its final
// name. Whatever fails (cancel, cut connection, silence, full disk, permissions, a wrong hash), the temporary
// file is removed and nothing appears at the destination. Memory stays flat: one chunk is hashed and queued
// at a time, and reading pauses while the disk catches up.
//
// The parts, each in its own module: downloadTransfer (request, redirects, streaming), downloadExchange (one GET
// through undici's handler API, with backpressure), downloadWriter (batched writes), downloadProgress (speed
// and time left), downloadVerification (the expected SHA-1), downloadTempFile (temporary file and atomic move),
// downloadErrors (messages), downloadHasher (SHA-1).

import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { badUrlError, checkUrl } from '../api/downloadable';
import { ioError, throwIfCancelled } from './errors';
import type { HashingMode } from './hasher';
import {
  checkDestination,
  commit,
  nodeFileSystem,
  removeQuietly,
  temporaryName,
  type DownloadFile,
  type DownloadFileSystem,
} from './tempFile';
import { checkHeaders, transfer } from './transfer';
import { expectedHash, mismatchError } from './verification';
import type { TransportOptions } from '../http/http';
import type { DownloadProgress } from './progress';

export { redactUrl } from '../api/downloadable';
export type { DownloadProgress } from './progress';
export type { DownloadFile, DownloadFileSystem } from './tempFile';
export { DEFAULT_HASHING } from './transfer';

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
    throw badUrlError(urlProblem);
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
      throw mismatchError(expected.sha1, received.sha1);
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
