// One streaming pass over a .tar.gz (or plain .tar): file → gunzip → tar-stream, entry by entry, with the
// compressed bytes read so far for progress. Memory stays flat whatever the size: entry bodies are streamed to
// the caller, who must consume (or resume) each one before the next arrives.
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { isCancellation } from '../common';
import type { TarHeader } from './entryPolicy';
import { archiveCancelled, ArchiveError } from './errors';

const READ_CHUNK = 1024 * 1024;

export interface ArchiveFile {
  path: string;
  /** Size on disk. */
  bytes: number;
  gzip: boolean;
}

/** Checks the archive is a readable regular file and whether it is gzip (by its magic bytes, not its name). */
export async function openArchive(file: string): Promise<ArchiveFile> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (cause) {
    throw new ArchiveError({ code: 'ARCHIVE_NOT_FOUND', path: file, cause });
  }
  if (!stat.isFile()) throw new ArchiveError({ code: 'ARCHIVE_NOT_FOUND', path: file });
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { path: file, bytes: stat.size, gzip: bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b };
  } catch (cause) {
    throw new ArchiveError({ code: 'ARCHIVE_READ_FAILED', path: file, cause });
  } finally {
    await handle?.close();
  }
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Compressed bytes read so far (called per chunk; callers throttle). */
  onRead?: (compressedBytes: number) => void;
}

/** An entry's data: iterate it, or `resume()` to skip it. */
export interface EntryBody extends AsyncIterable<Buffer> {
  resume(): unknown;
}

export type EntryHandler = (header: TarHeader, body: EntryBody) => Promise<void>;

/**
 * Calls `onEntry` for each entry in order. Rejects with ArchiveError (CORRUPT_GZIP, CORRUPT_TAR, EMPTY_ARCHIVE,
 * ARCHIVE_READ_FAILED), with the cancellation error, or with whatever `onEntry` threw; the file is closed either way.
 */
export async function readEntries(
  archive: ArchiveFile,
  onEntry: EntryHandler,
  options: ReadOptions = {},
): Promise<number> {
  const { signal, onRead } = options;
  if (signal?.aborted) throw archiveCancelled();
  const input = fs.createReadStream(archive.path, { highWaterMark: READ_CHUNK });
  let read = 0;
  input.on('data', (chunk: Buffer | string) => {
    read += chunk.length;
    onRead?.(read);
  });
  const gunzip = archive.gzip ? zlib.createGunzip({ chunkSize: 256 * 1024 }) : new PassThrough();
  const extract = tar.extract();
  let stage: 'read' | 'gzip' | 'tar' | undefined;
  input.on('error', () => (stage ??= 'read'));
  gunzip.on('error', () => (stage ??= 'gzip'));
  extract.on('error', () => (stage ??= 'tar'));
  const piping = pipeline(input, gunzip, extract, signal ? { signal } : {});
  // Observed below; this only keeps an early failure from being reported as unhandled.
  piping.catch(() => undefined);
  let entries = 0;
  let failure: unknown;
  try {
    for await (const entry of extract) {
      if (signal?.aborted) throw archiveCancelled();
      entries++;
      await onEntry(entry.header, {
        resume: () => entry.resume(),
        async *[Symbol.asyncIterator]() {
          for await (const chunk of entry) {
            if (Buffer.isBuffer(chunk)) yield chunk;
            else if (chunk instanceof Uint8Array) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          }
        },
      });
    }
    await piping;
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) {
    if (entries === 0) throw new ArchiveError({ code: 'EMPTY_ARCHIVE', path: archive.path });
    return entries;
  }
  input.destroy();
  if (signal?.aborted || isCancellation(failure)) throw archiveCancelled();
  if (failure instanceof ArchiveError) throw failure;
  // Which layer failed decides the code: zlib for a damaged or cut gzip, tar-stream for the tar inside.
  if (stage === 'read') throw new ArchiveError({ code: 'ARCHIVE_READ_FAILED', path: archive.path, cause: failure });
  if (stage === 'gzip' || isZlibError(failure))
    throw new ArchiveError({ code: 'CORRUPT_GZIP', path: archive.path, cause: failure });
  if (stage === 'tar' || isTarError(failure))
    throw new ArchiveError({ code: 'CORRUPT_TAR', path: archive.path, cause: failure });
  throw failure;
}

function isZlibError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');
}

function isTarError(error: unknown): boolean {
  return error instanceof Error && /tar header|end of data|Header exceeds|Invalid header/iu.test(error.message);
}
