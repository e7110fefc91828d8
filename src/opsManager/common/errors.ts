// One error type for everything that can go wrong talking to Ops Manager or a backup host, carrying what a
// person needs to act on it. Messages never contain credentials: URLs are stored without userinfo.

import { scanApiPath } from './apiPath';
import { isRecord } from './json';
import { redactSecrets, stripCredentials, stripUserinfo } from './redact';

export { redactSecrets, stripCredentials } from './redact';

export type OpsManagerErrorKind =
  /** The server answered with an error status. */
  | 'http'
  /** Connection refused, DNS failure, reset, cut connection. */
  | 'network'
  /** No answer (connect, headers or body) within the configured time. */
  | 'timeout'
  /** Certificate problems: self-signed, unknown CA, wrong host name. */
  | 'tls'
  /** The server answered 2xx but the body was not what the API promises. */
  | 'parse'
  /** Bad input caught before any request was sent (malformed ID, URL). */
  | 'invalid-input'
  /** The user or the caller cancelled. */
  | 'cancelled'
  /** Local I/O while saving a download (disk full, permission denied). */
  | 'io'
  /** The downloaded file's SHA-1 does not match the job's hash. */
  | 'verification';

export interface OpsManagerErrorInit {
  kind: OpsManagerErrorKind;
  message: string;
  status?: number;
  errorCode?: string;
  reason?: string;
  detail?: string;
  parameters?: unknown[];
  url?: string;
  cause?: unknown;
}

export class OpsManagerError extends Error {
  readonly kind: OpsManagerErrorKind;
  readonly status?: number;
  readonly errorCode?: string;
  readonly reason?: string;
  readonly detail?: string;
  readonly parameters?: unknown[];
  /** The request URL, without credentials. */
  readonly url?: string;

  constructor(init: OpsManagerErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'OpsManagerError';
    this.kind = init.kind;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.reason = init.reason;
    this.detail = init.detail;
    this.parameters = init.parameters;
    this.url = init.url === undefined ? undefined : stripCredentials(init.url);
  }
}

/** The error an API request rejects with when its signal aborts. */
export function requestCancelled(url: string): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', message: 'The request was cancelled.', url });
}

export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof OpsManagerError && error.kind === 'cancelled') ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'))
  );
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP error bodies → actionable messages.
// Ops Manager answers errors as `{error, reason, detail, errorCode, parameters?}`, but any field may be missing and
// proxies or load balancers answer HTML or plain text. Each known `errorCode` gets a sentence telling the person
// what to change; anything else falls back to a message by status, with the server's own words appended.

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface HttpErrorOptions {
  /** Secrets (the API key) to blank out of anything quoted from the server. */
  redact?: readonly string[];
}

/** The fields of an Ops Manager error body, each kept only when it has the expected type. */
export interface ErrorBody {
  error?: number;
  reason?: string;
  detail?: string;
  errorCode?: string;
  parameters?: unknown[];
}

const MAX_FIELD_CHARS = 4096;

/** Reads an error body leniently: a field of the wrong type is ignored, never fatal. */
export function readErrorBody(body: unknown): ErrorBody {
  const out: ErrorBody = {};
  if (!isRecord(body)) {
    return out;
  }
  const record = body;
  if (typeof record.error === 'number') {
    out.error = record.error;
  }
  // A hostile server can send megabytes here; nobody reads more than a few lines of it.
  if (typeof record.reason === 'string' && record.reason !== '') {
    out.reason = record.reason.slice(0, MAX_FIELD_CHARS);
  }
  if (typeof record.detail === 'string' && record.detail !== '') {
    out.detail = record.detail.slice(0, MAX_FIELD_CHARS);
  }
  if (typeof record.errorCode === 'string' && record.errorCode !== '') {
    out.errorCode = record.errorCode;
  }
  if (Array.isArray(record.parameters)) {
    out.parameters = record.parameters;
  }
  return out;
}

/**
 * The error for a non-2xx answer. `bodyText` is the raw body (JSON or not); `url` the request URL (credentials are
 * stripped); `headers` the response headers (for `Retry-After`).
 */
