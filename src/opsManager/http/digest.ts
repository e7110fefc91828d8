// HTTP Digest access authentication (RFC 7616, with RFC 2617 and RFC 2069 fallbacks): picking the challenge to
// answer, computing the response, and the per-nonce state that lets one challenge authorize many requests.
// Everything here is pure except the random client nonce; the request loop lives in http.ts.
// Over 300 lines because RFC 7616, 2617 and 2069 share the challenge model; each part is a pure function.

import * as crypto from 'node:crypto';
import { parseAuthParams, parseChallenges } from './authHeader';

export const DIGEST_ALGORITHMS = [
  'MD5',
  'MD5-sess',
  'SHA-256',
  'SHA-256-sess',
  'SHA-512-256',
  'SHA-512-256-sess',
] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];
export type DigestQop = 'auth' | 'auth-int';

/** A Digest challenge we can answer. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  algorithm: DigestAlgorithm;
  /** Whether the server named the algorithm (we then name it back; RFC 2069 servers may not know the field). */
  algorithmGiven: boolean;
  /** Undefined: the server offered no qop, answer RFC 2069 style. */
  qop?: DigestQop;
  opaque?: string;
  stale: boolean;
  userhash: boolean;
  charset?: string;
}

/** Node hash names; SHA-512-256 is the truncated-IV SHA-512/256 of FIPS 180-4, not a truncated SHA-512. */
const NODE_HASH: Record<DigestAlgorithm, string> = {
  MD5: 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
  'SHA-512-256': 'sha512-256',
  'SHA-512-256-sess': 'sha512-256',
};

/** Higher is stronger; a plain variant beats its -sess twin because servers implement it more consistently. */
const STRENGTH: Record<DigestAlgorithm, number> = {
  'SHA-512-256': 6,
  'SHA-512-256-sess': 5,
  'SHA-256': 4,
  'SHA-256-sess': 3,
  MD5: 2,
  'MD5-sess': 1,
};

const ALGORITHM_BY_LOWER = new Map<string, DigestAlgorithm>(DIGEST_ALGORITHMS.map((a) => [a.toLowerCase(), a]));

const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined =
  typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** Hex digest of the UTF-8 bytes of `data`. */
export function digestHash(algorithm: DigestAlgorithm, data: string): string {
  const name = NODE_HASH[algorithm];
  return oneShot ? oneShot(name, data, 'hex') : crypto.createHash(name).update(data, 'utf8').digest('hex');
}

function isSess(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

/** Reads one parsed challenge as Digest; undefined when it is another scheme or one we cannot answer. */
export function toDigestChallenge(scheme: string, params: Record<string, string>): DigestChallenge | undefined {
  if (scheme.toLowerCase() !== 'digest') {
    return undefined;
  }
  const nonce = params.nonce;
  if (nonce === undefined) {
    return undefined;
  }
  let algorithm: DigestAlgorithm = 'MD5';
  const algorithmGiven = params.algorithm !== undefined && params.algorithm !== '';
  if (algorithmGiven) {
    const known = ALGORITHM_BY_LOWER.get(params.algorithm.toLowerCase());
    if (!known) {
      return undefined;
    }
    algorithm = known;
  }
  let qop: DigestQop | undefined;
  if (params.qop !== undefined) {
    const offered = params.qop.split(',').map((q) => q.trim().toLowerCase());
    if (offered.includes('auth')) {
      qop = 'auth';
    } else if (offered.includes('auth-int')) {
      qop = 'auth-int';
    } else if (offered.some((q) => q !== '')) {
      return undefined; // only qops we do not know
    }
  }
  const challenge: DigestChallenge = {
    realm: params.realm ?? '',
    nonce,
    algorithm,
    algorithmGiven,
    stale: params.stale?.toLowerCase() === 'true',
    userhash: params.userhash?.toLowerCase() === 'true',
  };
  if (qop) {
    challenge.qop = qop;
  }
  if (params.opaque !== undefined) {
    challenge.opaque = params.opaque;
  }
  if (params.charset !== undefined) {
    challenge.charset = params.charset;
  }
  return challenge;
}

/** Every Digest challenge we can answer in these `WWW-Authenticate` values, in the server's order. */
export function parseDigestChallenges(header: string | readonly string[] | undefined): DigestChallenge[] {
  const out: DigestChallenge[] = [];
  for (const c of parseChallenges(header)) {
    const digest = toDigestChallenge(c.scheme, c.params);
    if (digest) {
      out.push(digest);
    }
  }
  return out;
}

/** The strongest answerable Digest challenge; on a tie, the one the server listed first. */
export function selectDigestChallenge(header: string | readonly string[] | undefined): DigestChallenge | undefined {
  let best: DigestChallenge | undefined;
  for (const c of parseDigestChallenges(header)) {
    if (!best || STRENGTH[c.algorithm] > STRENGTH[best.algorithm]) {
      best = c;
    }
  }
  return best;
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: DigestQop;
  /** Required with a qop. */
  cnonce?: string;
  /** 8 hex digits, required with a qop. */
  nc?: string;
  /** The request body, for qop auth-int. */
  body?: string;
}

/** H(user:realm:password), or for -sess H(that:nonce:cnonce). */
export function computeHA1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
  nonce?: string,
  cnonce?: string,
): string {
  const base = digestHash(algorithm, `${username}:${realm}:${password}`);
  return isSess(algorithm) ? digestHash(algorithm, `${base}:${nonce ?? ''}:${cnonce ?? ''}`) : base;
}

