import * as assert from 'node:assert/strict';
import { parseChallenges } from '../../../../src/opsManager/http/authHeader';
import { parseDigestChallenges, selectDigestChallenge } from '../../../../src/opsManager/http/digest';
import { assertLinear } from '../../support/linearTime';

const OPS_MANAGER =
  'Digest realm="MMS Public API", domain="", nonce="pJdGVz0cd+cHBGXk9/qKA0ao2Xx4VvSP", algorithm=MD5, qop="auth", stale=false';

describe('digest: WWW-Authenticate parsing', () => {
  it('reads the challenge Ops Manager sends', () => {
    const [c] = parseDigestChallenges(OPS_MANAGER);
    assert.equal(c.realm, 'MMS Public API');
    assert.equal(c.nonce, 'pJdGVz0cd+cHBGXk9/qKA0ao2Xx4VvSP');
    assert.equal(c.algorithm, 'MD5');
    assert.equal(c.qop, 'auth');
    assert.equal(c.stale, false);
    assert.equal(parseChallenges(OPS_MANAGER)[0].params.domain, '');
  });

  it('reads several challenges in one header', () => {
    const all = parseChallenges(
      'Digest realm="r", nonce="n1", algorithm=SHA-256, qop="auth", Digest realm="r", nonce="n2", algorithm=MD5, qop="auth"',
    );
    assert.deepEqual(
      all.map((c) => [c.scheme, c.params.nonce, c.params.algorithm]),
      [
        ['Digest', 'n1', 'SHA-256'],
        ['Digest', 'n2', 'MD5'],
      ],
    );
  });

  it('reads challenges split across several headers', () => {
    const list = parseDigestChallenges([
      'Digest realm="r", nonce="a", algorithm=MD5',
      'Digest realm="r", nonce="b", algorithm=SHA-256',
    ]);
    assert.deepEqual(
      list.map((c) => c.nonce),
      ['a', 'b'],
    );
  });

  it('unescapes quoted strings and keeps commas and escaped quotes inside them', () => {
    const [c] = parseChallenges('Digest realm="a, \\"quoted\\" realm", nonce="x,y=z", opaque="\\\\back"');
    assert.equal(c.params.realm, 'a, "quoted" realm');
    assert.equal(c.params.nonce, 'x,y=z');
    assert.equal(c.params.opaque, '\\back');
  });

  it('accepts unquoted tokens, including base64 nonces with + / =', () => {
    const [c] = parseDigestChallenges('Digest realm=simple, nonce=ab+c/d==, qop=auth, algorithm=SHA-256');
    assert.equal(c.realm, 'simple');
    assert.equal(c.nonce, 'ab+c/d==');
    assert.equal(c.qop, 'auth');
    assert.equal(c.algorithm, 'SHA-256');
  });

  it('treats scheme, parameter names and algorithm/stale/qop values case-insensitively', () => {
    const [c] = parseDigestChallenges(
      'DIGEST REALM="R", Nonce="N", ALGORITHM=sha-256-SESS, QOP="AUTH", STALE=TRUE, UserHash=True',
    );
    assert.equal(c.realm, 'R');
    assert.equal(c.nonce, 'N');
    assert.equal(c.algorithm, 'SHA-256-sess');
    assert.equal(c.qop, 'auth');
    assert.equal(c.stale, true);
    assert.equal(c.userhash, true);
  });

  it('keeps unknown parameters without confusing them with known ones', () => {
    const [raw] = parseChallenges(
      'Digest realm="r", foo="bar, baz", charset=UTF-8, nonce="n", x-extra=1, userhash=false',
    );
    assert.equal(raw.params.foo, 'bar, baz');
    assert.equal(raw.params['x-extra'], '1');
    const [c] = parseDigestChallenges(
      'Digest realm="r", foo="bar, baz", charset=UTF-8, nonce="n", x-extra=1, userhash=false',
    );
    assert.equal(c.nonce, 'n');
    assert.equal(c.charset, 'UTF-8');
    assert.equal(c.userhash, false);
  });

  it('missing algorithm means MD5; missing qop means RFC 2069', () => {
    const [c] = parseDigestChallenges('Digest realm="r", nonce="n"');
    assert.equal(c.algorithm, 'MD5');
    assert.equal(c.algorithmGiven, false);
    assert.equal(c.qop, undefined);
  });

  it('the seed page misprint `op="auth"` is an unknown parameter: answered RFC 2069 style', () => {
    const [c] = parseDigestChallenges(
      'Digest realm="MMS Public API", domain="", nonce="n", algorithm=MD5, op="auth", stale=false',
    );
    assert.equal(c.qop, undefined);
  });

  it('chooses auth from "auth,auth-int" and from "auth-int, auth"; auth-int alone is kept', () => {
    assert.equal(parseDigestChallenges('Digest realm="r", nonce="n", qop="auth,auth-int"')[0].qop, 'auth');
    assert.equal(parseDigestChallenges('Digest realm="r", nonce="n", qop="auth-int, auth"')[0].qop, 'auth');
    assert.equal(parseDigestChallenges('Digest realm="r", nonce="n", qop="auth-int"')[0].qop, 'auth-int');
    assert.deepEqual(parseDigestChallenges('Digest realm="r", nonce="n", qop="auth-conf"'), []);
  });

  it('skips Basic, Bearer and token68 challenges around a Digest one without misparsing', () => {
    const header =
      'Basic realm="basic, realm", Bearer realm="example", error="invalid_token", Negotiate YIIabc+/==, ' +
      'Digest realm="digest", nonce="dn", qop="auth", NTLM';
    const all = parseChallenges(header);
    assert.deepEqual(
      all.map((c) => c.scheme),
      ['Basic', 'Bearer', 'Negotiate', 'Digest', 'NTLM'],
    );
    assert.equal(all[0].params.realm, 'basic, realm');
    assert.equal(all[1].params.error, 'invalid_token');
    assert.equal(all[2].token68, 'YIIabc+/==');
    const digest = parseDigestChallenges(header);
    assert.equal(digest.length, 1);
    assert.equal(digest[0].realm, 'digest');
    assert.equal(digest[0].nonce, 'dn');
  });

  it('Basic alone gives no Digest challenge', () => {
    assert.deepEqual(parseDigestChallenges('Basic realm="x"'), []);
    assert.equal(selectDigestChallenge(['Basic realm="x"', 'Bearer']), undefined);
    assert.equal(selectDigestChallenge(undefined), undefined);
  });

  it('skips Digest challenges without a nonce or with an unknown algorithm', () => {
    assert.deepEqual(parseDigestChallenges('Digest realm="r"'), []);
    assert.deepEqual(parseDigestChallenges('Digest realm="r", nonce="n", algorithm=SHA-1'), []);
  });

  it('survives malformed input without throwing', () => {
    for (const bad of [
      '',
      ',,,',
      '"',
      'Digest',
      'Digest realm="unterminated',
      '=x, Digest nonce=n',
      'Digest ,,, nonce="n",',
      '\u0000\u00ff Digest nonce=n',
    ]) {
      assert.doesNotThrow(() => parseChallenges(bad), bad);
    }
    assert.equal(parseDigestChallenges('Digest realm="unterminated, nonce="n"').length, 0);
    assert.equal(parseDigestChallenges('=x, Digest nonce=n')[0]?.nonce, 'n');
    assert.equal(parseDigestChallenges('Digest ,,, nonce="n",')[0]?.nonce, 'n');
  });

  it('the first occurrence of a repeated parameter wins', () => {
    assert.equal(parseDigestChallenges('Digest nonce="first", nonce="second"')[0].nonce, 'first');
  });

  it('a parameter called __proto__ is plain data', () => {
    const [c] = parseChallenges('Digest __proto__="x", nonce="n"');
    assert.equal(c.params.__proto__, 'x');
    assert.equal(c.params.nonce, 'n');
  });
});