export function httpError(
  status: number,
  bodyText: string,
  url: string,
  headers?: HeaderMap,
  options?: HttpErrorOptions,
): OpsManagerError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const isJson = isRecord(parsed); // an array, string or number body is shown as text
  return buildHttpError(status, isJson ? parsed : undefined, isJson ? undefined : bodyText, url, headers, options);
}

/** Same as `httpError` for a body already parsed (e.g. the `content` of an envelope whose `status` is not 2xx). */
export function httpErrorFromBody(
  status: number,
  body: unknown,
  url: string,
  headers?: HeaderMap,
  options?: HttpErrorOptions,
): OpsManagerError {
  return buildHttpError(status, body, undefined, url, headers, options);
}

function buildHttpError(
  status: number,
  body: unknown,
  nonJsonText: string | undefined,
  url: string,
  headers: HeaderMap | undefined,
  options: HttpErrorOptions | undefined,
): OpsManagerError {
  const secrets = (options?.redact ?? []).filter((s) => s.length >= 4);
  const clean = (text: string): string => redactSecrets(text, secrets);
  const fields = readErrorBody(body);
  const safeUrl = stripCredentials(url);
  const code = fields.errorCode;
  const detail = fields.detail === undefined ? undefined : clean(fields.detail);
  const reason = fields.reason === undefined ? undefined : clean(fields.reason);
  const retryAfterMs = parseRetryAfterMs(headerValue(headers, 'retry-after'));

  let message = actionFor(status, code, safeUrl, detail, fields.parameters, retryAfterMs);
  if (nonJsonText !== undefined) {
    const excerpt = sanitisedExcerpt(nonJsonText, secrets);
    message += excerpt === '' ? ' The response body was empty.' : ` The response was not JSON: "${excerpt}"`;
  } else if (detail !== undefined && !message.includes(detail)) {
    message += ` Ops Manager said: "${truncate(oneLine(detail), 300)}"`;
  } else if (detail === undefined && reason !== undefined && code === undefined && status !== 401) {
    message += ` Ops Manager said: "${truncate(oneLine(reason), 120)}"`;
  }
  message += ` (HTTP ${status}${code === undefined ? '' : ` ${code}`})`;

  return new OpsManagerError({
    kind: 'http',
    message: clean(message),
    status,
    errorCode: code,
    reason,
    detail,
    parameters: fields.parameters,
    url: safeUrl,
  });
}

