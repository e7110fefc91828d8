// The restore archive the backup host serves: a real .tar.gz shaped like Ops Manager's (omLayout.ts: one top
// folder with restoreInfo.txt, WiredTiger-like files, seedSecondary.sh, and one large collection file of
// deterministic pseudo-random bytes), generated once per size into a cache file in os.tmpdir() and then
// streamed from disk, so 1 GiB costs flat memory and serves at disk/loopback speed.
//
// Speed: the bytes come from AES-128-CTR over zeros (hardware-accelerated, deterministic, incompressible) and
// are wrapped in gzip level 0 ("stored" deflate blocks), so generating 1 GiB takes seconds, and the archive
// is about as large as asked. The SHA-1 is computed while generating and kept in a sidecar JSON file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { restoreInfoText, SIM_DATA_FILE, SIM_TOP_FOLDER, smallMembers } from './omLayout';
import { TAR_BLOCK, tarEnd, tarHeader, tarPadding } from './tar';

export interface ArchiveInfo {
  /** The cached .tar.gz on disk. */
  path: string;
  sizeBytes: number;
  sha1: string;
}

const FORMAT = 2;
const MIB = 1024 * 1024;
const CHUNK = MIB;
// Fixed key and IV: the same size always yields the same bytes, hence the same SHA-1 across runs.
const KEY = Buffer.from('6f70732d6d616e616765722d73696d21', 'hex');
const IV = Buffer.alloc(16, 0);
const MTIME = 1_700_000_000;
/** Smallest archive made: the restore layout's small files and headers take about 10 KiB. */
const MIN_ARCHIVE_BYTES = 32 * 1024;
/** Largest archive accepted (ustar limits one member to 8 GiB). */
export const MAX_ARCHIVE_MB = 8000;

const pending = new Map<string, Promise<ArchiveInfo>>();

/** Archive size in bytes for `--archive-mb M` (fractions allowed, e.g. 0.25). */
export function archiveBytesFor(mb: number): number {
  if (!Number.isFinite(mb) || mb <= 0 || mb > MAX_ARCHIVE_MB) {
    throw new Error(`archive size must be more than 0 and at most ${MAX_ARCHIVE_MB} MiB, got ${mb}`);
  }
  return Math.max(MIN_ARCHIVE_BYTES, Math.round(mb * MIB));
}

/** The cached archive of about `targetBytes`, generating it first when missing. Concurrent callers share one run. */
export function ensureArchive(targetBytes: number, dir = os.tmpdir()): Promise<ArchiveInfo> {
  const file = path.join(dir, `ops-manager-sim-archive-v${FORMAT}-${targetBytes}.tar.gz`);
  let p = pending.get(file);
  if (!p) {
    p = readCached(file).then((hit) => hit ?? generate(file, targetBytes));
    pending.set(file, p);
    p.catch(() => pending.delete(file));
  }
  return p;
}

async function readCached(file: string): Promise<ArchiveInfo | undefined> {
  try {
    const meta: unknown = JSON.parse(await fs.promises.readFile(`${file}.json`, 'utf8'));
    const st = await fs.promises.stat(file);
    if (
      typeof meta === 'object' &&
      meta !== null &&
      'sha1' in meta &&
      'sizeBytes' in meta &&
      typeof meta.sha1 === 'string' &&
      /^[0-9a-f]{40}$/.test(meta.sha1) &&
      meta.sizeBytes === st.size
    ) {
      return { path: file, sizeBytes: st.size, sha1: meta.sha1 };
    }
  } catch {
    // missing or unreadable: generate
  }
  return undefined;
}

function smallMemberChunks(): Buffer[] {
  const chunks: Buffer[] = [];
  for (const m of smallMembers(SIM_TOP_FOLDER, restoreInfoText())) {
    const data = m.data === undefined ? Buffer.alloc(0) : Buffer.from(m.data);
    chunks.push(tarHeader(m.name, data.length, MTIME, m), data, tarPadding(data.length));
  }
  return chunks;
}

function dataBytesFor(targetBytes: number): number {
  const small = smallMemberChunks().reduce((n, c) => n + c.length, 0);
  // The small members, the data file's header, 2 end blocks, gzip header/trailer, ~5 bytes per stored block.
  const overhead = small + 3 * TAR_BLOCK + 18 + 5 * Math.ceil(targetBytes / 65_535);
  return Math.max(0, Math.floor((targetBytes - overhead) / TAR_BLOCK) * TAR_BLOCK);
}

async function* tarStream(dataBytes: number): AsyncGenerator<Buffer> {
  yield* smallMemberChunks();
  yield tarHeader(`${SIM_TOP_FOLDER}/${SIM_DATA_FILE}`, dataBytes, MTIME);
  const cipher = crypto.createCipheriv('aes-128-ctr', KEY, IV);
  const zeros = Buffer.alloc(CHUNK, 0);
  for (let left = dataBytes; left > 0; left -= CHUNK) {
    yield cipher.update(left >= CHUNK ? zeros : zeros.subarray(0, left));
  }
  yield tarPadding(dataBytes);
  yield tarEnd();
}

async function generate(file: string, targetBytes: number): Promise<ArchiveInfo> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const sha1 = crypto.createHash('sha1');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha1.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.from(tarStream(dataBytesFor(targetBytes))),
      zlib.createGzip({ level: 0, chunkSize: CHUNK }),
      tap,
      fs.createWriteStream(tmp, { highWaterMark: 4 * CHUNK }),
    );
    const info: ArchiveInfo = { path: file, sizeBytes: size, sha1: sha1.digest('hex') };
    // Sidecar first, then the archive: a reader that finds the archive also finds its hash. Renames are
    // atomic, so simulators started in parallel may race here harmlessly (same bytes either way).
    const sideTmp = `${tmp}.json`;
    await fs.promises.writeFile(
      sideTmp,
      JSON.stringify({ sha1: info.sha1, sizeBytes: info.sizeBytes, format: FORMAT }),
    );
    await fs.promises.rename(sideTmp, `${file}.json`);
    await fs.promises.rename(tmp, file);
    return info;
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    await fs.promises.rm(`${tmp}.json`, { force: true });
    throw e;
  }
}
