// A small HTTP(S) server for the HTTP-layer tests, with its own digest check written independently of
// src/opsManager/digest.ts (regex parsing, node:crypto hashing), so the client is judged by a second opinion.

import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { AddressInfo } from 'node:net';
import { DigestHttpClient, type DigestHttpClientOptions } from '../../../src/opsManager/http/http';

export type ServerAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

export interface TestServerOptions {
  user?: string;
  password?: string;
  realm?: string;
  /** Challenges offered, each in its own WWW-Authenticate header unless `combine`. Default ['MD5']. */
  algorithms?: ServerAlgorithm[];
  combine?: boolean;
  /** Extra challenges sent first (e.g. 'Basic realm="x"'). */
  otherChallenges?: string[];
  /** false: RFC 2069 challenge (no qop). */
  qop?: boolean;
  /** Leave out algorithm= in the challenge. */
  omitAlgorithm?: boolean;
  /** A nonce is good for this many requests, then answered 401 stale=true. */
  nonceUses?: number;
  /** A reused nonce gets a plain 401 with a fresh challenge (no stale flag), like servers that forbid reuse. */
  singleUseNonce?: boolean;
  /** Every request gets 401 with a challenge, whatever it carries. */
  always401?: { stale?: boolean };
  /** After successful authentication (or for every request when `noAuth`). Default: 200 JSON. */
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  noAuth?: boolean;
  tls?: { key: string; cert: string };
  /** The first N requests get a 503 without a challenge (a server or proxy failing before auth). */
  failFirst?: number;
}

export interface LoggedRequest {
  method: string;
  url: string;
  authorization?: string;
  status?: number;
  nc?: string;
  nonce?: string;
  algorithm?: string;
}

export interface TestServer {
  origin: string;
  port: number;
  log: LoggedRequest[];
  connections: number;
  close(): Promise<void>;
}

const NODE_HASH: Record<string, string> = { md5: 'md5', 'sha-256': 'sha256', 'sha-512-256': 'sha512-256' };

function hashFor(algorithm: string): (s: string) => string {
  const base = algorithm.toLowerCase().replace(/-sess$/, '');
  const name = NODE_HASH[base];
  return (s) => crypto.createHash(name).update(s, 'utf8').digest('hex');
}

/** Authorization: Digest k=v, k="v" → map; the test's own reading, not the client's parser. */
export function parseAuthorization(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(re)) {
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return out;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const user = options.user ?? 'user';
  const password = options.password ?? 'secret';
  const realm = options.realm ?? 'MMS Public API';
  const algorithms = options.algorithms ?? ['MD5'];
  const qop = options.qop ?? true;
  const nonces = new Map<string, { uses: number; ncs: Set<string> }>();
  const log: LoggedRequest[] = [];
  let connections = 0;

  const newNonce = () => {
    // base64 with + / = on purpose, as Ops Manager sends them.
    let n = '';
    while (!/[+/]/.test(n)) {
      n = crypto.randomBytes(20).toString('base64');
    }
    nonces.set(n, { uses: 0, ncs: new Set() });
    return n;
  };

  const challenge = (res: http.ServerResponse, stale: boolean) => {
    const nonce = newNonce();
    const list = algorithms.map(
      (a) =>
        `Digest realm="${realm}", domain="", nonce="${nonce}"` +
        (options.omitAlgorithm ? '' : `, algorithm=${a}`) +
        (qop ? ', qop="auth"' : '') +
        `, opaque="op+/=aque", stale=${stale ? 'true' : 'false'}`,
    );
    const all = [...(options.otherChallenges ?? []), ...list];
    res.setHeader('WWW-Authenticate', options.combine ? all.join(', ') : all);
    res.setHeader('Content-Type', 'application/json');
    res.statusCode = 401;
    res.end(
      JSON.stringify({ error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.' }),
    );
  };

  /** 'ok' | 'stale' | 'bad' */
  const verify = (req: http.IncomingMessage, entry: LoggedRequest): 'ok' | 'stale' | 'bad' => {
    const header = req.headers.authorization;
    if (!header || !/^Digest /i.test(header)) {
      return 'bad';
    }
    const p = parseAuthorization(header);
    entry.nc = p.nc;
    entry.nonce = p.nonce;
    entry.algorithm = p.algorithm;
    const algorithm = p.algorithm ?? 'MD5';
    if (!algorithms.some((a) => a.toLowerCase() === algorithm.toLowerCase())) {
      return 'bad';
    }
    const state = nonces.get(p.nonce);
    if (!state || p.username !== user || p.realm !== realm || p.uri !== req.url || p.opaque !== 'op+/=aque') {
      return 'bad';
    }
    const h = hashFor(algorithm);
    let ha1 = h(`${user}:${realm}:${password}`);
    if (/-sess$/i.test(algorithm)) {
      ha1 = h(`${ha1}:${p.nonce}:${p.cnonce}`);
    }
    const ha2 = h(`${req.method}:${p.uri}`);
    let expected: string;
    if (qop) {
      if (p.qop !== 'auth' || !/^[0-9a-f]{8}$/.test(p.nc ?? '') || !p.cnonce) {
        return 'bad';
      }
      if (state.ncs.has(p.nc)) {
        return 'bad'; // replayed nc
      }
      expected = h(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    } else {
      if (p.qop !== undefined || p.nc !== undefined) {
        return 'bad';
      }
      expected = h(`${ha1}:${p.nonce}:${ha2}`);
    }
    if (p.response !== expected) {
      return 'bad';
    }
    if (options.singleUseNonce && state.uses >= 1) {
      return 'bad';
    }
    if (options.nonceUses !== undefined && state.uses >= options.nonceUses) {
      return 'stale';
    }
    state.uses++;
    if (p.nc) {
      state.ncs.add(p.nc);
    }
    return 'ok';
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const entry: LoggedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    req.resume();
    if (options.failFirst !== undefined && log.length <= options.failFirst) {
      res.statusCode = 503;
      res.end('busy');
      return;
    }
    if (options.always401) {
      challenge(res, options.always401.stale ?? false);
      return;
    }
    if (!options.noAuth) {
      const verdict = verify(req, entry);
      if (verdict !== 'ok') {
        challenge(res, verdict === 'stale');
        return;
      }
    }
    if (options.handler) {
      options.handler(req, res);
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ ok: true, path: req.url }));
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    log,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a mocha suite: `setup()` starts a test server and a DigestHttpClient with the server's credentials; both, and
 * anything else pushed onto `open`, are closed after each test.
 */
export function digestClientFixture(): {
  open: Array<{ close(): Promise<void> }>;
  setup(
    serverOptions?: TestServerOptions,
    clientOptions?: Partial<DigestHttpClientOptions>,
  ): Promise<{ server: TestServer; client: DigestHttpClient }>;
} {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });
  async function setup(serverOptions: TestServerOptions = {}, clientOptions: Partial<DigestHttpClientOptions> = {}) {
    const server = await startTestServer(serverOptions);
    open.push(server);
    const client = new DigestHttpClient({
      origin: server.origin,
      username: serverOptions.user ?? 'user',
      password: serverOptions.password ?? 'secret',
      ...clientOptions,
    });
    open.push(client);
    return { server, client };
  }
  return { open, setup };
}
