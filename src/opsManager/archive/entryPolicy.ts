// Which archive entries may be unpacked, and where: the checks inspection reports and extraction enforces.
// Names are split on both `/` and `\` (a backslash is a separator on Windows), so what is checked is what the
// file system will see. Links are judged after the last entry (deferred), when every link in the archive is
// known: a link target that passes through another link is refused, since lexical checks cannot follow it.
import { ArchiveError, type ArchiveErrorCode } from './errors';

/** The header fields the checks read: tar-stream's Header fits, and fields it leaves null are tolerated. */
export interface TarHeader {
  name: string;
  type?: string | null;
  size?: number | null;
  mode?: number | null;
  mtime?: Date | null;
  linkname?: string | null;
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink';

/** An entry that passed the checks, with its path as `/`-joined segments relative to the archive root. */
export interface CheckedEntry {
  kind: EntryKind;
  /** The name as the archive spells it (for messages). */
  name: string;
  /** Normalised: no `.` or empty segments, never absolute, never `..`. */
  path: string;
  size: number;
  mode?: number;
  mtime?: Date;
  /** Symlink: the target as written. Hard link: the normalised path of the earlier entry it names. */
  linkTarget?: string;
}

export interface Refusal {
  code: ArchiveErrorCode;
  entry: string;
}

/** Splits and normalises a name; a Refusal when it is absolute, climbs with `..`, or holds characters no name may. */
export function normaliseEntryName(name: string): string[] | Refusal {
  if (name.includes('\0')) return { code: 'UNSAFE_NAME', entry: name };
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/u.test(name)) {
    return { code: 'ABSOLUTE_PATH', entry: name };
  }
  const segments: string[] = [];
  for (const segment of name.split(/[/\\]/u)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return { code: 'PARENT_PATH', entry: name };
    segments.push(segment);
  }
  if (segments.length === 0) return { code: 'UNSAFE_NAME', entry: name };
  return segments;
}

/** The node kinds the tracker remembers per path. */
type NodeKind = 'file' | 'directory' | 'symlink';

export interface PolicyOptions {
  /** Compare paths case-insensitively (default: on Windows and macOS, whose usual file systems do). */
  caseInsensitive?: boolean;
  /** Refuse archives with more entries than this (default 1,000,000). */
  maxEntries?: number;
  /**
   * Refuse names Windows cannot hold or treats specially (`a:b` would write an alternate data stream, `NUL` a
   * device, a trailing dot is dropped and could merge two names). Default: on Windows.
   */
  windowsNames?: boolean;
}

const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/u;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.[^.]*)?$/iu;

/** True for a name segment Windows would refuse or reinterpret. */
export function badWindowsSegment(segment: string): boolean {
  return (
    WINDOWS_FORBIDDEN.test(segment) || WINDOWS_RESERVED.test(segment) || segment.endsWith('.') || segment.endsWith(' ')
  );
}

/** Tracks the paths an archive creates and refuses anything unsafe; one per pass over an archive. */
export class EntryPolicy {
  private readonly nodes = new Map<string, NodeKind>();
  private readonly symlinks: CheckedEntry[] = [];
  private readonly caseInsensitive: boolean;
  private readonly maxEntries: number;
  private readonly windowsNames: boolean;
  private count = 0;

  constructor(options: PolicyOptions = {}) {
    this.caseInsensitive = options.caseInsensitive ?? (process.platform === 'win32' || process.platform === 'darwin');
    this.maxEntries = options.maxEntries ?? 1_000_000;
    this.windowsNames = options.windowsNames ?? process.platform === 'win32';
  }

  get entryCount(): number {
    return this.count;
  }

  /** The top-level names the archive creates (a restore archive has exactly one folder). */
  topLevel(): { name: string; kind: NodeKind }[] {
    const out: { name: string; kind: NodeKind }[] = [];
    for (const [key, kind] of this.nodes) {
      if (!key.includes('/')) out.push({ name: this.spelling.get(key) ?? key, kind });
    }
    return out;
  }

  private readonly spelling = new Map<string, string>();

  private key(path: string): string {
    return this.caseInsensitive ? path.normalize('NFC').toLowerCase() : path;
  }

