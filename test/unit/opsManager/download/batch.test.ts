// The batch download engine against the simulator: every part verified and a manifest; a failed part listed
// and retried; cancel leaving only verified parts; parts that become ready later; bounded parallelism.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBatch, type RestoreBatch } from '../../../../src/opsManager/api/batch';
import { OpsManagerClient } from '../../../../src/opsManager/api/client';
import { checkDownloadable, expectedSha1FromJob } from '../../../../src/opsManager/api/downloadable';
import {
  buildManifest,
  createBatchFolder,
  downloadBatch,
  MANIFEST_FILE,
  unfinishedParts,
  type BatchDownloadOptions,
  type BatchPartInput,
  type BatchPartLink,
  type BatchProgress,
  type PartOutcome,
} from '../../../../src/opsManager/download/batch';
import { sleep } from '../../../../src/opsManager/common/sleep';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { SAMPLE } from '../../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { say } from '../../support/say';

const G = SAMPLE.groups.production.id;
const C = SAMPLE.clusters.catalog.id;

function sha1File(file: string): string {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

describe('batch download: against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: OpsManagerClient;
  let parent: string;

  async function loadBatch(batchId: string): Promise<RestoreBatch> {
    return buildBatch(batchId, await client.listRestoreJobs(G, C, { batchId }), await client.listClusters(G));
  }

  /** What the command does: READY parts link at once, the others poll until READY. */
  function inputs(batch: RestoreBatch, pollMs = 100): BatchPartInput[] {
    return batch.parts.map((part) => {
      const linkOf = (job: typeof part.job): BatchPartLink => {
        const check = checkDownloadable(job);
        if (!check.ok) throw new OpsManagerError({ kind: 'invalid-input', message: check.blocker });
        const known = expectedSha1FromJob(job, check.url);
        return {
          url: check.url,
          headers: check.headers,
          expectedSha1: known,
          resolveExpectedSha1: async (signal) =>
            expectedSha1FromJob(await client.getRestoreJob(G, C, job.id, { signal }), check.url),
        };
      };
      const base = {
        jobId: part.job.id,
        name: part.name,
        role: part.role,
        fileName: part.fileName ?? `${part.job.id}.tar.gz`,
      };
      if (part.state === 'ready') return { ...base, link: linkOf(part.job) };
      return {
        ...base,
        link: async (signal: AbortSignal) => {
          for (;;) {
            const fresh = await client.getRestoreJob(G, C, part.job.id, { signal });
            if (checkDownloadable(fresh).ok) return linkOf(fresh);
            await sleep(pollMs, signal, () => new OpsManagerError({ kind: 'cancelled', message: 'cancelled' }));
          }
        },
      };
    });
  }

  function options(batch: RestoreBatch, folder: string, extra: Partial<BatchDownloadOptions> = {}) {
    return {
      folder,
      parts: inputs(batch),
      manifest: {
        batchId: batch.batchId,
        groupId: G,
        cluster: { id: C, name: 'catalog' },
        snapshotTime: batch.snapshotTime,
        snapshotIds: batch.snapshotIds,
        pointInTime: batch.pointInTime,
      },
      progressIntervalMs: 0,
      ...extra,
    };
  }

  beforeEach(async () => {
    sim = await startSimulator({ progressAfterMs: 1500 });
    client = new OpsManagerClient({ baseUrl: sim.baseUrl, username: sim.user, apiKey: sim.key });
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'om-batch-test-'));
  });
  afterEach(async () => {
    await client.close();
    await sim.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('downloads every part, verifies each, and writes the manifest last with every SHA-1', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalog);
    const folder = await createBatchFolder(parent, 'catalog-snapshot');
    const progress: BatchProgress[] = [];
    const result = await downloadBatch(options(batch, folder, { onProgress: (p) => progress.push(p) }));
    assert.equal(result.cancelled, false);
    assert.deepEqual(
      result.parts.map((p) => p.status),
      ['verified', 'verified', 'verified'],
    );
    assert.equal(result.manifestPath, path.join(folder, MANIFEST_FILE));
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST_FILE), 'utf8'));
    assert.ok(typeof manifest === 'object' && manifest !== null && 'parts' in manifest);
    assert.ok(Array.isArray(manifest.parts));
    assert.equal(manifest.parts.length, 3);
    const sizes = new Set<number>();
    for (const entry of manifest.parts) {
      assert.equal(sha1File(path.join(folder, entry.file)), entry.sha1, `${entry.name}: the file matches its SHA-1`);
      assert.equal(fs.statSync(path.join(folder, entry.file)).size, entry.bytes);
      assert.equal(entry.verified, true);
      sizes.add(entry.bytes);
    }
    assert.equal(sizes.size, 3, 'the parts differ in size');
    assert.deepEqual(
      manifest.parts.map((e: { name: string; role: string }) => `${e.name}/${e.role}`),
      ['catalog_shard_0/shard', 'catalog_shard_1/shard', 'catalog_config/config'],
    );
    assert.ok('batchId' in manifest && manifest.batchId === SAMPLE.batchIds.catalog);
    assert.deepEqual(
      fs.readdirSync(folder).sort(),
      [...manifest.parts.map((e: { file: string }) => e.file), MANIFEST_FILE].sort(),
    );
    const last = progress[progress.length - 1];
    assert.equal(last.partsDone, 3);
    assert.equal(last.partsTotal, 3);
    assert.equal(
      last.receivedBytes,
      [...sizes].reduce((a, b) => a + b, 0),
    );
    assert.equal(last.percent, 100);
    assert.equal(last.totalEstimated, false);
  });

  it('keeps verified parts when one fails, lists it with its reason, writes no manifest; a retry completes it', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalog);
    const folder = await createBatchFolder(parent, 'catalog');
    const failing = batch.parts[1];
    sim.faults.add({ port: 'backup', route: failing.job.id, cutAfterBytes: 100_000, times: 1 });
    const first = await downloadBatch(options(batch, folder));
    assert.deepEqual(
      first.parts.map((p) => p.status),
      ['verified', 'failed', 'verified'],
    );
    const failed = first.parts[1];
    assert.equal(failed.error?.kind, 'network');
    // The domain speaks codes; the reason a user reads is the VS Code layer's wording of it.
    assert.equal(failed.error?.code, 'DOWNLOAD_CUT');
    assert.match(say(failed.error), /cut/i);
    assert.equal(first.manifestPath, undefined);
    assert.deepEqual(
      fs.readdirSync(folder).sort(),
      [first.parts[0].fileName, first.parts[2].fileName].sort(),
      'only verified parts, no temporary file, no manifest',
    );

    const again = unfinishedParts(first);
    assert.deepEqual(
      again.map((p) => p.jobId),
      [failing.job.id],
    );
    const retry = await downloadBatch({
      ...options(await loadBatch(SAMPLE.batchIds.catalog), folder),
      parts: inputs(await loadBatch(SAMPLE.batchIds.catalog)).filter((p) => p.jobId === failing.job.id),
      alreadyVerified: first.parts.filter((p) => p.status === 'verified'),
    });
    assert.ok(retry.manifestPath !== undefined, 'the manifest once every part is verified');
    assert.equal(retry.parts.length, 3);
    assert.ok(retry.parts.every((p) => p.status === 'verified'));
    assert.equal(fs.readdirSync(folder).length, 4);
  });

  it('cancel stops every part, removes temporary files, keeps verified parts, writes no manifest', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalog);
    const folder = await createBatchFolder(parent, 'catalog');
    // The two shards stall mid-way; the config server part completes.
    const config = batch.parts.find((p) => p.role === 'config');
    assert.ok(config);
    for (const part of batch.parts.filter((p) => p.role === 'shard')) {
      sim.faults.add({ port: 'backup', route: part.job.id, stallAfterBytes: 200_000, times: 1 });
    }
    const abort = new AbortController();
    const seen: PartOutcome[] = [];
    const running = downloadBatch(
      options(batch, folder, {
        signal: abort.signal,
        idleTimeoutMs: 30_000,
        onPart: (p) => {
          seen.push(p);
          if (p.jobId === config.job.id && p.status === 'verified') setTimeout(() => abort.abort(), 200);
        },
      }),
    );
    const result = await running;
    assert.equal(result.cancelled, true);
    const status = Object.fromEntries(result.parts.map((p) => [p.name, p.status]));
    assert.deepEqual(status, {
      catalog_shard_0: 'cancelled',
      catalog_shard_1: 'cancelled',
      catalog_config: 'verified',
    });
    assert.deepEqual(fs.readdirSync(folder), [config.fileName], 'only the verified part: no .part file, no manifest');
    assert.ok(seen.some((p) => p.status === 'downloading'));
  });

  it('waits for a part still being prepared, downloads it when READY, and takes the one-use part once', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalogLater);
    assert.equal(batch.status, 'partly-ready');
    const folder = await createBatchFolder(parent, 'later');
    const statuses: string[] = [];
    const result = await downloadBatch(
      options(batch, folder, {
        parallel: 2,
        onPart: (p) => {
          if (p.name === 'catalog_shard_1') statuses.push(p.status);
        },
      }),
    );
    assert.ok(result.manifestPath !== undefined, result.parts.map((p) => `${p.name}:${p.status}`).join(', '));
    assert.deepEqual(statuses, ['queued', 'waiting', 'queued', 'downloading', 'verified']);
    const oneUse = sim.job(SAMPLE.jobs.laterShard0.id);
    assert.equal(oneUse?.delivery.statusName, 'MAX_DOWNLOADS_EXCEEDED', 'the one-use link was used exactly once');
  });

  it('never runs more parts at once than asked', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalog);
    const folder = await createBatchFolder(parent, 'catalog');
    let active = 0;
    let peak = 0;
    const result = await downloadBatch(
      options(batch, folder, {
        parallel: 1,
        onPart: (p) => {
          if (p.status === 'downloading') peak = Math.max(peak, ++active);
          if (p.status === 'verified' || p.status === 'failed') active--;
        },
      }),
    );
    assert.ok(result.manifestPath !== undefined);
    assert.equal(peak, 1);
  });

  it('refuses bad options before any request', async () => {
    const batch = await loadBatch(SAMPLE.batchIds.catalog);
    const folder = await createBatchFolder(parent, 'catalog');
    sim.clearLog();
    await assert.rejects(downloadBatch(options(batch, folder, { parallel: 0 })), /from 1 to 16/);
    const clash = options(batch, folder);
    clash.parts[1].fileName = clash.parts[0].fileName;
    await assert.rejects(downloadBatch(clash), /no file name of its own/);
    assert.equal(sim.log.filter((e) => e.port === 'backup').length, 0);
  });

  it('creates a new folder each time, numbered when the name is taken', async () => {
    const first = await createBatchFolder(parent, 'catalog-2026-11-26T1833Z');
    const second = await createBatchFolder(parent, 'catalog-2026-11-26T1833Z');
    assert.notEqual(first, second);
    assert.equal(path.basename(second), 'catalog-2026-11-26T1833Z (2)');
  });
});

describe('batch manifest', () => {
  it('is refused for an incomplete set', () => {
    const info = { batchId: 'b', groupId: 'g', cluster: { id: 'c', name: 'n' }, snapshotIds: [], pointInTime: false };
    const verified: PartOutcome = {
      jobId: 'j1',
      name: 'shard-0',
      role: 'shard',
      fileName: 'a.tar.gz',
      status: 'verified',
      sha1: 'a'.repeat(40),
      bytes: 10,
    };
    const manifest = buildManifest(info, [verified], () => new Date('2026-11-27T00:00:00Z'));
    assert.deepEqual(manifest.parts, [
      {
        name: 'shard-0',
        role: 'shard',
        jobId: 'j1',
        file: 'a.tar.gz',
        bytes: 10,
        sha1: 'a'.repeat(40),
        verified: true,
      },
    ]);
    assert.equal(manifest.savedAt, '2026-11-27T00:00:00.000Z');
    assert.throws(
      () => buildManifest(info, [verified, { ...verified, jobId: 'j2', status: 'unverified' }]),
      /not verified; no manifest/,
    );
  });
});