function actionFor(
  status: number,
  code: string | undefined,
  url: string,
  detail: string | undefined,
  parameters: unknown[] | undefined,
  retryAfterMs: number | undefined,
): string {
  const ids = scanApiPath(url);
  const group = ids.groupId === undefined ? 'this project' : `group ${ids.groupId}`;
  const parent =
    ids.clusterId !== undefined
      ? ` / cluster ${ids.clusterId}`
      : ids.hostId !== undefined
        ? ` / config server host ${ids.hostId}`
        : '';
  const job = ids.jobId === undefined ? 'The restore job' : `Restore job ${ids.jobId}`;

  switch (code) {
    case 'RESTORE_JOB_NOT_FOUND':
    case 'RESTORE_JOB_NOT_FOUND_IN_GROUP':
    case 'CONFIG_RESTORE_JOB_NOT_FOUND':
    case 'INVALID_JOB_ID':
      return (
        `${job} was not found in ${group}${parent}. Check the ID: it must be a restore job of this ` +
        `${ids.hostId !== undefined ? 'config server' : 'cluster'} in this project (jobs of a sharded cluster belong to the ` +
        'top-level cluster, not to a shard), and it may have been removed.'
      );
    case 'CLUSTER_NOT_FOUND':
      return (
        `${ids.clusterId === undefined ? 'The cluster' : `Cluster ${ids.clusterId}`} was not found in ${group}. ` +
        'Check the cluster ID, or refresh the tree: the cluster may have been removed.'
      );
    case 'HOST_NOT_FOUND':
    case 'INVALID_HOST_ID':
      return (
        `${ids.hostId === undefined ? 'The config server host' : `Config server host ${ids.hostId}`} was not found in ${group}. ` +
        'Check the host ID (the ID of the mirrored config server, not its host name).'
      );
    case 'INVALID_CLUSTER_ID':
      return (
        `Ops Manager did not accept ${ids.clusterId === undefined ? 'the cluster' : `"${ids.clusterId}"`} as a cluster of ${group}: ` +
        'the API needs a cluster ID (24 hex characters), not a name. Copy the ID from the cluster list.'
      );
    case 'GROUP_NOT_FOUND':
    case 'INVALID_GROUP_ID':
      return (
        `${ids.groupId === undefined ? 'The project (group)' : `Project (group) ${ids.groupId}`} was not found. Check the ` +
        'project ID (24 hex characters, shown in Ops Manager under Project Settings) and that this server and API key ' +
        'are the ones that own the project.'
      );
    case 'NOT_IN_GROUP':
      return (
        `The API key is valid but has no access to ${group}. Give the key a role in this project in Ops Manager ` +
        '(Access Manager → API Keys), or use a key that has one.'
      );
    case 'USER_UNAUTHORIZED':
      return (
        `The API key is valid but not allowed to do this in ${group}. Give the key a project role that can read ` +
        'backups and restore jobs, or use a key that has one.'
      );
    case 'NO_CURRENT_USER':
      return (
        "Ops Manager found no user for this API key. Check the public key in the server's username setting, that " +
        "the key still exists, and run 'Set API Key…' with its private key."
      );
    case 'IP_ADDRESS_NOT_ON_WHITELIST':
    case 'IP_ADDRESS_NOT_ON_ACCESS_LIST': {
      const ip = findIpAddress(parameters, detail);
      return (
        `Ops Manager refused the request because this machine's IP address${ip === undefined ? '' : ` (${ip})`} is not on ` +
        "the API key's access list. Add this machine's IP address to the API key's access list in Ops Manager " +
        '(Access Manager → API Keys → Edit), then try again.'
      );
    }
    case 'RATE_LIMITED':
      return (
        'Ops Manager is rate-limiting requests (older servers allow 100 requests per minute per project). ' +
        `Wait ${retryAfterMs === undefined ? 'a minute' : describeWait(retryAfterMs)} and try again.`
      );
    case 'UNEXPECTED_ERROR':
      return (
        'Ops Manager reported an internal error. Try again; if it keeps happening, an Ops Manager administrator can ' +
        'find the cause in the server logs.'
      );
    default:
      return actionForStatus(status, code, url, retryAfterMs);
  }
}

function actionForStatus(
  status: number,
  code: string | undefined,
  url: string,
  retryAfterMs: number | undefined,
): string {
  const where = pathOf(url);
  if (status === 401) {
    return code === undefined
      ? "The API key was rejected: check the public key and run 'Set API Key…'."
      : `Ops Manager refused the API key for ${where}. Check the key's roles and run 'Set API Key…' if the key changed.`;
  }
  if (status === 403) {
    return (
      `Ops Manager refused access to ${where}. The API key may lack a role for this, or this machine's IP address may ` +
      "not be on the API key's access list."
    );
  }
  if (status === 404) {
    return code !== undefined
      ? `Ops Manager found nothing at ${where}. Check the IDs, or refresh the tree: the resource may have been removed.`
      : `Ops Manager found nothing at ${where}. Check the server's base URL (it should be the Ops Manager address, e.g. https://opsmanager.example.com:8443) and the IDs.`;
  }
  if (status === 429) {
    return `Ops Manager is rate-limiting requests. Wait ${retryAfterMs === undefined ? 'a minute' : describeWait(retryAfterMs)} and try again.`;
  }
  if (status === 400 || status === 409 || status === 422) {
    return `Ops Manager rejected the request to ${where} as invalid.`;
  }
  if (status === 407) {
    return 'The proxy between this machine and Ops Manager requires authentication: check the http.proxy setting.';
  }
  if (status === 502 || status === 503 || status === 504) {
    return `Ops Manager (or a proxy in front of it) is unavailable or did not answer in time for ${where}. Try again later.`;
  }
  if (status >= 500) {
    return `Ops Manager failed with a server error for ${where}. Try again; if it keeps happening, check the Ops Manager server logs.`;
  }
  if (status >= 300 && status < 400) {
    return `Ops Manager answered ${where} with a redirect. Check the server's base URL (https:// vs http://, host and port).`;
  }
  return `Ops Manager answered ${where} with an unexpected status.`;
}

