// Whether a restore job's archive can be downloaded now, and if so from where and with which header. Decided
// from the job alone, before any request: every download may count against `maxDownloads`, so a link that is
// bound to fail is explained instead of tried. The URL comes from the server and is treated as untrusted.

import { defaultFileName } from './fileName';
import type { RestoreJob } from './model';

export { redactUrl } from '../common/redact';

export type DownloadBlocker =
  /** No `delivery` at all. */
  | 'NO_DELIVERY'
  /** Delivered some other way (SCP, QUERY, automated restore). */
  | 'NOT_HTTP'
  /** The archive is still being prepared (delivery NOT_STARTED or IN_PROGRESS, or job IN_PROGRESS). */
  | 'JOB_NOT_FINISHED'
  /** Delivery FAILED, INTERRUPTED, missing or an unknown status. */
  | 'NOT_READY'
  | 'EXPIRED'
  | 'MAX_DOWNLOADS_EXCEEDED'
  | 'NO_URL'
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
  | { ok: false; blocker: DownloadBlocker; message: string };

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u;
/** Header values: visible ASCII and spaces, nothing that could split the header. */
const HEADER_VALUE = /^[\u0020-\u007e]*$/u;

export function checkDownloadable(job: RestoreJob, now: Date = new Date()): Downloadability {
  const delivery = job.delivery;
  if (delivery === undefined) {
    return blocked(
      'NO_DELIVERY',
      'Ops Manager sent no delivery details for this restore job, so there is nothing to download.',
    );
  }
  const method = delivery.methodName;
  if (method !== 'HTTP') {
    return blocked(
      'NOT_HTTP',
      method === undefined
        ? 'Ops Manager did not say how this restore is delivered (no delivery.methodName), so it cannot be downloaded.'
        : `This restore is delivered by ${method}, not as an HTTP download, so there is no archive to download.`,
    );
  }

  const status = delivery.statusName;
  switch (status) {
    case 'READY':
      break;
    case 'EXPIRED':
      return blocked('EXPIRED', expiredMessage(delivery.expires));
    case 'MAX_DOWNLOADS_EXCEEDED':
      return blocked('MAX_DOWNLOADS_EXCEEDED', maxDownloadsMessage(delivery.maxDownloads));
    case 'NOT_STARTED':
    case 'IN_PROGRESS':
      return blocked(
        'JOB_NOT_FINISHED',
        `The archive is still being prepared (delivery ${status}). Try again when the job shows READY.`,
      );
    case 'FAILED':
    case 'INTERRUPTED':
      return blocked(
        'NOT_READY',
        `The archive delivery is ${status}, so there is nothing to download. Start a new restore job in Ops Manager.`,
      );
    case undefined:
      return blocked(
        'NOT_READY',
        job.statusName === 'IN_PROGRESS'
          ? 'The restore job is still in progress and its archive is not ready yet.'
          : 'Ops Manager did not say the archive is ready (no delivery.statusName), so it was not downloaded.',
      );
    default:
      return blocked('NOT_READY', `The archive delivery status is ${status}, not READY, so it was not downloaded.`);
  }

  const expires = parseTime(delivery.expires);
  if (expires !== undefined && expires.getTime() <= now.getTime()) {
    return blocked('EXPIRED', expiredMessage(delivery.expires));
  }
  if (typeof delivery.maxDownloads === 'number' && delivery.maxDownloads < 1) {
    return blocked('MAX_DOWNLOADS_EXCEEDED', maxDownloadsMessage(delivery.maxDownloads));
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
    return blocked('NO_URL', 'Ops Manager marked the archive READY but sent no download URL.');
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
      return blocked(
        'BAD_AUTH_HEADER',
        'Ops Manager sent a download token (delivery.authHeader/authBearer/authValue) that cannot be sent as an HTTP header, so it was not used.',
      );
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

/** Why a URL is refused, or undefined when it is an absolute http(s) URL. Exported for the download module. */
export function checkUrl(url: string): string | undefined {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/u.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return `The download URL is relative, not an absolute http or https URL, so it was not opened.`;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return `The download URL uses the ${scheme}: scheme; only http and https downloads are allowed, so it was not opened.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The download URL is not a valid URL, so it was not opened.`;
  }
  if (parsed.hostname === '') {
    return 'The download URL has no host name, so it was not opened.';
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'The download URL carries a user name or password, which Ops Manager never sends, so it was not opened.';
  }
  if (url !== url.trim() || /[\u0000-\u001f\u007f]/u.test(url)) {
    return 'The download URL contains spaces or control characters around or inside it, so it was not opened.';
  }
  return undefined;
}

function blocked(blocker: DownloadBlocker, message: string): Downloadability {
  return { ok: false, blocker, message };
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

function expiredMessage(expires: string | undefined): string {
  const date = parseTime(expires);
  const when = date === undefined ? 'has expired' : `expired on ${formatUtc(date)}`;
  return `The download link ${when}. Start a new restore job in Ops Manager to get a new link.`;
}

function maxDownloadsMessage(maxDownloads: number | undefined): string {
  const times = typeof maxDownloads === 'number' && maxDownloads > 0 ? ` (${maxDownloads} allowed)` : '';
  return `The download link has been used the maximum number of times${times}. Start a new restore job in Ops Manager to get a new link.`;
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
