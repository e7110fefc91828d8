// The typed Ops Manager API client: one DigestHttpClient per server (credentials bound to its origin), IDs checked
// before any request, lists followed page by page, 429 answered by waiting as told, and every failure turned into
// an OpsManagerError a person can act on.
// Over 300 lines because it is one class with one method per API call sharing the request loop (paging, 429
// waits, envelope); what is not HTTP lives in callSupport.ts.

import { DigestHttpClient, type HttpResponse, type RequestLogEntry, type TransportOptions } from '../http';
import {
  httpError,
  httpErrorFromBody,
  headerValue,
  isOpsManagerError,
  OpsManagerError,
  parseErrorFor,
  parseRetryAfterMs,
  requestCancelled,
  sanitisedExcerpt,
} from '../common';
import { assertHostId, assertObjectId, isRecord, normaliseBaseUrl, sleep } from '../common';
import type { ApiRoot, Cluster, Group, RestoreJob } from './model';
import {
  linkHref,
  parseApiRoot,
  parseCluster,
  parseGroup,
  parseList,
  parseRestoreJob,
  type ItemParser,
  type ListPage,
} from './parse';
import { enc, newestFirst, nonNegativeInteger, positiveInteger, throwIfAborted, unwrapEnvelope } from './callSupport';
import {
  parseCreatedJobs,
  pitWindowFromRanges,
  pitWindowFromSchedule,
  RESTORE_OUTCOME_UNKNOWN,
  restoreJobBody,
  validateRestoreRequest,
  type CreateRestoreRequest,
  type PitWindow,
  type RestoreCheckContext,
} from './createRestore';
import {
  parseCheckpoint,
  parseRestorableTimeRanges,
  parseSnapshot,
  parseSnapshotSchedule,
  sortSnapshotsNewestFirst,
  type Checkpoint,
  type RestorableTimeRange,
  type Snapshot,
  type SnapshotCompletion,
  type SnapshotSchedule,
} from './snapshots';

export interface ClientOptions extends TransportOptions {
  /** With or without `/api/public/v1.0`, trailing slashes OK. */
  baseUrl: string;
  /** The public key (or, on older servers, the user name). */
  username: string;
  /** The private key; only ever sent as a digest answer to the API origin, never logged or shown. */
  apiKey: string;
  pretty?: boolean;
  envelope?: boolean;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Retries after a 429 (default 6: backing off 1, 2, 4 … 32 s, about a minute in all). */
  maxRetries429?: number;
  /** Longest wait before retrying a 429 (default 60 000 ms); a server asking for longer gets an error at once. */
  maxRetryWaitMs?: number;
  /** Test seam for the backoff's jitter (default Math.random). */
  random?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Called before each wait for a rate-limited (429) call is retried, e.g. to say so in a progress message. */
  onRetryWait?: (wait: { seconds: number; attempt: number }) => void;
}

/**
 * How long to wait before retry `attempt` (0-based) of a 429 without Retry-After: exponential from 1 s, capped at
 * `capMs`, with "equal jitter" (half fixed, half random) so many clients do not retry in step. Ops Manager's
 * limits are per minute, so the sum of the default 6 waits reaches about a minute.
 */
export function backoffMs(attempt: number, capMs: number, random: () => number = Math.random): number {
  const full = Math.min(capMs, 1000 * 2 ** attempt);
  return Math.round(full / 2 + (full / 2) * random());
}

export interface SnapshotListOptions extends ListOptions<Snapshot> {
  /** `true` (the server's default: complete only), `false` (in progress only) or `all`. */
  completed?: SnapshotCompletion;
}

export interface CreateRestoreOptions extends RequestOptions {
  /** Facts for the checks made before sending (snapshot, checkpoint, PIT window, clock); IDs come from the call. */
  check?: Omit<RestoreCheckContext, 'groupId' | 'clusterId'>;
}

