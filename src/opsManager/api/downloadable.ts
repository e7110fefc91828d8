// Whether a restore job's archive can be downloaded now, and if so from where and with which header. Decided
// from the job alone, before any request: every download may count against `maxDownloads`, so a link that is
// bound to fail is explained instead of tried. The URL comes from the server and is treated as untrusted.

import { defaultFileName } from './fileName';
import type { RestoreJob } from './model';
import { type ErrorParams, OpsManagerError } from '../common';

export { redactUrl } from '../common';

export type DownloadBlocker =
  /** No `delivery` at all. */
  | 'NO_DELIVERY'
  /** Delivered some other way (SCP, QUERY). */
  | 'NOT_HTTP'
  /** Restored by Ops Manager onto a cluster (delivery names a target): there is no archive. */
  | 'AUTOMATED_RESTORE'
  /** The archive is still being prepared (delivery NOT_STARTED or IN_PROGRESS, or job IN_PROGRESS). */
  | 'JOB_NOT_FINISHED'
  /** Delivery FAILED, INTERRUPTED, missing or an unknown status. */
  | 'NOT_READY'
  | 'EXPIRED'
  | 'MAX_DOWNLOADS_EXCEEDED'
  | 'NO_URL'
  /** HTTP and READY but no link: an automated restore, or an HTTP restore whose link is not there yet. */
  /** Not an absolute http(s) URL (javascript:, file:, data:, relative, malformed, with credentials). */
  | 'BAD_URL'
  /** `authHeader`/`authBearer`/`authValue` that cannot be sent as an HTTP header. */
  | 'BAD_AUTH_HEADER';

export type Downloadability =
  | {
      ok: true;
      /** The URL exactly as the server gave it (tokens in the path may contain `=`; never re-encoded). */
      url: string;
      /** The bearer header for `urlV2`, else empty. Sent to that URL's origin only. */
      headers: Record<string, string>;
      /** `maxDownloads` is 1: this download uses the link up. */
      lastUse: boolean;
      /** Sanitised default file name. */
      fileName: string;
    }
  | {
      ok: false;
      blocker: DownloadBlocker;
      /** What the wording shows (src/core/errorText.ts): statuses, dates, counts, the URL problem. */
      params: ErrorParams;
    };

/** Why a download URL is refused. */
export type UrlProblem = 'RELATIVE' | 'SCHEME' | 'INVALID' | 'NO_HOST' | 'USERINFO' | 'WHITESPACE';

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u;
/** Header values: visible ASCII and spaces, nothing that could split the header. */
const HEADER_VALUE = /^[\u0020-\u007e]*$/u;

export function checkDownloadable(job: RestoreJob, now: Date = new Date()): Downloadability {
  const delivery = job.delivery;
  if (delivery === undefined) {
    return blocked('NO_DELIVERY');
  }
  if (nonEmpty(delivery.targetClusterId) || nonEmpty(delivery.targetGroupId)) {
    // Real automated restores answer methodName HTTP and READY without a URL: the target says what they are.
    return blocked('AUTOMATED_RESTORE', {
      targetClusterId: delivery.targetClusterId,
      targetGroupId: delivery.targetGroupId,
    });
  }
  const method = delivery.methodName;
  if (method !== 'HTTP') {
    return blocked('NOT_HTTP', { method });
  }

  const status = delivery.statusName;
  switch (status) {
    case 'READY':
      break;
    case 'EXPIRED':
      return blocked('EXPIRED', { expires: expiresText(delivery.expires) });
    case 'MAX_DOWNLOADS_EXCEEDED':
      return blocked('MAX_DOWNLOADS_EXCEEDED', { maxDownloads: allowed(delivery.maxDownloads) });
    case 'NOT_STARTED':
    case 'IN_PROGRESS':
      return blocked('JOB_NOT_FINISHED', { status });
    case 'FAILED':
    case 'INTERRUPTED':
      return blocked('NOT_READY', { status, final: true });
    case undefined:
      return blocked('NOT_READY', { jobInProgress: job.statusName === 'IN_PROGRESS' });
    default:
      return blocked('NOT_READY', { status });
  }

  const expires = parseTime(delivery.expires);
  if (expires !== undefined && expires.getTime() <= now.getTime()) {
    return blocked('EXPIRED', { expires: expiresText(delivery.expires) });
  }
  if (typeof delivery.maxDownloads === 'number' && delivery.maxDownloads < 1) {
    return blocked('MAX_DOWNLOADS_EXCEEDED', { maxDownloads: allowed(delivery.maxDownloads) });
  }

  // urlV2 needs its bearer token; without one, the classic URL carries its own token in the path.
  const useV2 = nonEmpty(delivery.urlV2) && nonEmpty(delivery.authValue);
  const url = useV2
    ? delivery.urlV2
    : nonEmpty(delivery.url)
      ? delivery.url
      : nonEmpty(delivery.urlV2)
        ? delivery.urlV2
        : undefined;
  if (url === undefined) {
    return blocked('NO_URL');
  }
  const urlProblem = checkUrl(url);
  if (urlProblem !== undefined) {
    return blocked('BAD_URL', urlProblem);
  }

  const headers: Record<string, string> = {};
  if (useV2) {
    const name = nonEmpty(delivery.authHeader) ? delivery.authHeader : 'Authorization';
    const scheme = nonEmpty(delivery.authBearer) ? delivery.authBearer : 'Bearer';
    const value = `${scheme} ${delivery.authValue}`;
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) {
      return blocked('BAD_AUTH_HEADER');
    }
    headers[name] = value;
  }

  return {
    ok: true,
    url,
    headers,
    lastUse: delivery.maxDownloads === 1,
    fileName: defaultFileName(url, job.id),
  };
}

