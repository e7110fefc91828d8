// Ops Manager IDs and the URLs that carry them. IDs are checked before a request is built so that a typo or a
// cluster *name* gets a clear message instead of a confusing 404 (and never reaches the server at all).

import { API_PREFIX, decodeSegment } from './apiPath';
import { OpsManagerError } from './errors';
import { stripCredentials } from './redact';

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
// Host IDs (the `hosts` resource, used for legacy mirrored config servers) are 32 hex digits in Ops Manager's
// examples, not ObjectIds; accept both lengths so neither form is refused before the server sees it.
const HOST_ID = /^(?:[0-9a-fA-F]{24}|[0-9a-fA-F]{32})$/;

/** True for a 24-hex-digit ObjectId string (group, cluster, restore job, snapshot IDs). */
export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/** True for a host ID: 32 hex digits (Ops Manager's host IDs) or 24 (an ObjectId). */
export function isHostId(value: unknown): value is string {
  return typeof value === 'string' && HOST_ID.test(value);
}

/**
 * Throws `OpsManagerError{kind:'invalid-input'}` unless `value` is a 24-hex ObjectId.
 * `what` names the value for the message, e.g. "Restore job ID".
 */
export function assertObjectId(value: unknown, what: string): asserts value is string {
  if (!isObjectId(value)) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `${what} must be 24 hexadecimal characters; got ${describeBadId(value)}.${nameHint(value, what)}`,
    });
  }
}

/** Like `assertObjectId`, for host IDs (32 or 24 hex digits). */
export function assertHostId(value: unknown, what = 'Host ID'): asserts value is string {
  if (!isHostId(value)) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `${what} must be 32 (or 24) hexadecimal characters; got ${describeBadId(value)}.`,
    });
  }
}

function describeBadId(value: unknown): string {
  if (typeof value !== 'string') {
    return value === null ? 'null' : `a ${typeof value}`;
  }
  if (value === '') {
    return 'an empty value';
  }
  const shown = value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  const spaces = value.trim() !== value ? ', with spaces around it' : '';
  return `${shown} (${value.length} character${value.length === 1 ? '' : 's'}${spaces})`;
}

function nameHint(value: unknown, what: string): string {
  // Cluster and project names are the usual mistake: the API takes IDs only.
  if (typeof value === 'string' && /[g-z]/i.test(value) && !/job/i.test(what)) {
    return ' That looks like a name: the API needs the ID, which the tree and Ops Manager show next to the name.';
  }
  return '';
}

export interface RestoreJobUrl {
  /** Origin plus any path before `/groups`, e.g. `https://om.example.com:8443/api/public/v1.0`; absent for a bare path. */
  baseUrl?: string;
  groupId: string;
  clusterId?: string;
  hostId?: string;
  jobId: string;
}

/**
 * Recognises a restore job's API URL, with or without scheme and host:
 * `[https://host[:port]][/prefix]/api/public/v1.0/groups/G/clusters/C/restoreJobs/J[/][?query][#fragment]`, or the
 * legacy config-server form `…/groups/G/hosts/H/restoreJobs/J`. A bare path may also start at `groups/`.
 * Returns undefined for anything else. IDs are decoded but NOT validated here (so the caller can say which one is
 * wrong); the client checks them before any request. Credentials in the URL are dropped, never returned.
 */
