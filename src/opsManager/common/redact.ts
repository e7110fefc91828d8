// The one place secrets are taken out of text: known values (API keys, download tokens), credentials that look
// like credentials (Authorization headers, `user:password@` in URLs, `apiKey=` fields), and URLs reduced to what
// is safe to show. Used by the domain's error messages, the download errors and the VS Code log alike. Every
// pattern here sees server text, so each is linear: no nested quantifiers, and each one anchored on a literal.

export const MASK = '***';

/** Replaces every occurrence of each secret with `***`, longest first (so a secret containing another goes whole). */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s !== '').sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(MASK);
  }
  return out;
}

// Credentials we do not know by value (a header copied into an error text, a URL with userinfo).
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Digest credentials: everything after "Digest " once it looks like parameters (username=…, response=…).
  [/\b(digest\s+)(?=[a-z]+=)[^\r\n]*/gi, `$1${MASK}`],
  // Authorization / Proxy-Authorization as a header line ("Authorization: …" up to the end of the line)…
  [/\b((?:proxy-)?authorization\s*:\s*)[^\s"'][^\r\n]*/gi, `$1${MASK}`],
  // …and as a JSON or JS property ("authorization": "…").
  [/(\b(?:proxy-)?authorization["']\s*:\s*["'])[^"'\r\n]*/gi, `$1${MASK}`],
  [/\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${MASK}`],
  // userinfo in URLs: anchored on "://" (a scheme pattern in front restarted at every letter of `a.a.a.…`).
  [/:\/\/[^/\s@]*@/g, `://${MASK}@`],
  // apiKey=…, "apiKey": "…", authValue, password, token fields
  [
    /(\b(?:apikey|api_key|privatekey|private_key|password|authvalue|token)["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi,
    `$1${MASK}`,
  ],
];

/** Known secrets, then anything that looks like a credential. */
export function maskSecrets(text: string, secrets: Iterable<string> = []): string {
  let out = redactSecrets(text, secrets);
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** `scheme://user:password@host` → `scheme://host` anywhere in a text. Linear: anchored on `://`, stops at `/`. */
export function stripUserinfo(text: string): string {
  return text.replace(/:\/\/[^/\s@]*@/g, '://');
}

/**
 * A URL without `user:password@`. A string that does not parse as a URL (bad port, stray characters) loses
 * everything between `://` and its last `@`: its userinfo may hold `/` or `:` (`https://user:pa/ss@om:8443x`), so
 * no URL grammar can be trusted to find where it ends.
 */
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
    const at = url.lastIndexOf('@');
    if (at === -1) {
      return url;
    }
    const scheme = url.indexOf('://');
    const start = scheme === -1 || scheme > at ? 0 : scheme + 3;
    return url.slice(0, start) + url.slice(at + 1);
  }
}

/**
 * A download link as it may be logged or shown: its origin only. Tokens sit anywhere in the path, the last
 * segment included (`…/pull/<jobId>/<token>`), and in the query.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && parsed.search === '' ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return '(download link)';
  }
}