/**
 * Why a URL is refused, or undefined when it is an absolute http(s) URL. Never quotes the URL (its token).
 * Exported for the download module.
 */
export function checkUrl(url: string): { problem: UrlProblem; scheme?: string } | undefined {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/u.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return { problem: 'RELATIVE' };
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return { problem: 'SCHEME', scheme };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: 'INVALID' };
  }
  if (parsed.hostname === '') {
    return { problem: 'NO_HOST' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { problem: 'USERINFO' };
  }
  if (url !== url.trim() || /[\u0000-\u001f\u007f]/u.test(url)) {
    return { problem: 'WHITESPACE' };
  }
  return undefined;
}

/** The error for a refused download URL (before any request, or on a redirect). */
export function badUrlError(problem: { problem: UrlProblem; scheme?: string }, redirected = false): OpsManagerError {
  return new OpsManagerError({
    kind: 'invalid-input',
    code: redirected ? 'BAD_REDIRECT_URL' : 'BAD_DOWNLOAD_URL',
    params: { ...problem },
    message: `Download URL refused${redirected ? ' (redirect)' : ''}: ${problem.problem}${problem.scheme === undefined ? '' : ` (${problem.scheme}:)`}`,
  });
}

function blocked(blocker: DownloadBlocker, params: ErrorParams = {}): Downloadability {
  return { ok: false, blocker, params };
}

function allowed(maxDownloads: number | undefined): number | undefined {
  return typeof maxDownloads === 'number' && maxDownloads > 0 ? maxDownloads : undefined;
}

function expiresText(expires: string | undefined): string | undefined {
  const date = parseTime(expires);
  return date === undefined ? undefined : formatUtc(date);
}

function nonEmpty(text: string | undefined): text is string {
  return typeof text === 'string' && text !== '';
}

function parseTime(text: string | undefined): Date | undefined {
  if (text === undefined) {
    return undefined;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2016-03-04 23:07 UTC" */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The SHA-1 Ops Manager reports for the archive, lower-case hex, or undefined when there is none yet. An HTTP
 * restore has one `hashes` entry; with several, the one named like the download URL's file wins.
 */
export function expectedSha1FromJob(job: RestoreJob, url?: string): string | undefined {
  const candidates = (job.hashes ?? []).filter(
    (h) =>
      (h.typeName === undefined || h.typeName.toUpperCase() === 'SHA1' || h.typeName.toUpperCase() === 'SHA-1') &&
      typeof h.hash === 'string' &&
      /^[0-9a-fA-F]{40}$/u.test(h.hash.trim()),
  );
  if (candidates.length === 0) {
    return undefined;
  }
  let chosen = candidates[0];
  if (candidates.length > 1 && url !== undefined) {
    let last = '';
    try {
      const pathname = new URL(url).pathname;
      last = decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1));
    } catch {
      last = '';
    }
    chosen = candidates.find((h) => h.fileName !== undefined && h.fileName === last) ?? chosen;
  }
  return chosen.hash?.trim().toLowerCase();
}
