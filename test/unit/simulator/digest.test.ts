// The simulator's digest authentication, checked with a small independent client and with curl --digest.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { digestAuthorization, parseChallenges, rawRequest, RawDigestClient } from '../../simulator/rawClient';
import { SAMPLE } from '../../simulator/sampleData';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';
import { skipWithReason } from '../../support/results';

const JOB = SAMPLE.jobs.ready;

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err && typeof err.code === 'number' ? err.code : err ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let curlVersion: string | undefined;
async function curlAvailable(): Promise<boolean> {
  if (curlVersion === undefined) {
    const r = await curl(['--version']);
    curlVersion = r.code === 0 ? r.stdout.split('\n')[0] : '';
    if (!curlVersion)
      console.warn('\n  !!! curl is not installed: the curl --digest interoperability tests are SKIPPED !!!\n');
  }
  return curlVersion !== '';
}

/** curl --digest GET; the last output line is the HTTP status. */
async function curlDigest(
  sim: Simulator,
  url: string,
  extra: string[] = [],
  key = sim.key,
): Promise<{ status: number; body: string }> {
  const r = await curl(['-s', '--digest', '-u', `${sim.user}:${key}`, '-w', '\n%{http_code}', ...extra, url]);
  assert.equal(r.code, 0, `curl failed: ${r.stderr}`);
  const i = r.stdout.lastIndexOf('\n');
  return { status: Number(r.stdout.slice(i + 1)), body: r.stdout.slice(0, i) };
}

