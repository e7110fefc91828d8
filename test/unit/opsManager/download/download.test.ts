import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { OpsManagerClient } from '../../../../src/opsManager/api/client';
import {
  downloadArchive,
  type DownloadFile,
  type DownloadFileSystem,
  type DownloadOptions,
  type DownloadProgress,
} from '../../../../src/opsManager/download/download';
import { checkDownloadable, expectedSha1FromJob, redactUrl } from '../../../../src/opsManager/api/downloadable';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { createHasher } from '../../../../src/opsManager/download/hasher';
import type { RestoreJob } from '../../../../src/opsManager/api/model';
import { SAMPLE, V2_BEARER_TOKEN } from '../../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { assertNoSecrets } from '../../support/noLeak';
import { rejectsWith as rejectsWithError } from '../../support/rejectsWith';
import { sayBlocker } from '../../support/say';

const J = SAMPLE.jobs;
type JobKey = keyof typeof J;

function sha1File(file: string): string {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

/** A file system whose writes fail with `code` once `failAfter` bytes were written (a disk filling up). */
function failingFileSystem(code: string, failAfter: number): DownloadFileSystem & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async openExclusive(file: string): Promise<DownloadFile> {
      opened.push(file);
      const handle = await fs.promises.open(file, 'wx');
      let written = 0;
      return {
        async writev(buffers: Buffer[]) {
          const size = buffers.reduce((n, b) => n + b.length, 0);
          if (written + size > failAfter) {
            // Like a real disk: what fits is written, then the next write fails.
            const room = failAfter - written;
            if (room > 0) {
              const part = Buffer.concat(buffers).subarray(0, room);
              written += (await handle.write(part)).bytesWritten;
              return { bytesWritten: room };
            }
            throw Object.assign(new Error(`${code}: simulated`), { code });
          }
          written += size;
          return handle.writev(buffers);
        },
        datasync: () => handle.datasync(),
        close: () => handle.close(),
      };
    },
  };
}

