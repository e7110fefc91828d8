// Extraction: a good archive lands complete at the destination; every hostile archive is refused with its code
// and nothing is written anywhere (not inside the destination's folder, not outside it); cancel and a full disk
// leave nothing behind either.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ArchiveError, extractArchive, inspectArchive, type ArchiveProgress } from '../../../../src/opsManager/archive';
import { isCancellation } from '../../../../src/opsManager/common/errors';
import { archiveBytesFor, ensureArchive } from '../../../simulator/archive';
import { hostileArchives } from '../../../simulator/hostileArchives';
import { restoreInfoText, SIM_DATA_FILE, SIM_TOP_FOLDER, smallRestoreArchive } from '../../../simulator/omLayout';

/** Every path under `dir`, relative, sorted; links listed, not followed. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      out.push(e.isSymbolicLink() ? `${r} -> ${fs.readlinkSync(path.join(d, e.name))}` : r);
      if (e.isDirectory()) walk(path.join(d, e.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<ArchiveError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ArchiveError, `an ArchiveError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected a refusal with ${code}`);
}

describe('archive extraction', () => {
  let sandbox: string;
  let inbox: string;
  let out: string;
  beforeEach(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'om-extract-'));
    inbox = path.join(sandbox, 'in');
    out = path.join(sandbox, 'out');
    fs.mkdirSync(inbox);
    fs.mkdirSync(out);
  });
  afterEach(() => fs.rmSync(sandbox, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(inbox, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('unpacks an Ops Manager archive so the destination is the data folder, with nothing else left', async () => {
    const file = write('rs0.tar.gz', smallRestoreArchive({ dataBytes: 300_000 }));
    const dest = path.join(out, 'rs0');
    const result = await extractArchive(file, dest);
    assert.equal(result.destination, dest);
    assert.equal(result.dataPath, dest, 'the top folder became the destination');
    assert.equal(result.topFolder, SIM_TOP_FOLDER);
    assert.equal(fs.readFileSync(path.join(dest, 'restoreInfo.txt'), 'utf8'), restoreInfoText());
    assert.equal(fs.statSync(path.join(dest, SIM_DATA_FILE)).size, 300_000);
    assert.ok(fs.statSync(path.join(dest, 'journal')).isDirectory());
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(path.join(dest, 'seedSecondary.sh')).mode & 0o777, 0o755, 'the script stays executable');
    }
    assert.deepEqual(fs.readdirSync(out), ['rs0'], 'no temporary folder left beside it');
    assert.equal(result.fileCount, 14);
    assert.ok(result.writtenBytes > 300_000);
  });

  it('keeps the top folder when asked, and unpacks a plain (not gzipped) .tar too', async () => {
    const file = write('rs0.tar', smallRestoreArchive({ gzip: false }));
    const dest = path.join(out, 'kept');
    const result = await extractArchive(file, dest, { stripTopFolder: false });
    assert.equal(result.dataPath, path.join(dest, SIM_TOP_FOLDER));
    assert.ok(fs.existsSync(path.join(dest, SIM_TOP_FOLDER, 'WiredTiger.turtle')));
  });

  it('accepts links that stay inside: a relative symlink and a hard link to an earlier file', async function () {
    if (process.platform === 'win32') this.skip();
    const file = write(
      'links.tar.gz',
      smallRestoreArchive({
        extra: [
          { name: `${SIM_TOP_FOLDER}/journal/info`, type: 'symlink', linkname: '../restoreInfo.txt' },
          { name: `${SIM_TOP_FOLDER}/WiredTiger.copy`, type: 'hardlink', linkname: `${SIM_TOP_FOLDER}/WiredTiger` },
        ],
      }),
    );
    const dest = path.join(out, 'links');
    await extractArchive(file, dest);
    assert.equal(fs.readlinkSync(path.join(dest, 'journal', 'info')), '../restoreInfo.txt');
    assert.equal(fs.readFileSync(path.join(dest, 'journal', 'info'), 'utf8'), restoreInfoText());
    assert.equal(fs.statSync(path.join(dest, 'WiredTiger.copy')).ino, fs.statSync(path.join(dest, 'WiredTiger')).ino);
  });

  for (const hostile of hostileArchives()) {
    it(`refuses ${hostile.name} (${hostile.attempt}) with ${hostile.code}, writing nothing anywhere`, async () => {
      const file = write(`${hostile.name}.tar.gz`, hostile.bytes);
      const before = tree(sandbox);
      const dest = path.join(out, hostile.name);
      const error = await rejectsWithCode(extractArchive(file, dest), hostile.code);
      if (hostile.readable) assert.ok(error.entry !== undefined && error.entry !== '', 'the entry is named');
      assert.deepEqual(tree(sandbox), before, 'the sandbox is exactly as before: no destination, no temporary folder');
      assert.equal(fs.existsSync('/tmp/ops-manager-sim-escaped.txt'), false);
      assert.equal(fs.existsSync(path.join(os.tmpdir(), 'escaped.txt')), false);
    });
  }

  it('refuses two names that differ only in case where the file system would merge them', async () => {
    const file = write(
      'case.tar.gz',
      smallRestoreArchive({ extra: [{ name: `${SIM_TOP_FOLDER}/wiredtiger`, data: 'shadow' }] }),
    );
    await rejectsWithCode(extractArchive(file, path.join(out, 'ci'), { caseInsensitive: true }), 'ENTRY_CONFLICT');
    assert.deepEqual(fs.readdirSync(out), []);
    await extractArchive(file, path.join(out, 'cs'), { caseInsensitive: false });
    assert.equal(fs.readFileSync(path.join(out, 'cs', 'wiredtiger'), 'utf8'), 'shadow');
  });

  it('refuses names Windows would reinterpret (a stream, a device, a trailing dot) where they matter', async () => {
    for (const bad of ['journal:stream', 'NUL.txt', 'trailing.', 'com1']) {
      const file = write(
        `win-${bad.length}.tar.gz`,
        smallRestoreArchive({ extra: [{ name: `${SIM_TOP_FOLDER}/${bad}`, data: 'x' }] }),
      );
      await rejectsWithCode(extractArchive(file, path.join(out, 'w'), { windowsNames: true }), 'UNSAFE_NAME');
      assert.deepEqual(fs.readdirSync(out), [], `nothing written for ${bad}`);
    }
  });

  it('refuses a destination that exists (an empty folder included) and leaves it untouched', async () => {
    const file = write('rs0.tar.gz', smallRestoreArchive());
    const dest = path.join(out, 'taken');
    fs.mkdirSync(dest);
    fs.writeFileSync(path.join(dest, 'keep.txt'), 'mine');
    await rejectsWithCode(extractArchive(file, dest), 'DESTINATION_EXISTS');
    assert.deepEqual(fs.readdirSync(dest), ['keep.txt']);
    const empty = path.join(out, 'empty');
    fs.mkdirSync(empty);
    await rejectsWithCode(extractArchive(file, empty), 'DESTINATION_EXISTS');
    assert.deepEqual(fs.readdirSync(empty), []);
    assert.deepEqual(fs.readdirSync(out).sort(), ['empty', 'taken']);
    await rejectsWithCode(extractArchive(file, path.join(out, 'no', 'such', 'parent')), 'DESTINATION_PARENT_MISSING');
    await rejectsWithCode(extractArchive(path.join(inbox, 'missing.tar.gz'), path.join(out, 'x')), 'ARCHIVE_NOT_FOUND');
  });

  it('checks free space against the inspected size before writing anything', async () => {
    const file = write('rs0.tar.gz', smallRestoreArchive({ dataBytes: 200_000 }));
    const inspection = await inspectArchive(file);
    const seen: string[] = [];
    const error = await rejectsWithCode(
      extractArchive(file, path.join(out, 'full'), {
        expectedBytes: inspection.uncompressedBytes,
        freeSpace: async (dir) => {
          seen.push(dir);
          return inspection.uncompressedBytes; // the files fit, the margin does not
        },
      }),
      'NO_SPACE',
    );
    assert.deepEqual(seen, [out], 'asked about the folder the destination goes in');
    assert.ok((error.neededBytes ?? 0) > inspection.uncompressedBytes);
    assert.equal(error.availableBytes, inspection.uncompressedBytes);
    assert.deepEqual(fs.readdirSync(out), []);
    const ok = await extractArchive(file, path.join(out, 'roomy'), {
      expectedBytes: inspection.uncompressedBytes,
      freeSpace: async () => 1e12,
    });
    assert.equal(ok.writtenBytes, inspection.uncompressedBytes, 'the inspected size is what extraction writes');
  });

  it('cancel part-way removes everything it wrote', async function () {
    this.timeout(60_000);
    const archive = await ensureArchive(archiveBytesFor(6), inbox);
    const controller = new AbortController();
    const progress: ArchiveProgress[] = [];
    const promise = extractArchive(archive.path, path.join(out, 'cancelled'), {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        progress.push(p);
        if (p.writtenBytes > 0) controller.abort();
      },
    });
    await assert.rejects(promise, (error: unknown) => isCancellation(error));
    assert.ok(progress.length > 0 && progress.at(-1)!.readBytes < archive.sizeBytes, 'it stopped before the end');
    assert.deepEqual(fs.readdirSync(out), [], 'no destination and no temporary folder');
  });

  it('reports progress by compressed bytes read, ending at the archive size', async () => {
    const archive = await ensureArchive(archiveBytesFor(3), inbox);
    const progress: ArchiveProgress[] = [];
    const result = await extractArchive(archive.path, path.join(out, 'p'), {
      progressIntervalMs: 0,
      onProgress: (p) => progress.push({ ...p }),
    });
    assert.ok(progress.length > 2);
    const last = progress.at(-1)!;
    assert.equal(last.readBytes, archive.sizeBytes);
    assert.equal(last.totalBytes, archive.sizeBytes);
    assert.equal(last.writtenBytes, result.writtenBytes);
    assert.ok(
      progress.every((p, i) => i === 0 || p.readBytes >= progress[i - 1].readBytes),
      'never goes back',
    );
    // The simulator's archive has the same layout as Ops Manager's: restoreInfo.txt lands at the top.
    assert.ok(fs.existsSync(path.join(out, 'p', 'restoreInfo.txt')));
  });

  it('a gzip that is not a tar is CORRUPT_TAR, and an empty tar is EMPTY_ARCHIVE', async () => {
    const notTar = write('text.tar.gz', zlib.gzipSync(Buffer.from('x'.repeat(2000))));
    await rejectsWithCode(extractArchive(notTar, path.join(out, 'a')), 'CORRUPT_TAR');
    const empty = write('empty.tar.gz', zlib.gzipSync(Buffer.alloc(1024)));
    await rejectsWithCode(extractArchive(empty, path.join(out, 'b')), 'EMPTY_ARCHIVE');
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
