// Extraction: every entry is checked (entryPolicy.ts) and written into a fresh temporary folder beside the
// destination; only when the last entry is in does one rename make the destination appear. On any refusal,
// error or cancel the temporary folder is removed, so the destination either is complete or does not exist.
// Files are created exclusively ('wx') and links only after every file, so nothing is written through a link.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isCancellation } from '../common';
import { type CheckedEntry, EntryPolicy, type PolicyOptions } from './entryPolicy';
import { archiveCancelled, ArchiveError } from './errors';
import { type ArchiveProgress, progressReporter } from './inspect';
import { openArchive, readEntries } from './reader';

export interface ExtractOptions extends PolicyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
  progressIntervalMs?: number;
  /** What the archive unpacks to (from an inspection): free space is checked against it before anything is written. */
  expectedBytes?: number;
  /** Free bytes for the user at `dir`; fs.statfs by default (tests pass their own). */
  freeSpace?: (dir: string) => Promise<number>;
  /**
   * When the archive holds one top folder (Ops Manager's layout), put its contents directly in the destination,
   * so the destination is the mongod --dbpath. Default true.
   */
  stripTopFolder?: boolean;
}

export interface ExtractResult {
  archive: string;
  destination: string;
  /** The folder with the data files: the destination, or the top folder inside it when that was not stripped. */
  dataPath: string;
  /** The archive's top folder, when it had one. */
  topFolder?: string;
  entryCount: number;
  fileCount: number;
  writtenBytes: number;
  elapsedMs: number;
}

/** Room kept free beyond the files' sizes: file system blocks and metadata. */
const SPACE_MARGIN_BYTES = 16 * 1024 * 1024;

export async function defaultFreeSpace(dir: string): Promise<number> {
  const stats = await fs.promises.statfs(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** Refuses a destination that exists or whose parent folder does not. */
export async function checkDestination(destination: string): Promise<void> {
  if (await exists(destination)) throw new ArchiveError({ code: 'DESTINATION_EXISTS', path: destination });
  const parent = path.dirname(destination);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(parent);
  } catch (cause) {
    throw new ArchiveError({ code: 'DESTINATION_PARENT_MISSING', path: parent, cause });
  }
  if (!stat.isDirectory()) throw new ArchiveError({ code: 'DESTINATION_PARENT_MISSING', path: parent });
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw new ArchiveError({ code: 'WRITE_FAILED', path: file, cause: error });
  }
}

