// Connection settings shared by API calls and downloads: keep-alive undici dispatchers with timeouts, a custom CA,
// the strictSSL switch and proxy selection. Dispatchers carry no credentials; digest lives in http.ts.

import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { OpsManagerError, stripCredentials } from '../common';
import { chooseProxy, ProxyChoice, ProxySettings } from './proxy';

export interface TransportOptions {
  /** Milliseconds; default 30 s each. */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  /** Path of a PEM file with the CA certificate(s) to trust besides the bundled roots. */
  caFile?: string;
  /** PEM text; wins over caFile. */
  ca?: string;
  /** Default true. */
  strictSSL?: boolean;
  /** VS Code's http.proxy / http.noProxy / http.proxyStrictSSL; falls back to HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  proxy?: ProxySettings;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_MS = 30_000;

export interface ResolvedTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

function positive(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

export function resolveTimeouts(options: TransportOptions | undefined): ResolvedTimeouts {
  const t = options?.timeouts;
  return { connectMs: positive(t?.connectMs), headersMs: positive(t?.headersMs), bodyMs: positive(t?.bodyMs) };
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CA list to trust, or undefined for Node's defaults. A custom CA is added to the bundled roots rather than
 * replacing them, so a server with a public certificate keeps working when caFile is set.
 */
export function loadCa(options: TransportOptions | undefined): string[] | undefined {
  let text = options?.ca;
  let source = 'the ca option';
  if (text === undefined && options?.caFile) {
    source = `the caFile "${options.caFile}"`;
    try {
      text = readFileSync(options.caFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new OpsManagerError({
        kind: 'invalid-input',
        code: 'CA_FILE_UNREADABLE',
        params: { file: options.caFile, errno: code },
        message: `Cannot read the CA file "${options.caFile}" (${code})`,
        cause: error,
      });
    }
  }
  if (text === undefined) {
    return undefined;
  }
  const certs = text.match(PEM_CERT);
  if (!certs) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      code: 'CA_NO_PEM',
      params: { file: options?.ca === undefined ? options?.caFile : undefined },
      message: `${source} holds no PEM certificate`,
    });
  }
  return [...tls.rootCertificates, ...certs];
}

function parseTarget(target: string | URL): URL {
  if (target instanceof URL) {
    return target;
  }
  try {
    return new URL(target);
  } catch {
    throw new OpsManagerError({ kind: 'invalid-input', message: `"${stripCredentials(target)}" is not a valid URL.` });
  }
}

export interface DispatcherInfo {
  dispatcher: Dispatcher;
  proxy?: ProxyChoice;
  timeouts: ResolvedTimeouts;
}

/** Like createDispatcher, also telling which proxy was chosen (for error messages). */
export function createDispatcherInfo(target: string | URL, options?: TransportOptions): DispatcherInfo {
  const url = parseTarget(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `"${stripCredentials(url.href)}" is not an http:// or https:// URL.`,
    });
  }
  const timeouts = resolveTimeouts(options);
  const ca = loadCa(options);
  const strict = options?.strictSSL ?? true;
  const proxy = chooseProxy(url, options?.proxy);
  const common = {
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
  };
  if (!proxy) {
    const dispatcher = new Agent({
      ...common,
      connect: { timeout: timeouts.connectMs, rejectUnauthorized: strict, ...(ca ? { ca } : {}) },
    });
    return { dispatcher, timeouts };
  }
  // As in VS Code, proxyStrictSSL=false also stops checking the target's certificate through the proxy (a
  // TLS-inspecting proxy re-signs it); strictSSL=false on the server does the same.
  const dispatcher = new ProxyAgent({
    uri: proxy.url,
    ...common,
    proxyTls: { timeout: timeouts.connectMs, rejectUnauthorized: proxy.strictSSL, ...(ca ? { ca } : {}) },
    requestTls: { timeout: timeouts.connectMs, rejectUnauthorized: strict && proxy.strictSSL, ...(ca ? { ca } : {}) },
  });
  return { dispatcher, proxy, timeouts };
}

/**
 * A keep-alive undici Dispatcher (Agent, or ProxyAgent when a proxy applies) for this URL's origin, carrying NO
 * credentials: used for downloads. Throws OpsManagerError (invalid-input) for a bad URL, CA file or proxy URL.
 */
export function createDispatcher(target: string | URL, options?: TransportOptions): Dispatcher {
  return createDispatcherInfo(target, options).dispatcher;
}