describe('simulator: digest authentication', () => {
  const sims: Simulator[] = [];
  async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
    const s = await startSimulator({ archiveMb: 0.05, ...options });
    sims.push(s);
    return s;
  }
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('challenges like Ops Manager: MD5, qop="auth", a base64 nonce with + / =, and the Unauthorized body', async () => {
    const s = await sim();
    const res = await rawRequest(s.jobUrl(JOB.id));
    assert.equal(res.status, 401);
    const header = res.headers['www-authenticate'];
    assert.equal(typeof header, 'string');
    assert.match(
      String(header),
      /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]+={1,2}", algorithm=MD5, qop="auth", stale=false$/,
    );
    const nonce = parseChallenges(header)[0].nonce;
    assert.ok(nonce.includes('+') && nonce.includes('/') && nonce.endsWith('='), nonce);
    assert.deepEqual(JSON.parse(res.text), {
      reason: 'Unauthorized',
      error: 401,
      detail: 'You are not authorized for this resource.',
    });
    assert.equal(s.summary().api401, 1);
  });

  it('accepts a correct MD5 answer and logs the challenge round trip', async () => {
    const s = await sim();
    const res = await new RawDigestClient(s.user, s.key).request(s.jobUrl(JOB.id));
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.text) as { id: string }).id, JOB.id);
    assert.deepEqual(
      s.log.map((e) => [e.status, e.authorization !== undefined, e.digest]),
      [
        [401, false, 'missing'],
        [200, true, 'ok'],
      ],
    );
  });

  it('lets a client reuse a nonce with increasing nc: N calls cost N + 1 requests', async () => {
    const s = await sim();
    const c = new RawDigestClient(s.user, s.key, { reuse: true });
    for (let i = 0; i < 10; i++) assert.equal((await c.request(s.jobUrl(JOB.id))).status, 200);
    assert.equal(s.summary().api, 11);
    assert.equal(s.summary().api401, 1);
  });

  it('rejects a replayed nc but accepts nc values arriving out of order', async () => {
    const s = await sim();
    const url = s.jobUrl(JOB.id);
    const uri = new URL(url).pathname;
    const c = parseChallenges((await rawRequest(url)).headers['www-authenticate'])[0];
    const get = (nc: number): Promise<number> =>
      rawRequest(url, { headers: { Authorization: digestAuthorization(c, s.user, s.key, 'GET', uri, nc) } }).then(
        (r) => r.status,
      );
    assert.equal(await get(3), 200);
    assert.equal(await get(1), 200, 'an older, unused nc (a concurrent request that arrived late) is fine');
    assert.equal(await get(3), 401, 'the same nc twice is a replay');
    assert.equal(s.log.at(-1)?.digest, 'replay');
    assert.equal(await get(2), 200);
  });

  it('answers a wrong key with 401, the Unauthorized body and a fresh challenge', async () => {
    const s = await sim();
    const res = await new RawDigestClient(s.user, 'wrong-key').request(s.jobUrl(JOB.id));
    assert.equal(res.status, 401);
    assert.deepEqual(JSON.parse(res.text), {
      reason: 'Unauthorized',
      error: 401,
      detail: 'You are not authorized for this resource.',
    });
    assert.equal(parseChallenges(res.headers['www-authenticate'])[0].stale, 'false');
    assert.equal(s.log.at(-1)?.digest, 'bad-credentials');
    const wrongUser = await new RawDigestClient('someone-else', s.key).request(s.jobUrl(JOB.id));
    assert.equal(wrongUser.status, 401);
  });

  it('refuses an answer whose uri is not the request target (query string included)', async () => {
    const s = await sim();
    const url = `${s.jobUrl(JOB.id)}?pretty=true`;
    const c = parseChallenges((await rawRequest(url)).headers['www-authenticate'])[0];
    const withoutQuery = digestAuthorization(c, s.user, s.key, 'GET', new URL(url).pathname, 1);
    const res = await rawRequest(url, { headers: { Authorization: withoutQuery } });
    assert.equal(res.status, 400);
    assert.equal(s.log.at(-1)?.digest, 'uri-mismatch');
    const right = digestAuthorization(c, s.user, s.key, 'GET', new URL(url).pathname + new URL(url).search, 2);
    assert.equal((await rawRequest(url, { headers: { Authorization: right } })).status, 200);
  });

  it('offers SHA-256 alone and then refuses an MD5 answer', async () => {
    const s = await sim({ algorithm: 'SHA-256' });
    const url = s.jobUrl(JOB.id);
    const first = await rawRequest(url);
    const [c] = parseChallenges(first.headers['www-authenticate']);
    assert.equal(c.algorithm, 'SHA-256');
    assert.equal((await new RawDigestClient(s.user, s.key).request(url)).status, 200);
    const md5 = digestAuthorization({ ...c, algorithm: 'MD5' }, s.user, s.key, 'GET', new URL(url).pathname, 1);
    assert.equal((await rawRequest(url, { headers: { Authorization: md5 } })).status, 401);
  });

  it('offers "SHA-256,MD5" as two headers or as one combined header, and accepts either answer', async () => {
    for (const challengeStyle of ['headers', 'combined'] as const) {
      const s = await sim({ algorithm: 'SHA-256,MD5', challengeStyle });
      const url = s.jobUrl(JOB.id);
      const raw = (await rawRequest(url)).rawHeaders
        .filter(([k]) => k.toLowerCase() === 'www-authenticate')
        .map(([, v]) => v);
      if (challengeStyle === 'headers') {
        assert.equal(raw.length, 2, `two WWW-Authenticate headers expected, got ${JSON.stringify(raw)}`);
      } else {
        assert.equal(raw.length, 1);
        assert.match(raw[0], /^Digest .*algorithm=SHA-256.*, Digest .*algorithm=MD5/);
      }
      assert.deepEqual(
        parseChallenges(raw).map((c) => c.algorithm),
        ['SHA-256', 'MD5'],
      );
      assert.equal((await new RawDigestClient(s.user, s.key, { prefer: 'SHA-256' }).request(url)).status, 200);
      assert.equal((await new RawDigestClient(s.user, s.key, { prefer: 'MD5' }).request(url)).status, 200);
    }
  });

  it('without qop, challenges without it and accepts the RFC 2069 answer only', async () => {
    const s = await sim({ qop: false });
    const url = s.jobUrl(JOB.id);
    const header = String((await rawRequest(url)).headers['www-authenticate']);
    assert.doesNotMatch(header, /qop/);
    assert.equal((await new RawDigestClient(s.user, s.key).request(url)).status, 200);
    const [c] = parseChallenges(header);
    const withQop = digestAuthorization({ ...c, qop: 'auth' }, s.user, s.key, 'GET', new URL(url).pathname, 1);
    assert.equal((await rawRequest(url, { headers: { Authorization: withQop } })).status, 401);
  });

  it('answers an expired nonce with stale=true, and a fresh nonce then works', async () => {
    const s = await sim({ nonceTtlSeconds: 0.2 });
    const c = new RawDigestClient(s.user, s.key, { reuse: true });
    assert.equal((await c.request(s.jobUrl(JOB.id))).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await c.request(s.jobUrl(JOB.id))).status, 200);
    const stale = s.log.filter((e) => e.digest === 'stale');
    assert.equal(stale.length, 1);
    assert.equal(stale[0].status, 401);
    assert.deepEqual(
      s.log.map((e) => e.status),
      [401, 200, 401, 200],
    );
  });

  it('treats a correct answer to a nonce it never issued as stale, not as bad credentials', async () => {
    const s = await sim();
    const url = s.jobUrl(JOB.id);
    const forged = {
      algorithm: 'MD5',
      realm: 'MMS Public API',
      nonce: 'bm90LWlzc3VlZC1oZXJl',
      qop: 'auth',
      params: {},
    };
    const res = await rawRequest(url, {
      headers: { Authorization: digestAuthorization(forged, s.user, s.key, 'GET', new URL(url).pathname, 1) },
    });
    assert.equal(res.status, 401);
    assert.equal(parseChallenges(res.headers['www-authenticate'])[0].stale, 'true');
  });

  describe('curl --digest interoperability', () => {
    before(async function () {
      if (!(await curlAvailable())) skipWithReason(this, 'curl is not installed (Debian package curl; CI installs it)');
    });

    it('curl --digest with MD5 gets a restore job (200 JSON), query string included in the uri', async () => {
      const s = await sim();
      const r = await curlDigest(s, `${s.jobUrl(JOB.id)}?pretty=true`);
      assert.equal(r.status, 200, r.body);
      assert.equal((JSON.parse(r.body) as { id: string }).id, JOB.id);
      assert.deepEqual(
        s.log.map((e) => e.digest),
        ['missing', 'ok'],
      );
      assert.match(s.log[1].authorization ?? '', /uri="[^"]*\?pretty=true"/);
    });

    it('curl --digest answers a SHA-256 challenge', async () => {
      const s = await sim({ algorithm: 'SHA-256' });
      const r = await curlDigest(s, s.jobUrl(JOB.id));
      assert.equal(r.status, 200, `${curlVersion ?? ''}: ${r.body}`);
      assert.match(s.log[1].authorization ?? '', /algorithm="?SHA-256"?/);
    });

    it('curl --digest copes with "SHA-256,MD5" in both styles and without qop', async () => {
      for (const options of [
        { algorithm: 'SHA-256,MD5' },
        { algorithm: 'SHA-256,MD5', challengeStyle: 'combined' as const },
        { qop: false },
      ]) {
        const s = await sim(options);
        const r = await curlDigest(s, s.jobUrl(JOB.id));
        assert.equal(r.status, 200, `${JSON.stringify(options)}: ${r.body}`);
      }
    });

    it('curl --digest with a wrong key gets the 401 body', async () => {
      const s = await sim();
      const r = await curlDigest(s, s.jobUrl(JOB.id), [], 'not-the-key');
      assert.equal(r.status, 401);
      assert.equal((JSON.parse(r.body) as { detail: string }).detail, 'You are not authorized for this resource.');
    });

    it('curl --digest over TLS trusts the committed test CA', async () => {
      const s = await sim({ tls: true });
      assert.ok(s.baseUrl.startsWith('https://127.0.0.1:'));
      assert.ok(s.caFile && fs.existsSync(s.caFile));
      const r = await curlDigest(s, s.jobUrl(JOB.id), ['--cacert', s.caFile]);
      assert.equal(r.status, 200, r.body);
      const untrusted = await curl(['-s', '--digest', '-u', `${s.user}:${s.key}`, s.jobUrl(JOB.id)]);
      assert.equal(untrusted.code, 60, 'without the CA, curl must refuse the certificate');
    });
  });

  it('serves TLS that node verifies with the test CA, on both ports', async () => {
    const s = await sim({ tls: true });
    const ca = fs.readFileSync(s.caFile ?? '');
    const res = await new RawDigestClient(s.user, s.key, { ca }).request(s.jobUrl(JOB.id));
    assert.equal(res.status, 200);
    const url = s.deliveryUrl(JOB.id) ?? '';
    assert.ok(url.startsWith('https://127.0.0.1:'), url);
    assert.equal((await rawRequest(url, { method: 'HEAD', ca })).status, 200);
    await assert.rejects(rawRequest(s.jobUrl(JOB.id)), /self[- ]signed|unable to verify|certificate/i);
  });
});
