// The temporary file a download writes to, hidden next to its destination, and the move that puts a finished,
// verified file in place atomically (without clobbering a file that appeared meanwhile). Removing the temporary
// file on any failure is the caller's `finally`.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorCode, ioError } from './errors';
import { isOpsManagerError, OpsManagerError } from '../common';

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

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);

export const nodeFileSystem: DownloadFileSystem = {
  async openExclusive(file) {
    const handle = await fs.promises.open(file, 'wx');
    return {
      writev: (buffers) => handle.writev(buffers),
      datasync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
};

export async function checkDestination(destination: string, overwrite: boolean): Promise<void> {
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
    throw new OpsManagerError({
      kind: 'invalid-input',
      code: 'DESTINATION_IS_FOLDER',
      params: { file: destination },
      message: `${destination} is a folder; choose a file name inside it.`,
    });
  }
  if (!overwrite) {
    throw existsError(destination);
  }
}

function existsError(destination: string): OpsManagerError {
  return new OpsManagerError({
    kind: 'invalid-input',
    code: 'DESTINATION_EXISTS',
    errorCode: 'DESTINATION_EXISTS',
    params: { file: destination },
    message: `${destination} already exists and was not overwritten. Choose another name, or allow overwriting it.`,
  });
}

/**
 * Moves the verified temporary file to its name. Without `overwrite`, a hard link refuses to replace a file that
 * appeared meanwhile (EEXIST) where a rename would silently clobber it.
 */
export async function commit(temp: string, destination: string, overwrite: boolean): Promise<void> {
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
    throw isOpsManagerError(error) ? error : ioError(error, destination);
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

export async function removeQuietly(file: string): Promise<void> {
  try {
    await fs.promises.unlink(file);
  } catch {
    // Already gone, or never created.
  }
}

/** Bytes of the destination's name kept in the temporary name: `.` + 12 hex + `.part` + 2 dots fit within 255. */
export const TEMP_NAME_BASE_BYTES = 200;

/**
 * `.<name>.<random>.part`: hidden, next to the destination (same file system, so the rename is atomic). File
 * systems count a name's limit (255) in bytes, not characters, so the name is cut by UTF-8 bytes.
 */
export function temporaryName(base: string): string {
  let short = '';
  let bytes = 0;
  for (const char of base) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > TEMP_NAME_BASE_BYTES) {
      break;
    }
    short += char;
  }
  return `.${short}.${crypto.randomBytes(6).toString('hex')}.part`;
}
