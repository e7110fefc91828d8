import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { say } from '../../support/say';
import { DigestHttpClient } from '../../../../src/opsManager/http/http';
import { chooseProxy, matchesNoProxy, parseNoProxyList } from '../../../../src/opsManager/http/proxy';
import { isolateProxyEnv } from '../../support/httpEnv';
import { makeTestCerts, TestCerts } from '../../support/httpTestCerts';
import { startTestProxy } from '../../support/httpTestProxy';
import { startTestServer } from '../../support/httpTestServer';

describe('http: proxy selection', () => {
  const u = (s: string) => new URL(s);

  it('noProxy: hosts, subdomains, .domain, *.domain, *, ports, IPs and CIDR', () => {
    const cases: Array<[string, string[], boolean]> = [
      ['https://om.example.com', ['om.example.com'], true],
      ['https://om.example.com', ['example.com'], true],
      ['https://notexample.com', ['example.com'], false],
      ['https://om.example.com', ['.example.com'], true],
      ['https://example.com', ['.example.com'], true],
      ['https://om.example.com', ['*.example.com'], true],
      ['https://om.example.org', ['*.example.com'], false],
      ['https://anything', ['*'], true],
      ['https://OM.Example.COM:8443', ['om.example.com:8443'], true],
      ['https://om.example.com:8443', ['om.example.com:9443'], false],
      ['https://om.example.com', ['om.example.com:443'], true],
      ['http://om.example.com', ['om.example.com:443'], false],
      ['http://10.1.2.3:8080', ['10.0.0.0/8'], true],
      ['http://11.1.2.3:8080', ['10.0.0.0/8'], false],
      ['http://127.0.0.1:5000', ['127.0.0.1'], true],
      ['http://[::1]:5000', ['::1'], true],
      ['http://[::1]:5000', ['[::1]:5000'], true],
      ['http://[::1]:5000', ['[::1]:5001'], false],
      ['https://om.example.com', ['', ' ', 'other.com'], false],
    ];
    for (const [target, list, expected] of cases) {
      assert.equal(matchesNoProxy(u(target), list), expected, `${target} vs ${JSON.stringify(list)}`);
    }
  });

  it('parses NO_PROXY lists with commas and spaces', () => {
    assert.deepEqual(parseNoProxyList(' a.com, .b.com  c.com,,'), ['a.com', '.b.com', 'c.com']);
    assert.deepEqual(parseNoProxyList(undefined), []);
  });

  it('settings win over the environment; environment is the fallback, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'http://plain:3' };
    assert.equal(chooseProxy(u('https://om'), { url: 'http://set:4' }, env)?.url, 'http://set:4/');
    assert.equal(chooseProxy(u('https://om'), undefined, env)?.url, 'http://lower:2/');
    assert.equal(chooseProxy(u('https://om'), { url: '' }, { HTTPS_PROXY: 'http://upper:1' })?.url, 'http://upper:1/');
    assert.equal(chooseProxy(u('http://om'), undefined, env)?.url, 'http://plain:3/');
    assert.equal(chooseProxy(u('https://om'), undefined, { HTTP_PROXY: 'http://plain:3' })?.url, 'http://plain:3/');
    assert.equal(chooseProxy(u('http://om'), undefined, { HTTPS_PROXY: 'http://upper:1' }), undefined);
    assert.equal(chooseProxy(u('https://om'), undefined, {}), undefined);
  });

  it('NO_PROXY from the environment applies unless http.noProxy is set', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp' };
    assert.equal(chooseProxy(u('https://om.internal.corp'), undefined, env), undefined);
    assert.equal(chooseProxy(u('https://om.internal.corp'), { noProxy: ['other'] }, env)?.url, 'http://p:1/');
    assert.equal(
      chooseProxy(u('https://om.internal.corp'), undefined, { HTTPS_PROXY: 'http://p:1', no_proxy: '*' }),
      undefined,
    );
  });

  it('a bare host:port proxy means http; proxyStrictSSL is carried; a bad proxy URL is a clear error', () => {
    assert.deepEqual(chooseProxy(u('https://om'), { url: 'proxy.corp:3128', strictSSL: false }, {}), {
      url: 'http://proxy.corp:3128/',
      strictSSL: false,
    });
    assert.equal(chooseProxy(u('https://om'), { url: 'http://proxy.corp:3128' }, {})?.strictSSL, true);
    assert.throws(
      () => chooseProxy(u('https://om'), { url: 'ftp://user:pw@proxy' }, {}),
      (e: unknown) =>
        e instanceof OpsManagerError && e.kind === 'invalid-input' && /ftp:/.test(say(e)) && !say(e).includes('pw'),
    );
    assert.throws(
      () => chooseProxy(u('https://om'), { url: 'http://[bad' }, {}),
      (e: unknown) => e instanceof OpsManagerError && /http\.proxy/.test(say(e)),
    );
  });
});

