import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { parseAuthParams } from '../../../../src/opsManager/http/authHeader';
import {
  computeDigestResponse,
  computeUserhash,
  DigestAlgorithm,
  DigestChallenge,
  DigestNonce,
  randomCnonce,
} from '../../../../src/opsManager/http/digest';
import { assertScalesLinearly } from '../../support/linearTime';

// RFC 7616 §3.9.1 inputs.
const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
  qop: 'auth' as const,
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
};

const RFC7616_EXPECTED: Record<Exclude<DigestAlgorithm, 'SHA-512-256-sess'>, string> = {
  MD5: '8ca523f5e9506fed4657c9700eebdbec',
  'SHA-256': '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  'MD5-sess': 'e783283f46242139c486a698fec7211d',
  'SHA-256-sess': '2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7',
  'SHA-512-256': '430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0',
};

function challenge(overrides: Partial<DigestChallenge>): DigestChallenge {
  return {
    realm: RFC7616.realm,
    nonce: RFC7616.nonce,
    algorithm: 'MD5',
    algorithmGiven: true,
    qop: 'auth',
    opaque: RFC7616.opaque,
    stale: false,
    userhash: false,
    ...overrides,
  };
}

/** Splits an Authorization header into its fields, keeping whether each value was quoted. */
function fields(header: string): Map<string, { value: string; quoted: boolean }> {
  assert.match(header, /^Digest /);
  const out = new Map<string, { value: string; quoted: boolean }>();
  const re = /([\w*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of header.slice(7).matchAll(re)) {
    out.set(
      m[1],
      m[2] !== undefined ? { value: m[2].replace(/\\(.)/g, '$1'), quoted: true } : { value: m[3], quoted: false },
    );
  }
  return out;
}

describe('digest: RFC test vectors', () => {
  for (const algorithm of ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess', 'SHA-512-256'] as const) {
    it(`RFC 7616 §3.9.1 ${algorithm} response`, () => {
      assert.equal(computeDigestResponse({ ...RFC7616, algorithm }), RFC7616_EXPECTED[algorithm]);
    });

    it(`RFC 7616 §3.9.1 ${algorithm} through DigestNonce gives the same Authorization header values`, () => {
      const state = new DigestNonce(challenge({ algorithm }), RFC7616, () => RFC7616.cnonce);
      const f = fields(state.authorize('GET', '/dir/index.html'));
      assert.equal(f.get('response')?.value, RFC7616_EXPECTED[algorithm]);
      assert.deepEqual(f.get('algorithm'), { value: algorithm, quoted: false });
      assert.deepEqual(f.get('qop'), { value: 'auth', quoted: false });
      assert.deepEqual(f.get('nc'), { value: '00000001', quoted: false });
      assert.deepEqual(f.get('cnonce'), { value: RFC7616.cnonce, quoted: true });
      assert.deepEqual(f.get('opaque'), { value: RFC7616.opaque, quoted: true });
      assert.deepEqual(f.get('uri'), { value: '/dir/index.html', quoted: true });
      assert.deepEqual(f.get('username'), { value: 'Mufasa', quoted: true });
      assert.deepEqual(f.get('realm'), { value: RFC7616.realm, quoted: true });
      assert.deepEqual(f.get('nonce'), { value: RFC7616.nonce, quoted: true });
    });
  }

  it('SHA-512-256 is the true SHA-512/256, not SHA-512 cut to 256 bits', () => {
    const truncated = (s: string) => crypto.createHash('sha512').update(s).digest('hex').slice(0, 64);
    const ha1 = truncated(`${RFC7616.username}:${RFC7616.realm}:${RFC7616.password}`);
    const ha2 = truncated(`GET:${RFC7616.uri}`);
    const wrong = truncated(`${ha1}:${RFC7616.nonce}:00000001:${RFC7616.cnonce}:auth:${ha2}`);
    const right = computeDigestResponse({ ...RFC7616, algorithm: 'SHA-512-256' });
    assert.notEqual(right, wrong);
  });

  it('SHA-512-256-sess follows the -sess formula with SHA-512/256', () => {
    const h = (s: string) => crypto.createHash('sha512-256').update(s, 'utf8').digest('hex');
    const ha1 = h(
      `${h(`${RFC7616.username}:${RFC7616.realm}:${RFC7616.password}`)}:${RFC7616.nonce}:${RFC7616.cnonce}`,
    );
    const expected = h(`${ha1}:${RFC7616.nonce}:00000001:${RFC7616.cnonce}:auth:${h(`GET:${RFC7616.uri}`)}`);
    assert.equal(computeDigestResponse({ ...RFC7616, algorithm: 'SHA-512-256-sess' }), expected);
  });

  describe('RFC 7616 §3.9.2 userhash (erratum 4897)', () => {
    const input = {
      username: 'J\u00e4s\u00f8n Doe',
      password: 'Secret, or not?',
      realm: 'api@example.org',
      method: 'GET',
      uri: '/doe.json',
      nonce: '5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK',
      cnonce: 'NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v',
      nc: '00000001',
      qop: 'auth' as const,
      algorithm: 'SHA-512-256' as const,
    };
    const CORRECT_USERHASH = '793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b';
    const CORRECT_RESPONSE = '3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5';
    const RFC_PRINTED_USERHASH = '488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec';
    const RFC_PRINTED_RESPONSE = 'ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd';

    it('gives the corrected userhash and response', () => {
      assert.equal(computeUserhash('SHA-512-256', input.username, input.realm), CORRECT_USERHASH);
      assert.equal(computeDigestResponse(input), CORRECT_RESPONSE);
    });

    it("does not produce the RFC's erroneous printed values", () => {
      assert.notEqual(computeUserhash('SHA-512-256', input.username, input.realm), RFC_PRINTED_USERHASH);
      assert.notEqual(computeDigestResponse(input), RFC_PRINTED_RESPONSE);
    });

    it('sends the hashed username with userhash=true and never the clear name', () => {
      const state = new DigestNonce(
        {
          realm: input.realm,
          nonce: input.nonce,
          algorithm: 'SHA-512-256',
          algorithmGiven: true,
          qop: 'auth',
          stale: false,
          userhash: true,
          charset: 'UTF-8',
        },
        input,
        () => input.cnonce,
      );
      const header = state.authorize('GET', '/doe.json');
      const f = fields(header);
      assert.deepEqual(f.get('username'), { value: CORRECT_USERHASH, quoted: true });
      assert.deepEqual(f.get('userhash'), { value: 'true', quoted: false });
      assert.equal(f.get('response')?.value, CORRECT_RESPONSE);
      assert.ok(!header.includes('Doe'));
      assert.ok(!f.has('username*'));
    });
  });

  it('RFC 2617 §3.5 MD5 with qop=auth', () => {
    const response = computeDigestResponse({
      algorithm: 'MD5',
      username: 'Mufasa',
      password: 'Circle Of Life',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      cnonce: '0a4f113b',
      nc: '00000001',
      qop: 'auth',
      method: 'GET',
      uri: '/dir/index.html',
    });
    assert.equal(response, '6629fae49393a05397450978507c4ef1');
  });

  it('RFC 2069 (no qop): response = MD5(HA1:nonce:HA2), no nc/cnonce/qop sent', () => {
    const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');
    const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
    const expected = md5(`${md5('Mufasa:testrealm@host.com:CircleOfLife')}:${nonce}:${md5('GET:/dir/index.html')}`);
    assert.equal(
      computeDigestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        password: 'CircleOfLife',
        realm: 'testrealm@host.com',
        nonce,
        method: 'GET',
        uri: '/dir/index.html',
      }),
      expected,
    );
    const state = new DigestNonce(
      {
        realm: 'testrealm@host.com',
        nonce,
        algorithm: 'MD5',
        algorithmGiven: false,
        stale: false,
        userhash: false,
        opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      },
      { username: 'Mufasa', password: 'CircleOfLife' },
    );
    const f = fields(state.authorize('GET', '/dir/index.html'));
    assert.equal(f.get('response')?.value, expected);
    assert.equal(f.get('opaque')?.value, '5ccc069c403ebaf9f0171e9517f40e41');
    for (const absent of ['qop', 'nc', 'cnonce', 'algorithm']) {
      assert.ok(!f.has(absent), `${absent} must not be sent to an RFC 2069 server`);
    }
  });
});

