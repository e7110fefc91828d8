// What a failed download is: the backup host's refusals, cut or silent connections, cancellation and disk
// errors, each as one OpsManagerError whose code and params say what happened (worded in src/core/errorText.ts).
// The link's token is never part of a message, a param or a URL kept.

import * as path from 'node:path';
import { redactUrl } from '../api';
import { isOpsManagerError, OpsManagerError, readErrorBody, redactSecrets, sanitisedExcerpt } from '../common';
import { toNetworkError } from '../http';

/** The statuses a download follows (and, without a Location, reports). */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function secretsOf(url: string, headers: Record<string, string>): string[] {
  const secrets = Object.values(headers).flatMap((v) => [v, v.replace(/^\S+\s+/u, '')]);
  try {
    const segments = new URL(url).pathname.split('/').filter((s) => s.length >= 16);
    secrets.push(...segments);
  } catch {
    // nothing to add
  }
  return secrets.filter((s) => s.length >= 8);
}

export function backupHostError(
  status: number,
  bodyText: string,
  url: string,
  headers: Record<string, string>,
): OpsManagerError {
  const secrets = secretsOf(url, headers);
  let said: string | undefined;
  try {
    const fields = readErrorBody(JSON.parse(bodyText));
    const words = fields.detail ?? fields.reason;
    said = words === undefined ? undefined : sanitisedExcerpt(words, secrets, 200);
  } catch {
    said = sanitisedExcerpt(bodyText, secrets, 120);
  }
  said = said === '' ? undefined : said;
  let code: string;
  switch (status) {
    case 401:
      code = 'BACKUP_TOKEN_REJECTED';
      break;
    case 403:
    case 410:
      code = 'BACKUP_LINK_USED_UP';
      break;
    case 404:
      code = 'BACKUP_LINK_UNKNOWN';
      break;
    case 429:
    case 502:
    case 503:
    case 504:
      code = 'BACKUP_BUSY';
      break;
    default:
      code = isRedirect(status) ? 'BACKUP_REDIRECT_WITHOUT_LOCATION' : 'BACKUP_HTTP_ERROR';
  }
  return new OpsManagerError({
    kind: 'http',
    code,
    params: { status, serverSaid: said },
    status,
    message: redactSecrets(`Backup host answered HTTP ${status}${said === undefined ? '' : `: ${said}`}`, secrets),
    url: redactUrl(url),
  });
}

export function cancelledError(): OpsManagerError {
  return new OpsManagerError({
    kind: 'cancelled',
    code: 'DOWNLOAD_CANCELLED',
    message: 'The download was cancelled; nothing was saved.',
  });
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw cancelledError();
  }
}

function isTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT';
}

/** Before the body: connection, TLS, proxy, or no answer. */
export function startError(
  error: unknown,
  url: string,
  signal: AbortSignal | undefined,
  idleMs: number,
): OpsManagerError {
  if (signal?.aborted) {
    return cancelledError();
  }
  if (isTimeout(error)) {
    return new OpsManagerError({
      kind: 'timeout',
      code: 'BACKUP_NO_ANSWER',
      params: { host: hostOf(url), idleMs },
      message: `Backup host ${hostOf(url)}: no answer within ${idleMs} ms`,
      url: redactUrl(url),
      cause: error,
    });
  }
  return toNetworkError(error, { url: redactUrl(url), signal, role: 'download' });
}

/** During the body. */
export function bodyError(
  error: unknown,
  url: string,
  signal: AbortSignal | undefined,
  idleMs: number,
  received: number,
  total: number | undefined,
): OpsManagerError {
  if (signal?.aborted) {
    return cancelledError();
  }
  if (isTimeout(error)) {
    return new OpsManagerError({
      kind: 'timeout',
      code: 'DOWNLOAD_STALLED',
      params: { idleMs, received, total },
      message: `No data from the backup host for ${idleMs} ms after ${received} of ${total ?? '?'} bytes`,
      url: redactUrl(url),
      cause: error,
    });
  }
  const mapped = toNetworkError(error, { url: redactUrl(url), signal, role: 'download' });
  if (mapped.kind === 'tls' || mapped.kind === 'cancelled') {
    return mapped;
  }
  return cutError(url, received, total, error);
}

export function cutError(url: string, received: number, total: number | undefined, cause: unknown): OpsManagerError {
  return new OpsManagerError({
    kind: 'network',
    code: 'DOWNLOAD_CUT',
    params: { received, total },
    message: `Connection cut after ${received} of ${total ?? '?'} bytes`,
    url: redactUrl(url),
    cause,
  });
}

const IO_CODES: Record<string, string> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EROFS: 'READ_ONLY_FILE_SYSTEM',
  ENOENT: 'FOLDER_MISSING',
  ENOTDIR: 'NOT_A_FOLDER',
  EISDIR: 'DESTINATION_IS_FOLDER',
  EFBIG: 'FILE_TOO_LARGE',
  ENAMETOOLONG: 'NAME_TOO_LONG',
};

/** Disk full, permissions, missing folder: which one, and where. */
export function ioError(error: unknown, file: string): OpsManagerError {
  if (isOpsManagerError(error)) {
    return error;
  }
  const code = errorCode(error) ?? 'EIO';
  const detail = error instanceof Error ? error.message : String(error);
  return new OpsManagerError({
    kind: 'io',
    code: IO_CODES[code] ?? 'WRITE_FAILED',
    params: { file, folder: path.dirname(file), errno: code, detail },
    message: `Could not write ${file}: ${detail} (${code})`,
    errorCode: code,
    cause: error,
  });
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unknown host)';
  }
}
