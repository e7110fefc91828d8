// One error type for everything that can go wrong talking to Ops Manager or a backup host, carrying what a
// person needs to act on it. Messages never contain credentials: URLs are stored without userinfo.

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

export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof OpsManagerError && error.kind === 'cancelled') ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'))
  );
}

/** Removes `user:password@` from a URL string; leaves anything that is not a URL untouched. */
export function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
      return parsed.toString();
    }
    return url;
  } catch {
    return url;
  }
}
