// A lenient scanner for RFC 7235 challenge lists (`WWW-Authenticate`) and RFC 7615 parameter lists
// (`Authentication-Info`). Servers put several challenges in one header, split them across several headers,
// quote values with escaped quotes and commas inside, or leave base64 nonces (with `+ / =`) unquoted; all of that
// must parse, and a scheme we do not speak (Basic, Bearer, Negotiate with a token68) must be skipped cleanly.

export interface AuthChallenge {
  /** The scheme as sent (compare case-insensitively). */
  scheme: string;
  /** Parameters by lower-cased name; the first occurrence of a name wins. Null prototype: names are data. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate YII…=`), when the challenge carries one instead of parameters. */
  token68?: string;
}

// RFC 7230 tchar lookup: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1;
}
// token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const T68CHAR = new Uint8Array(128);
for (const c of '-._~+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') {
  T68CHAR[c.charCodeAt(0)] = 1;
}

const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== SPACE && c !== TAB) {
      break;
    }
    i++;
  }
  return i;
}

function skipWsAndCommas(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== COMMA) {
      break;
    }
    i++;
  }
  return i;
}

function readToken(s: string, i: number): number {
  while (i < s.length && isTchar(s.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** Reads a quoted-string starting at the opening quote; an unterminated string runs to the end. */
function readQuoted(s: string, start: number): { value: string; end: number } {
  let i = start + 1;
  // Fast path: no escape before the closing quote. Scans only up to that quote (an `indexOf('\\')` over the rest
  // of the header was quadratic on a long list of quoted values).
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === QUOTE) {
      return { value: s.slice(i, j), end: j + 1 };
    }
    if (c === BACKSLASH) {
      break;
    }
  }
  // Slow path: copy the runs between escapes as slices (one pass, no per-character string building).
  const parts: string[] = [];
  let from = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < s.length) {
      parts.push(s.slice(from, i), s[i + 1]);
      i += 2;
      from = i;
    } else if (c === QUOTE) {
      parts.push(s.slice(from, i));
      return { value: parts.join(''), end: i + 1 };
    } else {
      i++;
    }
  }
  parts.push(s.slice(from, i));
  return { value: parts.join(''), end: i };
}

/** Reads an unquoted value leniently: everything up to a comma or whitespace (so `nonce=abc+/==` survives). */
function readBare(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === COMMA || c === SPACE || c === TAB) {
      break;
    }
    i++;
  }
  return i;
}

/** If a token68 starts at `i` and is followed only by whitespace then a comma or the end, returns its end. */
function token68End(s: string, i: number): number | undefined {
  let j = i;
  while (j < s.length && s.charCodeAt(j) < 128 && T68CHAR[s.charCodeAt(j)] === 1) {
    j++;
  }
  if (j === i) {
    return undefined;
  }
  while (j < s.length && s.charCodeAt(j) === EQUALS) {
    j++;
  }
  const after = skipWs(s, j);
  return after >= s.length || s.charCodeAt(after) === COMMA ? j : undefined;
}

/** Skips a malformed stretch up to the next comma outside quotes. */
function skipToComma(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === COMMA) {
      return i;
    }
    i = c === QUOTE ? readQuoted(s, i).end : i + 1;
  }
  return i;
}

/**
 * Reads `name = value` at `i` when one is there. Returns undefined (and reads nothing) when the token at `i` is
 * not followed by `=`, which is how a new challenge's scheme is told apart from a parameter.
 */
function readParam(s: string, i: number): { name: string; value: string; end: number } | undefined {
  const nameEnd = readToken(s, i);
  if (nameEnd === i) {
    return undefined;
  }
  let j = skipWs(s, nameEnd);
  if (s.charCodeAt(j) !== EQUALS) {
    return undefined;
  }
  j = skipWs(s, j + 1);
  const name = s.slice(i, nameEnd).toLowerCase();
  if (s.charCodeAt(j) === QUOTE) {
    const q = readQuoted(s, j);
    return { name, value: q.value, end: q.end };
  }
  const end = readBare(s, j);
  return { name, value: s.slice(j, end), end };
}

function setParam(params: Record<string, string>, name: string, value: string): void {
  if (!Object.prototype.hasOwnProperty.call(params, name)) {
    params[name] = value;
  }
}

/** More challenges than any server sends; the rest of a header is ignored. */
const MAX_CHALLENGES = 32;

function parseOneHeader(s: string, out: AuthChallenge[]): void {
  let current: AuthChallenge | undefined;
  let i = 0;
  while (true) {
    i = skipWsAndCommas(s, i);
    if (i >= s.length) {
      return;
    }
    if (current) {
      const param = readParam(s, i);
      if (param) {
        setParam(current.params, param.name, param.value);
        i = param.end;
        continue;
      }
    }
    const schemeEnd = readToken(s, i);
    if (schemeEnd === i) {
      // Neither a parameter nor a scheme: skip the junk, and do not attach what follows to a wrong challenge.
      current = undefined;
      i = skipToComma(s, i + 1);
      continue;
    }
    if (!current && s.charCodeAt(skipWs(s, schemeEnd)) === EQUALS) {
      // A parameter with no challenge before it: junk.
      i = skipToComma(s, schemeEnd);
      continue;
    }
    if (out.length >= MAX_CHALLENGES) {
      // A real server offers a handful; a hostile header of thousands of bare tokens would only cost memory.
      return;
    }
    current = { scheme: s.slice(i, schemeEnd), params: Object.create(null) as Record<string, string> };
    out.push(current);
    i = skipWs(s, schemeEnd);
    const t68 = token68End(s, i);
    if (t68 !== undefined) {
      // `abc=` then a comma or the end is a token68: a parameter needs a non-empty value.
      current.token68 = s.slice(i, t68);
      i = t68;
    }
  }
}

/** Every challenge in one or several `WWW-Authenticate` header values, in order. Never throws. */
export function parseChallenges(header: string | readonly string[] | undefined): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  if (header === undefined) {
    return out;
  }
  if (typeof header === 'string') {
    parseOneHeader(header, out);
  } else {
    for (const value of header) {
      parseOneHeader(value, out);
    }
  }
  return out;
}

/** The parameters of an `Authentication-Info` header (a bare list, no scheme). Never throws. */
export function parseAuthParams(header: string | readonly string[] | undefined): Record<string, string> {
  const params = Object.create(null) as Record<string, string>;
  const values = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  for (const s of values) {
    let i = 0;
    while (true) {
      i = skipWsAndCommas(s, i);
      if (i >= s.length) {
        break;
      }
      const param = readParam(s, i);
      if (param) {
        setParam(params, param.name, param.value);
        i = param.end;
      } else {
        i = skipToComma(s, i + 1);
      }
    }
  }
  return params;
}
