// Every setting the extension reads, by one name each, read with type checks and kept within the range the
// manifest declares (settings.json can hold anything). The server list is parsed by serverSettings.ts; the HTTP
// layer gets the results as plain options and never reads settings itself.
import * as vscode from 'vscode';
import type { TransportOptions } from '../opsManager/http';

export const SETTINGS = {
  servers: 'opsManager.servers',
  downloadDirectory: 'opsManager.downloadDirectory',
  requestTimeoutSeconds: 'opsManager.requestTimeoutSeconds',
  watchIntervalSeconds: 'opsManager.watchIntervalSeconds',
} as const;

/** Settings whose change means clients must be rebuilt. */
export const TRANSPORT_SETTINGS = [
  SETTINGS.requestTimeoutSeconds,
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
  'http.proxySupport',
];

function read(key: string): unknown {
  return vscode.workspace.getConfiguration().get<unknown>(key);
}

/** A number setting within [min, max] (the manifest's range); `fallback` when it is not a finite number. */
function clamped(key: string, fallback: number, min: number, max: number): number {
  const value = read(key);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** `opsManager.requestTimeoutSeconds` (1–600, default 30) in milliseconds. */
export function requestTimeoutMs(): number {
  return Math.round(clamped(SETTINGS.requestTimeoutSeconds, 30, 1, 600) * 1000);
}

/** `opsManager.watchIntervalSeconds` (2–3600, default 10). */
export function watchIntervalSeconds(): number {
  return clamped(SETTINGS.watchIntervalSeconds, 10, 2, 3600);
}

export const EDITOR_PREVIEW_SETTING = 'workbench.editor.enablePreview';

/** VS Code's `workbench.editor.enablePreview` (default on): off means every opened restore-job panel is pinned. */
export function editorPreviewEnabled(): boolean {
  return read(EDITOR_PREVIEW_SETTING) !== false;
}

/** `opsManager.downloadDirectory` as written (trimmed), or undefined when empty. */
export function downloadDirectorySetting(): string | undefined {
  const value = read(SETTINGS.downloadDirectory);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The raw `opsManager.servers` value, for serverSettings.ts to check entry by entry. */
export function serversSetting(): unknown {
  return read(SETTINGS.servers);
}

/** The proxy as configured in VS Code's `http.*` settings (the HTTP layer falls back to HTTPS_PROXY etc.). */
export function proxySettings(): TransportOptions['proxy'] {
  const url = read('http.proxy');
  const noProxy = read('http.noProxy');
  const strictSSL = read('http.proxyStrictSSL');
  if (read('http.proxySupport') === 'off') {
    // Proxy support switched off in VS Code: connect directly, ignoring HTTPS_PROXY too.
    return { url: undefined, noProxy: ['*'], strictSSL: typeof strictSSL === 'boolean' ? strictSSL : undefined };
  }
  return {
    url: typeof url === 'string' && url.trim() !== '' ? url.trim() : undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((item): item is string => typeof item === 'string') : undefined,
    strictSSL: typeof strictSSL === 'boolean' ? strictSSL : undefined,
  };
}