export interface CreatedRestore {
  /** Every job of the restore: for a batch (sharded cluster) each shard's and the config server's. */
  jobs: RestoreJob[];
  batchId?: string;
  /** The batch could not be listed: `jobs` holds only what the POST answered. */
  batchListError?: OpsManagerError;
}

/** Network error codes that mean the request never left this machine: a failed POST then created nothing. */
const NOT_SENT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

export interface ListOptions<T> extends RequestOptions {
  /** Page size asked for (default 100; older servers cap it at 100, newer at 500). */
  itemsPerPage?: number;
  /** Stop after this many items (default 10 000). */
  maxItems?: number;
  /** Called with each page's items as they arrive; return false to stop fetching further pages. */
  onPage?: (items: T[]) => boolean | void;
}

const DEFAULT_ITEMS_PER_PAGE = 100;
const MAX_ITEMS_PER_PAGE = 500;
const OLD_SERVER_MAX_ITEMS_PER_PAGE = 100;
const DEFAULT_MAX_ITEMS = 10_000;
const DEFAULT_MAX_RETRIES_429 = 6;
const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
/** No API answer we read is anywhere near this; a bigger body is a fault, not data. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;

export class OpsManagerClient {
  /** Normalised `https://host:port[/prefix]/api/public/v1.0`. */
  readonly apiBase: string;
  /** `https://host:port`: the only origin the credentials go to. */
  readonly origin: string;
  private readonly http: DigestHttpClient;
  private readonly secrets: string[];
  private readonly pretty: boolean;
  private readonly envelope: boolean;
  private readonly maxRetries429: number;
  private readonly maxRetryWaitMs: number;
  private readonly random: () => number;

  constructor(options: ClientOptions) {
    const { origin, apiBase } = normaliseBaseUrl(options.baseUrl);
    if (options.username.trim() === '') {
      throw new OpsManagerError({
        kind: 'invalid-input',
        code: 'USERNAME_EMPTY',
        message: 'Empty username (public key)',
      });
    }
    if (options.apiKey === '') {
      throw new OpsManagerError({
        kind: 'invalid-input',
        code: 'API_KEY_MISSING',
        message: 'No API key given',
      });
    }
    this.origin = origin;
    this.apiBase = apiBase;
    this.secrets = [options.apiKey];
    this.pretty = options.pretty === true;
    this.envelope = options.envelope === true;
    this.maxRetries429 = nonNegativeInteger(options.maxRetries429, DEFAULT_MAX_RETRIES_429, 'maxRetries429');
    this.maxRetryWaitMs = nonNegativeInteger(options.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS, 'maxRetryWaitMs');
    this.random = options.random ?? Math.random;
    this.http = new DigestHttpClient({
      origin,
      username: options.username,
      password: options.apiKey,
      onRequest: options.onRequest,
      timeouts: options.timeouts,
      caFile: options.caFile,
      ca: options.ca,
      strictSSL: options.strictSSL,
      proxy: options.proxy,
    });
  }

  /** Requests sent and digest challenges answered so far (from the HTTP layer). */
  get stats(): { requests: number; challenges: number } {
    return this.http.stats;
  }

  /** The API root: checks that the URL and the key work, and reads the server version. */
  async getRoot(opts: RequestOptions = {}): Promise<ApiRoot> {
    const url = this.buildUrl('', {});
    const { payload, response } = await this.getJson(url, opts);
    return this.parseAt(url, () => parseApiRoot(payload, headerValue(response.headers, 'x-mongodb-service-version')));
  }

  async listGroups(opts: ListOptions<Group> = {}): Promise<Group[]> {
    return this.listAll('/groups', parseGroup, opts);
  }

  async getGroup(groupId: string, opts: RequestOptions = {}): Promise<Group> {
    assertObjectId(groupId, 'Project (group) ID');
    return this.getOne(`/groups/${enc(groupId)}`, parseGroup, opts);
  }

  async listClusters(groupId: string, opts: ListOptions<Cluster> = {}): Promise<Cluster[]> {
    assertObjectId(groupId, 'Project (group) ID');
    return this.listAll(`/groups/${enc(groupId)}/clusters`, parseCluster, opts);
  }

  async getCluster(groupId: string, clusterId: string, opts: RequestOptions = {}): Promise<Cluster> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    return this.getOne(`/groups/${enc(groupId)}/clusters/${enc(clusterId)}`, parseCluster, opts);
  }

  /**
   * Every restore job of a cluster, newest first (by `created`; jobs without a readable `created` last). With
   * `batchId`, only the parts of that sharded restore: asked of the server with `?batchId=` and filtered here too,
   * since a server that ignores the parameter answers every job.
   */
  async listRestoreJobs(
    groupId: string,
    clusterId: string,
    opts: ListOptions<RestoreJob> & { batchId?: string } = {},
  ): Promise<RestoreJob[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    const batchId = opts.batchId;
    if (batchId !== undefined) assertObjectId(batchId, 'Batch ID');
    const jobs = await this.listAll(
      `/groups/${enc(groupId)}/clusters/${enc(clusterId)}/restoreJobs`,
      parseRestoreJob,
      opts,
      batchId === undefined ? {} : { batchId },
    );
    return newestFirst(
      batchId === undefined ? jobs : jobs.filter((j) => j.batchId?.toLowerCase() === batchId.toLowerCase()),
    );
  }

  async getRestoreJob(
    groupId: string,
    clusterId: string,
    jobId: string,
    opts: RequestOptions = {},
  ): Promise<RestoreJob> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    assertObjectId(jobId, 'Restore job ID');
    return this.getOne(
      `/groups/${enc(groupId)}/clusters/${enc(clusterId)}/restoreJobs/${enc(jobId)}`,
      parseRestoreJob,
      opts,
    );
  }

  /** Restore jobs of a legacy mirrored config server (SCCC), newest first. */
  async listConfigServerRestoreJobs(
    groupId: string,
    hostId: string,
    opts: ListOptions<RestoreJob> = {},
  ): Promise<RestoreJob[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertHostId(hostId, 'Config server host ID');
    return newestFirst(
      await this.listAll(`/groups/${enc(groupId)}/hosts/${enc(hostId)}/restoreJobs`, parseRestoreJob, opts),
    );
  }

  async getConfigServerRestoreJob(
    groupId: string,
    hostId: string,
    jobId: string,
    opts: RequestOptions = {},
  ): Promise<RestoreJob> {
    assertObjectId(groupId, 'Project (group) ID');
    assertHostId(hostId, 'Config server host ID');
    assertObjectId(jobId, 'Restore job ID');
    return this.getOne(`/groups/${enc(groupId)}/hosts/${enc(hostId)}/restoreJobs/${enc(jobId)}`, parseRestoreJob, opts);
  }

  /** Snapshots of a cluster, newest first by `created`. Without `completed` the server lists complete ones only. */
  async listSnapshots(groupId: string, clusterId: string, opts: SnapshotListOptions = {}): Promise<Snapshot[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    const query: Record<string, string> = opts.completed === undefined ? {} : { completed: opts.completed };
    return sortSnapshotsNewestFirst(
      await this.listAll(`/groups/${enc(groupId)}/clusters/${enc(clusterId)}/snapshots`, parseSnapshot, opts, query),
    );
  }

  async getSnapshot(
    groupId: string,
    clusterId: string,
    snapshotId: string,
    opts: RequestOptions = {},
  ): Promise<Snapshot> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    assertObjectId(snapshotId, 'Snapshot ID');
    return this.getOne(
      `/groups/${enc(groupId)}/clusters/${enc(clusterId)}/snapshots/${enc(snapshotId)}`,
      parseSnapshot,
      opts,
    );
  }

  /** Checkpoints of a sharded cluster (FCV 4.0 or older; newer clusters have none). */
  async listCheckpoints(groupId: string, clusterId: string, opts: ListOptions<Checkpoint> = {}): Promise<Checkpoint[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    return this.listAll(`/groups/${enc(groupId)}/clusters/${enc(clusterId)}/checkpoints`, parseCheckpoint, opts);
  }

  async getSnapshotSchedule(groupId: string, clusterId: string, opts: RequestOptions = {}): Promise<SnapshotSchedule> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    return this.getOne(
      `/groups/${enc(groupId)}/backupConfigs/${enc(clusterId)}/snapshotSchedule`,
      parseSnapshotSchedule,
      opts,
    );
  }

  /** `POST …/restoreJobs/restorableTimeRanges` (newer servers; a read, though a POST, so sent once too). */
  async listRestorableTimeRanges(
    groupId: string,
    clusterId: string,
    opts: RequestOptions = {},
  ): Promise<RestorableTimeRange[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    const url = this.buildUrl(
      `/groups/${enc(groupId)}/clusters/${enc(clusterId)}/restoreJobs/restorableTimeRanges`,
      {},
    );
    const payload = await this.postJson(url, undefined, opts.signal);
    return this.parseAt(url, () => parseRestorableTimeRanges(payload));
  }

  /**
   * The point-in-time window: restorable ranges where the server has them, else `now − pointInTimeWindowHours`
   * from the snapshot schedule, else unknown (the server's answer to the create then decides). An HTTP error of
   * either source (an older server, a key without the backup role) falls through to the next; no answer at all
   * (network, timeout, cancel) rejects.
   */
  async getPointInTimeWindow(
    groupId: string,
    clusterId: string,
    opts: RequestOptions & { now?: number } = {},
  ): Promise<PitWindow> {
    const reasons: string[] = [];
    try {
      return pitWindowFromRanges(await this.listRestorableTimeRanges(groupId, clusterId, opts));
    } catch (error) {
      if (!isOpsManagerError(error) || (error.kind !== 'http' && error.kind !== 'parse')) throw error;
      reasons.push(`restorableTimeRanges: ${error.message}`);
    }
    try {
      const schedule = await this.getSnapshotSchedule(groupId, clusterId, opts);
      const hours = schedule.pointInTimeWindowHours;
      if (hours !== undefined && Number.isFinite(hours) && hours > 0) {
        return pitWindowFromSchedule(hours, opts.now ?? Date.now());
      }
      reasons.push('snapshotSchedule: no pointInTimeWindowHours');
    } catch (error) {
      if (!isOpsManagerError(error) || (error.kind !== 'http' && error.kind !== 'parse')) throw error;
      reasons.push(`snapshotSchedule: ${error.message}`);
    }
    return { source: 'unknown', reason: reasons.join(' | ') };
  }

  /** The jobs of one batch (a sharded restore: one per shard plus the config server), newest first. */
  async listRestoreJobsInBatch(
    groupId: string,
    clusterId: string,
    batchId: string,
    opts: ListOptions<RestoreJob> = {},
  ): Promise<RestoreJob[]> {
    assertObjectId(groupId, 'Project (group) ID');
    assertObjectId(clusterId, 'Cluster ID');
    assertObjectId(batchId, 'Batch ID');
    const jobs = await this.listAll(
      `/groups/${enc(groupId)}/clusters/${enc(clusterId)}/restoreJobs`,
      parseRestoreJob,
      opts,
      { batchId },
    );
    // A server that ignores the filter must not make other restores look like parts of this one.
    return newestFirst(jobs.filter((job) => job.batchId === batchId));
  }

  /**
   * Creates a restore job: checks the request (throws `invalid-input` with a RestoreProblemCode, before any
   * request), POSTs it exactly once (never retried: not on 429, 5xx or a cut connection, so no duplicate
   * restores), reads a list or a single job back, and lists the whole batch when the answer has a `batchId`.
   * When the request may have reached the server without an answer (timeout, cut connection, 502/504, an
   * unreadable 2xx) it rejects with errorCode RESTORE_OUTCOME_UNKNOWN: the job may exist.
   */
  async createRestoreJob(
    groupId: string,
    clusterId: string,
    request: CreateRestoreRequest,
    opts: CreateRestoreOptions = {},
  ): Promise<CreatedRestore> {
    validateRestoreRequest(request, { ...opts.check, groupId, clusterId });
    const url = this.buildUrl(`/groups/${enc(groupId)}/clusters/${enc(clusterId)}/restoreJobs`, {});
    const body = JSON.stringify(restoreJobBody(request));
    let jobs: RestoreJob[];
    try {
      const payload = await this.postJson(url, body, opts.signal);
      jobs = this.parseAt(url, () => parseCreatedJobs(payload));
    } catch (error) {
      throw outcomeUnknown(error) ?? error;
    }
    const batchId = jobs.find((job) => job.batchId !== undefined)?.batchId;
    if (batchId === undefined) return { jobs };
    try {
      const batch = await this.listRestoreJobsInBatch(groupId, clusterId, batchId, { signal: opts.signal });
      const known = new Set(batch.map((job) => job.id));
      return { jobs: [...batch, ...jobs.filter((job) => !known.has(job.id))], batchId };
    } catch (error) {
      if (!isOpsManagerError(error)) throw error;
      return { jobs, batchId, batchListError: error };
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }

  // -- internals ----------------------------------------------------------------------------------------------

  private async getOne<T>(path: string, parse: ItemParser<T>, opts: RequestOptions): Promise<T> {
    const url = this.buildUrl(path, {});
    const { payload } = await this.getJson(url, opts);
    return this.parseAt(url, () => parse(payload, ''));
  }

  private async listAll<T extends { id: string }>(
    path: string,
    parseItem: ItemParser<T>,
    opts: ListOptions<T>,
    filter: Record<string, string> = {},
  ): Promise<T[]> {
    let itemsPerPage = positiveInteger(opts.itemsPerPage, DEFAULT_ITEMS_PER_PAGE, 'itemsPerPage', MAX_ITEMS_PER_PAGE);
    const maxItems = positiveInteger(opts.maxItems, DEFAULT_MAX_ITEMS, 'maxItems');
    const items: T[] = [];
    const visited = new Set<string>();
    // Each ID once: the tree's item IDs are built from them (a repeat makes the view refuse the list), and a list
    // whose pages only repeat what was seen is over, whatever its links and totalCount say.
    const ids = new Set<string>();
    let pageNum = 1;
    let url = this.buildUrl(path, { ...filter, pageNum: '1', itemsPerPage: String(itemsPerPage) });
    for (;;) {
      visited.add(url);
      let payload: unknown;
      try {
        ({ payload } = await this.getJson(url, opts));
      } catch (error) {
        // Older servers refuse more than 100 items per page instead of capping: ask again with 100.
        if (
          pageNum === 1 &&
          itemsPerPage > OLD_SERVER_MAX_ITEMS_PER_PAGE &&
          isOpsManagerError(error) &&
          error.status === 400
        ) {
          itemsPerPage = OLD_SERVER_MAX_ITEMS_PER_PAGE;
          url = this.buildUrl(path, { ...filter, pageNum: '1', itemsPerPage: String(itemsPerPage) });
          continue;
        }
        throw error;
      }
      const page = this.parseAt(url, () => parseList(payload, parseItem));
      const fresh = page.results.filter((item) => !ids.has(item.id) && ids.add(item.id));
      const taken = fresh.slice(0, maxItems - items.length);
      items.push(...taken);
      if (opts.onPage?.(taken) === false || items.length >= maxItems || fresh.length === 0) {
        break;
      }
      pageNum++;
      const next = this.nextPageUrl(page, url, path, pageNum, itemsPerPage, items.length, filter);
      if (next === undefined || visited.has(next)) {
        break;
      }
      url = next;
    }
    return items;
  }

  /**
   * The URL of the page after `page`: the server's `next` link when it points at our origin (Ops Manager builds
   * links from its configured central URL, which may not be the address we use), else `pageNum` built by us. With
   * no `next` link the list is over, unless the server sends no links at all and `totalCount` (or a full page)
   * says there is more.
   */
  private nextPageUrl<T>(
    page: ListPage<T>,
    current: string,
    path: string,
    pageNum: number,
    itemsPerPage: number,
    seen: number,
    filter: Record<string, string>,
  ): string | undefined {
    const ourNext = (): string =>
      this.buildUrl(path, { ...filter, pageNum: String(pageNum), itemsPerPage: String(itemsPerPage) });
    const href = linkHref(page.links, 'next');
    if (href !== undefined) {
      let next: URL;
      try {
        next = new URL(href, current);
      } catch {
        return ourNext();
      }
      if (next.origin !== this.origin) {
        return ourNext();
      }
      if (this.pretty && !next.searchParams.has('pretty')) {
        next.searchParams.set('pretty', 'true');
      }
      if (this.envelope && !next.searchParams.has('envelope')) {
        next.searchParams.set('envelope', 'true');
      }
      next.hash = '';
      return next.toString();
    }
    if (page.totalCount !== undefined) {
      return seen < page.totalCount ? ourNext() : undefined;
    }
    return page.links.length === 0 && page.results.length >= itemsPerPage ? ourNext() : undefined;
  }

  private buildUrl(path: string, query: Record<string, string>): string {
    if (!this.pretty && !this.envelope && Object.keys(query).length === 0) {
      return `${this.apiBase}${path}`; // the common case: no query string to build
    }
    const params = new URLSearchParams(query);
    if (this.pretty) {
      params.set('pretty', 'true');
    }
    if (this.envelope) {
      params.set('envelope', 'true');
    }
    const qs = params.toString();
    return `${this.apiBase}${path}${qs === '' ? '' : `?${qs}`}`;
  }

  /** Runs a parser, turning its field-path error into one that names the URL. */
  private parseAt<T>(url: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (isOpsManagerError(error) && error.kind === 'parse') {
        throw parseErrorFor(url, error.message, error);
      }
      throw error;
    }
  }

  /**
   * GETs JSON; resolves with the payload (unwrapped from an envelope) of a 2xx answer, retries a 429 as the server
   * asks, and throws an OpsManagerError for anything else.
   */
  private async getJson(url: string, opts: RequestOptions): Promise<{ payload: unknown; response: HttpResponse }> {
    const signal = opts.signal;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal, url);
      const response = await this.http.request({
        method: 'GET',
        url,
        headers: { Accept: 'application/json' },
        signal,
        maxBodyBytes: MAX_JSON_BYTES,
      });
      const ok = response.status >= 200 && response.status < 300;
      let status = response.status;
      let payload: unknown;
      let payloadParsed = false;
      if (ok) {
        payload = this.parseJsonBody(response, url);
        payloadParsed = true;
      } else if (this.envelope) {
        try {
          payload = JSON.parse(response.body);
          payloadParsed = isRecord(payload); // anything else is shown to the user as text
        } catch {
          payloadParsed = false;
        }
      }
      if (this.envelope && payloadParsed) {
        const unwrapped = unwrapEnvelope(payload);
        payload = unwrapped.payload;
        // Judge by the enveloped status: that is the point of the envelope.
        if (ok && unwrapped.status !== undefined) {
          status = unwrapped.status;
        }
      }
      if (status >= 200 && status < 300) {
        return { payload, response };
      }
      if (status === 429 && attempt < this.maxRetries429) {
        const wait = this.retryWaitMs(response, attempt);
        if (wait !== undefined) {
          opts.onRetryWait?.({ seconds: Math.max(1, Math.ceil(wait / 1000)), attempt: attempt + 1 });
          await sleep(wait, signal, () => requestCancelled(url));
          continue;
        }
      }
      const errorOptions = { redact: this.secrets, unusableChallenge: response.unusableChallenge };
      throw payloadParsed
        ? httpErrorFromBody(status, payload, url, response.headers, errorOptions)
        : httpError(status, response.body, url, response.headers, errorOptions);
    }
  }

  /**
   * POSTs once: no retry on 429, 5xx or a network failure (a create must not run twice). The digest layer may send
   * the request again only after a 401 challenge, which the server answers without acting on it.
   */
  private async postJson(url: string, body: string | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    throwIfAborted(signal, url);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.http.request({
      method: 'POST',
      url,
      headers,
      body,
      signal,
      maxBodyBytes: MAX_JSON_BYTES,
    });
    let status = response.status;
    const ok = status >= 200 && status < 300;
    let payload: unknown;
    let payloadParsed: boolean;
    if (ok) {
      payload = this.parseJsonBody(response, url);
      payloadParsed = true;
    } else {
      try {
        payload = JSON.parse(response.body);
        payloadParsed = isRecord(payload);
      } catch {
        payloadParsed = false;
      }
    }
    if (this.envelope && payloadParsed) {
      const unwrapped = unwrapEnvelope(payload);
      payload = unwrapped.payload;
      if (ok && unwrapped.status !== undefined) status = unwrapped.status;
    }
    if (status >= 200 && status < 300) return payload;
    throw payloadParsed
      ? httpErrorFromBody(status, payload, url, response.headers, { redact: this.secrets })
      : httpError(status, response.body, url, response.headers, { redact: this.secrets });
  }

  /** How long to wait before retrying a 429, or undefined when the server asks for longer than we are willing to. */
  private retryWaitMs(response: HttpResponse, attempt: number): number | undefined {
    const asked = parseRetryAfterMs(headerValue(response.headers, 'retry-after'));
    if (asked === undefined) {
      return backoffMs(attempt, this.maxRetryWaitMs, this.random);
    }
    return asked > this.maxRetryWaitMs ? undefined : asked;
  }

  private parseJsonBody(response: HttpResponse, url: string): unknown {
    try {
      return JSON.parse(response.body);
    } catch (error) {
      if (response.body.trim() === '') {
        throw parseErrorFor(url, `the body is empty (HTTP ${response.status}), where JSON was expected.`);
      }
      throw parseErrorFor(
        url,
        `the body is not JSON (HTTP ${response.status}): "${sanitisedExcerpt(response.body, this.secrets, 120)}"`,
        error,
      );
    }
  }
}