export function parseRestoreJobUrl(text: string): RestoreJobUrl | undefined {
  let input = text.trim();
  // Pasted from Markdown, a log or a chat: <…>, "…", '…', `…`.
  const wrapped = /^(["'`<])(.*)(["'`>])$/s.exec(input);
  if (
    wrapped !== null &&
    ((wrapped[1] === '<' && wrapped[3] === '>') || (wrapped[1] !== '<' && wrapped[1] === wrapped[3]))
  ) {
    input = wrapped[2].trim();
  }
  if (input === '' || /\s/.test(input)) {
    return undefined;
  }

  let origin: string | undefined;
  let pathname: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(input) && !/^groups\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return undefined;
    }
    origin = url.origin;
    pathname = url.pathname;
  } else {
    pathname = input.replace(/[?#].*$/s, '');
    if (!pathname.startsWith('/')) {
      pathname = `/${pathname}`;
    }
  }

  const segments = pathname.split('/');
  segments.shift(); // empty before the leading slash
  if (segments.length > 0 && segments[segments.length - 1] === '') {
    segments.pop(); // one trailing slash
  }
  const groupsAt = segments.findIndex((s) => s.toLowerCase() === 'groups');
  if (groupsAt < 0) {
    return undefined;
  }
  const rest = segments.slice(groupsAt);
  if (rest.length !== 6 || rest[4].toLowerCase() !== 'restorejobs') {
    return undefined;
  }
  const parent = rest[2].toLowerCase();
  if (parent !== 'clusters' && parent !== 'hosts') {
    return undefined;
  }
  const groupId = decodeSegment(rest[1]);
  const parentId = decodeSegment(rest[3]);
  const jobId = decodeSegment(rest[5]);
  if (groupId === '' || parentId === '' || jobId === '') {
    return undefined;
  }
  const prefix = segments.slice(0, groupsAt).join('/');
  if (origin === undefined && prefix !== '' && !`/${prefix}`.toLowerCase().endsWith(API_PREFIX)) {
    // A bare path that is not under the API (e.g. some web-UI route) is not a restore job URL.
    return undefined;
  }
  const result: RestoreJobUrl = { groupId, jobId };
  if (origin !== undefined) {
    result.baseUrl = prefix === '' ? origin : `${origin}/${prefix}`;
  }
  if (parent === 'clusters') {
    result.clusterId = parentId;
  } else {
    result.hostId = parentId;
  }
  return result;
}

export interface NormalisedBaseUrl {
  /** `https://host[:port]`: the only origin credentials are ever sent to. */
  origin: string;
  /** `https://host[:port][/prefix]/api/public/v1.0`, no trailing slash. */
  apiBase: string;
}

/** Cloud Manager serves the same v1.0 API as Ops Manager, under this base. */
export const CLOUD_MANAGER_BASE_URL = 'https://cloud.mongodb.com/api/public/v1.0';

/**
 * Accepts `https://om:8443`, `https://om:8443/`, `https://om:8443/api/public/v1.0/`, a reverse-proxy prefix
 * (`https://gw/opsmanager`), and even a pasted resource URL (cut at `/api/public/v1.0`). Query and fragment are
 * ignored. Throws `OpsManagerError{kind:'invalid-input'}` for anything that is not an http(s) URL, and for URLs
 * carrying a user name or password (the key belongs in the secret store, not in a setting).
 */
export function normaliseBaseUrl(baseUrl: string): NormalisedBaseUrl {
  const input = baseUrl.trim();
  const invalid = (message: string): OpsManagerError => new OpsManagerError({ kind: 'invalid-input', message });
  if (input === '') {
    throw invalid(
      'The Ops Manager base URL is empty. Enter it as https://host:port (e.g. https://opsmanager.example.com:8443).',
    );
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw invalid(
      `The Ops Manager base URL must start with https:// or http://; got ${JSON.stringify(excerpt(input))}.`,
    );
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid(`The Ops Manager base URL is not a valid URL: ${JSON.stringify(excerpt(stripCredentials(input)))}.`);
  }
  if (url.username !== '' || url.password !== '') {
    // Do not echo the URL: the part before "@" may be the key itself.
    throw invalid(
      'The Ops Manager base URL must not contain a user name or password. Put the public key in the server\'s username setting and store the private key with "Set API Key…".',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`The Ops Manager base URL must use https:// or http://, not ${url.protocol}//.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  const at = path.toLowerCase().indexOf(API_PREFIX.toLowerCase());
  if (at >= 0 && (path.length === at + API_PREFIX.length || path[at + API_PREFIX.length] === '/')) {
    path = path.slice(0, at);
  }
  return { origin: url.origin, apiBase: `${url.origin}${path}${API_PREFIX}` };
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
