// What a failed download tells the user: the backup host's refusals, cut or silent connections, cancellation
// and disk errors, each as one OpsManagerError with what happened and what to do. The link's token is never
// part of a message or URL shown.

import * as path from 'node:path';
import { OpsManagerError, readErrorBody, sanitisedExcerpt } from '../common/errors';
import { redactSecrets, redactUrl } from '../common/redact';
import { formatBytes } from '../common/format';
import { toNetworkError } from '../http/netErrors';

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
  let said = '';
  const secrets = secretsOf(url, headers);
  try {
    const fields = readErrorBody(JSON.parse(bodyText));
    const words = fields.detail ?? fields.reason;
    if (words !== undefined) {
      said = ` The backup host said: "${sanitisedExcerpt(words, secrets, 200)}"`;
    }
  } catch {
    const excerpt = sanitisedExcerpt(bodyText, secrets, 120);
    if (excerpt !== '') {
      said = ` The backup host said: "${excerpt}"`;
    }
  }
  let message: string;
  switch (status) {
    case 401:
      message =
        'The backup host did not accept the download token (HTTP 401): the link has probably expired. Refresh the restore job to get a current link.';
      break;
    case 403:
    case 410:
      message = `The backup host refused the download (HTTP ${status}): the link has expired or has been used the maximum number of times. Refresh the restore job; if it shows EXPIRED or MAX_DOWNLOADS_EXCEEDED, start a new restore job in Ops Manager.`;
      break;
    case 404:
      message =
        'The backup host does not know this download link (HTTP 404): it has expired or been used up, or the restore files were removed. Refresh the restore job, and start a new one if needed.';
      break;
    case 429:
    case 502:
    case 503:
    case 504:
      message = `The backup host is busy or unavailable (HTTP ${status}). Try again in a few minutes.`;
      break;
    default:
      message = isRedirect(status)
        ? `The backup host answered a redirect (HTTP ${status}) without saying where to.`
        : `The backup host answered HTTP ${status} instead of the archive. Try again later; if it persists, check the restore job in Ops Manager.`;
  }
  return new OpsManagerError({
    kind: 'http',
    status,
    message: redactSecrets(message + said, secrets),
    url: redactUrl(url),
  });
}

export function cancelledError(): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', message: 'The download was cancelled; nothing was saved.' });
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
      message: `The backup host ${hostOf(url)} did not answer within ${seconds(idleMs)}; nothing was saved. Try again later.`,
      url: redactUrl(url),
      cause: error,
    });
  }
  const mapped = toNetworkError(error, { url: redactUrl(url), signal, role: 'download' });
  return mapped;
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
      message:
        `No data from the backup host for ${seconds(idleMs)} after ${progressText(received, total)}; the download was stopped and nothing was saved. ` +
        'Try again (this download may have counted against maxDownloads).',
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
    message:
      `The connection was cut after ${progressText(received, total)}; nothing was saved. ` +
      'Try again (this download may have counted against maxDownloads).',
    url: redactUrl(url),
    cause,
  });
}

/** Disk full, permissions, missing folder: what happened and what to do. */
export function ioError(error: unknown, file: string): OpsManagerError {
  if (error instanceof OpsManagerError) {
    return error;
  }
  const code = errorCode(error) ?? 'EIO';
  const folder = path.dirname(file);
  let message: string;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      message = `The disk is full: could not write to ${folder}. Free some space or choose another folder, then download again.`;
      break;
    case 'EACCES':
    case 'EPERM':
      message = `Permission denied writing to ${folder}. Choose a folder you can write to (or change opsManager.downloadDirectory), then download again.`;
      break;
    case 'EROFS':
      message = `${folder} is on a read-only file system. Choose another folder, then download again.`;
      break;
    case 'ENOENT':
      message = `The folder ${folder} does not exist. Create it or choose another folder.`;
      break;
    case 'ENOTDIR':
      message = `${folder} is not a folder. Choose another destination.`;
      break;
    case 'EISDIR':
      message = `${file} is a folder; choose a file name inside it.`;
      break;
    case 'EFBIG':
      message = `The archive is too large for the file system of ${folder} (FAT32 stops at 4 GiB). Choose a folder on another drive.`;
      break;
    case 'ENAMETOOLONG':
      message = `The file name is too long for ${folder}. Choose a shorter name.`;
      break;
    default:
      message = `Could not write ${file}: ${error instanceof Error ? error.message : String(error)} (${code}).`;
  }
  return new OpsManagerError({ kind: 'io', message, errorCode: code, cause: error });
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

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function progressText(received: number, total: number | undefined): string {
  return total === undefined ? formatBytes(received) : `${formatBytes(received)} of ${formatBytes(total)}`;
}
