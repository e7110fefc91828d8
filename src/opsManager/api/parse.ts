// Turns the server's JSON into the model types with a check on every field, never a cast. A field of the wrong
// type is an error naming its path (`delivery.maxDownloads: expected a number, got "abc"`); a field we do not know
// is kept in `extra` at its level; an enum value we do not know is kept as the string the server sent. `null` is
// read as "absent" (the raw view still shows it).
// Over 300 lines because it is one checked reader per model type, sharing the field reader at the top.

import { describeJsonValue, isRecord, type JsonObject, OpsManagerError } from '../common';
import type {
  ApiRoot,
  Cluster,
  ExtraFields,
  Group,
  Link,
  RestoreJob,
  RestoreJobDelivery,
  RestoreJobHash,
  RestoreJobTimestamp,
} from './model';

/** Parses one value found at `path` (e.g. `results[3]`); throws `OpsManagerError{kind:'parse'}`. */
export type ItemParser<T> = (value: unknown, path: string) => T;

/** One page of a list resource. */
export interface ListPage<T> {
  results: T[];
  totalCount?: number;
  links: Link[];
  extra: ExtraFields;
}

/** The parse error for the value at `path`. */
export function typeError(path: string, expected: string, got: unknown): OpsManagerError {
  return new OpsManagerError({
    kind: 'parse',
    message: `${path === '' ? 'response body' : path}: expected ${expected}, got ${describeJsonValue(got)}`,
  });
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Reads the fields of one JSON object, remembering which ones were read so that `extra()` returns exactly the
 * ones nobody asked for.
 */
export class FieldReader {
  private readonly seen = new Set<string>();

  private constructor(
    readonly source: JsonObject,
    readonly path: string,
  ) {}

  /** Throws unless `value` is a JSON object. */
  static of(value: unknown, path: string): FieldReader {
    if (!isRecord(value)) {
      throw typeError(path, 'an object', value);
    }
    return new FieldReader(value, path);
  }

  /** The value of `key`, with `null` read as absent. */
  private take(key: string): unknown {
    this.seen.add(key);
    if (!Object.hasOwn(this.source, key)) {
      return undefined;
    }
    const value = this.source[key];
    return value === null ? undefined : value;
  }

  requiredString(key: string): string {
    const value = this.take(key);
    if (typeof value !== 'string' || value === '') {
      throw typeError(join(this.path, key), 'a non-empty string', value);
    }
    return value;
  }

  string(key: string): string | undefined {
    const value = this.take(key);
    if (value !== undefined && typeof value !== 'string') {
      throw typeError(join(this.path, key), 'a string', value);
    }
    return value;
  }

  number(key: string): number | undefined {
    const value = this.take(key);
    if (value !== undefined && typeof value !== 'number') {
      throw typeError(join(this.path, key), 'a number', value);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.take(key);
    if (value !== undefined && typeof value !== 'boolean') {
      throw typeError(join(this.path, key), 'a boolean', value);
    }
    return value;
  }

  numberOrString(key: string): number | string | undefined {
    const value = this.take(key);
    if (value !== undefined && typeof value !== 'number' && typeof value !== 'string') {
      throw typeError(join(this.path, key), 'a number or a string', value);
    }
    return value;
  }

  stringArray(key: string): string[] | undefined {
    return this.array(key, (item, path) => {
      if (typeof item !== 'string') {
        throw typeError(path, 'a string', item);
      }
      return item;
    });
  }

  object<T>(key: string, parse: ItemParser<T>): T | undefined {
    const value = this.take(key);
    return value === undefined ? undefined : parse(value, join(this.path, key));
  }

  array<T>(key: string, parseItem: ItemParser<T>): T[] | undefined {
    const value = this.take(key);
    if (value === undefined) {
      return undefined;
    }
    const path = join(this.path, key);
    if (!Array.isArray(value)) {
      throw typeError(path, 'an array', value);
    }
    return value.map((item: unknown, i) => parseItem(item, `${path}[${i}]`));
  }

  /** Every field not read so far, as received. */
  extra(): ExtraFields {
    const extra: ExtraFields = {};
    for (const key of Object.keys(this.source)) {
      if (!this.seen.has(key)) {
        // defineProperty, not assignment: a key named "__proto__" must stay a plain field.
        Object.defineProperty(extra, key, {
          value: this.source[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return extra;
  }
}

/** Drops the keys whose value is undefined, so parsed objects compare and print cleanly. */
function compact<T extends object>(value: T): T {
  // Builds a new object rather than deleting keys: `delete` turns an object into a slow dictionary, and every
  // parsed job went through here.
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) {
      out[key] = field;
    }
  }
  return out as T;
}

export function parseLink(json: unknown, path = ''): Link {
  const r = FieldReader.of(json, path);
  return compact({ rel: r.string('rel'), href: r.string('href'), extra: r.extra() });
}

export function parseTimestamp(json: unknown, path = 'timestamp'): RestoreJobTimestamp {
  const r = FieldReader.of(json, path);
  return compact({ date: r.string('date'), increment: r.numberOrString('increment'), extra: r.extra() });
}

export function parseHash(json: unknown, path = ''): RestoreJobHash {
  const r = FieldReader.of(json, path);
  return compact({
    fileName: r.string('fileName'),
    hash: r.string('hash'),
    typeName: r.string('typeName'),
    extra: r.extra(),
  });
}

export function parseDelivery(json: unknown, path = 'delivery'): RestoreJobDelivery {
  const r = FieldReader.of(json, path);
  return compact({
    methodName: r.string('methodName'),
    statusName: r.string('statusName'),
    url: r.string('url'),
    urlV2: r.string('urlV2'),
    authHeader: r.string('authHeader'),
    authBearer: r.string('authBearer'),
    authValue: r.string('authValue'),
    expires: r.string('expires'),
    expirationHours: r.number('expirationHours'),
    maxDownloads: r.number('maxDownloads'),
    targetClusterId: r.string('targetClusterId'),
    targetGroupId: r.string('targetGroupId'),
    formatName: r.string('formatName'),
    hostname: r.string('hostname'),
    port: r.number('port'),
    targetDirectory: r.string('targetDirectory'),
    extra: r.extra(),
  });
}

/** A restore job (the seed page's response body). `path` prefixes field names in errors, e.g. `results[2]`. */
export function parseRestoreJob(json: unknown, path = ''): RestoreJob {
  const r = FieldReader.of(json, path);
  const job: RestoreJob = {
    id: r.requiredString('id'),
    batchId: r.string('batchId'),
    clusterId: r.string('clusterId'),
    clusterName: r.string('clusterName'),
    created: r.string('created'),
    delivery: r.object('delivery', parseDelivery),
    encryptionEnabled: r.boolean('encryptionEnabled'),
    groupId: r.string('groupId'),
    hashes: r.array('hashes', parseHash),
    hostId: r.string('hostId'),
    links: r.array('links', parseLink),
    masterKeyUUID: r.string('masterKeyUUID'),
    pointInTime: r.boolean('pointInTime'),
    snapshotId: r.string('snapshotId'),
    statusName: r.string('statusName'),
    timestamp: r.object('timestamp', parseTimestamp),
    extra: r.extra(),
    raw: r.source,
  };
  return compact(job);
}

export function parseGroup(json: unknown, path = ''): Group {
  const r = FieldReader.of(json, path);
  return compact({
    id: r.requiredString('id'),
    name: r.string('name'),
    orgId: r.string('orgId'),
    activeAgentCount: r.number('activeAgentCount'),
    replicaSetCount: r.number('replicaSetCount'),
    shardCount: r.number('shardCount'),
    tags: r.stringArray('tags'),
    links: r.array('links', parseLink),
    extra: r.extra(),
  });
}

export function parseCluster(json: unknown, path = ''): Cluster {
  const r = FieldReader.of(json, path);
  return compact({
    id: r.requiredString('id'),
    clusterName: r.string('clusterName'),
    groupId: r.string('groupId'),
    typeName: r.string('typeName'),
    replicaSetName: r.string('replicaSetName'),
    shardName: r.string('shardName'),
    lastHeartbeat: r.string('lastHeartbeat'),
    links: r.array('links', parseLink),
    extra: r.extra(),
  });
}

/**
 * The API root (`GET /api/public/v1.0`). `versionHeader` is `X-MongoDB-Service-Version`, e.g.
 * `gitHash=1a2b3c; versionString=6.0.20.100.20240110T1200Z`; a header without `key=value` parts is taken as the
 * version string itself.
 */
export function parseApiRoot(json: unknown, versionHeader?: string): ApiRoot {
  const r = FieldReader.of(json, '');
  const root: ApiRoot = {
    appName: r.string('appName'),
    build: r.string('build'),
    links: r.array('links', parseLink),
    extra: r.extra(),
  };
  Object.assign(root, parseServiceVersion(versionHeader));
  return compact(root);
}

/** The parts of `X-MongoDB-Service-Version`. */
export function parseServiceVersion(header: string | undefined): { gitHash?: string; versionString?: string } {
  const out: { gitHash?: string; versionString?: string } = {};
  const text = header?.trim() ?? '';
  if (text === '') {
    return out;
  }
  if (!text.includes('=')) {
    out.versionString = text;
    return out;
  }
  for (const part of text.split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      continue;
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1');
    if (value === '') {
      continue;
    }
    if (key === 'githash') {
      out.gitHash = value;
    } else if (key === 'versionstring') {
      out.versionString = value;
    }
  }
  return out;
}

/** A list page `{results, totalCount, links}`; each item goes through `parseItem` with path `results[i]`. */
export function parseList<T>(json: unknown, parseItem: ItemParser<T>, path = ''): ListPage<T> {
  const r = FieldReader.of(json, path);
  const results = r.array('results', parseItem);
  if (results === undefined) {
    throw typeError(join(path, 'results'), 'an array', r.source.results);
  }
  return compact({
    results,
    totalCount: r.number('totalCount'),
    links: r.array('links', parseLink) ?? [],
    extra: r.extra(),
  });
}

/** The `href` of the first link with this `rel`. */
export function linkHref(links: readonly Link[] | undefined, rel: string): string | undefined {
  return links?.find((l) => l.rel === rel && l.href !== undefined && l.href !== '')?.href;
}