describe('download: against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: OpsManagerClient;
  let dir: string;
  let archiveSha1: string;
  let archiveBytes: number;

  /** rejectsWith, plus: the error carries no archive-link or bearer token in any field (log and UI see them all). */
  async function rejectsWith(...args: Parameters<typeof rejectsWithError>): ReturnType<typeof rejectsWithError> {
    const error = await rejectsWithError(...args);
    const tokens = sim.data.jobs.flatMap((j) => (j.archive ? [j.archive.token] : []));
    assert.ok(tokens.length > 0, 'the simulator has archive links');
    assertNoSecrets(error, [V2_BEARER_TOKEN, ...tokens]);
    return error;
  }

  async function fetchJob(key: JobKey): Promise<RestoreJob> {
    const ref = J[key];
    assert.ok('clusterId' in ref);
    return client.getRestoreJob(ref.groupId, ref.clusterId, ref.id);
  }

  /** The downloadable URL and headers of a job, as the command would use them. */
  async function linkOf(key: JobKey): Promise<{ url: string; headers: Record<string, string>; fileName: string }> {
    const check = checkDownloadable(await fetchJob(key));
    if (!check.ok) assert.fail(`${key} should be downloadable: ${sayBlocker(check)}`);
    return check;
  }

  const backupRequests = () => sim.log.filter((e) => e.port === 'backup');
  const listing = () => fs.readdirSync(dir).sort();

  async function download(key: JobKey, overrides: Partial<DownloadOptions> = {}) {
    const link = await linkOf(key);
    return downloadArchive({
      url: link.url,
      headers: link.headers,
      destination: path.join(dir, link.fileName),
      ...overrides,
    });
  }

  before(async () => {
    sim = await startSimulator({ hostile: true, archiveMb: 3 });
    const info = await sim.archive();
    archiveSha1 = info.sha1;
    archiveBytes = info.sizeBytes;
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    client = new OpsManagerClient({ baseUrl: sim.baseUrl, username: sim.user, apiKey: sim.key });
    sim.faults.clear();
    sim.clearLog();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-download-test-'));
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves to a legal 243-byte name of 80 CJK characters (the temporary name is cut by bytes, issue 12 item 4)', async () => {
    const name = `${'档'.repeat(80)}.gz`;
    assert.equal(Buffer.byteLength(name), 243);
    const result = await download('ready', { destination: path.join(dir, name) });
    assert.equal(result.path, path.join(dir, name));
    assert.deepEqual(listing(), [name]);
  });

  it('never logs or reports the token at the end of a download link (issue 12 item 6)', async () => {
    const link = await linkOf('ready');
    const token = 'tokenAtTheEndOfTheLink0123456789';
    const url = `${new URL(link.url).origin}/backup/restore/v2/pull/${J.ready.id}/${token}`;
    const error = await downloadArchive({ url, destination: path.join(dir, 'x.tar.gz') }).then(
      () => assert.fail('a made-up link must not download'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof OpsManagerError);
    assert.ok(!(error.url ?? '').includes(token), error.url);
    assert.ok(!error.message.includes(token), error.message);
    assert.equal(redactUrl(url), `${new URL(link.url).origin}/…`);
  });

  it('downloads, re-reads the job for its new hash, verifies, and leaves only the final file', async () => {
    const job = await fetchJob('stagingReady');
    assert.equal(expectedSha1FromJob(job), undefined, 'no hash before the first download');
    const check = checkDownloadable(job);
    assert.ok(check.ok);
    const progress: DownloadProgress[] = [];
    let resolved = 0;
    const result = await downloadArchive({
      url: check.url,
      headers: check.headers,
      destination: path.join(dir, check.fileName),
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
      resolveExpectedSha1: async (signal) => {
        resolved++;
        const ref = J.stagingReady;
        return expectedSha1FromJob(await client.getRestoreJob(ref.groupId, ref.clusterId, ref.id, { signal }));
      },
    });
    assert.equal(resolved, 1);
    assert.equal(result.verified, true);
    assert.equal(result.sha1, archiveSha1);
    assert.equal(result.expectedSha1, archiveSha1);
    assert.equal(result.bytes, archiveBytes);
    assert.deepEqual(listing(), [check.fileName], 'no temporary file left behind');
    assert.equal(sha1File(result.path), archiveSha1);
    const last = progress[progress.length - 1];
    assert.equal(last.receivedBytes, archiveBytes);
    assert.equal(last.totalBytes, archiveBytes);
    assert.equal(last.percent, 100);
    assert.ok(progress.length >= 2);
    assert.ok(
      progress.every((p, i) => i === 0 || p.receivedBytes >= progress[i - 1].receivedBytes),
      'progress only grows',
    );
  });

  it('verifies against a hash given up front', async () => {
    const result = await download('pointInTime', { expectedSha1: archiveSha1.toUpperCase() });
    assert.equal(result.verified, true);
    assert.equal(sha1File(result.path), archiveSha1);
  });

  for (const hashing of ['worker', 'main'] as const) {
    it(`hashes ${hashing === 'worker' ? 'in a worker thread' : "on the event loop's thread"} with the same result`, async () => {
      const result = await download('pointInTime', { hashing, expectedSha1: archiveSha1 });
      assert.equal(result.verified, true);
      assert.equal(sha1File(result.path), archiveSha1);
    });
  }

  it('keeps the file but says it is unverified when there is no hash', async () => {
    const result = await download('pointInTime', { resolveExpectedSha1: async () => undefined });
    assert.equal(result.verified, false);
    assert.match(result.unverifiedReason ?? '', /no SHA-1/);
    assert.equal(sha1File(result.path), archiveSha1);
    const failing = await download('pointInTime', {
      destination: path.join(dir, 'second.tar.gz'),
      resolveExpectedSha1: async () => {
        throw new Error('Ops Manager is down');
      },
    });
    assert.equal(failing.verified, false);
    assert.match(failing.unverifiedReason ?? '', /Ops Manager is down/);
  });

  it('deletes the file on a hash mismatch and says so', async () => {
    const link = await linkOf('pointInTime');
    const destination = path.join(dir, link.fileName);
    await rejectsWith(
      downloadArchive({ url: link.url, destination, expectedSha1: '0'.repeat(40) }),
      'verification',
      /does not match Ops Manager's SHA-1 \(expected 0{40}, got [0-9a-f]{40}\).*deleted/,
    );
    assert.deepEqual(listing(), []);
  });

  it('reports a connection cut mid-stream, with how far it got, and leaves nothing', async () => {
    sim.faults.add({ port: 'backup', cutAfterBytes: 1_000_000, times: 1 });
    const error = await rejectsWith(
      download('pointInTime'),
      'network',
      /connection was cut after .* of 3\.0 MB.*try again.*maxDownloads/i,
    );
    assert.ok(
      !error.message.includes(sim.data.jobs.find((j) => j.id === J.pointInTime.id)?.archive?.token ?? '\u0000'),
      'no token in the message',
    );
    assert.deepEqual(listing(), []);
  });

  it('cancels mid-stream: cancelled, nothing left', async () => {
    sim.faults.add({ port: 'backup', stallAfterBytes: 500_000, times: 1 });
    const abort = new AbortController();
    const promise = download('pointInTime', {
      signal: abort.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.receivedBytes > 0) setTimeout(() => abort.abort(), 20);
      },
    });
    await rejectsWith(promise, 'cancelled', /cancelled/);
    assert.deepEqual(listing(), []);
  });

  it('is cancelled before any request when the signal is already aborted', async () => {
    const link = await linkOf('pointInTime');
    sim.clearLog();
    await rejectsWith(
      downloadArchive({ url: link.url, destination: path.join(dir, 'x.tar.gz'), signal: AbortSignal.abort() }),
      'cancelled',
    );
    assert.equal(backupRequests().length, 0);
    assert.deepEqual(listing(), []);
  });

  it('shows how far a stalled transfer got, even when the bytes arrived inside one progress interval', async () => {
    sim.faults.add({ port: 'backup', stallAfterBytes: 800_000, times: 1 });
    const abort = new AbortController();
    const seen: number[] = [];
    // With a 5 s interval, only the first report (0 bytes) is due at once; the latest count must follow when the
    // interval ends, although no byte arrives after the stall. Cancelled as soon as that report comes; without
    // it, the test's own timeout ends the test.
    const promise = download('pointInTime', {
      signal: abort.signal,
      progressIntervalMs: 5_000,
      onProgress: (p) => {
        seen.push(p.receivedBytes);
        if (p.receivedBytes >= 800_000) abort.abort();
      },
    });
    await rejectsWith(promise, 'cancelled');
    assert.equal(seen[0], 0);
    assert.ok(
      seen.some((n) => n >= 800_000),
      `the stalled count was never reported: ${seen.join(', ')}`,
    );
    assert.deepEqual(listing(), []);
  });

  it('keeps reporting a stalled transfer, so its speed falls to zero instead of freezing', async () => {
    sim.faults.add({ port: 'backup', stallAfterBytes: 800_000, times: 1 });
    const abort = new AbortController();
    const seen: DownloadProgress[] = [];
    const stalledAtZero = () =>
      seen.some((p) => p.receivedBytes >= 800_000 && p.bytesPerSecond === 0 && p.etaSeconds === undefined);
    const promise = download('pointInTime', {
      signal: abort.signal,
      progressIntervalMs: 200,
      onProgress: (p) => {
        seen.push(p);
        if (stalledAtZero()) abort.abort();
      },
    });
    // Cancelled by the report it waits for (in onProgress), not after a guessed delay.
    await rejectsWith(promise, 'cancelled');
    assert.ok(stalledAtZero(), `last report: ${JSON.stringify(seen[seen.length - 1])}`);
    assert.deepEqual(listing(), []);
  });

  it('stops with a timeout when the data stops coming', async () => {
    sim.faults.add({ port: 'backup', stallAfterBytes: 200_000, times: 1 });
    // The message names the 400 ms given; the default idle timeout (30 s) would outlast the test's own.
    await rejectsWith(
      download('pointInTime', { idleTimeoutMs: 400 }),
      'timeout',
      /No data from the backup host for 400 ms after .* of 3\.0 MB/,
    );
    assert.deepEqual(listing(), []);
  });

  it('stops with a timeout when the answer does not start', async () => {
    sim.faults.add({ port: 'backup', latencyMs: 3000, times: 1 });
    await rejectsWith(download('pointInTime', { idleTimeoutMs: 300 }), 'timeout', /did not answer within 300 ms/);
    assert.deepEqual(listing(), []);
  });

  it('says the disk is full, and removes the partial file', async () => {
    const fileSystem = failingFileSystem('ENOSPC', 1_500_000);
    await rejectsWith(download('pointInTime', { fileSystem }), 'io', /The disk is full/);
    assert.equal(fileSystem.opened.length, 1, 'the temporary file was created');
    assert.ok(!fs.existsSync(fileSystem.opened[0]), 'and removed');
    assert.deepEqual(listing(), []);
  });

  it('stops reading while the disk is slow, so memory stays flat', async () => {
    const batches: number[] = [];
    const slowDisk: DownloadFileSystem = {
      async openExclusive(file: string): Promise<DownloadFile> {
        const handle = await fs.promises.open(file, 'wx');
        return {
          async writev(buffers: Buffer[]) {
            batches.push(buffers.reduce((n, b) => n + b.length, 0));
            await new Promise((resolve) => setTimeout(resolve, 40));
            return handle.writev(buffers);
          },
          datasync: () => handle.datasync(),
          close: () => handle.close(),
        };
      },
    };
    const result = await download('pointInTime', { fileSystem: slowDisk, expectedSha1: archiveSha1 });
    assert.equal(sha1File(result.path), archiveSha1);
    assert.equal(
      batches.reduce((a, b) => a + b, 0),
      archiveBytes,
    );
    // Without backpressure the 3 MB would pile up in memory during the first slow write and land in one batch.
    assert.ok(Math.max(...batches) <= 1024 * 1024 + 64 * 1024, `write batches: ${batches.join(', ')}`);
  });

  it('explains a permission error while writing or creating the file', async () => {
    await rejectsWith(
      download('pointInTime', { fileSystem: failingFileSystem('EACCES', 0) }),
      'io',
      /Permission denied writing to/,
    );
    assert.deepEqual(listing(), []);
    const refuseOpen: DownloadFileSystem = {
      openExclusive: async () => {
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      },
    };
    sim.clearLog();
    await rejectsWith(download('pointInTime', { fileSystem: refuseOpen }), 'io', /Permission denied/);
    assert.equal(backupRequests().length, 0, 'no request when the file cannot be created');
  });

  it('explains a missing destination folder without sending a request', async () => {
    const link = await linkOf('pointInTime');
    sim.clearLog();
    await rejectsWith(
      downloadArchive({ url: link.url, destination: path.join(dir, 'missing', 'x.tar.gz') }),
      'io',
      /does not exist/,
    );
    assert.equal(backupRequests().length, 0);
  });

  it('refuses hostile URL schemes without any request', async () => {
    const hostile = checkDownloadable(await fetchJob('hostile'));
    assert.equal(hostile.ok, false);
    assert.ok(!hostile.ok && hostile.blocker === 'BAD_URL' && /javascript: scheme/.test(sayBlocker(hostile)));
    sim.clearLog();
    for (const url of [
      'javascript:alert(document.domain)//x.tar.gz',
      'file:///etc/passwd',
      'data:application/gzip;base64,H4sIAAAA',
      '/backup/restore/v2/pull/x',
      `//127.0.0.1:${new URL(sim.backupUrl).port}/x`,
    ]) {
      await rejectsWith(
        downloadArchive({ url, destination: path.join(dir, 'x.tar.gz') }),
        'invalid-input',
        /scheme|relative/,
      );
    }
    assert.equal(sim.log.length, 0, 'nothing reached either port');
    assert.deepEqual(listing(), []);
  });

  it('saves a hostile file name inside the chosen folder only', async () => {
    const link = await linkOf('hostileFileName');
    assert.ok(
      !link.fileName.includes('/') &&
        !link.fileName.includes('\\') &&
        !link.fileName.startsWith('.') &&
        !/[\n\r]/.test(link.fileName),
      link.fileName,
    );
    const result = await downloadArchive({
      url: link.url,
      destination: path.join(dir, link.fileName),
      expectedSha1: archiveSha1,
    });
    assert.equal(path.dirname(result.path), dir);
    assert.deepEqual(listing(), [link.fileName]);
    assert.ok(!fs.existsSync(path.join(dir, '..', '.bashrc')));
  });

  it('sends no Authorization header to the backup host (the digest key stays with the API)', async () => {
    await download('pointInTime', { expectedSha1: archiveSha1 });
    const backup = backupRequests();
    assert.equal(backup.length, 1);
    assert.equal(backup[0].authorization, undefined);
    assert.equal(backup[0].status, 200);
    assert.ok(
      sim.log.some((e) => e.port === 'api' && e.authorization?.startsWith('Digest ')),
      'the API did get digest auth',
    );
  });

  it('uses urlV2 with its bearer token, sent to the backup host only', async () => {
    const link = await linkOf('readyV2');
    assert.match(link.url, /\/backup\/restore\/v3\/pull\//);
    assert.deepEqual(link.headers, { Authorization: `Bearer ${V2_BEARER_TOKEN}` });
    const result = await downloadArchive({
      url: link.url,
      headers: link.headers,
      destination: path.join(dir, link.fileName),
      expectedSha1: archiveSha1,
    });
    assert.equal(result.verified, true);
    const backup = backupRequests();
    assert.equal(backup.length, 1);
    assert.equal(backup[0].authorization, `Bearer ${V2_BEARER_TOKEN}`);
    assert.ok(sim.log.filter((e) => e.port === 'api').every((e) => !e.authorization?.includes(V2_BEARER_TOKEN)));
  });

  it('does not forward the bearer token when the link redirects to another origin', async () => {
    const target = (await linkOf('pointInTime')).url;
    const seen: Array<string | undefined> = [];
    const redirector = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(302, { location: target }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const port = (redirector.address() as AddressInfo).port;
      sim.clearLog();
      const result = await downloadArchive({
        url: `http://127.0.0.1:${port}/v3/pull/file.tar.gz`,
        headers: { Authorization: 'Bearer secret-token' },
        destination: path.join(dir, 'r.tar.gz'),
        expectedSha1: archiveSha1,
      });
      assert.equal(result.verified, true);
      assert.deepEqual(seen, ['Bearer secret-token'], 'the link origin got the token');
      assert.equal(backupRequests().length, 1);
      assert.equal(backupRequests()[0].authorization, undefined, 'the other origin did not');
    } finally {
      redirector.closeAllConnections();
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it('refuses EXPIRED and MAX_DOWNLOADS_EXCEEDED jobs without a request', async () => {
    const expired = checkDownloadable(await fetchJob('expired'));
    assert.ok(!expired.ok && expired.blocker === 'EXPIRED', JSON.stringify(expired));
    assert.match(expired.ok ? '' : sayBlocker(expired), /expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const used = checkDownloadable(await fetchJob('maxDownloadsExceeded'));
    assert.ok(!used.ok && used.blocker === 'MAX_DOWNLOADS_EXCEEDED', JSON.stringify(used));
    assert.equal(backupRequests().length, 0);
  });

  it('explains a link the backup host refuses (used up, expired, unknown)', async () => {
    for (const [status, words] of [
      [403, /expired or has been used the maximum number of times/],
      [410, /expired or has been used the maximum number of times/],
      [404, /does not know this download link/],
      [503, /busy or unavailable/],
    ] as const) {
      sim.faults.add({ port: 'backup', status, times: 1 });
      const error = await rejectsWith(download('pointInTime'), 'http', words);
      assert.equal(error.status, status);
      assert.deepEqual(listing(), []);
    }
  });

  it('a last-use link is used up by one download; the next one is refused by the host', async () => {
    const link = await linkOf('readyLastUse');
    const check = checkDownloadable(await fetchJob('readyLastUse'));
    assert.ok(check.ok && check.lastUse);
    const result = await downloadArchive({
      url: link.url,
      destination: path.join(dir, link.fileName),
      expectedSha1: archiveSha1,
    });
    assert.equal(result.verified, true);
    const after = checkDownloadable(await fetchJob('readyLastUse'));
    assert.ok(!after.ok && after.blocker === 'MAX_DOWNLOADS_EXCEEDED');
    await rejectsWith(
      downloadArchive({ url: link.url, destination: path.join(dir, 'again.tar.gz') }),
      'http',
      /used the maximum number of times/,
    );
  });

  it('never overwrites an existing file unless asked, and checks again at the end', async () => {
    const link = await linkOf('pointInTime');
    const destination = path.join(dir, link.fileName);
    fs.writeFileSync(destination, 'keep me');
    sim.clearLog();
    const before = await rejectsWith(
      downloadArchive({ url: link.url, destination }),
      'invalid-input',
      /already exists/,
    );
    assert.equal(before.errorCode, 'DESTINATION_EXISTS');
    assert.equal(backupRequests().length, 0, 'refused before using up a download');
    assert.equal(fs.readFileSync(destination, 'utf8'), 'keep me');

    // A file that appears while the download runs is not clobbered either.
    const late = path.join(dir, 'late.tar.gz');
    await rejectsWith(
      downloadArchive({
        url: link.url,
        destination: late,
        expectedSha1: archiveSha1,
        onProgress: () => {
          if (!fs.existsSync(late)) fs.writeFileSync(late, 'arrived meanwhile');
        },
      }),
      'invalid-input',
      /already exists/,
    );
    assert.equal(fs.readFileSync(late, 'utf8'), 'arrived meanwhile');
    assert.deepEqual(listing(), [link.fileName, 'late.tar.gz'].sort(), 'no temporary file left');

    const replaced = await downloadArchive({ url: link.url, destination, overwrite: true, expectedSha1: archiveSha1 });
    assert.equal(sha1File(replaced.path), archiveSha1);
  });

  it('refuses a folder as the destination file', async () => {
    const link = await linkOf('pointInTime');
    await rejectsWith(
      downloadArchive({ url: link.url, destination: dir, overwrite: true }),
      'invalid-input',
      /is a folder/,
    );
  });
});

describe('download: hashing', () => {
  const chunks = Array.from({ length: 40 }, (_, i) => crypto.randomBytes(10_000 + i * 997));
  const expected = crypto.createHash('sha1').update(Buffer.concat(chunks)).digest('hex');

  /** Feeds fresh copies (the hasher takes the chunks' memory), some in batches, one as a view into a larger buffer. */
  async function feed(hasher: ReturnType<typeof createHasher>): Promise<{ sha1: string; waits: number }> {
    let waits = 0;
    const copies = chunks.map((c) => Buffer.from(c));
    const shared = Buffer.concat([Buffer.from('headers'), copies[0]]).subarray(7);
    const batches = [[shared], ...Array.from({ length: 13 }, (_, i) => copies.slice(1 + i * 3, 4 + i * 3))];
    for (const batch of batches) {
      const wait = hasher.update(batch);
      if (wait !== undefined) {
        waits++;
        await wait;
      }
    }
    return { sha1: await hasher.digest(), waits };
  }

  it('hashing in place and in a worker give the same SHA-1', async () => {
    assert.equal((await feed(createHasher('main'))).sha1, expected);
    const worker = await feed(createHasher('worker'));
    assert.equal(worker.sha1, expected);
    assert.equal(worker.waits, 0, 'a 16 MiB allowance is never reached with 0.6 MB of input');
  });

  it('the hasher takes the memory of the chunks it owns, so it is freed or moved without a copy', () => {
    const own = Buffer.from(crypto.randomBytes(65_536));
    createHasher('main').update([own]);
    assert.equal(own.buffer.byteLength, 0, 'hashed on this thread: freed at once');
    const moved = Buffer.from(crypto.randomBytes(65_536));
    const hasher = createHasher('worker');
    hasher.update([moved]);
    assert.equal(moved.buffer.byteLength, 0, 'transferred to the worker');
    hasher.dispose();
  });

  it('the worker makes the producer wait when too much is not yet hashed, and still hashes every byte', async () => {
    const small = await feed(createHasher('worker', 4096));
    assert.ok(small.waits > 0, 'the producer had to wait for room');
    assert.equal(small.sha1, expected);
  });

  it('a worker hasher disposed mid-stream stops: the waiting producer is released with an error, no digest', async () => {
    const hasher = createHasher('worker', 4096);
    const pending = hasher.update([crypto.randomBytes(100_000)]);
    assert.ok(pending !== undefined, '100 kB against a 4 kB allowance has to wait for room');
    hasher.dispose();
    hasher.dispose(); // safe twice
    // The producer is not left waiting for a worker that is gone, and is told why.
    await assert.rejects(pending, /hashing worker stopped/);
    // Nor does a stopped hasher hand out the SHA-1 of part of the stream, or take more input.
    await assert.rejects(hasher.digest(), /hashing worker stopped/);
    assert.throws(() => hasher.update([Buffer.from('more')]), /hashing worker stopped/);
  });
});
