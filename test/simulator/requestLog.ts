// Every request either port received, for tests and benchmarks to count (requests, 401s, Authorization).
import type { DigestOutcome } from './digestAuth';

export interface SimRequestLog {
  /** Epoch ms when the request arrived. */
  time: number;
  port: 'api' | 'backup';
  method: string;
  /** The request target as sent (path + query). */
  url: string;
  /** Set when the response headers go out; undefined if the connection ended first. */
  status?: number;
  /** The Authorization header, when one arrived. */
  authorization?: string;
  /** Body bytes written so far (a cut or stalled response shows how far it got). */
  bytesSent: number;
  /** API port: what digest verification concluded. */
  digest?: DigestOutcome;
  /** The Ops Manager errorCode answered, if any. */
  errorCode?: string;
  /** Id of the injected fault applied, if any. */
  faultId?: number;
  /** The response ended before its last byte (cut, stalled, or the client went away). */
  incomplete?: boolean;
}

export interface LogSummary {
  requests: number;
  api: number;
  backup: number;
  /** API responses with status 401 (challenges and authenticated refusals alike). */
  api401: number;
  /** API requests that carried an Authorization header. */
  apiAuthorized: number;
  /** Backup-host requests that carried an Authorization header. */
  backupAuthorized: number;
}

export function summarizeLog(log: readonly SimRequestLog[]): LogSummary {
  const s: LogSummary = { requests: log.length, api: 0, backup: 0, api401: 0, apiAuthorized: 0, backupAuthorized: 0 };
  for (const e of log) {
    if (e.port === 'api') {
      s.api++;
      if (e.status === 401) s.api401++;
      if (e.authorization !== undefined) s.apiAuthorized++;
    } else {
      s.backup++;
      if (e.authorization !== undefined) s.backupAuthorized++;
    }
  }
  return s;
}
