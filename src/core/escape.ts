// Server text made safe for the panels' HTML (restore-job and batch panels): escaped for content and attributes, invisible and
// direction-changing characters shown as escapes, and only real web links made clickable. Also server text for
// plain-text places outside the panels (plainText, pickText). Pure.

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Characters that are invisible or reorder the text around them ("evil\u202Egnp.exe" displays as "evilexe.png"):
// shown as \uXXXX escapes so what the server sent is what the person sees. Line breaks are kept where asked.
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;
const INVISIBLE_OR_BREAK =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/** Escapes text for element content, with invisible and direction-changing characters made visible. */
export function displayText(value: unknown, keepLineBreaks = false): string {
  const revealed = String(value).replace(
    keepLineBreaks ? INVISIBLE : INVISIBLE_OR_BREAK,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escapeHtml(revealed);
}

/** True only for absolute http and https URLs: the only hrefs the panel makes clickable. */
export function isWebUrl(href: string): boolean {
  if (href !== href.trim() || /[\u0000-\u001f\u007f]/u.test(href)) {
    return false;
  }
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

// Line breaks of every kind (and tabs) in one-line text: each run becomes one space.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/gu;
// A markdown link's "](": notifications make `[text](target)` clickable, `command:` targets included.
const LINK_JOIN = /\]\(/g;

/**
 * Server text for plain-text places (tree labels, descriptions and tooltips, quick picks, notifications, titles, the
 * log): one line, invisible and direction-changing characters shown as \uXXXX escapes, no markdown link a
 * notification would make clickable, and at most `max` characters of the value (then "…"). Linear; only the first
 * `max` characters are looked at, so a 100 kB name costs nothing.
 */
export function plainText(value: unknown, max = 200): string {
  const text = String(value);
  let head = text.length > max ? text.slice(0, max) : text;
  // Never end on half a surrogate pair.
  if (head.length < text.length && /[\ud800-\udbff]$/u.test(head)) head = head.slice(0, -1);
  const shown = head
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE_OR_BREAK, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LINK_JOIN, '] (');
  return head.length < text.length ? `${shown}…` : shown;
}

/** `plainText` for quick-pick labels, descriptions and details, where `$(name)` would draw an icon: shown as typed. */
export function pickText(value: unknown, max = 200): string {
  return plainText(value, max).replace(/\$\(/g, '\\$(');
}