  /**
   * Checks one tar header; throws ArchiveError for anything that must not be unpacked. Returns undefined for
   * headers that create nothing (pax/GNU metadata tar-stream already applied).
   */
  check(header: TarHeader): CheckedEntry | undefined {
    const type: string = header.type ?? 'file';
    if (
      type === 'pax-header' ||
      type === 'pax-global-header' ||
      type === 'gnu-long-path' ||
      type === 'gnu-long-link-path'
    ) {
      return undefined;
    }
    this.count++;
    if (this.count > this.maxEntries) throw new ArchiveError({ code: 'TOO_MANY_ENTRIES' });
    const name = header.name;
    const segments = normaliseEntryName(name);
    if (!Array.isArray(segments)) throw new ArchiveError(segments);
    if (this.windowsNames && segments.some(badWindowsSegment))
      throw new ArchiveError({ code: 'UNSAFE_NAME', entry: name });
    const path = segments.join('/');
    switch (type) {
      case 'character-device':
      case 'block-device':
        throw new ArchiveError({ code: 'DEVICE_ENTRY', entry: name });
      case 'fifo':
        throw new ArchiveError({ code: 'FIFO_ENTRY', entry: name });
      case 'directory':
        this.claimParents(segments, name);
        this.claim(path, 'directory', name);
        return { kind: 'directory', name, path, size: 0, ...meta(header) };
      case 'file':
      case 'contiguous-file': {
        this.claimParents(segments, name);
        this.claim(path, 'file', name);
        return { kind: 'file', name, path, size: header.size ?? 0, ...meta(header) };
      }
      case 'symlink': {
        const target = header.linkname ?? '';
        if (
          target === '' ||
          target.includes('\0') ||
          target.startsWith('/') ||
          target.startsWith('\\') ||
          /^[A-Za-z]:/u.test(target)
        ) {
          throw new ArchiveError({ code: 'LINK_ESCAPE', entry: name });
        }
        // Lexical check now; the check through other links waits for the last entry (finish()).
        if (resolveLink(segments, target) === undefined) throw new ArchiveError({ code: 'LINK_ESCAPE', entry: name });
        this.claimParents(segments, name);
        this.claim(path, 'symlink', name);
        const entry: CheckedEntry = { kind: 'symlink', name, path, size: 0, linkTarget: target, ...meta(header) };
        this.symlinks.push(entry);
        return entry;
      }
      case 'link': {
        const target = normaliseEntryName(header.linkname ?? '');
        if (!Array.isArray(target)) throw new ArchiveError({ code: 'HARD_LINK_ESCAPE', entry: name });
        const targetPath = target.join('/');
        // A hard link names an earlier member; only a regular file of this archive is acceptable.
        if (this.nodes.get(this.key(targetPath)) !== 'file') {
          throw new ArchiveError({ code: 'HARD_LINK_ESCAPE', entry: name });
        }
        this.claimParents(segments, name);
        this.claim(path, 'file', name);
        return { kind: 'hardlink', name, path, size: 0, linkTarget: targetPath, ...meta(header) };
      }
      default:
        throw new ArchiveError({ code: 'UNSUPPORTED_ENTRY', entry: name });
    }
  }

  /**
   * After the last entry: every symlink's target must stay inside without passing through another link.
   * `rootDepth` 1 when the top folder becomes the destination (extraction strips it): then a link may not
   * reach the archive's root either, which would be the destination's parent.
   */
  finish(rootDepth = 0): CheckedEntry[] {
    for (const link of this.symlinks) {
      const segments = link.path.split('/');
      const steps = resolveLink(
        segments,
        link.linkTarget ?? '',
        (prefix) => this.nodes.get(this.key(prefix)) === 'symlink',
        rootDepth,
      );
      if (steps === undefined) throw new ArchiveError({ code: 'LINK_ESCAPE', entry: link.name });
    }
    return this.symlinks;
  }

  /** The single top folder, when everything sits in one (Ops Manager's layout). */
  topFolder(): string | undefined {
    const top = this.topLevel();
    return top.length === 1 && top[0].kind === 'directory' ? top[0].name : undefined;
  }

  private claimParents(segments: string[], name: string): void {
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const existing = this.nodes.get(this.key(parent));
      if (existing === undefined) {
        this.nodes.set(this.key(parent), 'directory');
        this.spelling.set(this.key(parent), parent);
      } else if (existing !== 'directory') {
        // A file or link standing where this entry needs a folder: writing would go through it or replace it.
        throw new ArchiveError({ code: 'ENTRY_CONFLICT', entry: name });
      }
    }
  }

  private claim(path: string, kind: NodeKind, name: string): void {
    const key = this.key(path);
    const existing = this.nodes.get(key);
    if (existing !== undefined && !(existing === 'directory' && kind === 'directory')) {
      throw new ArchiveError({ code: 'ENTRY_CONFLICT', entry: name });
    }
    this.nodes.set(key, kind);
    this.spelling.set(key, path);
  }
}

function meta(header: TarHeader): { mode?: number; mtime?: Date } {
  const out: { mode?: number; mtime?: Date } = {};
  if (typeof header.mode === 'number') out.mode = header.mode;
  if (header.mtime instanceof Date && !Number.isNaN(header.mtime.getTime())) out.mtime = header.mtime;
  return out;
}

/**
 * Resolves a symlink target against the link's folder, segment by segment. Undefined when it climbs above the
 * archive root, or when `isLink` says a folder it walks through is itself a link.
 */
function resolveLink(
  linkSegments: string[],
  target: string,
  isLink?: (prefix: string) => boolean,
  rootDepth = 0,
): string[] | undefined {
  const stack = linkSegments.slice(0, -1);
  const parts = target.split(/[/\\]/u).filter((p) => p !== '' && p !== '.');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '..') {
      if (stack.length <= rootDepth) return undefined;
      stack.pop();
    } else {
      stack.push(parts[i]);
      // A link in the middle of the path: where it points decides where the rest goes, so refuse it.
      if (i < parts.length - 1 && isLink?.(stack.join('/')) === true) return undefined;
    }
  }
  return stack;
}
