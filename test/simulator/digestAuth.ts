// Server-side HTTP Digest (RFC 7616 / 2617 / 2069) as Ops Manager speaks it. Written independently of the
// extension's client (src/opsManager/digest.ts) on purpose: the simulator is the oracle that client is tested
// against, so sharing code would let one bug hide itself.
import * as crypto from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess'];

export interface DigestServerOptions {
  realm: string;
  username: string;
  password: string;
  /** Offered in this order, one challenge each. */
  algorithms: DigestAlgorithm[];
  /** Offer `qop="auth"`; without it the RFC 2069 answer (no nc/cnonce) is expected. */
  qop: boolean;
  /** A nonce older than this is answered with `stale=true`; 0 = never expires. */
  nonceTtlMs: number;
  /** Several algorithms: one WWW-Authenticate header per challenge, or all challenges in one header. */
  challengeStyle: 'headers' | 'combined';
}

/** What the verifier concluded; `ok` is the only success. */
export type DigestOutcome =
  | 'ok'
  /** No Authorization header, or not a Digest one. */
  | 'missing'
  /** Unparseable header, missing parameters, unsupported algorithm or qop. */
  | 'malformed'
  /** Wrong user name, realm or password. */
  | 'bad-credentials'
  /** Right password, but the nonce expired or was never issued here: challenge again with stale=true. */
  | 'stale'
  /** An `nc` already used with this nonce. */
  | 'replay'
  /** The `uri` parameter is not the request target. */
  | 'uri-mismatch';

interface NonceState {
  issuedAt: number;
  usedNc: Set<number>;
}

/** Parses `Digest k=v, k="v"`; undefined when it is not a well-formed Digest credential. */
export function parseDigestCredentials(header: string): Map<string, string> | undefined {
  const m = /^\s*Digest\s+/i.exec(header);
  if (!m) return undefined;
  const params = new Map<string, string>();
  let i = m[0].length;
  const s = header;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
    if (i >= s.length) break;
    const nameMatch = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(s.slice(i));
    if (!nameMatch) return undefined;
    const name = nameMatch[0].toLowerCase();
    i += nameMatch[0].length;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] !== '=') return undefined;
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    let value = '';
    if (s[i] === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const c = s[i];
        if (c === '\\' && i + 1 < s.length) {
          value += s[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const tok = /^[^\s,]*/.exec(s.slice(i));
      value = tok ? tok[0] : '';
      i += value.length;
    }
    if (params.has(name)) return undefined; // a repeated parameter is ambiguous: refuse it
    params.set(name, value);
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i < s.length && s[i] !== ',') return undefined;
  }
  return params;
}

function hashName(algorithm: DigestAlgorithm): 'md5' | 'sha256' {
  return algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
}

function h(algorithm: DigestAlgorithm, text: string): string {
  return crypto.createHash(hashName(algorithm)).update(text, 'utf8').digest('hex');
}