describe('http: through a CONNECT proxy', function () {
  isolateProxyEnv();
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('digest requests go through the proxy with N + 1 requests', async () => {
    const proxy = await startTestProxy();
    const server = await startTestServer();
    open.push(proxy, server);
    const client = new DigestHttpClient({
      origin: server.origin,
      username: 'user',
      password: 'secret',
      proxy: { url: proxy.url },
    });
    open.push(client);
    for (let i = 0; i < 5; i++) {
      assert.equal((await client.request({ url: `${server.origin}/p${i}` })).status, 200);
    }
    assert.equal(server.log.length, 6);
    assert.deepEqual(proxy.connects, [`127.0.0.1:${server.port}`]);
  });

  it('noProxy bypasses the proxy', async () => {
    const proxy = await startTestProxy();
    const server = await startTestServer();
    open.push(proxy, server);
    const client = new DigestHttpClient({
      origin: server.origin,
      username: 'user',
      password: 'secret',
      proxy: { url: proxy.url, noProxy: ['127.0.0.1'] },
    });
    open.push(client);
    assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
    assert.deepEqual(proxy.connects, []);
  });

  it('HTTP_PROXY / NO_PROXY from the environment are used when no setting is given', async () => {
    const proxy = await startTestProxy();
    const server = await startTestServer();
    open.push(proxy, server);
    process.env.HTTP_PROXY = proxy.url;
    try {
      const viaEnv = new DigestHttpClient({ origin: server.origin, username: 'user', password: 'secret' });
      open.push(viaEnv);
      assert.equal((await viaEnv.request({ url: `${server.origin}/a` })).status, 200);
      assert.equal(proxy.connects.length, 1);
      process.env.NO_PROXY = `127.0.0.1:${server.port}`;
      const bypass = new DigestHttpClient({ origin: server.origin, username: 'user', password: 'secret' });
      open.push(bypass);
      assert.equal((await bypass.request({ url: `${server.origin}/b` })).status, 200);
      assert.equal(proxy.connects.length, 1);
    } finally {
      delete process.env.HTTP_PROXY;
      delete process.env.NO_PROXY;
    }
  });

  it('a proxy that refuses the tunnel is a network error naming the proxy settings', async () => {
    const proxy = await startTestProxy({ refuseWith: 403 });
    const server = await startTestServer();
    open.push(proxy, server);
    const client = new DigestHttpClient({
      origin: server.origin,
      username: 'user',
      password: 'secret',
      proxy: { url: proxy.url },
    });
    open.push(client);
    await assert.rejects(client.request({ url: `${server.origin}/a` }), (e: unknown) => {
      assert.ok(e instanceof OpsManagerError);
      assert.equal(e.kind, 'network');
      assert.match(say(e), /proxy .*refused.*403.*http\.proxy/);
      return true;
    });
    assert.equal(server.log.length, 0);
  });

  it('a proxy that refuses connections is named, pointing at http.proxy, not at baseUrl (issue 12 item 8)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const server = await startTestServer();
    open.push(server);
    const client = new DigestHttpClient({
      origin: server.origin,
      username: 'user',
      password: 'secret',
      proxy: { url: `http://proxyuser:proxypass@127.0.0.1:${port}` },
    });
    open.push(client);
    await assert.rejects(client.request({ url: `${server.origin}/a` }), (e: unknown) => {
      assert.ok(e instanceof OpsManagerError);
      assert.equal(e.code, 'PROXY_REFUSED');
      assert.match(say(e), new RegExp(`proxy http://127\\.0\\.0\\.1:${port}/? refused the connection.*http\\.proxy`));
      assert.doesNotMatch(say(e), /Is Ops Manager running|baseUrl|proxypass/);
      return true;
    });
    assert.equal(server.log.length, 0);
  });

  describe('TLS through the proxy', function () {
    let certs: TestCerts;
    before(function () {
      this.timeout(30000);
      certs = makeTestCerts();
    });
    after(() => certs?.cleanup());

    it('an https origin is tunnelled and verified with the CA', async () => {
      const proxy = await startTestProxy();
      const server = await startTestServer({ tls: certs.server });
      open.push(proxy, server);
      const client = new DigestHttpClient({
        origin: server.origin,
        username: 'user',
        password: 'secret',
        caFile: certs.caFile,
        proxy: { url: proxy.url },
      });
      open.push(client);
      assert.equal((await client.request({ url: `${server.origin}/a` })).status, 200);
      assert.equal(proxy.connects.length, 1);
    });

    it('without the CA the tunnelled certificate is refused; proxyStrictSSL=false accepts it', async () => {
      const proxy = await startTestProxy();
      const server = await startTestServer({ tls: certs.server });
      open.push(proxy, server);
      const strict = new DigestHttpClient({
        origin: server.origin,
        username: 'user',
        password: 'secret',
        proxy: { url: proxy.url },
      });
      open.push(strict);
      await assert.rejects(
        strict.request({ url: `${server.origin}/a` }),
        (e: unknown) => e instanceof OpsManagerError && e.kind === 'tls' && /caFile/.test(say(e)),
      );
      const lax = new DigestHttpClient({
        origin: server.origin,
        username: 'user',
        password: 'secret',
        proxy: { url: proxy.url, strictSSL: false },
      });
      open.push(lax);
      assert.equal((await lax.request({ url: `${server.origin}/a` })).status, 200);
    });
  });
});
