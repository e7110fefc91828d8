// One error type for everything that can go wrong talking to Ops Manager or a backup host. The domain speaks
// codes: `code` names the situation and `params` carries its values; the VS Code layer words them
// (src/core/errorText.ts). `message` is the technical detail for the log. Nothing here contains credentials:
// URLs are stored without userinfo, quoted server text is cut, redacted and stripped of userinfo.
// Over 300 lines because the error type and reading error bodies (excerpt, Retry-After, codes) belong together.

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

/**
 * What the VS Code layer needs to word an error: `code` names the situation (one sentence each, in
 * src/core/errorText.ts), `params` the values that sentence shows. Values are already safe to show (no secrets,
 * no userinfo, no download tokens).
 */
export type ErrorParams = Readonly<Record<string, string | number | boolean | undefined>>;

export interface OpsManagerErrorInit {
  kind: OpsManagerErrorKind;
  /** The situation, for the wording. Defaults to the kind in capitals. */
  code?: string;
  params?: ErrorParams;
  /** Technical detail for the log (English, never shown as the user-facing sentence when `code` is worded). */
  message: string;
  status?: number;
  errorCode?: string;
  reason?: string;
  detail?: string;
  parameters?: unknown[];
  url?: string;
  cause?: unknown;
}

/**
 * Marks OpsManagerErrors across bundles: the HTTP layer is a separately loaded bundle with its own copy of this
 * class, so `instanceof` cannot tell; a registered symbol can.
 */
const BRAND = Symbol.for('opsManager.error');

export class OpsManagerError extends Error {
  readonly kind: OpsManagerErrorKind;
  readonly code: string;
  readonly params: ErrorParams;
  readonly status?: number;
  readonly errorCode?: string;
  readonly reason?: string;
  readonly detail?: string;
  readonly parameters?: unknown[];
  /** The request URL, without credentials. */
  readonly url?: string;

  constructor(init: OpsManagerErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'OpsManagerError';
    this.kind = init.kind;
    this.code = init.code ?? init.kind.toUpperCase().replace(/-/g, '_');
    this.params = init.params ?? {};
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.reason = init.reason;
    this.detail = init.detail;
    this.parameters = init.parameters;
    this.url = init.url === undefined ? undefined : stripCredentials(init.url);
  }
}

/** Whether `error` is an OpsManagerError from any bundle (see BRAND). */
export function isOpsManagerError(error: unknown): error is OpsManagerError {
  return typeof error === 'object' && error !== null && Reflect.get(error, BRAND) === true;
}

/** The error an API request rejects with when its signal aborts. */
export function requestCancelled(url: string): OpsManagerError {
  return new OpsManagerError({ kind: 'cancelled', code: 'CANCELLED', message: 'The request was cancelled.', url });
}

/**
 * Whether an error means "stopped on purpose": an OpsManagerError, or any error object (the VS Code layer's
 * UserCancelledError), of kind `cancelled`, or a DOM AbortError.
 */
export function isCancellation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  return Reflect.get(error, 'kind') === 'cancelled' || (error instanceof Error && error.name === 'AbortError');
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP error bodies → situations.
// Ops Manager answers errors as `{error, reason, detail, errorCode, parameters?}`, but any field may be missing and
// proxies or load balancers answer HTML or plain text. Each known `errorCode` is a situation the wording can give
// advice for; anything else falls back to one by status. The server's own words go along as `serverSaid` (or
// `notJson`, an excerpt of a body that was not JSON).

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface HttpErrorOptions {
  /** Secrets (the API key) to blank out of anything quoted from the server. */
  redact?: readonly string[];
  /** A 401 offered no Digest challenge we can answer (no key was sent): what it offered. */
  unusableChallenge?: string;
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
  const errorCode = fields.errorCode;
  const detail = fields.detail === undefined ? undefined : clean(fields.detail);
  const reason = fields.reason === undefined ? undefined : clean(fields.reason);
  const retryAfterMs = parseRetryAfterMs(headerValue(headers, 'retry-after'));

  const situation =
    status === 401 && options?.unusableChallenge !== undefined
      ? { code: 'NO_USABLE_CHALLENGE', params: { offered: options.unusableChallenge } }
      : describeHttp(status, errorCode, safeUrl, detail, fields.parameters, retryAfterMs);
  // What the server said, for the user: the body's own words (detail, else a reason that adds something).
  let said: Record<string, string> = {};
  if (nonJsonText !== undefined) {
    said = { notJson: sanitisedExcerpt(nonJsonText, secrets) };
  } else if (detail !== undefined) {
    said = { serverSaid: truncate(oneLine(detail), 300) };
  } else if (reason !== undefined && errorCode === undefined && status !== 401) {
    said = { serverSaid: truncate(oneLine(reason), 120) };
  }
  const technical =
    `HTTP ${status}${errorCode === undefined ? '' : ` ${errorCode}`} from ${pathOf(safeUrl)}` +
    (said.notJson !== undefined ? ` (not JSON: "${said.notJson}")` : '') +
    (said.serverSaid !== undefined ? `: ${said.serverSaid}` : '');

  return new OpsManagerError({
    kind: 'http',
    code: situation.code,
    params: { ...situation.params, ...said, status, errorCode },
    message: clean(technical),
    status,
    errorCode,
    reason,
    detail,
    parameters: fields.parameters,
    url: safeUrl,
  });
}

