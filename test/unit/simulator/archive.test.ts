// The backup host: real .tar.gz archives, SHA-1 hashes after a download, maxDownloads, expiry and urlV2.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { archiveBytesFor, ensureArchive } from '../../simulator/archive';
import { SIM_DATA_FILE, SIM_TOP_FOLDER } from '../../simulator/omLayout';
import { RawDigestClient, rawRequest } from '../../simulator/rawClient';
import { isoSeconds, SAMPLE, V2_BEARER_TOKEN } from '../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../simulator/server';

interface TarMember {
  name: string;
  size: number;
  data: Buffer;
}

/** Reads a ustar archive, checking each header's checksum. */
function readTar(tar: Buffer): TarMember[] {
  const members: TarMember[] = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (start: number, len: number): string =>
      h
        .subarray(start, start + len)
        .toString('latin1')
        .replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    assert.equal(parseInt(field(148, 8).trim(), 8), sum, 'tar header checksum');
    assert.equal(field(257, 6), 'ustar');
    const size = parseInt(field(124, 12), 8);
    members.push({ name: field(0, 100), size, data: tar.subarray(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

const sha1 = (b: Buffer): string => crypto.createHash('sha1').update(b).digest('hex');

describe('simulator: backup host and archives', () => {
  let sim: Simulator;
  let api: RawDigestClient;
  const jobJson = async (
    id: string,
  ): Promise<{ delivery: Record<string, unknown>; hashes?: unknown; statusName: string }> => {
    const res = await api.request(sim.jobUrl(id));
    assert.equal(res.status, 200);
    return JSON.parse(res.text) as { delivery: Record<string, unknown>; hashes?: unknown; statusName: string };
  };
  const urlOf = async (id: string): Promise<string> => {
    const url = (await jobJson(id)).delivery.url;
    assert.equal(typeof url, 'string');
    return String(url);
  };

  beforeEach(async () => {
    sim = await startSimulator({ archiveMb: 0.5 });
    api = new RawDigestClient(sim.user, sim.key, { reuse: true });
  });
  afterEach(() => sim.close());

  it('serves a real .tar.gz whose SHA-1 then appears in the job hashes', async () => {
    const before = await jobJson(SAMPLE.jobs.ready.id);
    assert.equal(before.hashes, undefined);
    const url = await urlOf(SAMPLE.jobs.ready.id);
    const res = await rawRequest(url);
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    const size = archiveBytesFor(0.5);
    assert.ok(Math.abs(res.body.length - size) < 4096, `about 0.5 MiB, got ${res.body.length}`);
    const members = readTar(zlib.gunzipSync(res.body));
    const names = members.map((m) => m.name);
    assert.equal(names[0], `${SIM_TOP_FOLDER}/`, 'one top folder named after the snapshot, first');
    assert.ok(
      names.every((n) => n.startsWith(`${SIM_TOP_FOLDER}/`)),
      'everything sits in the top folder',
    );
    for (const expected of [
      'restoreInfo.txt',
      'seedSecondary.sh',
      'seedSecondary.bat',
      'WiredTiger',
      'WiredTiger.wt',
    ]) {
      assert.ok(names.includes(`${SIM_TOP_FOLDER}/${expected}`), `${expected} is in the archive`);
    }
    const info = members.find((m) => m.name.endsWith('/restoreInfo.txt'))?.data.toString('utf8') ?? '';
    assert.match(info, /^Restore Information\nGroup Name: .+\nReplica Set: rs0\n/);
    assert.match(info, /\nLast Oplog Applied: \w{3} \w{3} \d{1,2} \d\d:\d\d:\d\d GMT \d{4} \(1700000000, 1\)\n/);
    assert.match(info, /\nMongoDB Version: \d+\.\d+\.\d+\n/);
    const data = members.at(-1);
    assert.equal(data?.name, `${SIM_TOP_FOLDER}/${SIM_DATA_FILE}`, 'the large collection file comes last');
    assert.ok((data?.size ?? 0) > 400_000, 'the collection file carries most of the bytes');

    const archive = await sim.archive();
    assert.equal(sha1(res.body), archive.sha1);
    const after = await jobJson(SAMPLE.jobs.ready.id);
    const fileName = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
    assert.deepEqual(after.hashes, [{ fileName, hash: archive.sha1, typeName: 'SHA1' }]);
    assert.equal(after.delivery.maxDownloads, 2, 'the download counted against maxDownloads 3');
    const backup = sim.log.filter((e) => e.port === 'backup');
    assert.equal(backup.length, 1);
    assert.equal(backup[0].authorization, undefined);
    assert.equal(backup[0].bytesSent, res.body.length);
    assert.equal(sim.summary().backupAuthorized, 0);
  });

  it('logs an Authorization header that reaches the backup host', async () => {
    const url = await urlOf(SAMPLE.jobs.ready.id);
    await rawRequest(url, { method: 'HEAD', headers: { Authorization: 'Digest username="leak"' } });
    assert.equal(sim.summary().backupAuthorized, 1);
    assert.equal(sim.log.at(-1)?.authorization, 'Digest username="leak"');
  });

  it('uses up a maxDownloads 1 link: the job turns MAX_DOWNLOADS_EXCEEDED and the next download gets 403', async () => {
    const url = await urlOf(SAMPLE.jobs.readyLastUse.id);
    assert.match(url, /\/bGFzdC11c2UtdG9rZW4\+Pz8==\//, 'the token keeps + and = as they are');
    assert.equal((await rawRequest(url)).status, 200);
    const job = await jobJson(SAMPLE.jobs.readyLastUse.id);
    assert.equal(job.delivery.statusName, 'MAX_DOWNLOADS_EXCEEDED');
    assert.equal(job.delivery.maxDownloads, 0);
    assert.ok(Array.isArray(job.hashes), 'the completed download still produced its hash');
    assert.equal((await rawRequest(url)).status, 403);
    const exceeded = await urlOf(SAMPLE.jobs.maxDownloadsExceeded.id);
    assert.equal((await rawRequest(exceeded)).status, 403);
  });

  it('counts a HEAD request as a download, as the reference warns', async () => {
    const url = await urlOf(SAMPLE.jobs.readyLastUse.id);
    const head = await rawRequest(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.ok(Number(head.headers['content-length']) > 0);
    assert.equal((await rawRequest(url)).status, 403);
  });

  it('refuses expired links with 410 and shows the job EXPIRED', async () => {
    const expiredUrl = await urlOf(SAMPLE.jobs.expired.id);
    assert.equal((await rawRequest(expiredUrl)).status, 410);
    const url = await urlOf(SAMPLE.jobs.ready.id);
    const job = sim.job(SAMPLE.jobs.ready.id);
    assert.ok(job);
    job.delivery.expires = isoSeconds(Date.now() - 1000);
    assert.equal((await jobJson(SAMPLE.jobs.ready.id)).delivery.statusName, 'EXPIRED');
    const res = await rawRequest(url);
    assert.equal(res.status, 410);
    assert.match(res.text, /expired/);
  });

  it('demands the bearer token on urlV2 and nowhere else', async () => {
    const job = await jobJson(SAMPLE.jobs.readyV2.id);
    const v2 = String(job.delivery.urlV2);
    assert.equal(job.delivery.authValue, V2_BEARER_TOKEN);
    assert.equal((await rawRequest(v2)).status, 401);
    assert.equal((await rawRequest(v2, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
    const ok = await rawRequest(v2, { headers: { Authorization: `Bearer ${V2_BEARER_TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.equal(sha1(ok.body), (await sim.archive()).sha1);
    assert.equal((await rawRequest(String(job.delivery.url))).status, 200, 'the v1 URL carries its own token');
  });

  it('answers 404 for unknown tokens, jobs that are not ready, and other paths', async () => {
    const url = await urlOf(SAMPLE.jobs.ready.id);
    const wrongToken = url.replace(/\/pull\/([0-9a-f]+)\/[^/]+\//, '/pull/$1/999/');
    assert.equal((await rawRequest(wrongToken)).status, 404);
    const inProgress = sim.job(SAMPLE.jobs.inProgress.id);
    assert.ok(inProgress?.archive);
    const notReady = `${sim.backupUrl}/backup/restore/v2/pull/${inProgress.id}/${encodeURIComponent(inProgress.archive.token)}/${inProgress.archive.fileName}`;
    assert.equal((await rawRequest(notReady)).status, 404);
    assert.equal((await rawRequest(`${sim.backupUrl}/`)).status, 404);
    assert.equal((await rawRequest(url, { method: 'POST' })).status, 405);
  });

  it('serves the hostile file name URL as given (percent-encoded path segment)', async () => {
    const s = await startSimulator({ hostile: true, archiveMb: 0.05 });
    try {
      const url = s.deliveryUrl(SAMPLE.jobs.hostileFileName.id) ?? '';
      assert.match(url, /\/aG9zdGlsZQ==\/\.\.%2F\.\.%2F\.bashrc%0A$/);
      const res = await rawRequest(url);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''\.\.%2F\.\.%2F\.bashrc%0A/);
    } finally {
      await s.close();
    }
  });
});

describe('simulator: archive generation', () => {
  it('is deterministic per size and cached with its SHA-1 beside it', async function () {
    this.timeout(60_000);
    const dirs = [
      fs.mkdtempSync(path.join(os.tmpdir(), 'sim-archive-a-')),
      fs.mkdtempSync(path.join(os.tmpdir(), 'sim-archive-b-')),
    ];
    try {
      const size = archiveBytesFor(3);
      const [a, b] = await Promise.all(dirs.map((d) => ensureArchive(size, d)));
      assert.equal(a.sha1, b.sha1);
      assert.equal(a.sizeBytes, b.sizeBytes);
      assert.equal(sha1(fs.readFileSync(a.path)), a.sha1);
      assert.ok(fs.existsSync(`${a.path}.json`));
      assert.deepEqual(
        fs.readdirSync(dirs[0]).filter((f) => f.endsWith('.tmp')),
        [],
        'no temporary files left',
      );
      // A second call in the same process returns the same info without regenerating.
      const again = await ensureArchive(size, dirs[0]);
      assert.deepEqual(again, a);
      const other = await ensureArchive(archiveBytesFor(1), dirs[0]);
      assert.notEqual(other.sha1, a.sha1);
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses sizes it cannot make', () => {
    assert.throws(() => archiveBytesFor(0), /more than 0/);
    assert.throws(() => archiveBytesFor(9000), /at most 8000/);
    assert.throws(() => archiveBytesFor(Number.NaN), /more than 0/);
  });
});
