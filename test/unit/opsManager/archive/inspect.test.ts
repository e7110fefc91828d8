// Inspection: what the archive holds, read in one pass without writing; what extraction would refuse is reported
// (not thrown) so the panel can say it; only an archive that cannot be read to the end rejects.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ArchiveError, inspectArchive } from '../../../../src/opsManager/archive';
import { archiveBytesFor, ensureArchive } from '../../../simulator/archive';
import { hostileArchives } from '../../../simulator/hostileArchives';
import { SIM_RESTORE_INFO, SIM_TOP_FOLDER, smallRestoreArchive } from '../../../simulator/omLayout';

describe('archive inspection', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-inspect-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it("reads the simulator's 3 MiB archive: top folder, counts, size and restoreInfo.txt", async () => {
    const archive = await ensureArchive(archiveBytesFor(3), dir);
    const before = fs.readdirSync(dir).sort();
    const result = await inspectArchive(archive.path);
    assert.equal(result.topFolder, SIM_TOP_FOLDER);
    assert.equal(result.gzip, true);
    assert.equal(result.archiveBytes, archive.sizeBytes);
    assert.equal(result.fileCount, 14);
    assert.equal(result.directoryCount, 2);
    assert.equal(result.entryCount, 16);
    assert.ok(
      result.uncompressedBytes > archive.sizeBytes * 0.95 && result.uncompressedBytes < archive.sizeBytes,
      'stored gzip: about the archive size',
    );
    assert.equal(result.restoreInfoPath, `${SIM_TOP_FOLDER}/restoreInfo.txt`);
    assert.equal(result.restoreInfo?.mongodbVersion, SIM_RESTORE_INFO.mongodbVersion);
    assert.equal(result.restoreInfo?.replicaSet, 'rs0');
    assert.equal(result.restoreInfo?.storageEngine, 'wiredTiger');
    assert.deepEqual(result.restoreInfo?.lastOplogTimestamp, { seconds: 1_700_000_000, increment: 1 });
    assert.equal(result.hasSeedSecondary, true);
    assert.equal(result.refusal, undefined);
    assert.deepEqual(fs.readdirSync(dir).sort(), before, 'nothing written');
  });

  it('says when there is no restoreInfo.txt and no single top folder', async () => {
    const file = write(
      'flat.tar.gz',
      smallRestoreArchive({ noRestoreInfo: true, extra: [{ name: 'stray.txt', data: 'beside the folder' }] }),
    );
    const result = await inspectArchive(file);
    assert.equal(result.restoreInfo, undefined);
    assert.equal(result.topFolder, undefined);
    assert.equal(result.refusal, undefined);
  });

  for (const hostile of hostileArchives()) {
    if (hostile.readable) {
      it(`reports what extraction would refuse in ${hostile.name}: ${hostile.code}, and still reads restoreInfo.txt`, async () => {
        const result = await inspectArchive(write(`${hostile.name}.tar.gz`, hostile.bytes));
        assert.equal(result.refusal?.code, hostile.code);
        assert.ok((result.refusal?.entry ?? '') !== '');
        assert.equal(result.restoreInfo?.mongodbVersion, SIM_RESTORE_INFO.mongodbVersion);
      });
    } else {
      it(`rejects ${hostile.name} with ${hostile.code}`, async () => {
        await assert.rejects(
          inspectArchive(write(`${hostile.name}.tar.gz`, hostile.bytes)),
          (error: unknown) => error instanceof ArchiveError && error.code === hostile.code,
        );
      });
    }
  }
});
