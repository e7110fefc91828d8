// VS Code settings → the transport options of the plain-Node HTTP layer: request timeout, proxy, CA file.
import * as os from 'os';
import * as path from 'path';
import { proxySettings, requestTimeoutMs } from './settings';
import type { TransportOptions } from '../opsManager/http';

/** `~/x` → the home folder; other paths unchanged. */
export function expandHome(file: string): string {
  if (file === '~') return os.homedir();
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(os.homedir(), file.slice(2));
  return file;
}

export function transportOptions(server: { caFile?: string; strictSSL?: boolean }): TransportOptions {
  const ms = requestTimeoutMs();
  return {
    timeouts: { connectMs: ms, headersMs: ms, bodyMs: ms },
    caFile: server.caFile === undefined ? undefined : expandHome(server.caFile),
    strictSSL: server.strictSSL ?? true,
    proxy: proxySettings(),
  };
}