describe('digest: nonce state and header details', () => {
  const creds = { username: 'Mufasa', password: 'Circle of Life' };

  it('counts nc per nonce in 8 hex digits and uses a new random cnonce each time', () => {
    const state = new DigestNonce(challenge({}), creds);
    const seen = new Set<string>();
    let last = '';
    for (let i = 1; i <= 17; i++) {
      const f = fields(state.authorize('GET', '/x'));
      last = f.get('nc')?.value ?? '';
      assert.equal(last, i.toString(16).padStart(8, '0'));
      const cnonce = f.get('cnonce')?.value ?? '';
      assert.match(cnonce, /^[0-9a-f]{32}$/);
      seen.add(cnonce);
    }
    assert.equal(last, '00000011');
    assert.equal(seen.size, 17);
    assert.equal(state.used, 17);
    // A new nonce starts again at 1.
    const other = new DigestNonce(challenge({ nonce: 'other' }), creds);
    assert.equal(fields(other.authorize('GET', '/x')).get('nc')?.value, '00000001');
  });

  it('each response verifies against its own nc and cnonce', () => {
    const state = new DigestNonce(challenge({ algorithm: 'SHA-256' }), creds);
    for (let i = 0; i < 3; i++) {
      const f = fields(state.authorize('POST', '/api?x=1&y=%2F'));
      const expected = computeDigestResponse({
        ...creds,
        algorithm: 'SHA-256',
        realm: RFC7616.realm,
        nonce: RFC7616.nonce,
        method: 'POST',
        uri: '/api?x=1&y=%2F',
        qop: 'auth',
        nc: f.get('nc')?.value,
        cnonce: f.get('cnonce')?.value,
      });
      assert.equal(f.get('response')?.value, expected);
      assert.equal(f.get('uri')?.value, '/api?x=1&y=%2F');
    }
  });

  it('-sess keeps the first cnonce for the nonce so A1 stays valid; nc still counts', () => {
    let n = 0;
    const state = new DigestNonce(challenge({ algorithm: 'MD5-sess' }), creds, () => `c${++n}`);
    const a = fields(state.authorize('GET', '/a'));
    const b = fields(state.authorize('GET', '/b'));
    assert.equal(a.get('cnonce')?.value, 'c1');
    assert.equal(b.get('cnonce')?.value, 'c1');
    assert.equal(b.get('nc')?.value, '00000002');
    const expected = computeDigestResponse({
      ...creds,
      algorithm: 'MD5-sess',
      realm: RFC7616.realm,
      nonce: RFC7616.nonce,
      method: 'GET',
      uri: '/b',
      qop: 'auth',
      nc: '00000002',
      cnonce: 'c1',
    });
    assert.equal(b.get('response')?.value, expected);
  });

  it('qop auth-int hashes the body', () => {
    const state = new DigestNonce(challenge({ qop: 'auth-int' }), creds, () => 'cn');
    const f = fields(state.authorize('POST', '/p', '{"a":1}'));
    assert.equal(f.get('qop')?.value, 'auth-int');
    const md5 = (s: string) => crypto.createHash('md5').update(s).digest('hex');
    const ha1 = md5(`Mufasa:${RFC7616.realm}:Circle of Life`);
    const ha2 = md5(`POST:/p:${md5('{"a":1}')}`);
    assert.equal(f.get('response')?.value, md5(`${ha1}:${RFC7616.nonce}:00000001:cn:auth-int:${ha2}`));
  });

  it('a non-ASCII user name without userhash goes as username* (RFC 8187), hashed as UTF-8', () => {
    const user = { username: 'J\u00e4s\u00f8n Doe', password: 'pw' };
    const state = new DigestNonce(challenge({ charset: 'UTF-8' }), user, () => 'cn');
    const header = state.authorize('GET', '/');
    assert.match(header, /username\*=UTF-8''J%C3%A4s%C3%B8n%20Doe/);
    assert.ok(!/\busername="/.test(header));
    const md5 = (b: Buffer | string) => crypto.createHash('md5').update(b).digest('hex');
    const ha1 = md5(Buffer.concat([Buffer.from('J\u00e4s\u00f8n Doe', 'utf8'), Buffer.from(`:${RFC7616.realm}:pw`)]));
    assert.equal(
      fields(header).get('response')?.value,
      md5(`${ha1}:${RFC7616.nonce}:00000001:cn:auth:${md5('GET:/')}`),
    );
    assert.match(header, /^[\x20-\x7e]+$/, 'header must be printable ASCII');
  });

  it('escapes quotes and backslashes in quoted values', () => {
    const state = new DigestNonce(
      challenge({ realm: 'a "b" \\c', opaque: 'o"p' }),
      { username: 'we"ird\\', password: 'p' },
      () => 'cn',
    );
    const f = fields(state.authorize('GET', '/'));
    assert.equal(f.get('username')?.value, 'we"ird\\');
    assert.equal(f.get('realm')?.value, 'a "b" \\c');
    assert.equal(f.get('opaque')?.value, 'o"p');
  });

  it('follows Authentication-Info nextnonce with a fresh counter', () => {
    const state = new DigestNonce(challenge({}), creds);
    state.authorize('GET', '/');
    state.authorize('GET', '/');
    assert.equal(state.next(undefined), undefined);
    assert.equal(state.next('rspauth="abc", qop=auth'), undefined);
    const next = state.next('nextnonce="n+/=", rspauth="abc"');
    assert.ok(next);
    const f = fields(next.authorize('GET', '/'));
    assert.equal(f.get('nonce')?.value, 'n+/=');
    assert.equal(f.get('nc')?.value, '00000001');
    assert.equal(parseAuthParams('nextnonce="x", qop=auth').qop, 'auth');
  });

  it('randomCnonce gives distinct 128-bit hex values', () => {
    const set = new Set(Array.from({ length: 600 }, () => randomCnonce()));
    assert.equal(set.size, 600);
    for (const v of set) {
      assert.match(v, /^[0-9a-f]{32}$/);
    }
  });

  it('authorizing stays linear on one nonce: 4 times the headers cost about 4 times as much', () => {
    assertScalesLinearly(
      (n) => {
        const state = new DigestNonce(challenge({ algorithm: 'SHA-256' }), creds);
        for (let i = 0; i < n; i++) {
          state.authorize('GET', '/api/public/v1.0/groups/5a0a1e7e0f2912c554080adc/clusters');
        }
      },
      5000,
      'SHA-256 Authorization headers on one nonce',
    );
  });
});
