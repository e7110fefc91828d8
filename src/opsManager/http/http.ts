// The HTTP client for the Ops Manager API: digest authentication on top of a keep-alive undici dispatcher.
// One challenge authorizes many requests: the nonce is reused pre-emptively with a rising `nc`, so N calls cost
// N + 1 requests. Credentials go only to the configured origin, redirects are never followed, and every retry is
// bounded (at most three requests per call), so a confused server cannot make us loop.
// Over 300 lines because the digest request loop (challenge, nonce reuse, stale retry, one challenge in flight)
// is one state machine; the transport (undici, TLS, proxy) and the digest maths live beside it.

import { performance } from 'node:perf_hooks';
import { describeOfferedChallenges, DigestNonce, selectDigestChallenge } from './digest';
import { OpsManagerError, requestCancelled, stripCredentials } from '../common';
import { type BodyConsumer, exchange } from './exchange';
import { answersTls, toNetworkError } from './netErrors';
import { createDispatcherInfo, DispatcherInfo, resolveTimeouts, TransportOptions } from './transport';

export { createDispatcher, DEFAULT_TIMEOUT_MS } from './transport';
export type { TransportOptions } from './transport';

export interface RequestLogEntry {
  method: string;
  /** Without credentials. */
  url: string;
  status?: number;
  durationMs: number;
  /** Whether the request carried an Authorization header (its value is never logged). */
  authorized: boolean;
  error?: string;
}

export interface DigestHttpClientOptions extends TransportOptions {
  /** e.g. https://om.example.com:8443 — credentials only ever go here. */
  origin: string;
  username: string;
  password: string;
  /** Called once per HTTP request actually sent. */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Longest one request may take in total, however slowly data keeps coming (the idle timeouts never fire on a
   * body trickled a byte at a time). Default: connect + headers + body timeouts (90 s with the defaults).
   */
  deadlineMs?: number;
}