/** The path of a URL (no query), for messages. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}

function findIpAddress(parameters: unknown[] | undefined, detail: string | undefined): string | undefined {
  const ipLike = /(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}/i;
  for (const p of parameters ?? []) {
    if (typeof p === 'string') {
      const m = ipLike.exec(p);
      if (m !== null) {
        return m[0];
      }
    }
  }
  const m = detail === undefined ? null : ipLike.exec(detail);
  return m === null ? undefined : m[0];
}

function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** Case-insensitive header lookup; the first value of a repeated header. */
export function headerValue(headers: HeaderMap | undefined, name: string): string | undefined {
  if (headers === undefined) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) {
      return Array.isArray(value) ? value[0] : value;
    }
  }
  return undefined;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (past dates give 0); undefined if absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  if (!/[a-z]/i.test(text)) {
    return undefined; // "1.5", "-1": not valid delta-seconds, and not a date either
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How much of a body is ever looked at for an excerpt. Error and non-JSON bodies can be 32 MiB of hostile text
 * (even the first, unauthenticated 401), so they are cut before any processing: an excerpt shows 200 characters.
 */
export const EXCERPT_SOURCE_CHARS = 8 * 1024;

/** A short, single-line, tag-free excerpt of a body, with secrets and URL credentials removed. Linear time. */
export function sanitisedExcerpt(text: string, secrets: readonly string[] = [], max = 200): string {
  let head = text;
  if (text.length > EXCERPT_SOURCE_CHARS) {
    // Cut, and drop the last (possibly partial) word so no prefix of a secret or of `user:password@` survives.
    head = text.slice(0, EXCERPT_SOURCE_CHARS);
    head = head.slice(0, lastWhitespace(head));
  }
  const noTags = decodeEntities(stripTags(dropScriptsAndStyles(head)));
  return truncate(stripUserinfo(redactSecrets(oneLine(noTags), secrets)), max);
}

function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      return i;
    }
  }
  return 0;
}

/**
 * Removes `<script>`/`<style>` elements with their content. Each end tag is searched once, after its start tag,
 * and an element that is never closed hides the rest, so the work stays linear (a lazy regex was quadratic on
 * repeated unclosed `<script`).
 */
function dropScriptsAndStyles(text: string): string {
  const open = /<(script|style)\b/gi;
  let out = '';
  let from = 0;
  for (let m = open.exec(text); m !== null; m = open.exec(text)) {
    out += `${text.slice(from, m.index)} `;
    const close = new RegExp(`</${m[1]}`, 'gi');
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    const gt = end === null ? -1 : text.indexOf('>', close.lastIndex);
    if (gt === -1) {
      return out;
    }
    from = gt + 1;
    open.lastIndex = from;
  }
  return out + text.slice(from);
}

/** `[^<>]` stops each attempt at the next `<`, so a wall of `<` is linear (`<[^>]*>` was quadratic). */
function stripTags(text: string): string {
  return text.replace(/<[^<>]*>/g, ' ');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A 2xx answer whose body is not what the API promises. `problem` names the field path or says "not JSON". */
export function parseErrorFor(url: string, problem: string, cause?: unknown): OpsManagerError {
  const safeUrl = stripCredentials(url);
  return new OpsManagerError({
    kind: 'parse',
    message: `Unexpected answer from Ops Manager for ${safeUrl}: ${problem}`,
    url: safeUrl,
    cause,
  });
}
