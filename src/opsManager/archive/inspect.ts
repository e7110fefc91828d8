// Inspection: one pass over the archive without writing anything. Entry bodies are skipped (only gunzip's
// work remains: tar headers are spread through the stream, so counting entries needs the whole pass), except
// restoreInfo.txt, which is read up to MAX_RESTORE_INFO bytes.
import { EntryPolicy, type PolicyOptions, type Refusal } from './entryPolicy';
import { ArchiveError } from './errors';
import { type EntryBody, openArchive, readEntries } from './reader';
import { parseRestoreInfo, type RestoreInfo } from './restoreInfo';

const MAX_RESTORE_INFO = 64 * 1024;
const RESTORE_INFO = 'restoreinfo.txt';
const SEED_SECONDARY = 'seedsecondary.sh';

export interface ArchiveProgress {
  /** Compressed bytes read so far. */
  readBytes: number;
  /** The archive's size on disk. */
  totalBytes: number;
  entries: number;
  /** Bytes written (extraction only). */
  writtenBytes: number;
}

export interface InspectOptions extends PolicyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
  /** Least time between two progress calls (the last one always comes). Default 100 ms. */
  progressIntervalMs?: number;
}

export interface ArchiveInspection {
  archive: string;
  archiveBytes: number;
  gzip: boolean;
  /** The one folder everything sits in, as Ops Manager lays archives out; undefined when there is not one. */
  topFolder?: string;
  entryCount: number;
  fileCount: number;
  directoryCount: number;
  linkCount: number;
  /** The sum of the files' sizes: what extracting writes. */
  uncompressedBytes: number;
  /** Where restoreInfo.txt is in the archive (normalised path). */
  restoreInfoPath?: string;
  restoreInfo?: RestoreInfo;
  /** seedSecondary.sh is present (it is not for namespace-filtered snapshots or SCCC config servers). */
  hasSeedSecondary: boolean;
  /** The first entry extraction would refuse; undefined when the archive is safe to extract. */
  refusal?: Refusal;
  elapsedMs: number;
}

/** Reads the archive once; rejects with ArchiveError only when it cannot be read to the end (corrupt, truncated). */
export async function inspectArchive(file: string, options: InspectOptions = {}): Promise<ArchiveInspection> {
  const started = performance.now();
  const archive = await openArchive(file);
  const policy = new EntryPolicy(options);
  const result: ArchiveInspection = {
    archive: file,
    archiveBytes: archive.bytes,
    gzip: archive.gzip,
    entryCount: 0,
    fileCount: 0,
    directoryCount: 0,
    linkCount: 0,
    uncompressedBytes: 0,
    hasSeedSecondary: false,
    elapsedMs: 0,
  };
  const report = progressReporter(options, archive.bytes, () => ({ entries: result.entryCount, writtenBytes: 0 }));
  let restoreInfoDepth = Number.POSITIVE_INFINITY;
  await readEntries(
    archive,
    async (header, body) => {
      result.entryCount++;
      if (result.refusal !== undefined) {
        // Keep counting, but checks against a policy that already refused would only repeat themselves.
        result.uncompressedBytes +=
          header.type === 'file' || header.type === 'contiguous-file' ? (header.size ?? 0) : 0;
        body.resume();
        return;
      }
      let checked;
      try {
        checked = policy.check(header);
      } catch (error) {
        if (!(error instanceof ArchiveError) || error.code === 'TOO_MANY_ENTRIES') throw error;
        result.refusal = { code: error.code, entry: error.entry ?? header.name };
        body.resume();
        return;
      }
      if (checked === undefined) {
        result.entryCount--;
        body.resume();
        return;
      }
      switch (checked.kind) {
        case 'file':
          result.fileCount++;
          result.uncompressedBytes += checked.size;
          break;
        case 'directory':
          result.directoryCount++;
          break;
        default:
          result.linkCount++;
      }
      const segments = checked.path.split('/');
      const base = segments[segments.length - 1].toLowerCase();
      // The shallowest restoreInfo.txt wins: the one beside the data files, not one a database happens to hold.
      if (checked.kind === 'file' && base === RESTORE_INFO && segments.length < restoreInfoDepth) {
        restoreInfoDepth = segments.length;
        result.restoreInfoPath = checked.path;
        result.restoreInfo = parseRestoreInfo(await readText(body, MAX_RESTORE_INFO));
        return;
      }
      if (checked.kind === 'file' && base === SEED_SECONDARY && segments.length <= 2) result.hasSeedSecondary = true;
      body.resume();
    },
    { signal: options.signal, onRead: (read) => report(read, false) },
  );
  const topFolder = policy.topFolder();
  if (topFolder !== undefined) result.topFolder = topFolder;
  if (result.refusal === undefined) {
    try {
      // As extraction judges links by default: with the top folder as the destination.
      policy.finish(topFolder === undefined ? 0 : 1);
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      result.refusal = { code: error.code, entry: error.entry ?? '' };
    }
  }
  report(archive.bytes, true);
  result.elapsedMs = performance.now() - started;
  return result;
}

/** The first `limit` bytes as UTF-8; the rest of the body is drained. */
async function readText(body: EntryBody, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of body) {
    const buffer = chunk;
    if (kept < limit) {
      const part = buffer.subarray(0, limit - kept);
      chunks.push(part);
      kept += part.length;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A throttled progress callback. */
export function progressReporter(
  options: { onProgress?: (p: ArchiveProgress) => void; progressIntervalMs?: number },
  totalBytes: number,
  counters: () => { entries: number; writtenBytes: number },
): (readBytes: number, force: boolean) => void {
  const interval = options.progressIntervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  return (readBytes, force) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - last < interval) return;
    last = now;
    options.onProgress({ readBytes, totalBytes, ...counters() });
  };
}
