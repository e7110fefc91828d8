// A deliberately plain HTTP client for poking the simulator in tests: node:http(s), no keep-alive tricks, and
// its own few lines of digest (not src/opsManager/digest.ts, and not the simulator's verifier), so a bug in
// either of those cannot hide behind shared code.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Header lines as received (node joins repeated headers in `headers`). */
  rawHeaders: [string, string][];
  body: Buffer;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM to trust for https. */
  ca?: string | Buffer;
  /** Reject when no response arrived within this time (default 10 s). */
  timeoutMs?: number;
}

/** One request, the whole body buffered; rejects on network errors (a cut connection included). */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        ca: options.ca,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const body = Buffer.concat(parts);
          const rawHeaders: [string, string][] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            rawHeaders.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Challenge {
  algorithm: string;
  realm: string;
  nonce: string;
  qop?: string;
  stale?: string;
  domain?: string;
  params: Record<string, string>;
}

/** Digest challenges from WWW-Authenticate values (several headers, or several challenges in one). */
export function parseChallenges(values: string | string[] | undefined): Challenge[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  const out: Challenge[] = [];
  for (const value of list) {
    for (const part of value.split(/,\s*(?=Digest\s)/i)) {
      const m = /^\s*Digest\s+(.*)$/is.exec(part);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (const p of m[1].matchAll(/([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)/g)) {
        params[p[1].toLowerCase()] = p[3] !== undefined ? p[3].replace(/\\(.)/g, '$1') : p[2];
      }
      out.push({
        algorithm: params.algorithm ?? 'MD5',
        realm: params.realm ?? '',
        nonce: params.nonce ?? '',
        qop: params.qop,
        stale: params.stale,
        domain: params.domain,
        params,
      });
    }
  }
  return out;
}

function hex(algorithm: string, s: string): string {
  return crypto
    .createHash(algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(s)
    .digest('hex');
}

/** The Authorization header answering `c` for `method uri`, with nonce count `nc`. */
export function digestAuthorization(
  c: Challenge,
  user: string,
  key: string,
  method: string,
  uri: string,
  nc: number,
  cnonce = 'a1b2c3d4e5f6',
): string {
  let ha1 = hex(c.algorithm, `${user}:${c.realm}:${key}`);
  if (/-sess$/i.test(c.algorithm)) ha1 = hex(c.algorithm, `${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = hex(c.algorithm, `${method}:${uri}`);
  const ncText = nc.toString(16).padStart(8, '0');
  const useQop =
    c.qop !== undefined &&
    c.qop
      .split(',')
      .map((s) => s.trim())
      .includes('auth');
  const response = useQop
    ? hex(c.algorithm, `${ha1}:${c.nonce}:${ncText}:${cnonce}:auth:${ha2}`)
    : hex(c.algorithm, `${ha1}:${c.nonce}:${ha2}`);
  const parts = [
    `username="${user}"`,
    `realm="${c.realm}"`,
    `nonce="${c.nonce}"`,
    `uri="${uri}"`,
    `algorithm=${c.algorithm}`,
    `response="${response}"`,
  ];
  if (useQop) parts.push('qop=auth', `nc=${ncText}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

/** Answers one challenge per request (unauthenticated first); with `reuse`, later requests reuse the nonce (nc+1). */
export class RawDigestClient {
  private challenge?: Challenge;
  private nc = 0;

  constructor(
    readonly user: string,
    readonly key: string,
    readonly options: { ca?: string | Buffer; reuse?: boolean; prefer?: string } = {},
  ) {}

  async request(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
    const method = options.method ?? 'GET';
    const u = new URL(url);
    const uri = u.pathname + u.search;
    const send = (auth?: string): Promise<RawResponse> =>
      rawRequest(url, {
        ...options,
        ca: options.ca ?? this.options.ca,
        headers: { ...options.headers, ...(auth ? { Authorization: auth } : {}) },
      });
    let res = this.challenge && this.options.reuse ? await send(this.answer(method, uri)) : await send();
    for (let tries = 0; res.status === 401 && tries < 2; tries++) {
      const offered = parseChallenges(res.headers['www-authenticate']);
      if (offered.length === 0) break;
      // After answering a fresh challenge, only a stale nonce earns another try.
      if (tries > 0 && offered[0].stale !== 'true') break;
      const preferred = this.options.prefer ? offered.find((c) => c.algorithm === this.options.prefer) : undefined;
      this.challenge = preferred ?? offered[0];
      this.nc = 0;
      res = await send(this.answer(method, uri));
    }
    return res;
  }

  private answer(method: string, uri: string): string {
    if (!this.challenge) throw new Error('no challenge yet');
    this.nc++;
    return digestAuthorization(this.challenge, this.user, this.key, method, uri, this.nc);
  }
}