/** Waits longer than this (a day) are not worded as a number of seconds. */
export const MAX_WORDED_WAIT_S = 24 * 60 * 60;

interface Situation {
  code: string;
  params: Record<string, string | number | undefined>;
}

/**
 * Which situation a non-2xx answer is: by Ops Manager's errorCode when it is one we can give advice for, else by
 * status. The IDs come from the request path, so the sentence can name what was not found.
 */
function describeHttp(
  status: number,
  errorCode: string | undefined,
  url: string,
  detail: string | undefined,
  parameters: unknown[] | undefined,
  retryAfterMs: number | undefined,
): Situation {
  const ids = scanApiPath(url);
  const where = { groupId: ids.groupId, clusterId: ids.clusterId, hostId: ids.hostId, jobId: ids.jobId };
  // A Retry-After of 10^20 s is a server bug, not advice: anything over a day is reported as "too long".
  const waitSeconds =
    retryAfterMs === undefined
      ? undefined
      : Math.min(MAX_WORDED_WAIT_S + 1, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  switch (errorCode) {
    case 'RESTORE_JOB_NOT_FOUND':
    case 'RESTORE_JOB_NOT_FOUND_IN_GROUP':
    case 'CONFIG_RESTORE_JOB_NOT_FOUND':
    case 'INVALID_JOB_ID':
      return { code: 'JOB_NOT_FOUND', params: where };
    case 'CLUSTER_NOT_FOUND':
      return { code: 'CLUSTER_NOT_FOUND', params: where };
    case 'HOST_NOT_FOUND':
    case 'INVALID_HOST_ID':
      return { code: 'HOST_NOT_FOUND', params: where };
    case 'NOT_CONFIG_SERVER':
      return { code: 'NOT_CONFIG_SERVER', params: where };
    case 'INVALID_CLUSTER_ID':
      return { code: 'CLUSTER_ID_NOT_ACCEPTED', params: where };
    case 'GROUP_NOT_FOUND':
    case 'INVALID_GROUP_ID':
      return { code: 'GROUP_NOT_FOUND', params: where };
    case 'NOT_IN_GROUP':
      return { code: 'KEY_NOT_IN_GROUP', params: where };
    case 'USER_UNAUTHORIZED':
      return { code: 'KEY_NOT_ALLOWED', params: where };
    case 'NO_CURRENT_USER':
      return { code: 'KEY_HAS_NO_USER', params: {} };
    case 'IP_ADDRESS_NOT_ON_WHITELIST':
    case 'IP_ADDRESS_NOT_ON_ACCESS_LIST':
    case 'RESOURCE_REQUIRES_ACCESS_LIST':
    case 'RESOURCE_REQUIRES_WHITELIST':
    case 'ORG_REQUIRES_WHITELIST':
    case 'ORG_REQUIRES_ACCESS_LIST':
      return { code: 'NOT_ON_ACCESS_LIST', params: { ip: findIpAddress(parameters, detail) } };
    case 'RATE_LIMITED':
      return { code: 'RATE_LIMITED', params: { waitSeconds } };
    case 'UNEXPECTED_ERROR':
      return { code: 'SERVER_INTERNAL_ERROR', params: {} };
    default:
      return describeStatus(status, errorCode, pathOf(url), waitSeconds);
  }
}

function describeStatus(
  status: number,
  errorCode: string | undefined,
  path: string,
  waitSeconds: number | undefined,
): Situation {
  if (status === 401) {
    return errorCode === undefined ? { code: 'KEY_REJECTED', params: {} } : { code: 'KEY_REFUSED', params: { path } };
  }
  if (status === 403) {
    return { code: 'FORBIDDEN', params: { path } };
  }
  if (status === 404) {
    return { code: errorCode === undefined ? 'NOT_FOUND_CHECK_BASE_URL' : 'NOT_FOUND', params: { path } };
  }
  if (status === 429) {
    return { code: 'TOO_MANY_REQUESTS', params: { waitSeconds } };
  }
  if (status === 400 || status === 409 || status === 422) {
    return { code: 'REQUEST_INVALID', params: { path } };
  }
  if (status === 407) {
    return { code: 'PROXY_AUTH_REQUIRED', params: {} };
  }
  if (status === 502 || status === 503 || status === 504) {
    return { code: 'UNAVAILABLE', params: { path } };
  }
  if (status >= 500) {
    return { code: 'SERVER_FAILED', params: { path } };
  }
  if (status >= 300 && status < 400) {
    return { code: 'REDIRECTED', params: { path } };
  }
  return { code: 'UNEXPECTED_STATUS', params: { path } };
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
    code: 'UNEXPECTED_ANSWER',
    params: { url: safeUrl, problem },
    message: `Unexpected answer from Ops Manager for ${safeUrl}: ${problem}`,
    url: safeUrl,
    cause,
  });
}
