import * as assert from 'node:assert/strict';
import { DigestHttpClient, RequestLogEntry } from '../../../../src/opsManager/http/http';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { isolateProxyEnv } from '../../support/httpEnv';
import { digestClientFixture, LoggedRequest, parseAuthorization, startTestServer } from '../../support/httpTestServer';

const API = '/api/public/v1.0/groups/5a0a1e7e0f2912c554080adc/clusters/5a0a1e7e0f2912c554080ae0/restoreJobs';

describe('http: digest over undici', function () {
  isolateProxyEnv();
  const { open, setup } = digestClientFixture();

  const ncOf = (r: LoggedRequest) => (r.authorization ? parseAuthorization(r.authorization).nc : undefined);

  it('N sequential calls cost N + 1 requests: one challenge, then the nonce is reused with nc + 1', async () => {
    const { server, client } = await setup();
    for (let i = 0; i < 10; i++) {
      const res = await client.request({ url: `${server.origin}${API}/${i}?pageNum=2&itemsPerPage=100` });
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { ok: true, path: `${API}/${i}?pageNum=2&itemsPerPage=100` });
    }
    assert.equal(server.log.length, 11);
    assert.equal(client.stats.requests, 11);
    assert.equal(client.stats.challenges, 1);
    assert.equal(server.log[0].authorization, undefined);
    assert.equal(server.log[0].status, 401);
    assert.deepEqual(
      server.log.slice(1).map(ncOf),
      Array.from({ length: 10 }, (_, i) => (i + 1).toString(16).padStart(8, '0')),
    );
    assert.equal(new Set(server.log.slice(1).map((r) => r.nonce)).size, 1);
    const header = server.log[1].authorization ?? '';
    assert.match(header, /, algorithm=MD5(,|$)/);
    assert.match(header, /, qop=auth(,|$)/);
    assert.match(header, /, nc=00000001(,|$)/);
  });

  it('the digest uri is the request target exactly as sent (encoded path, query, unicode)', async () => {
    const { server, client } = await setup();
    for (const tail of ['/a%2Fb?x=%20y&z=1', '/caf\u00e9 space?q=a+b', '/trailing/?']) {
      const res = await client.request({ url: `${server.origin}${tail}` });
      assert.equal(res.status, 200, tail);
    }
    assert.deepEqual(
      server.log.filter((r) => r.status === 200).map((r) => parseAuthorization(r.authorization ?? '').uri),
      // An empty query ("?") is dropped from the request line and the digest alike.
      ['/a%2Fb?x=%20y&z=1', '/caf%C3%A9%20space?q=a+b', '/trailing/'],
    );
  });

  it('keeps the connection alive across calls', async () => {
    const { server, client } = await setup();
    for (let i = 0; i < 5; i++) {
      await client.request({ url: `${server.origin}/x` });
    }
    assert.equal(server.connections, 1);
  });

  it('answers the strongest of several challenges (SHA-256 over MD5, Basic skipped)', async () => {
    const { server, client } = await setup({
      algorithms: ['MD5', 'SHA-256'],
      otherChallenges: ['Basic realm="basic"'],
    });
    assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
    assert.equal(server.log[1].algorithm, 'SHA-256');
  });

  it('works with all challenges combined in one header', async () => {
    const { server, client } = await setup({
      algorithms: ['MD5', 'SHA-512-256'],
      otherChallenges: ['Bearer realm="b"'],
      combine: true,
    });
    assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
    assert.equal(server.log[1].algorithm, 'SHA-512-256');
  });

  for (const algorithm of ['MD5-sess', 'SHA-256-sess', 'SHA-512-256-sess'] as const) {
    it(`${algorithm}: several calls on one nonce verify`, async () => {
      const { server, client } = await setup({ algorithms: [algorithm] });
      for (let i = 0; i < 3; i++) {
        assert.equal((await client.request({ url: `${server.origin}/s${i}` })).status, 200);
      }
      assert.equal(server.log.length, 4);
    });
  }

  it('answers an RFC 2069 challenge (no qop, no algorithm) and reuses it', async () => {
    const { server, client } = await setup({ qop: false, omitAlgorithm: true });
    for (let i = 0; i < 3; i++) {
      assert.equal((await client.request({ url: `${server.origin}/legacy?i=${i}` })).status, 200);
    }
    assert.equal(server.log.length, 4);
    assert.ok(!/qop=|nc=|cnonce=/.test(server.log[1].authorization ?? ''));
  });

  it('retries with the new nonce after 401 stale=true', async () => {
    const { server, client } = await setup({ nonceUses: 3 });
    for (let i = 0; i < 10; i++) {
      assert.equal((await client.request({ url: `${server.origin}/s` })).status, 200);
    }
    const rejected = server.log.filter((r) => r.status === 401);
    // First unauthenticated request, then one stale 401 after every third use of a nonce.
    assert.equal(rejected.length, 1 + 3);
    assert.equal(server.log.length, 10 + rejected.length);
    assert.equal(client.stats.challenges, 4);
  });

  it('after a reused nonce is refused, retries once with the fresh challenge from that 401', async () => {
    const { server, client } = await setup({ singleUseNonce: true });
    for (let i = 0; i < 5; i++) {
      assert.equal((await client.request({ url: `${server.origin}/once` })).status, 200);
    }
    // Every call: a pre-emptive try that is refused, then the fresh challenge answered (the first call: unauthenticated).
    assert.equal(server.log.length, 10);
    assert.deepEqual(
      server.log.map((r) => r.status),
      [401, 200, 401, 200, 401, 200, 401, 200, 401, 200],
    );
  });

  it('returns a 401 that is not a challenge (NOT_IN_GROUP) without retrying', async () => {
    const body = JSON.stringify({
      error: 401,
      errorCode: 'NOT_IN_GROUP',
      reason: 'Unauthorized',
      detail: 'Not in group',
    });
    const { server, client } = await setup({
      handler: (_req, res) => {
        res.statusCode = 401;
        res.setHeader('Content-Type', 'application/json');
        res.end(body);
      },
    });
    const res = await client.request({ url: `${server.origin}/groups/x` });
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).errorCode, 'NOT_IN_GROUP');
    assert.equal(server.log.length, 2);
    const again = await client.request({ url: `${server.origin}/groups/x` });
    assert.equal(again.status, 401);
    assert.equal(server.log.length, 3, 'a non-challenge 401 is never retried');
  });

  it('wrong password: the freshly answered challenge is refused and the 401 is returned, no loop', async () => {
    const { server, client } = await setup({}, { password: 'wrong' });
    const res = await client.request({ url: `${server.origin}/a` });
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).reason, 'Unauthorized');
    assert.equal(server.log.length, 2);
    await client.request({ url: `${server.origin}/a` });
    assert.equal(server.log.length, 4, 'second call: pre-emptive try + one fresh answer');
  });

  it('a server that always answers 401 stale=true gets at most three requests per call', async () => {
    const { server, client } = await setup({ always401: { stale: true } });
    const res = await client.request({ url: `${server.origin}/a` });
    assert.equal(res.status, 401);
    assert.equal(server.log.length, 3);
    // The next call starts with the (stale) nonce it holds: pre-emptive try, one stale retry, then it gives up.
    await client.request({ url: `${server.origin}/a` });
    assert.equal(server.log.length, 5);
  });

  it('a server that always answers 401 (not stale) gets two requests for the first call', async () => {
    const { server, client } = await setup({ always401: {} });
    assert.equal((await client.request({ url: `${server.origin}/a` })).status, 401);
    assert.equal(server.log.length, 2);
  });

  it('a 401 without any Digest challenge is returned at once', async () => {
    const { server, client } = await setup({
      noAuth: true,
      handler: (_req, res) => {
        res.statusCode = 401;
        res.setHeader('WWW-Authenticate', 'Basic realm="x"');
        res.end('no');
      },
    });
    const res = await client.request({ url: `${server.origin}/a` });
    assert.equal(res.status, 401);
    assert.equal(res.body, 'no');
    assert.equal(server.log.length, 1);
  });

  it('20 concurrent calls share one challenge and each gets its own nc', async () => {
    const { server, client } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.request({ url: `${server.origin}/c/${i}` })),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      Array(20).fill(200),
    );
    assert.equal(client.stats.challenges, 1);
    assert.equal(server.log.length, 21);
    const ncs = server.log.filter((r) => r.authorization).map(ncOf);
    assert.equal(new Set(ncs).size, 20);
    // And once more concurrently on the established nonce: exactly one request each.
    await Promise.all(Array.from({ length: 20 }, () => client.request({ url: `${server.origin}/d` })));
    assert.equal(server.log.length, 41);
  });

  it('when the first exchange fails, the calls behind it still share one challenge (issue 12 item 9)', async () => {
    const { server, client } = await setup({ failFirst: 1 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => client.request({ url: `${server.origin}/c/${i}` })),
    );
    assert.equal(results.filter((r) => r.status === 503).length, 1);
    assert.equal(results.filter((r) => r.status === 200).length, 99);
    // 1 failed + 1 challenge + 99 authorized: not 199 requests and 99 challenges.
    assert.equal(client.stats.challenges, 1);
    assert.equal(server.log.length, 101);
  });

  it('concurrent calls recover together when the shared nonce goes stale', async () => {
    const { server, client } = await setup({ nonceUses: 5 });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.request({ url: `${server.origin}/c` })));
    assert.ok(results.every((r) => r.status === 200));
    assert.ok(server.log.length <= 12 + 1 + 12, `bounded: ${server.log.length} requests`);
  });

  it('POST bodies and caller headers are sent; a caller Authorization header is replaced', async () => {
    let seen: { body: string; type?: string } | undefined;
    const { server, client } = await setup({
      handler: (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          seen = { body: Buffer.concat(chunks).toString(), type: req.headers['content-type'] };
          res.end('{}');
        });
      },
    });
    const res = await client.request({
      method: 'post',
      url: `${server.origin}/p`,
      body: '{"snapshotId":"x"}',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer leaked' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(seen, { body: '{"snapshotId":"x"}', type: 'application/json' });
    assert.ok(server.log.every((r) => !r.authorization?.includes('leaked')));
    assert.equal(server.log[1].method, 'POST');
  });

  it('onRequest: one entry per request sent, no credentials, no Authorization value', async () => {
    const entries: RequestLogEntry[] = [];
    const server = await startTestServer({ user: 'pubkey', password: 'private-key-123' });
    open.push(server);
    const client = new DigestHttpClient({
      origin: server.origin.replace('://', '://pubkey:private-key-123@'),
      username: 'pubkey',
      password: 'private-key-123',
      onRequest: (e) => entries.push(e),
    });
    open.push(client);
    await client.request({ url: `${server.origin}/a?x=1` });
    await client.request({ url: `${server.origin}/b` });
    assert.equal(entries.length, server.log.length);
    assert.equal(entries.length, 3);
    assert.deepEqual(
      entries.map((e) => [e.method, e.url, e.status, e.authorized]),
      [
        ['GET', `${server.origin}/a?x=1`, 401, false],
        ['GET', `${server.origin}/a?x=1`, 200, true],
        ['GET', `${server.origin}/b`, 200, true],
      ],
    );
    assert.ok(entries.every((e) => e.durationMs >= 0));
    const text = JSON.stringify(entries);
    assert.ok(!text.includes('private-key-123') && !text.includes('Digest') && !text.includes('response='));
  });

  it('a throwing onRequest hook does not break the request', async () => {
    const { server, client } = await setup(
      {},
      {
        onRequest: () => {
          throw new Error('logger broke');
        },
      },
    );
    assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
  });

  it('never sends anything to another origin', async () => {
    const { server, client } = await setup();
    const other = await startTestServer({ noAuth: true });
    open.push(other);
    await client.request({ url: `${server.origin}/a` });
    await assert.rejects(client.request({ url: `${other.origin}/steal` }), (e: unknown) => {
      assert.ok(e instanceof OpsManagerError);
      assert.equal(e.kind, 'invalid-input');
      assert.match(e.message, /Refusing to send Ops Manager credentials/);
      return true;
    });
    assert.equal(other.log.length, 0);
  });

  it('returns redirects as they are and never follows them (credentials stay home)', async () => {
    const other = await startTestServer({ noAuth: true });
    open.push(other);
    const { server, client } = await setup({
      handler: (_req, res) => {
        res.statusCode = 302;
        res.setHeader('Location', `${other.origin}/elsewhere`);
        res.end();
      },
    });
    const res = await client.request({ url: `${server.origin}/a` });
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, `${other.origin}/elsewhere`);
    assert.equal(other.log.length, 0);
  });

  it('rejects bad input before sending: invalid URL, invalid method, bad origin', async () => {
    const { server, client } = await setup();
    for (const req of [{ url: 'not a url' }, { url: `${server.origin}/a`, method: 'GE T' }]) {
      await assert.rejects(
        client.request(req),
        (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input',
      );
    }
    assert.equal(server.log.length, 0);
    assert.throws(
      () => new DigestHttpClient({ origin: 'ftp://x', username: 'u', password: 'p' }),
      (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input',
    );
    assert.throws(
      () => new DigestHttpClient({ origin: '::', username: 'u', password: 'p' }),
      (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input',
    );
    // An origin that does not parse is echoed without its userinfo (issue 12 item 5).
    assert.throws(
      () => new DigestHttpClient({ origin: 'https://user:secret@om:99999', username: 'u', password: 'p' }),
      (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input' && !/secret|user/.test(e.message),
    );
  });

  it('follows Authentication-Info nextnonce', async () => {
    let nextGiven = false;
    const { server, client } = await setup({
      handler: (_req, res) => {
        if (!nextGiven) {
          nextGiven = true;
          // An unknown nonce for this server: the client must use it and then recover with a fresh challenge.
          res.setHeader('Authentication-Info', 'nextnonce="announced+/=", rspauth="x"');
        }
        res.end('{}');
      },
    });
    await client.request({ url: `${server.origin}/a` });
    const res = await client.request({ url: `${server.origin}/b` });
    assert.equal(res.status, 200);
    assert.equal(server.log[2].nonce, 'announced+/=');
    assert.equal(ncOf(server.log[2]), '00000001');
  });
});
