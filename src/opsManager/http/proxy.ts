// Which proxy (if any) a request to a given URL goes through: VS Code's `http.proxy` / `http.noProxy` /
// `http.proxyStrictSSL` when given, else the conventional environment variables, lower case first.

import { BlockList, isIP } from 'node:net';
import { OpsManagerError, stripCredentials } from '../common';

export interface ProxySettings {
  /** `http.proxy`; empty or missing: use the environment. */
  url?: string;
  /** `http.noProxy`; empty or missing: use NO_PROXY / no_proxy. */
  noProxy?: string[];
  /** `http.proxyStrictSSL`, default true. */
  strictSSL?: boolean;
}

export interface ProxyChoice {
  url: string;
  strictSSL: boolean;
}

type Env = Record<string, string | undefined>;

function firstSet(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) {
      return value;
    }
  }
  return undefined;
}

/** `NO_PROXY` text → entries (comma or whitespace separated). */
export function parseNoProxyList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((e) => e !== '');
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

function bareHost(hostname: string): string {
  const h = hostname.toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** Splits `host`, `host:port`, `[v6]:port` into host and optional port. A bare IPv6 address has no port. */
function splitEntry(entry: string): { host: string; port?: string } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    const host = entry.slice(1, close === -1 ? undefined : close);
    const rest = close === -1 ? '' : entry.slice(close + 1);
    return rest.startsWith(':') && rest.length > 1 ? { host, port: rest.slice(1) } : { host };
  }
  if (isIP(entry.split('/')[0]) === 6) {
    return { host: entry };
  }
  const colon = entry.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(entry.slice(colon + 1))
    ? { host: entry.slice(0, colon), port: entry.slice(colon + 1) }
    : { host: entry };
}

function matchesCidr(host: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const family = isIP(net);
  const hostFamily = isIP(host);
  const bits = Number(bitsText);
  if (family === 0 || family !== hostFamily || !Number.isInteger(bits)) {
    return false;
  }
  try {
    const list = new BlockList();
    const type = family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(net, bits, type);
    return list.check(host, type);
  } catch {
    return false;
  }
}

/**
 * True when `target` should bypass the proxy. Entries: `*` (everything), `host` (that host and its subdomains,
 * as curl does), `.domain` / `*.domain` (subdomains and the domain), `host:port`, IP addresses, IPv4/IPv6 CIDR.
 */
export function matchesNoProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = bareHost(target.hostname);
  const port = target.port || defaultPort(target.protocol);
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') {
      continue;
    }
    if (entry === '*') {
      return true;
    }
    const { host: entryHost, port: entryPort } = splitEntry(entry);
    if (entryPort !== undefined && entryPort !== port) {
      continue;
    }
    if (entryHost.includes('/')) {
      if (matchesCidr(host, entryHost)) {
        return true;
      }
      continue;
    }
    const domain = entryHost.replace(/^\*?\./, '');
    if (domain === '') {
      continue;
    }
    if (host === domain || host.endsWith(`.${domain}`)) {
      return true;
    }
  }
  return false;
}

/** Parses a proxy URL; a bare `host:port` means http. */
function normaliseProxyUrl(text: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new OpsManagerError({
      kind: 'invalid-input',
      code: 'PROXY_INVALID',
      params: { proxy: stripCredentials(text) },
      message: `Proxy "${stripCredentials(text)}" is not a valid URL`,
    });
  }
  if (!['http:', 'https:', 'socks:', 'socks5:'].includes(url.protocol)) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      code: 'PROXY_UNSUPPORTED',
      params: { proxy: stripCredentials(text), protocol: url.protocol },
      message: `Proxy "${stripCredentials(text)}" uses unsupported ${url.protocol}`,
    });
  }
  return url.href;
}

/** The proxy for `target`, or undefined to connect directly. Throws OpsManagerError for an unusable proxy URL. */
export function chooseProxy(
  target: URL,
  settings: ProxySettings | undefined,
  env: Env = process.env,
): ProxyChoice | undefined {
  const https = target.protocol === 'https:';
  const configured = settings?.url?.trim();
  const url =
    configured ||
    (https
      ? firstSet(env, ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])
      : firstSet(env, ['http_proxy', 'HTTP_PROXY']));
  if (!url) {
    return undefined;
  }
  const noProxy =
    settings?.noProxy && settings.noProxy.length > 0
      ? settings.noProxy
      : parseNoProxyList(firstSet(env, ['no_proxy', 'NO_PROXY']));
  if (matchesNoProxy(target, noProxy)) {
    return undefined;
  }
  return { url: normaliseProxyUrl(url), strictSSL: settings?.strictSSL ?? true };
}