describe('digest: choosing the challenge', () => {
  it('prefers SHA-512-256 over SHA-256 over MD5 whatever the order', () => {
    const pick = (...algs: string[]) =>
      selectDigestChallenge(algs.map((a, i) => `Digest realm="r", nonce="n${i}", algorithm=${a}, qop="auth"`))
        ?.algorithm;
    assert.equal(pick('MD5', 'SHA-256'), 'SHA-256');
    assert.equal(pick('SHA-256', 'MD5'), 'SHA-256');
    assert.equal(pick('MD5', 'SHA-512-256', 'SHA-256'), 'SHA-512-256');
    assert.equal(pick('MD5-sess', 'MD5'), 'MD5');
    assert.equal(pick('MD5-sess', 'SHA-256-sess'), 'SHA-256-sess');
    assert.equal(pick('SHA-512-256-sess', 'SHA-256'), 'SHA-512-256-sess');
    assert.equal(pick('MD5', 'SHA-1', 'MD5-sess'), 'MD5');
  });

  it('picks from one combined header the same way', () => {
    const c = selectDigestChallenge(
      'Digest realm="r", nonce="md5n", algorithm=MD5, qop="auth", Digest realm="r", nonce="shan", algorithm=SHA-256, qop="auth", Basic realm="r"',
    );
    assert.equal(c?.nonce, 'shan');
  });

  it('on a tie keeps the server order', () => {
    const c = selectDigestChallenge(['Digest realm="a", nonce="1"', 'Digest realm="b", nonce="2"']);
    assert.equal(c?.realm, 'a');
  });
});

describe('digest: hostile WWW-Authenticate headers (issue 12 item 1)', () => {
  const shapes: Record<string, (n: number) => string> = {
    'many quoted values': (n) => `Digest ${'a="",'.repeat(Math.ceil(n / 5))}`.slice(0, n),
    'many escaped quoted values': (n) => `Digest ${'a="\\x",'.repeat(Math.ceil(n / 8))}`.slice(0, n),
    'one unterminated quote': (n) => `Digest a="${'x'.repeat(n)}`,
    'bare tokens': (n) => `Digest ${'a '.repeat(Math.ceil(n / 2))}`.slice(0, n),
    'commas and equals': (n) => `Digest ${',='.repeat(Math.ceil(n / 2))}`.slice(0, n),
  };
  it('keeps at most 32 challenges from a header of thousands of bare tokens', () => {
    assert.equal(parseChallenges(shapes['bare tokens'](200_000)).length, 32);
  });
  for (const [shape, make] of Object.entries(shapes)) {
    it(`parses ${shape} in linear time`, () => {
      assertLinear(shape, make, (s) => parseChallenges(s), 50_000);
    });
  }
});