function computeHA2(
  algorithm: DigestAlgorithm,
  method: string,
  uri: string,
  qop: DigestQop | undefined,
  body: string | undefined,
): string {
  return qop === 'auth-int'
    ? digestHash(algorithm, `${method}:${uri}:${digestHash(algorithm, body ?? '')}`)
    : digestHash(algorithm, `${method}:${uri}`);
}

function responseFromHA1(ha1: string, input: Omit<DigestResponseInput, 'username' | 'password' | 'realm'>): string {
  const ha2 = computeHA2(input.algorithm, input.method, input.uri, input.qop, input.body);
  return input.qop
    ? digestHash(input.algorithm, `${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}:${ha2}`)
    : digestHash(input.algorithm, `${ha1}:${input.nonce}:${ha2}`); // RFC 2069
}

/** The `response` value (hex). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const ha1 = computeHA1(input.algorithm, input.username, input.realm, input.password, input.nonce, input.cnonce);
  return responseFromHA1(ha1, input);
}

/** RFC 7616 §3.4.4: the username sent when the server asks for `userhash=true`. */
export function computeUserhash(algorithm: DigestAlgorithm, username: string, realm: string): string {
  return digestHash(algorithm, `${username}:${realm}`);
}

function quote(value: string): string {
  return /["\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : `"${value}"`;
}

// RFC 8187 attr-char: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~ — everything else is percent-encoded.
function extValue(value: string): string {
  return `UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The username part of the header: hashed, quoted, or `username*` for names a quoted string cannot carry. */
function usernameField(challenge: DigestChallenge, username: string): string {
  if (challenge.userhash) {
    return `username="${computeUserhash(challenge.algorithm, username, challenge.realm)}", userhash=true`;
  }
  return PRINTABLE_ASCII.test(username) ? `username=${quote(username)}` : `username*=${extValue(username)}`;
}

// Client nonces come from a pooled crypto.randomBytes buffer: one system call per 256 requests.
const CNONCE_BYTES = 16;
let cnoncePool = Buffer.alloc(0);
let cnonceOffset = 0;

/** 128 random bits as 32 hex digits. */
export function randomCnonce(): string {
  if (cnonceOffset + CNONCE_BYTES > cnoncePool.length) {
    cnoncePool = crypto.randomBytes(CNONCE_BYTES * 256);
    cnonceOffset = 0;
  }
  const out = cnoncePool.toString('hex', cnonceOffset, cnonceOffset + CNONCE_BYTES);
  cnonceOffset += CNONCE_BYTES;
  return out;
}

const MAX_NC = 0xffffffff;

export interface DigestCredentials {
  username: string;
  password: string;
}

/**
 * One server nonce and its request counter. Every `authorize` call takes the next `nc`, so concurrent requests
 * sharing the nonce never reuse a count. HA1 and the constant header fields are computed once per nonce.
 */
export class DigestNonce {
  readonly challenge: DigestChallenge;
  private readonly credentials: DigestCredentials;
  private readonly makeCnonce: () => string;
  private count = 0;
  private readonly ha1: string;
  /** -sess: A1 binds the first cnonce, so that cnonce is kept for the nonce's life (nc still counts up). */
  private readonly sessCnonce?: string;
  private readonly head: string;
  private readonly tail: string;

  constructor(challenge: DigestChallenge, credentials: DigestCredentials, makeCnonce: () => string = randomCnonce) {
    this.challenge = challenge;
    this.credentials = credentials;
    this.makeCnonce = makeCnonce;
    const { algorithm, realm, nonce } = challenge;
    if (isSess(algorithm)) {
      this.sessCnonce = makeCnonce();
    }
    this.ha1 = computeHA1(algorithm, credentials.username, realm, credentials.password, nonce, this.sessCnonce);
    this.head = `Digest ${usernameField(challenge, credentials.username)}, realm=${quote(realm)}, nonce=${quote(nonce)}, uri=`;
    let tail = '';
    if (challenge.algorithmGiven || challenge.qop) {
      tail += `, algorithm=${algorithm}`;
    }
    if (challenge.opaque !== undefined) {
      tail += `, opaque=${quote(challenge.opaque)}`;
    }
    this.tail = tail;
  }

  /** How many requests this nonce has authorized. */
  get used(): number {
    return this.count;
  }

  /** True once the 8-hex-digit counter is spent; a fresh challenge is needed. */
  get exhausted(): boolean {
    return this.count >= MAX_NC;
  }

  /** The `Authorization` header for one request. `uri` is the request target exactly as sent. */
  authorize(method: string, uri: string, body?: string): string {
    this.count++;
    const { algorithm, nonce, qop } = this.challenge;
    if (!qop) {
      const response = responseFromHA1(this.ha1, { algorithm, nonce, method, uri });
      return `${this.head}${quote(uri)}, response="${response}"${this.tail}`;
    }
    const nc = this.count.toString(16).padStart(8, '0');
    const cnonce = this.sessCnonce ?? this.makeCnonce();
    const response = responseFromHA1(this.ha1, { algorithm, nonce, method, uri, qop, nc, cnonce, body });
    return `${this.head}${quote(uri)}, response="${response}"${this.tail}, qop=${qop}, nc=${nc}, cnonce=${quote(cnonce)}`;
  }

  /** The state for the `nextnonce` a server announced in `Authentication-Info`, or undefined when there is none. */
  next(authenticationInfo: string | readonly string[] | undefined): DigestNonce | undefined {
    if (authenticationInfo === undefined) {
      return undefined;
    }
    const nextnonce = parseAuthParams(authenticationInfo).nextnonce;
    if (nextnonce === undefined || nextnonce === '' || nextnonce === this.challenge.nonce) {
      return undefined;
    }
    return new DigestNonce({ ...this.challenge, nonce: nextnonce, stale: false }, this.credentials, this.makeCnonce);
  }
}

/**
 * What a 401 offered when none of it could be answered, for the message ("Basic", "Digest with algorithm
 * SHA-512, qop auth-conf"); empty when it offered nothing. At most 5 challenges, each value cut to 40 characters.
 */
export function describeOfferedChallenges(header: string | readonly string[] | undefined): string {
  const parts = parseChallenges(header)
    .slice(0, 5)
    .map((c) => {
      if (c.scheme.toLowerCase() !== 'digest') {
        return c.scheme.slice(0, 40);
      }
      // "Digest with algorithm X": never "Digest algorithm=X", which reads as credentials and gets masked.
      const said = ['algorithm', 'qop']
        .filter((name) => c.params[name] !== undefined)
        .map((name) => `${name} ${c.params[name].slice(0, 40)}`);
      if (c.params.nonce === undefined) said.push('no nonce');
      return said.length === 0 ? 'Digest' : `Digest with ${said.join(', ')}`;
    });
  return parts.join(', ');
}