export async function extractArchive(
  file: string,
  destinationIn: string,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const started = performance.now();
  const destination = path.resolve(destinationIn);
  const { signal } = options;
  if (signal?.aborted) throw archiveCancelled();
  const archive = await openArchive(file);
  await checkDestination(destination);
  const parent = path.dirname(destination);
  if (options.expectedBytes !== undefined) {
    const needed = options.expectedBytes + SPACE_MARGIN_BYTES;
    let available: number | undefined;
    try {
      available = await (options.freeSpace ?? defaultFreeSpace)(parent);
    } catch {
      available = undefined; // statfs unsupported here: ENOSPC while writing still cleans up
    }
    if (available !== undefined && available < needed) {
      throw new ArchiveError({ code: 'NO_SPACE', path: parent, neededBytes: needed, availableBytes: available });
    }
  }

  const temp = path.join(parent, `.${path.basename(destination)}.partial-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fs.promises.mkdir(temp);
  } catch (cause) {
    throw new ArchiveError({ code: 'WRITE_FAILED', path: temp, cause });
  }
  const policy = new EntryPolicy(options);
  let fileCount = 0;
  let writtenBytes = 0;
  const madeDirs = new Set<string>();
  const dirTimes: CheckedEntry[] = [];
  const report = progressReporter(options, archive.bytes, () => ({ entries: policy.entryCount, writtenBytes }));
  const target = (entry: CheckedEntry): string => {
    const full = path.join(temp, ...entry.path.split('/'));
    // Belt and braces: the policy already refused anything that could land elsewhere.
    if (!full.startsWith(temp + path.sep)) throw new ArchiveError({ code: 'PARENT_PATH', entry: entry.name });
    return full;
  };
  const ensureDir = async (dir: string): Promise<void> => {
    if (madeDirs.has(dir)) return;
    await fs.promises.mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  };
  try {
    await readEntries(
      archive,
      async (header, body) => {
        const entry = policy.check(header);
        if (entry === undefined || entry.kind === 'symlink') {
          body.resume();
          return;
        }
        const full = target(entry);
        try {
          if (entry.kind === 'directory') {
            await ensureDir(full);
            dirTimes.push(entry);
            body.resume();
            return;
          }
          await ensureDir(path.dirname(full));
          if (entry.kind === 'hardlink') {
            await fs.promises.link(path.join(temp, ...(entry.linkTarget ?? '').split('/')), full);
            body.resume();
            return;
          }
          // Permission bits only (no setuid/setgid/sticky), and never writable by others.
          const mode = (entry.mode ?? 0o644) & 0o755;
          const out = fs.createWriteStream(full, { flags: 'wx', mode: mode | 0o600, highWaterMark: 1024 * 1024 });
          await pipeline(
            body,
            async function* (source: AsyncIterable<Buffer>) {
              for await (const chunk of source) {
                writtenBytes += chunk.length;
                yield chunk;
              }
            },
            out,
          );
          fileCount++;
          if (entry.mtime) await fs.promises.utimes(full, entry.mtime, entry.mtime);
        } catch (error) {
          body.resume();
          throw writeError(error, full);
        }
      },
      { signal, onRead: (read) => report(read, false) },
    );
    const topFolder = policy.topFolder();
    const strip = topFolder !== undefined && options.stripTopFolder !== false;
    // Links last: every file is in place, and nothing later can be written through them.
    for (const link of policy.finish(strip ? 1 : 0)) {
      const full = target(link);
      try {
        await ensureDir(path.dirname(full));
        await fs.promises.symlink((link.linkTarget ?? '').split(/[/\\]/u).join(path.sep), full);
      } catch (error) {
        throw writeError(error, full);
      }
    }
    for (const dir of dirTimes.reverse()) {
      if (dir.mtime) await fs.promises.utimes(target(dir), dir.mtime, dir.mtime).catch(() => undefined);
    }
    if (signal?.aborted) throw archiveCancelled();

    // The destination may have appeared meanwhile: rename would replace an empty folder, so look again.
    if (await exists(destination)) throw new ArchiveError({ code: 'DESTINATION_EXISTS', path: destination });
    try {
      if (strip) {
        await fs.promises.rename(path.join(temp, topFolder), destination);
        await fs.promises.rmdir(temp);
      } else {
        await fs.promises.rename(temp, destination);
      }
    } catch (error) {
      throw writeError(error, destination);
    }
    report(archive.bytes, true);
    const result: ExtractResult = {
      archive: file,
      destination,
      dataPath: strip || topFolder === undefined ? destination : path.join(destination, topFolder),
      entryCount: policy.entryCount,
      fileCount,
      writtenBytes,
      elapsedMs: performance.now() - started,
    };
    if (topFolder !== undefined) result.topFolder = topFolder;
    return result;
  } catch (error) {
    await fs.promises.rm(temp, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    if (signal?.aborted || isCancellation(error)) throw archiveCancelled();
    throw error;
  }
}

function writeError(error: unknown, file: string): unknown {
  if (error instanceof ArchiveError || isCancellation(error)) return error;
  // Only the file system's errors (they name a syscall) are write failures; a damaged archive surfaces here too,
  // while its entry is being copied, and the reader gives that its own code.
  if (!(error instanceof Error) || !('syscall' in error)) return error;
  const code = 'code' in error ? error.code : undefined;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ArchiveError({ code: 'NO_SPACE', path: file, cause: error });
  return new ArchiveError({ code: 'WRITE_FAILED', path: file, cause: error });
}
