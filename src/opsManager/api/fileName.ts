// The default file name for a downloaded archive, taken from the download URL. The URL comes from a server, so
// its last path segment is untrusted: it must never name a directory, climb out of the destination folder,
// hide itself, or be a name that Windows refuses.

/** Longest name we produce, in UTF-8 bytes: file systems allow 255, and the temporary `.<name>.<random>.part` needs room. */
export const MAX_FILE_NAME_BYTES = 200;

// Control characters (C0, DEL, C1) and invisible or direction-changing characters that make a name display
// differently from what it is ("evil\u202Ezg.rat.exe"): removed. The characters Windows forbids: replaced.
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/gu;
const RESERVED = /[<>:"/\\|?*]/gu;
// Windows ignores spaces between a device name and the extension: `con .tar.gz` and `NUL  .txt` are devices too.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\.|$)/iu;

/**
 * Trailing dots and spaces. The lookbehind makes a match start only where a run starts: `[.\s]+$` alone retried
 * from every dot of `. . . . x` and was quadratic on a hostile name.
 */
const TRAILING_DOTS_AND_SPACES = /(?<![.\s])[.\s]+$/u;

/** `<jobId>.tar.gz`, with the job ID itself cleaned (it comes from the server too). */
export function fallbackFileName(jobId: string): string {
  const id = cleanSegment(jobId);
  return `${id === '' ? 'restore' : id}.tar.gz`;
}

/**
 * The sanitised file name of a URL's last path segment, or `<jobId>.tar.gz` when the URL gives nothing usable.
 * Never throws.
 */
export function defaultFileName(url: string | undefined, jobId: string): string {
  const fallback = fallbackFileName(jobId);
  if (url === undefined) {
    return fallback;
  }
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return fallback;
  }
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return sanitizeFileName(lastSegment, fallback);
}

/**
 * Makes one untrusted name safe as a single file name: percent-decoded, reduced to its last component, without
 * control, reserved or invisible characters, without leading dots, not a Windows device name, at most
 * {@link MAX_FILE_NAME_BYTES} bytes (keeping the extension). Returns `fallback` when nothing usable is left.
 */
export function sanitizeFileName(raw: string, fallback: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // A stray `%` is not an encoding: keep the text as it is.
  }
  // A decoded `%2F` or `%5C` may have introduced directories: keep only the last component.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = cleanSegment(name);
  if (WINDOWS_RESERVED.test(name)) {
    name = `_${name}`;
  }
  name = truncateKeepingExtension(name, MAX_FILE_NAME_BYTES);
  return name === '' ? fallback : name;
}

function cleanSegment(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(RESERVED, '_')
      // Leading dots hide the file (and `.`/`..` are directories); trailing dots and spaces are dropped by Windows.
      .replace(/^[.\s]+/u, '')
      .replace(TRAILING_DOTS_AND_SPACES, '')
      // Collapse runs of replacements so a hostile name does not become a wall of underscores.
      .replace(/_{2,}/gu, '_')
  );
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts the stem (not the extension) to fit `maxBytes`, never splitting a character. */
function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (byteLength(name) <= maxBytes) {
    return name;
  }
  // Keep up to two short extensions (".tar.gz") when they leave room for a stem.
  const match = /((?:\.[^.\s]{1,10}){1,2})$/u.exec(name);
  const extension = match !== null && byteLength(match[1]) < maxBytes / 2 ? match[1] : '';
  const stem = name.slice(0, name.length - extension.length);
  const budget = maxBytes - byteLength(extension);
  let kept = '';
  let used = 0;
  for (const char of stem) {
    const size = byteLength(char);
    if (used + size > budget) {
      break;
    }
    kept += char;
    used += size;
  }
  const cleanStem = cleanSegment(kept);
  return cleanStem === '' ? '' : cleanStem + extension;
}