/** The error codes in an error's cause chain. */
function causeCodes(error: unknown): Set<string> {
  const codes = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') codes.add(code);
    const inner: unknown = Reflect.get(current, 'errors');
    if (Array.isArray(inner)) for (const e of inner) for (const c of causeCodes(e)) codes.add(c);
    current = Reflect.get(current, 'cause');
  }
  return codes;
}

/**
 * For a failed create: the RESTORE_OUTCOME_UNKNOWN error when the request may have reached Ops Manager (so a job
 * may exist), undefined when it certainly did not (refused connection, DNS, TLS, an error answer).
 */
function outcomeUnknown(error: unknown): OpsManagerError | undefined {
  if (!isOpsManagerError(error)) return undefined;
  const gateway = error.kind === 'http' && (error.status === 502 || error.status === 504);
  const lost = error.kind === 'timeout' || error.kind === 'network' || error.kind === 'cancelled';
  if (!gateway && !lost && error.kind !== 'parse') return undefined;
  // Aborted before anything went out (our own check, or waiting for the first digest challenge).
  if (error.kind === 'cancelled' && error.cause === undefined) return undefined;
  if (lost && [...causeCodes(error.cause)].some((code) => NOT_SENT_CODES.has(code))) return undefined;
  return new OpsManagerError({
    kind: error.kind === 'timeout' ? 'timeout' : error.kind === 'parse' ? 'parse' : 'network',
    errorCode: RESTORE_OUTCOME_UNKNOWN,
    status: error.status,
    url: error.url,
    cause: error,
    message:
      `The request to create the restore job was sent, but no usable answer came back (${error.message}). ` +
      'The restore job may have been created: check the newest restore jobs of the cluster before trying again.',
  });
}
