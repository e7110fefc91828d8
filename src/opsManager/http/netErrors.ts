// Turns what undici and Node throw (codes buried in causes and AggregateErrors) into OpsManagerErrors whose
// code says which situation it is (the VS Code layer words it: check the base URL, the timeout setting, the
// server's caFile, the proxy); the message keeps the technical detail for the log.

import * as net from 'node:net';
import * as tls from 'node:tls';
import { type ErrorParams, isOpsManagerError, OpsManagerError, stripCredentials } from '../common';

export interface NetErrorContext {
  /** The request URL (credentials are stripped). */
  url: string;
  /** The caller's signal: an abort we asked for is a cancellation, never a network error. */
  signal?: AbortSignal;
  /** 'api': the Ops Manager API (messages point at baseUrl); 'download': a backup host (messages point at the link). */
  role?: 'api' | 'download';
  /** The proxy in use, if any (credentials are stripped). */
  proxy?: string;
}

interface Found {
  code?: string;
  message: string;
}

/** Collects codes and messages from the error, its causes and aggregated errors (happy-eyeballs connects). */
function collect(error: unknown, out: Found[] = [], depth = 0): Found[] {
  if (depth > 6 || error === null || typeof error !== 'object') {
    return out;
  }
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }; // inspected field by field
  out.push({
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
  });
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      collect(inner, out, depth + 1);
    }
  }
  if (e.cause !== undefined) {
    collect(e.cause, out, depth + 1);
  }
  return out;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps any error from a request to an OpsManagerError (an OpsManagerError passes through unchanged). */
export function toNetworkError(error: unknown, ctx: NetErrorContext): OpsManagerError {
  if (isOpsManagerError(error)) {
    return error;
  }
  const url = stripCredentials(ctx.url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const host = parsed?.host ?? url;
  const origin = parsed?.origin ?? url;
  const role = ctx.role ?? 'api';
  const proxy = ctx.proxy === undefined ? undefined : stripCredentials(ctx.proxy);
  const found = collect(error);
  const codes = new Set(found.map((f) => f.code).filter((c): c is string => c !== undefined));
  const has = (set: ReadonlySet<string>) => [...codes].some((c) => set.has(c));
  const first = found[0]?.message ?? String(error);
  const messages = found.map((f) => f.message).join(' | ');
  const make = (kind: OpsManagerError['kind'], code: string, params: ErrorParams, message: string) =>
    new OpsManagerError({ kind, code, params: { host, origin, role, ...params }, message, url, cause: error });

  // Only our own signal means cancelled: undici also names a refused proxy tunnel an AbortError.
  if (ctx.signal?.aborted) {
    return make('cancelled', 'CANCELLED', {}, `Request to ${host} was cancelled.`);
  }
  if (has(TIMEOUTS)) {
    const phase =
      codes.has('UND_ERR_CONNECT_TIMEOUT') || codes.has('ETIMEDOUT')
        ? 'connect'
        : codes.has('UND_ERR_BODY_TIMEOUT')
          ? 'body'
          : 'headers';
    return make('timeout', 'TIMEOUT', { phase }, `${host}: no answer in time (${phase}; ${[...codes].join(', ')})`);
  }
  if (has(UNTRUSTED)) {
    const selfSigned = codes.has('DEPTH_ZERO_SELF_SIGNED_CERT') || codes.has('SELF_SIGNED_CERT_IN_CHAIN');
    return make('tls', 'TLS_UNTRUSTED', { selfSigned }, `${host}: certificate not trusted (${first})`);
  }
  if (has(EXPIRED)) {
    return make('tls', 'TLS_EXPIRED', {}, `${host}: certificate expired or not yet valid (${first})`);
  }
  if (codes.has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return make('tls', 'TLS_WRONG_HOST', {}, `${host}: certificate does not name this host (${first})`);
  }
  if (
    [...codes].some((c) => c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_') || c === 'EPROTO') ||
    codes.has('UND_ERR_PRX_TLS')
  ) {
    return make('tls', 'TLS_HANDSHAKE', { detail: first }, `${host}: TLS handshake failed (${first})`);
  }
  const proxyStatus = /Proxy response \((\d+)\)/.exec(messages);
  if (proxyStatus) {
    return make(
      'network',
      'PROXY_REFUSED_TARGET',
      { proxy, status: proxyStatus[1] },
      `Proxy ${proxy ?? ''} refused to connect to ${host} (status ${proxyStatus[1]})`,
    );
  }
  if (/Proxy Authentication Required/i.test(messages)) {
    return make('network', 'PROXY_AUTH_REQUIRED', { proxy }, `Proxy ${proxy ?? ''} requires authentication`);
  }
  if (has(REFUSED)) {
    // Through a proxy, the only connection this machine opens is to the proxy: a refusal is the proxy's.
    return proxy !== undefined
      ? make('network', 'PROXY_REFUSED', { proxy }, `Connection to the proxy ${proxy} refused (${first})`)
      : make('network', 'CONNECTION_REFUSED', {}, `Connection to ${host} refused (${first})`);
  }
  if (has(DNS)) {
    return make(
      'network',
      'DNS_FAILED',
      { hostname: parsed?.hostname ?? host },
      `Cannot resolve ${parsed?.hostname ?? host} (${first})`,
    );
  }
  if (has(UNREACHABLE)) {
    const list = [...codes].join(', ');
    return make('network', 'UNREACHABLE', { codes: list }, `${host} unreachable (${list})`);
  }
  if (has(RESET)) {
    return make('network', 'CONNECTION_CLOSED', { detail: first }, `Connection to ${host} closed (${first})`);
  }
  if (codes.has('UND_ERR_INVALID_ARG') || codes.has('ERR_INVALID_CHAR') || codes.has('ERR_INVALID_ARG_VALUE')) {
    return make('invalid-input', 'REQUEST_NOT_SENT', { detail: first }, `Request to ${host} not sent: ${first}`);
  }
  return make('network', 'REQUEST_FAILED', { detail: first }, `Request to ${host} failed: ${first}`);
}

/**
 * Whether `host:port` completes a TLS handshake. A TLS server closes a plain-HTTP connection without a word, so
 * after an `http://` request was cut before any answer this tells "speaks TLS: use https://" from a real cut.
 * One short-lived connection, certificates not checked (nothing is sent over it).
 */
export function answersTls(url: URL, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 80),
      servername: net.isIP(url.hostname) === 0 ? url.hostname : undefined,
      rejectUnauthorized: false,
    });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}
