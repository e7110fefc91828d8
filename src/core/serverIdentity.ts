// Which secret belongs to which server. The key is derived from what identifies the account on the wire (the
// Ops Manager origin and path, and the user name), not from the display name, so renaming a server in the
// settings keeps its key, and two entries for the same account share it.
import { API_PREFIX } from '../opsManager/common';

/**
 * The Ops Manager base URL in one canonical form: lower-case scheme and host, no default port, no trailing
 * slash, no `/api/public/v1.0` suffix. Undefined when `text` is not an http(s) URL.
 */
export function normaliseBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return undefined;
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase().endsWith(API_PREFIX.toLowerCase())) {
    path = path.slice(0, path.length - API_PREFIX.length).replace(/\/+$/, '');
  }
  return `${url.protocol}//${url.host}${path}`;
}

/** The identity of an account on a server: normalised base URL + user name. */
export function serverIdentity(baseUrl: string, username: string): string {
  return `${normaliseBaseUrl(baseUrl) ?? baseUrl.trim()}|${username.trim()}`;
}

/** The SecretStorage key holding the API key of that account. */
export function apiKeySecretKey(identity: string): string {
  return `opsManager.apiKey:${identity}`;
}

export const API_KEY_SECRET_PREFIX = 'opsManager.apiKey:';