export interface HttpRequest {
  method?: string;
  /** Absolute URL on the client's origin. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  url: string;
  /**
   * Set on a 401 to a request that carried no credentials because the server offered no Digest challenge this
   * client can answer: what it offered ("Basic", "" for nothing). The API key was then never sent.
   */
  unusableChallenge?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Unauthenticated or pre-emptive try, answer to a challenge, one retry after stale=true. */
const MAX_SENDS_PER_CALL = 3;

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function tooLarge(url: string, limit: number, size?: number): OpsManagerError {
  return new OpsManagerError({
    kind: 'parse',
    code: 'RESPONSE_TOO_LARGE',
    params: { url, limit, size },
    message: `Response from ${url} over ${limit} bytes${size !== undefined ? ` (${size})` : ''}`,
    url,
  });
}

/** Collects an API answer's body, refusing it once it grows past the limit (a hostile or broken server). */
class BodyCollector implements BodyConsumer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly url: string,
  ) {}

  take(chunk: Buffer): undefined {
    this.size += chunk.length;
    if (this.size > this.limit) {
      throw tooLarge(this.url, this.limit);
    }
    this.chunks.push(chunk);
    return undefined;
  }

  text(): string {
    const { chunks } = this;
    return chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, this.size).toString('utf8');
  }
}

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class DigestHttpClient {
  readonly stats = { requests: 0, challenges: 0 };
  private readonly options: DigestHttpClientOptions;
  private readonly origin: string;
  private transport?: DispatcherInfo;
  /** The nonce every request reuses until the server asks for a new one. */
  private session?: DigestNonce;
  /** While the very first request is out, others wait for its challenge instead of each drawing their own. */
  private firstExchange?: Promise<void>;

  constructor(options: DigestHttpClientOptions) {
    this.options = options;
    let origin: URL;
    try {
      origin = new URL(options.origin);
    } catch {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `"${stripCredentials(options.origin)}" is not a valid URL. Check the server's baseUrl setting.`,
      });
    }
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `"${stripCredentials(options.origin)}" must start with https:// or http://. Check the server's baseUrl setting.`,
      });
    }
    this.origin = origin.origin;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const { url, path, method } = this.check(req);
    const shownUrl = stripCredentials(url.href);
    if (req.signal?.aborted) {
      throw requestCancelled(shownUrl);
    }
    if (this.session?.exhausted) {
      this.session = undefined; // 2^32 requests on one nonce: ask for a new one
    }
    // Wait while an exchange is out and no nonce is known: when it ends without one (it failed), the next
    // waiter goes on alone and the others wait for it in turn, so at most one challenge is in flight.
    while (!this.session && this.firstExchange) {
      await this.waitFor(this.firstExchange, req.signal, shownUrl);
    }
    let releaseGate: (() => void) | undefined;
    if (!this.session && !this.firstExchange) {
      this.firstExchange = new Promise<void>((resolve) => (releaseGate = resolve));
    }
    const release = () => {
      if (releaseGate) {
        releaseGate();
        releaseGate = undefined;
        this.firstExchange = undefined;
      }
    };
    try {
      let session = this.session;
      let answeredFresh = false; // the nonce in use came from a challenge received during this call
      let staleRetried = false;
      for (let send = 1; ; send++) {
        const authorization = session?.authorize(method, path, req.body);
        const res = await this.send(url, path, method, req, authorization);
        if (res.status !== 401) {
          if (session) {
            this.followNextNonce(session, res.headers['authentication-info']);
          }
          return { ...res, url: shownUrl };
        }
        const challenge = selectDigestChallenge(res.headers['www-authenticate']);
        if (!challenge && authorization === undefined) {
          return {
            ...res,
            url: shownUrl,
            unusableChallenge: describeOfferedChallenges(res.headers['www-authenticate']),
          };
        }
        if (!challenge || send >= MAX_SENDS_PER_CALL) {
          return { ...res, url: shownUrl };
        }
        if (!session || (challenge.stale && !staleRetried) || !answeredFresh) {
          staleRetried ||= session !== undefined && challenge.stale;
          // After a reused nonce was refused, another request may already hold a fresher one: use it.
          session =
            session && !challenge.stale && this.session && this.session !== session && !this.session.exhausted
              ? this.session
              : this.adopt(challenge);
          answeredFresh = true;
          release();
          continue;
        }
        return { ...res, url: shownUrl }; // a freshly answered challenge was refused: wrong credentials or not allowed
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    this.session = undefined;
    await transport?.dispatcher.close();
  }

  private check(req: HttpRequest): { url: URL; path: string; method: string } {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `"${stripCredentials(req.url)}" is not a valid URL.`,
      });
    }
    if (url.origin !== this.origin) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `Refusing to send Ops Manager credentials to ${url.origin}: this client only talks to ${this.origin}.`,
        url: url.href,
      });
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (!METHOD.test(method)) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: `"${req.method}" is not an HTTP method.`,
        url: url.href,
      });
    }
    return { url, path: url.pathname + url.search, method };
  }

  private adopt(challenge: NonNullable<ReturnType<typeof selectDigestChallenge>>): DigestNonce {
    this.stats.challenges++;
    const session = new DigestNonce(challenge, { username: this.options.username, password: this.options.password });
    this.session = session;
    return session;
  }

  /** RFC 7616 §3.5: a server may hand out the next nonce in Authentication-Info. */
  private followNextNonce(used: DigestNonce, info: string | string[] | undefined): void {
    if (info !== undefined && this.session === used) {
      const next = used.next(info);
      if (next) {
        this.session = next;
      }
    }
    if (this.session?.exhausted) {
      this.session = undefined;
    }
  }

  private async waitFor(gate: Promise<void>, signal: AbortSignal | undefined, shownUrl: string): Promise<void> {
    if (!signal) {
      return gate;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(requestCancelled(shownUrl));
      signal.addEventListener('abort', onAbort, { once: true });
      void gate.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  private deadlineMs(): number {
    const given = this.options.deadlineMs;
    if (given !== undefined && Number.isFinite(given) && given > 0) {
      return given;
    }
    const t = resolveTimeouts(this.options);
    return t.connectMs + t.headersMs + t.bodyMs;
  }

  private getTransport(): DispatcherInfo {
    this.transport ??= createDispatcherInfo(this.origin, this.options);
    return this.transport;
  }

  private async send(
    url: URL,
    path: string,
    method: string,
    req: HttpRequest,
    authorization: string | undefined,
  ): Promise<Sent> {
    const transport = this.getTransport();
    const shownUrl = stripCredentials(url.href);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      if (name.toLowerCase() !== 'authorization') {
        headers[name] = value;
      }
    }
    if (authorization) {
      headers.authorization = authorization;
    }
    const limit = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const deadlineMs = this.deadlineMs();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const signal = req.signal === undefined ? deadline.signal : AbortSignal.any([req.signal, deadline.signal]);
    const started = performance.now();
    let status: number | undefined;
    this.stats.requests++;
    try {
      // The handler API rather than request(): no Readable stream and async iteration per answer, which was a
      // good part of the client's own CPU per call (docs/benchmarks.md).
      let body: BodyCollector | undefined;
      const answer = await exchange({
        dispatcher: transport.dispatcher,
        request: { origin: this.origin, path, method, headers, body: req.body },
        signal,
        open: (answered, responseHeaders) => {
          status = answered;
          const declared = Number(responseHeaders['content-length']);
          if (Number.isFinite(declared) && declared > limit) {
            throw tooLarge(shownUrl, limit, declared);
          }
          body = new BodyCollector(limit, shownUrl);
          return body;
        },
        textLimit: 0,
        failure: (error) => (error instanceof Error ? error : new Error(String(error))),
      });
      // undici frees the connection for the next request a loop turn after the answer ends; without this yield
      // the next call would open a second connection instead of reusing this one.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.log({
        method,
        url: shownUrl,
        status,
        durationMs: performance.now() - started,
        authorized: authorization !== undefined,
      });
      return { status: answer.status, headers: answer.headers, body: body?.text() ?? '' };
    } catch (error) {
      let mapped =
        deadline.signal.aborted && !req.signal?.aborted
          ? new OpsManagerError({
              kind: 'timeout',
              code: 'DEADLINE',
              params: { host: url.host, origin: this.origin, seconds: Math.round(deadlineMs / 1000) },
              message: `${url.host}: the request took longer than ${deadlineMs} ms in total`,
              url: shownUrl,
              cause: error,
            })
          : toNetworkError(error, {
              url: shownUrl,
              signal: req.signal,
              role: 'api',
              proxy: transport.proxy?.url,
            });
      if (
        mapped.code === 'CONNECTION_CLOSED' &&
        status === undefined &&
        url.protocol === 'http:' &&
        transport.proxy === undefined &&
        (await answersTls(url))
      ) {
        mapped = new OpsManagerError({
          kind: 'network',
          code: 'SPEAKS_TLS',
          params: { ...mapped.params },
          message: `${url.host} closed a plain-HTTP connection and answers TLS: the base URL needs https://`,
          url: shownUrl,
          cause: error,
        });
      }
      this.log({
        method,
        url: shownUrl,
        status,
        durationMs: performance.now() - started,
        authorized: authorization !== undefined,
        error: mapped.message,
      });
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  private log(entry: RequestLogEntry): void {
    try {
      this.options.onRequest?.(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  }
}
