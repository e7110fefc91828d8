// Second, independent tests for the download's promises that one test each used to hold up (a mutation check
// showed a single test catching each): SHA-1 comparison, hash case, the bearer token on a cross-origin redirect,
// and never overwriting. Plain loopback servers instead of the simulator, and other paths through the code
// (a hash read after the download, a redirect chain, a file created by the server's own handler).
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectedSha1FromJob } from '../../../../src/opsManager/api/downloadable';
import { downloadArchive } from '../../../../src/opsManager/download/download';
import { nodeFileSystem } from '../../../../src/opsManager/download/tempFile';
import { rejectsWith } from '../../support/rejectsWith';

const BODY = crypto.randomBytes(300_000);
const SHA1 = crypto.createHash('sha1').update(BODY).digest('hex');

interface Served {
  origin: string;
  /** The Authorization header of every request, in order. */
  authorizations: Array<string | undefined>;
  paths: string[];
}

describe('download guarantees (second, independent tests)', () => {
  const servers: http.Server[] = [];
  let dir: string;

  async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Served> {
    const served: Served = { origin: '', authorizations: [], paths: [] };
    const server = http.createServer((req, res) => {
      served.authorizations.push(req.headers.authorization);
      served.paths.push(req.url ?? '');
      handle(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return served;
  }

  const archive = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': BODY.length }).end(BODY);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-guarantees-'));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a SHA-1 read from the job after the download that differs in its last digit deletes the file', async () => {
    const host = await serve(archive);
    const last = SHA1.at(-1) === '0' ? '1' : '0';
    const error = await rejectsWith(
      downloadArchive({
        url: `${host.origin}/pull/t/a.tar.gz`,
        destination: path.join(dir, 'a.tar.gz'),
        resolveExpectedSha1: async () => SHA1.slice(0, -1) + last,
      }),
      'verification',
    );
    assert.ok(error.message.includes(SHA1), 'the message shows the SHA-1 the file really has');
    assert.deepEqual(fs.readdirSync(dir), [], 'neither the file nor a temporary file is left');
  });

  it("an upper-case, padded SHA-1 from the job's hashes still verifies the file", async () => {
    const host = await serve(archive);
    const job = {
      id: '5628faffd4c606594adaa3b2',
      statusName: 'FINISHED',
      hashes: [{ fileName: 'a.tar.gz', hash: ` ${SHA1.toUpperCase()}\n`, typeName: 'SHA1', extra: {} }],
      extra: {},
      raw: {},
    };
    const fromJob = expectedSha1FromJob(job);
    assert.equal(fromJob, SHA1, 'the hash as the panel and the download compare it: trimmed, lower-case');
    const result = await downloadArchive({
      url: `${host.origin}/pull/t/a.tar.gz`,
      destination: path.join(dir, 'a.tar.gz'),
      resolveExpectedSha1: async () => ` ${SHA1.toUpperCase()} `,
    });
    assert.equal(result.verified, true, result.unverifiedReason);
    assert.equal(result.expectedSha1, SHA1);
    assert.deepEqual(fs.readFileSync(result.path), BODY);
  });

  it('keeps the bearer token along a same-origin redirect and drops it at the first other origin', async () => {
    const other = await serve(archive);
    const first = await serve((req, res) => {
      const location = req.url === '/start' ? '/moved' : `${other.origin}/final/a.tar.gz`;
      res.writeHead(307, { location }).end();
    });
    const result = await downloadArchive({
      url: `${first.origin}/start`,
      headers: { Authorization: 'Bearer chain-token' },
      destination: path.join(dir, 'a.tar.gz'),
      expectedSha1: SHA1,
    });
    assert.equal(result.verified, true);
    assert.deepEqual(first.paths, ['/start', '/moved']);
    assert.deepEqual(first.authorizations, ['Bearer chain-token', 'Bearer chain-token'], 'same origin: kept');
    assert.deepEqual(other.authorizations, [undefined], 'other origin: never sent');
  });

  it('does not replace a file created while the archive was being sent, and leaves no temporary file', async () => {
    const destination = path.join(dir, 'a.tar.gz');
    const host = await serve((req, res) => {
      fs.writeFileSync(destination, 'written by someone else');
      archive(req, res);
    });
    const error = await rejectsWith(
      downloadArchive({ url: `${host.origin}/pull/t/a.tar.gz`, destination, expectedSha1: SHA1 }),
      'invalid-input',
      /already exists/,
    );
    assert.equal(error.errorCode, 'DESTINATION_EXISTS');
    assert.equal(fs.readFileSync(destination, 'utf8'), 'written by someone else');
    assert.deepEqual(fs.readdirSync(dir), ['a.tar.gz']);
  });

  it('creates its temporary file exclusively: a file already there under that name is left alone', async () => {
    const taken = path.join(dir, '.a.tar.gz.taken.part');
    fs.writeFileSync(taken, 'another download in progress');
    await assert.rejects(nodeFileSystem.openExclusive(taken), { code: 'EEXIST' });
    assert.equal(fs.readFileSync(taken, 'utf8'), 'another download in progress');
  });

  it('refuses an existing destination before asking the backup host for anything', async () => {
    const host = await serve(archive);
    const destination = path.join(dir, 'a.tar.gz');
    fs.writeFileSync(destination, 'an older archive');
    await rejectsWith(downloadArchive({ url: `${host.origin}/pull/t/a.tar.gz`, destination, expectedSha1: SHA1 }), {
      kind: 'invalid-input',
      errorCode: 'DESTINATION_EXISTS',
    });
    assert.deepEqual(host.paths, [], 'no request: a one-time link is not used up');
    assert.equal(fs.readFileSync(destination, 'utf8'), 'an older archive');
  });
});