/** The response a correct client computes; exported for the tests' own client. */
export function expectedResponse(p: {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}): string {
  let ha1 = h(p.algorithm, `${p.username}:${p.realm}:${p.password}`);
  if (p.algorithm.endsWith('-sess')) ha1 = h(p.algorithm, `${ha1}:${p.nonce}:${p.cnonce ?? ''}`);
  const ha2 = h(p.algorithm, `${p.method}:${p.uri}`);
  return p.qop
    ? h(p.algorithm, `${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`)
    : h(p.algorithm, `${ha1}:${p.nonce}:${ha2}`);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// Leading bytes 0xfb 0xff 0xbf encode to "+/+/", and 23 bytes in total leave one "=" of padding, so every
// nonce carries the characters that trip clients treating nonces as tokens rather than quoted strings.
const NONCE_PREFIX = Buffer.from([0xfb, 0xff, 0xbf]);
const MAX_NONCES = 50_000;

export class DigestVerifier {
  private readonly nonces = new Map<string, NonceState>();

  constructor(readonly options: DigestServerOptions) {
    if (options.algorithms.length === 0) throw new Error('at least one digest algorithm is needed');
  }

  /** Header values for WWW-Authenticate (one per challenge, or one combined), all with one fresh nonce. */
  challenge(stale: boolean, now = Date.now()): string[] {
    const nonce = this.issueNonce(now);
    const challenges = this.options.algorithms.map((algorithm) => {
      const parts = [`Digest realm="${this.options.realm}"`, 'domain=""', `nonce="${nonce}"`, `algorithm=${algorithm}`];
      if (this.options.qop) parts.push('qop="auth"');
      parts.push(`stale=${stale ? 'true' : 'false'}`);
      return parts.join(', ');
    });
    return this.options.challengeStyle === 'combined' ? [challenges.join(', ')] : challenges;
  }

  /** Checks an Authorization header against the request line (`requestTarget` = path + query as sent). */
  verify(method: string, requestTarget: string, header: string | undefined, now = Date.now()): DigestOutcome {
    if (header === undefined || !/^\s*Digest\s/i.test(header)) return 'missing';
    const p = parseDigestCredentials(header);
    if (!p) return 'malformed';
    const username = p.get('username');
    const realm = p.get('realm');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    if (
      username === undefined ||
      realm === undefined ||
      nonce === undefined ||
      uri === undefined ||
      response === undefined
    ) {
      return 'malformed';
    }
    const algorithmText = p.get('algorithm') ?? 'MD5';
    const algorithm = this.options.algorithms.find((a) => a.toLowerCase() === algorithmText.toLowerCase());
    if (!algorithm) return 'malformed';

    const qop = p.get('qop');
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    if (this.options.qop) {
      if (qop !== 'auth' || nc === undefined || cnonce === undefined || cnonce === '') return 'malformed';
      if (!/^[0-9a-fA-F]{8}$/.test(nc) || parseInt(nc, 16) === 0) return 'malformed';
    } else if (qop !== undefined || nc !== undefined) {
      return 'malformed'; // qop was not offered: an answer using it did not follow the challenge
    } else if (algorithm.endsWith('-sess') && cnonce === undefined) {
      return 'malformed';
    }

    const o = this.options;
    const expected = expectedResponse({
      algorithm,
      username,
      realm,
      password: o.password,
      method,
      uri,
      nonce,
      qop,
      nc,
      cnonce,
    });
    if (username !== o.username || realm !== o.realm || !sameHex(response, expected)) return 'bad-credentials';
    if (uri !== requestTarget) return 'uri-mismatch';

    const state = this.nonces.get(nonce);
    if (!state) return 'stale';
    if (o.nonceTtlMs > 0 && now - state.issuedAt > o.nonceTtlMs) {
      this.nonces.delete(nonce);
      return 'stale';
    }
    if (nc !== undefined) {
      // A set, not a high-water mark: concurrent requests sharing a nonce may arrive out of order.
      const n = parseInt(nc, 16);
      if (state.usedNc.has(n)) return 'replay';
      state.usedNc.add(n);
    }
    return 'ok';
  }

  private issueNonce(now: number): string {
    const nonce = Buffer.concat([NONCE_PREFIX, crypto.randomBytes(20)]).toString('base64');
    if (this.nonces.size >= MAX_NONCES) {
      const oldest = this.nonces.keys().next();
      if (!oldest.done) this.nonces.delete(oldest.value);
    }
    this.nonces.set(nonce, { issuedAt: now, usedNc: new Set() });
    return nonce;
  }
}

/** `"SHA-256,MD5"` → ['SHA-256', 'MD5']; throws on an unknown name. */
export function parseAlgorithmList(text: string): DigestAlgorithm[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) throw new Error('no digest algorithm given');
  return list.map((name) => {
    const a = DIGEST_ALGORITHMS.find((x) => x.toLowerCase() === name.toLowerCase());
    if (!a) throw new Error(`unknown digest algorithm "${name}" (use ${DIGEST_ALGORITHMS.join(', ')})`);
    return a;
  });
}
