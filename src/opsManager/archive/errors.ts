// What can go wrong reading or unpacking a restore archive, as codes: the VS Code layer words them (l10n), the
// log gets the code and the entry. Cancellation is an OpsManagerError of kind 'cancelled', like a download's.
import { OpsManagerError } from '../common';

export type ArchiveErrorCode =
  /** The archive file is missing or not a regular file. */
  | 'ARCHIVE_NOT_FOUND'
  /** The archive could not be read (permissions, I/O). */
  | 'ARCHIVE_READ_FAILED'
  /** The gzip layer is damaged or cut short. */
  | 'CORRUPT_GZIP'
  /** The tar layer is damaged or cut short (bad header checksum, data ends inside an entry). */
  | 'CORRUPT_TAR'
  /** No entries at all. */
  | 'EMPTY_ARCHIVE'
  /** More entries than any restore archive has: refused rather than tracked without end. */
  | 'TOO_MANY_ENTRIES'
  /** An entry name that starts at the root or a drive (`/etc/passwd`, `C:\x`, `\\server\share`). */
  | 'ABSOLUTE_PATH'
  /** An entry name with a `..` segment. */
  | 'PARENT_PATH'
  /** An entry name with a NUL or other character no file system should get, or nothing left after `.` segments. */
  | 'UNSAFE_NAME'
  /** A symbolic link whose target is absolute or leads out of the archive's folder (or through another link). */
  | 'LINK_ESCAPE'
  /** A hard link whose target is outside the archive or is not an earlier regular file of it. */
  | 'HARD_LINK_ESCAPE'
  /** A character or block device. */
  | 'DEVICE_ENTRY'
  /** A named pipe. */
  | 'FIFO_ENTRY'
  /** Any other entry type tar knows (sockets, vendor extensions). */
  | 'UNSUPPORTED_ENTRY'
  /** Two entries for the same path (or one under a path that is a file or link). */
  | 'ENTRY_CONFLICT'
  /** The destination folder (or file) already exists. */
  | 'DESTINATION_EXISTS'
  /** The folder that would hold the destination does not exist. */
  | 'DESTINATION_PARENT_MISSING'
  /** Less free space than the archive unpacks to. */
  | 'NO_SPACE'
  /** Writing failed (permissions, disk full, I/O). */
  | 'WRITE_FAILED';

export interface ArchiveErrorInit {
  code: ArchiveErrorCode;
  /** The entry name as the archive spells it, when one entry is at fault. */
  entry?: string;
  /** For NO_SPACE: bytes needed and available. */
  neededBytes?: number;
  availableBytes?: number;
  /** A path on this machine (archive, destination) the code is about. */
  path?: string;
  cause?: unknown;
}

/** A refusal or failure with a code; `message` is for logs only (code, entry, path), never shown as is. */
export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly entry?: string;
  readonly neededBytes?: number;
  readonly availableBytes?: number;
  readonly path?: string;

  constructor(init: ArchiveErrorInit) {
    super(logMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ArchiveError';
    this.code = init.code;
    this.entry = init.entry;
    this.neededBytes = init.neededBytes;
    this.availableBytes = init.availableBytes;
    this.path = init.path;
  }
}

function logMessage(init: ArchiveErrorInit): string {
  const parts: string[] = [init.code];
  if (init.entry !== undefined) parts.push(`entry ${JSON.stringify(init.entry)}`);
  if (init.path !== undefined) parts.push(`path ${init.path}`);
  if (init.neededBytes !== undefined) parts.push(`needs ${init.neededBytes} bytes`);
  if (init.availableBytes !== undefined) parts.push(`${init.availableBytes} bytes free`);
  const cause = init.cause instanceof Error ? init.cause.message : undefined;
  if (cause !== undefined) parts.push(`(${cause})`);
  return parts.join(': ');
}

export function isArchiveError(error: unknown): error is ArchiveError {
  return error instanceof ArchiveError;
}

export function archiveCancelled(): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', message: 'Cancelled.' });
}
