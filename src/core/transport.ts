// VS Code settings → the transport options of the plain-Node HTTP layer: request timeout, proxy, CA file.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TransportOptions } from '../opsManager/http';

/** `~/x` → the home folder; other paths unchanged. */
export function expandHome(file: string): string {
  if (file === '~') return os.homedir();
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(os.homedir(), file.slice(2));
  return file;
}

export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('opsManager').get<unknown>('requestTimeoutSeconds');
  const value = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
  return Math.round(Math.min(value, 3600) * 1000);
}

/** The proxy as configured in VS Code's `http.*` settings (the HTTP layer falls back to HTTPS_PROXY etc.). */
export function proxyOptions(): TransportOptions['proxy'] {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<unknown>('proxy');
  const noProxy = http.get<unknown>('noProxy');
  const strictSSL = http.get<unknown>('proxyStrictSSL');
  if (http.get<unknown>('proxySupport') === 'off') {
    // Proxy support switched off in VS Code: connect directly, ignoring HTTPS_PROXY too.
    return { url: undefined, noProxy: ['*'], strictSSL: typeof strictSSL === 'boolean' ? strictSSL : undefined };
  }
  return {
    url: typeof url === 'string' && url.trim() !== '' ? url.trim() : undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((item): item is string => typeof item === 'string') : undefined,
    strictSSL: typeof strictSSL === 'boolean' ? strictSSL : undefined,
  };
}

export function transportOptions(server: { caFile?: string; strictSSL?: boolean }): TransportOptions {
  const ms = requestTimeoutMs();
  return {
    timeouts: { connectMs: ms, headersMs: ms, bodyMs: ms },
    caFile: server.caFile === undefined ? undefined : expandHome(server.caFile),
    strictSSL: server.strictSSL ?? true,
    proxy: proxyOptions(),
  };
}
