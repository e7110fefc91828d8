// Streams a restore archive from the backup host to disk. The bytes go to a temporary file next to the
// destination while their SHA-1 is computed; only a complete, flushed and verified file is moved to its final
// name. Whatever fails (cancel, cut connection, silence, full disk, permissions, a wrong hash), the temporary
// file is removed and nothing appears at the destination. Memory stays flat: one chunk is hashed and queued
// at a time, and reading pauses while the disk catches up.
//
// The parts, each in its own module: options (what a caller gives and gets), transfer (request, redirects,
// streaming), exchange (one GET through undici's handler API, with backpressure), writer (batched writes),
// progress (speed and time left), verification (the expected SHA-1), tempFile (temporary file and atomic move),
// errors (messages), hasher (SHA-1).

import * as path from 'node:path';
import { badUrlError, checkUrl } from '../api';
import { ioError, throwIfCancelled } from './errors';
import { checkDestination, commit, type DownloadFile, nodeFileSystem, removeQuietly, temporaryName } from './tempFile';
import { checkHeaders, transfer } from './transfer';
import { expectedHash, mismatchError } from './verification';
import type { DownloadOptions, DownloadResult } from './options';

export { redactUrl } from '../api';
export type { DownloadOptions, DownloadResult } from './options';
export type { DownloadProgress } from './progress';
export type { DownloadFile, DownloadFileSystem } from './tempFile';
export { DEFAULT_HASHING } from './transfer';

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
