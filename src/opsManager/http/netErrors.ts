// Turns what undici and Node throw (codes buried in causes and AggregateErrors) into OpsManagerErrors whose
// message tells a person what to check: the base URL, the timeout setting, the server's caFile, the proxy.

import { OpsManagerError, stripCredentials } from '../common';

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

function describeTarget(url: URL | undefined, fallback: string): string {
  return url ? url.host : fallback;
}

/** Maps any error from a request to an OpsManagerError (an OpsManagerError passes through unchanged). */
export function toNetworkError(error: unknown, ctx: NetErrorContext): OpsManagerError {
  if (error instanceof OpsManagerError) {
    return error;
  }
  const url = stripCredentials(ctx.url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const host = describeTarget(parsed, url);
  const origin = parsed?.origin ?? url;
  const api = (ctx.role ?? 'api') === 'api';
  const checkUrl = api
    ? "Check the server's baseUrl setting."
    : 'The download link may be wrong or the backup host unreachable from here.';
  const found = collect(error);
  const codes = new Set(found.map((f) => f.code).filter((c): c is string => c !== undefined));
  const has = (set: ReadonlySet<string>) => [...codes].some((c) => set.has(c));
  const first = found[0]?.message ?? String(error);
  const messages = found.map((f) => f.message).join(' | ');
  const make = (kind: OpsManagerError['kind'], message: string) =>
    new OpsManagerError({ kind, message, url, cause: error });

  // Only our own signal means cancelled: undici also names a refused proxy tunnel an AbortError.
  if (ctx.signal?.aborted) {
    return make('cancelled', `Request to ${host} was cancelled.`);
  }
  if (has(TIMEOUTS)) {
    const phase =
      codes.has('UND_ERR_CONNECT_TIMEOUT') || codes.has('ETIMEDOUT')
        ? 'connecting'
        : codes.has('UND_ERR_BODY_TIMEOUT')
          ? 'while receiving the response body'
          : 'waiting for the response';
    return make(
      'timeout',
      `${host} did not answer in time (${phase}). ` +
        (api
          ? `Check that Ops Manager is reachable at ${origin}, or raise the opsManager.requestTimeoutSeconds setting.`
          : 'Check that the backup host is reachable, or raise the opsManager.requestTimeoutSeconds setting.'),
    );
  }
  const tlsHelp = api
    ? "Set this server's caFile setting to the PEM file of the certificate authority that signed it (or, only for a test server, set strictSSL to false)."
    : 'Set the caFile setting of the server this download belongs to, to the PEM file of the certificate authority that signed it.';
  if (has(UNTRUSTED)) {
    const self = codes.has('DEPTH_ZERO_SELF_SIGNED_CERT') || codes.has('SELF_SIGNED_CERT_IN_CHAIN');
    return make(
      'tls',
      `The TLS certificate of ${host} is not trusted (${self ? 'self-signed certificate' : 'unknown certificate authority'}). ${tlsHelp}`,
    );
  }
  if (has(EXPIRED)) {
    return make(
      'tls',
      `The TLS certificate of ${host} has expired or is not yet valid. Ask the administrator to renew it, and check this computer's clock.`,
    );
  }
  if (codes.has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return make(
      'tls',
      `The TLS certificate of ${host} does not name this host. Use the host name the certificate was issued for in baseUrl.`,
    );
  }
  if (
    [...codes].some((c) => c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_') || c === 'EPROTO') ||
    codes.has('UND_ERR_PRX_TLS')
  ) {
    return make(
      'tls',
      `The TLS handshake with ${host} failed (${first}). Check that baseUrl uses the right scheme (https:// or http://) and port.`,
    );
  }
  const proxyStatus = /Proxy response \((\d+)\)/.exec(messages);
  if (proxyStatus) {
    const status = proxyStatus[1];
    return make(
      'network',
      `The proxy ${ctx.proxy ? stripCredentials(ctx.proxy) + ' ' : ''}refused to connect to ${host}${status ? ` (status ${status})` : ''}. ` +
        'Check the http.proxy and http.noProxy settings (or HTTPS_PROXY / NO_PROXY).',
    );
  }
  if (/Proxy Authentication Required/i.test(messages)) {
    return make('network', 'The proxy asks for authentication (407). Put the proxy credentials in the http.proxy URL.');
  }
  if (has(REFUSED)) {
    const via = ctx.proxy ? ` (through the proxy ${stripCredentials(ctx.proxy)})` : '';
    return make(
      'network',
      api
        ? `Connection refused by ${host}${via}. Is Ops Manager running at ${origin}? Check the server's baseUrl setting.`
        : `Connection refused by ${host}${via}. ${checkUrl}`,
    );
  }
  if (has(DNS)) {
    return make(
      'network',
      `Cannot resolve the host name ${parsed?.hostname ?? host}. ${checkUrl} Check your network or DNS.`,
    );
  }
  if (has(UNREACHABLE)) {
    return make(
      'network',
      `${host} is unreachable from this computer (${[...codes].join(', ')}). Check your network, VPN or proxy settings.`,
    );
  }
  if (has(RESET)) {
    return make(
      'network',
      `The connection to ${host} was closed unexpectedly (${first}). Try again; if it keeps happening, check proxies or load balancers in between.`,
    );
  }
  if (codes.has('UND_ERR_INVALID_ARG') || codes.has('ERR_INVALID_CHAR') || codes.has('ERR_INVALID_ARG_VALUE')) {
    return make('invalid-input', `The request to ${host} could not be sent: ${first}`);
  }
  return make('network', `Request to ${host} failed: ${first}`);
}
