import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent, Dispatcher, ProxyAgent, request as undiciRequest } from 'undici';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { say } from '../../support/say';
import { createDispatcher, DigestHttpClient } from '../../../../src/opsManager/http/http';
import { isolateProxyEnv } from '../../support/httpEnv';
import { makeTestCerts, TestCerts } from '../../support/httpTestCerts';
import { digestClientFixture, startTestServer } from '../../support/httpTestServer';

function expectError(kind: OpsManagerError['kind'], pattern?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof OpsManagerError, `expected OpsManagerError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (pattern) {
      assert.match(say(e), pattern);
    }
    return true;
  };
}

describe('http: transport (timeouts, TLS, cancel, limits, errors)', function () {
  isolateProxyEnv();
  const { open, setup } = digestClientFixture();

  /** A server that accepts connections and then does what `onRequest` says (or nothing at all). */
  async function rawServer(onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const server = http.createServer(onRequest);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    return origin;
  }

  it('headers timeout fires and names opsManager.requestTimeoutSeconds', async () => {
    const origin = await rawServer(() => {
      /* never answers */
    });
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p', timeouts: { headersMs: 300 } });
    open.push(client);
    // No upper time limit: the default timeout (30 s) is longer than the test's own, so only the configured 300 ms
    // can end this with a timeout error.
    const started = Date.now();
    await assert.rejects(
      client.request({ url: `${origin}/slow` }),
      expectError('timeout', /waiting for the response.*opsManager\.requestTimeoutSeconds/),
    );
    assert.ok(Date.now() - started >= 290, 'not before the 300 ms were up');
  });

  it('body timeout fires when the body stalls', async () => {
    const origin = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"partial":');
    });
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p', timeouts: { bodyMs: 300 } });
    open.push(client);
    await assert.rejects(
      client.request({ url: `${origin}/stall` }),
      expectError('timeout', /response body.*opsManager\.requestTimeoutSeconds/),
    );
  });

  it('a body trickled a byte at a time ends at the overall deadline (issue 12 item 10)', async () => {
    const timers: NodeJS.Timeout[] = [];
    const origin = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // One byte every 100 ms: the 300 ms idle timeout never fires.
      const timer = setInterval(() => res.write(' '), 100);
      timers.push(timer);
      res.on('close', () => clearInterval(timer));
    });
    const client = new DigestHttpClient({
      origin,
      username: 'u',
      password: 'p',
      timeouts: { bodyMs: 300 },
      deadlineMs: 1000,
    });
    open.push(client);
    try {
      const error = await client.request({ url: `${origin}/trickle` }).then(
        () => assert.fail('a trickled body must not complete'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof OpsManagerError);
      assert.equal(error.kind, 'timeout');
      assert.equal(error.code, 'DEADLINE');
      assert.match(say(error), /more than 1 s without finishing it.*opsManager\.requestTimeoutSeconds/);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });

  it('the deadline is not a cancellation, and a cancel during it still is one', async () => {
    const origin = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(' ');
    });
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p', deadlineMs: 5000 });
    open.push(client);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(client.request({ url: `${origin}/a`, signal: controller.signal }), expectError('cancelled'));
  });

  it('connection refused says to check that Ops Manager runs at baseUrl', async () => {
    const origin = await rawServer(() => undefined);
    await open.pop()?.close(); // port now closed
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p' });
    open.push(client);
    await assert.rejects(
      client.request({ url: `${origin}/a` }),
      expectError('network', /Is Ops Manager running at http:\/\/127\.0\.0\.1:\d+\? Check the server's baseUrl/),
    );
  });

  it('a connection cut mid-body is a network error', async () => {
    const origin = await rawServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"a":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p' });
    open.push(client);
    await assert.rejects(client.request({ url: `${origin}/cut` }), expectError('network'));
  });

  it('abort signal cancels a request in flight', async () => {
    const controller = new AbortController();
    // Aborted once the server has the request (the event, not a guessed delay); the server never answers and the
    // client's timeouts are longer than the test's, so only the abort can end the request.
    const origin = await rawServer(() => controller.abort());
    const client = new DigestHttpClient({
      origin,
      username: 'u',
      password: 'p',
      timeouts: { headersMs: 600_000, bodyMs: 600_000 },
    });
    open.push(client);
    await assert.rejects(client.request({ url: `${origin}/a`, signal: controller.signal }), expectError('cancelled'));
  });

  it('an already aborted signal sends nothing', async () => {
    const { server, client } = await setup();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      client.request({ url: `${server.origin}/a`, signal: controller.signal }),
      expectError('cancelled'),
    );
    assert.equal(server.log.length, 0);
  });

  it('a caller waiting for the first challenge can be cancelled', async () => {
    const origin = await rawServer(() => undefined); // the first request hangs
    const client = new DigestHttpClient({ origin, username: 'u', password: 'p', timeouts: { headersMs: 2000 } });
    open.push(client);
    const first = client.request({ url: `${origin}/first` }).catch((e: unknown) => e);
    const controller = new AbortController();
    const second = client.request({ url: `${origin}/second`, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(second, expectError('cancelled'));
    assert.ok((await first) instanceof OpsManagerError);
  });

  it('oversized bodies are refused with a clear error (with and without Content-Length)', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const { server, client } = await setup({
      noAuth: true,
      handler: (req, res) => {
        if (req.url === '/chunked') {
          res.write(big.slice(0, 1024 * 1024));
          res.end(big.slice(1024 * 1024));
        } else {
          res.setHeader('Content-Length', String(big.length));
          res.end(big);
        }
      },
    });
    for (const path of ['/sized', '/chunked']) {
      await assert.rejects(
        client.request({ url: `${server.origin}${path}`, maxBodyBytes: 1024 * 1024 }),
        expectError('parse', /larger than the 1\.0 MB/),
      );
    }
    const ok = await client.request({ url: `${server.origin}/sized`, maxBodyBytes: 4 * 1024 * 1024 });
    assert.equal(ok.body.length, big.length);
  });

  it('a bad caFile is a clear invalid-input error, before anything is sent', async () => {
    const { server, client } = await setup({}, { caFile: '/nonexistent/ca.pem' });
    await assert.rejects(client.request({ url: `${server.origin}/a` }), expectError('invalid-input', /caFile/));
    assert.equal(server.log.length, 0);
    assert.throws(() => createDispatcher(server.origin, { ca: 'not a pem' }), expectError('invalid-input', /PEM/));
  });

  it('createDispatcher carries no credentials and reuses connections', async () => {
    const server = await startTestServer({ noAuth: true });
    open.push(server);
    const dispatcher = createDispatcher(server.origin);
    open.push(dispatcher);
    assert.ok(dispatcher instanceof Agent);
    for (let i = 0; i < 3; i++) {
      const res: Dispatcher.ResponseData = await undiciRequest(`${server.origin}/archive.tar.gz`, { dispatcher });
      assert.equal(res.statusCode, 200);
      await res.body.text();
    }
    assert.ok(server.log.every((r) => r.authorization === undefined));
    // Keep-alive: without it, three requests would need three connections (undici may open a second one when
    // the next request follows in the same tick as the previous body's end).
    assert.ok(server.connections < 3, `${server.connections} connections`);
  });

  it('createDispatcher gives a ProxyAgent when a proxy applies, and an Agent when noProxy matches', async () => {
    const proxied = createDispatcher('https://backup.example.com/x', { proxy: { url: 'http://127.0.0.1:9' } });
    const direct = createDispatcher('https://backup.example.com/x', {
      proxy: { url: 'http://127.0.0.1:9', noProxy: ['.example.com'] },
    });
    open.push(proxied, direct);
    assert.ok(proxied instanceof ProxyAgent);
    assert.ok(direct instanceof Agent);
  });

  describe('TLS', function () {
    let certs: TestCerts;
    before(function () {
      this.timeout(30000);
      certs = makeTestCerts();
    });
    after(() => certs?.cleanup());

    it('a self-signed certificate is a tls error naming the caFile setting', async () => {
      const { server, client } = await setup({ tls: certs.selfSigned });
      await assert.rejects(client.request({ url: `${server.origin}/a` }), expectError('tls', /self-signed.*caFile/));
    });

    it('a certificate from an unknown CA is a tls error naming the caFile setting', async () => {
      const { server, client } = await setup({ tls: certs.server });
      await assert.rejects(
        client.request({ url: `${server.origin}/a` }),
        expectError('tls', /unknown certificate authority.*caFile/),
      );
    });

    it('caFile makes it work, with digest and connection reuse', async () => {
      const { server, client } = await setup({ tls: certs.server }, { caFile: certs.caFile });
      for (let i = 0; i < 3; i++) {
        assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
      }
      assert.equal(server.log.length, 4);
      assert.equal(server.connections, 1);
    });

    it('CA given as PEM text works too', async () => {
      const { server, client } = await setup({ tls: certs.server }, { ca: certs.caPem });
      assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
    });

    it('strictSSL=false accepts a self-signed certificate', async () => {
      const { server, client } = await setup({ tls: certs.selfSigned }, { strictSSL: false });
      assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
    });

    it('https:// to a plain HTTP port is a tls error about the scheme', async () => {
      const server = await startTestServer();
      open.push(server);
      const origin = server.origin.replace('http:', 'https:');
      const client = new DigestHttpClient({ origin, username: 'u', password: 'p' });
      open.push(client);
      await assert.rejects(client.request({ url: `${origin}/a` }), expectError('tls', /https:\/\/ or http:\/\//));
    });

    it('http:// to a TLS server says the server speaks TLS, not "closed unexpectedly" (issue 12 item 12)', async () => {
      const server = await startTestServer({ tls: certs.server });
      open.push(server);
      const origin = server.origin.replace('https:', 'http:');
      const client = new DigestHttpClient({ origin, username: 'u', password: 'p' });
      open.push(client);
      const error = await client.request({ url: `${origin}/a` }).then(
        () => assert.fail('a plain-HTTP request to a TLS server cannot succeed'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof OpsManagerError);
      assert.equal(error.code, 'SPEAKS_TLS');
      assert.match(say(error), /speaks TLS \(HTTPS\).*Change the server's baseUrl to https:\/\/127\.0\.0\.1:\d+/);
      assert.doesNotMatch(say(error), /closed unexpectedly/);
    });

    it('a plain HTTP server that cuts the connection is still "closed unexpectedly"', async () => {
      const origin = await rawServer((req) => req.socket.destroy());
      const client = new DigestHttpClient({ origin, username: 'u', password: 'p' });
      open.push(client);
      await assert.rejects(client.request({ url: `${origin}/a` }), expectError('network', /closed unexpectedly/));
    });
  });
});
