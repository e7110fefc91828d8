// restoreInfo.txt, as Ops Manager writes it into every restore archive: a title line, then `Key: value` lines
// (reference §6). Parsed line by line with indexOf, so any input costs linear time; lines that are not
// `Key: value`, and keys this code does not know, are kept as they are rather than dropped.

/** "(1463688285, 2)": BSON timestamp seconds and increment. */
export interface OplogTimestamp {
  seconds: number;
  increment: number;
}

export interface RestoreInfoLine {
  /** The key as written ("Last Oplog Applied"). */
  key: string;
  value: string;
}

export interface RestoreInfo {
  /** The first line when it has no colon ("Restore Information"). */
  title?: string;
  groupName?: string;
  replicaSet?: string;
  clusterId?: string;
  snapshotTimestamp?: string;
  restoreTimestamp?: string;
  /** The value as written: "Thu May 19 20:04:45 GMT 2016 (1463688285, 2)". */
  lastOplogApplied?: string;
  /** The BSON timestamp in `lastOplogApplied`, when it has one. */
  lastOplogTimestamp?: OplogTimestamp;
  mongodbVersion?: string;
  storageEngine?: string;
  /** The value as written: `{ "storage.directoryPerDB" : true }`. */
  startupOptionsText?: string;
  /** The startup options as a flat map of dotted keys, when the value is a JSON object. */
  startupOptions?: Record<string, StartupOptionValue>;
  /** The Encryption line's value, as written. */
  encryption?: string;
  masterKeyUuid?: string;
  /** Encrypted snapshot: a Master Key UUID, or an Encryption line that says so. */
  encrypted: boolean;
  /** Every `Key: value` line, in order, known or not. */
  lines: RestoreInfoLine[];
  /** `Key: value` lines with a key this parser does not know. */
  unknown: RestoreInfoLine[];
  /** Non-empty lines that are not `Key: value` (other than the title). */
  other: string[];
  /** The whole text (after decoding), for showing as is. */
  raw: string;
}

export type StartupOptionValue = string | number | boolean | null;

type Field =
  | 'groupName'
  | 'replicaSet'
  | 'clusterId'
  | 'snapshotTimestamp'
  | 'restoreTimestamp'
  | 'lastOplogApplied'
  | 'mongodbVersion'
  | 'storageEngine'
  | 'startupOptionsText'
  | 'encryption'
  | 'masterKeyUuid';

// Keys are compared lower-cased with single spaces. The documented labels come first; the others are spellings
// the reference marks UNCERTAIN (Restore timestamp, Encryption, Master Key) or that older versions used.
const KEYS: ReadonlyMap<string, Field> = new Map<string, Field>([
  ['group name', 'groupName'],
  ['project name', 'groupName'],
  ['replica set', 'replicaSet'],
  ['replica set name', 'replicaSet'],
  ['cluster id', 'clusterId'],
  ['snapshot timestamp', 'snapshotTimestamp'],
  ['restore timestamp', 'restoreTimestamp'],
  ['last oplog applied', 'lastOplogApplied'],
  ['mongodb version', 'mongodbVersion'],
  ['storage engine', 'storageEngine'],
  ['storage engine type', 'storageEngine'],
  ['startup options', 'startupOptionsText'],
  ['mongod startup options', 'startupOptionsText'],
  ['encryption', 'encryption'],
  ['encrypted', 'encryption'],
  ['encryption enabled', 'encryption'],
  ['master key uuid', 'masterKeyUuid'],
  ['master key', 'masterKeyUuid'],
  ['master key id', 'masterKeyUuid'],
  ['kmip master key id', 'masterKeyUuid'],
]);

/** Longest line kept; restoreInfo.txt lines are short, this only bounds what a hostile file can make us hold. */
const MAX_LINE = 4096;

function normaliseKey(key: string): string {
  return key.trim().toLowerCase().split(/\s+/u).join(' ');
}

export function parseRestoreInfo(text: string): RestoreInfo {
  const raw = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const info: RestoreInfo = { encrypted: false, lines: [], unknown: [], other: [], raw };
  let first = true;
  for (const rawLine of raw.split('\n')) {
    const line = (rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine).slice(0, MAX_LINE).trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (first) info.title = line;
      else info.other.push(line);
      first = false;
      continue;
    }
    first = false;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const entry = { key, value };
    info.lines.push(entry);
    const field = KEYS.get(normaliseKey(key));
    if (field === undefined) {
      info.unknown.push(entry);
    } else if (info[field] === undefined) {
      info[field] = value;
    }
  }
  if (info.lastOplogApplied !== undefined) {
    const ts = oplogTimestamp(info.lastOplogApplied);
    if (ts) info.lastOplogTimestamp = ts;
  }
  if (info.startupOptionsText !== undefined) {
    const options = startupOptions(info.startupOptionsText);
    if (options) info.startupOptions = options;
  }
  info.encrypted = info.masterKeyUuid !== undefined || (info.encryption !== undefined && saysYes(info.encryption));
  return info;
}

function saysYes(value: string): boolean {
  const v = value.trim().toLowerCase();
  return (
    v === 'true' ||
    v === 'yes' ||
    v === 'enabled' ||
    v === 'on' ||
    v.startsWith('encrypted') ||
    v === 'aes256-cbc' ||
    v === 'aes256-gcm'
  );
}

/** "(1463688285, 2)" anywhere in the value: bounded digit runs, so matching is linear. */
export function oplogTimestamp(value: string): OplogTimestamp | undefined {
  const match = /\((\d{1,12}),\s{0,4}(\d{1,10})\)/u.exec(value);
  if (!match) return undefined;
  const seconds = Number(match[1]);
  const increment = Number(match[2]);
  return Number.isSafeInteger(seconds) && Number.isSafeInteger(increment) ? { seconds, increment } : undefined;
}

/** `{ "storage.directoryPerDB" : true }` → {"storage.directoryPerDB": true}; nested objects flattened to dotted keys. */
export function startupOptions(text: string): Record<string, StartupOptionValue> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const out: Record<string, StartupOptionValue> = {};
  flatten(parsed, '', out, 0);
  return out;
}

function flatten(value: object, prefix: string, out: Record<string, StartupOptionValue>, depth: number): void {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' || inner === null) {
      out[name] = inner;
    } else if (typeof inner === 'object' && !Array.isArray(inner) && depth < 8) {
      flatten(inner, name, out, depth + 1);
    } else {
      // Arrays (and very deep objects) have no command-line form: keep them visible as JSON.
      out[name] = JSON.stringify(inner);
    }
  }
}
