import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { say } from '../../support/say';
import { toNetworkError } from '../../../../src/opsManager/http/netErrors';

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('http: network error messages', () => {
  const url = 'https://user:secret@om.example.com:8443/api/public/v1.0/groups';

  it('DNS failure names the host and baseUrl', () => {
    const e = toNetworkError(coded('ENOTFOUND', 'getaddrinfo ENOTFOUND om.example.com'), { url });
    assert.equal(e.kind, 'network');
    assert.match(say(e), /Cannot resolve the host name om\.example\.com\. Check the server's baseUrl setting/);
    assert.equal(e.url, 'https://om.example.com:8443/api/public/v1.0/groups');
    assert.ok(!say(e).includes('secret'));
  });

  it('finds codes inside AggregateError (happy eyeballs) and causes', () => {
    const agg = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'), {
      code: 'ECONNREFUSED',
    });
    assert.match(say(toNetworkError(agg, { url })), /Is Ops Manager running at https:\/\/om\.example\.com:8443\?/);
    const wrapped = new TypeError('fetch failed', {
      cause: coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
    });
    const tls = toNetworkError(wrapped, { url });
    assert.equal(tls.kind, 'tls');
    assert.match(say(tls), /caFile/);
  });

  it('expired certificates, wrong host names and timeouts get their own advice', () => {
    assert.match(say(toNetworkError(coded('CERT_HAS_EXPIRED'), { url })), /expired/);
    assert.match(say(toNetworkError(coded('ERR_TLS_CERT_ALTNAME_INVALID'), { url })), /does not name this host/);
    const t = toNetworkError(coded('UND_ERR_CONNECT_TIMEOUT'), { url });
    assert.equal(t.kind, 'timeout');
    assert.match(say(t), /connecting.*opsManager\.requestTimeoutSeconds/);
  });

  it('an abort we asked for is a cancellation; an AbortError we did not ask for is not', () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(
      toNetworkError(new DOMException('aborted', 'AbortError'), { url, signal: controller.signal }).kind,
      'cancelled',
    );
    const tunnel = Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), {
      name: 'AbortError',
      code: 'UND_ERR_ABORTED',
    });
    const e = toNetworkError(tunnel, { url, proxy: 'http://u:p@proxy:3128' });
    assert.equal(e.kind, 'network');
    assert.match(say(e), /proxy http:\/\/proxy:3128\/ refused .*407/);
    assert.ok(!say(e).includes('u:p'));
  });

  it('download role points at the link, not at baseUrl', () => {
    const e = toNetworkError(coded('ECONNREFUSED'), {
      url: 'https://backup.example.com/pull/x.tar.gz',
      role: 'download',
    });
    assert.ok(!/baseUrl/.test(say(e)));
    assert.match(say(e), /download link/);
  });

  it('passes OpsManagerErrors through and never throws on odd input', () => {
    const original = new OpsManagerError({ kind: 'parse', message: 'x' });
    assert.equal(toNetworkError(original, { url }), original);
    for (const odd of [undefined, null, 42, 'text', {}, { code: 5 }]) {
      assert.equal(toNetworkError(odd, { url: 'not a url' }).kind, 'network');
    }
  });
});
