// The Ops Manager public API endpoints under /api/public/v1.0, for an already authenticated request.
import type { SampleData, SimCluster, SimGroup, SimHost, SimRestoreJob } from './dataTypes';
import { refreshJob } from './jobLifecycle';
import { errors, type OmError } from './omErrors';
import { pageBody, parsePage } from './paging';
import {
  checkpointsRoute,
  createRestoreJobsRoute,
  restorableTimeRangesRoute,
  scheduleRoute,
  snapshotsRoute,
} from './backupRoutes';
import { clusterJson, groupJson, jobJson, type Origins } from './serialize';

export const API_PREFIX = '/api/public/v1.0';

export interface RouteContext {
  data: SampleData;
  origins: Origins;
  progressAfterMs: number;
  maxItemsPerPage: number;
  version: { gitHash: string; versionString: string };
  /** Counter for jobs created by POST. */
  created: number;
}

export interface ApiResult {
  status: number;
  body: unknown;
  /** A successful list: an envelope adds `status` beside `results` instead of wrapping. */
  list?: boolean;
}

export interface ApiRequest {
  method: string;
  /** Full URL (the simulator's origin + the request target). */
  url: URL;
  /** Remote address, for the IP access list error. */
  ip: string;
  readBody(): Promise<string>;
}

const HEX24 = /^[0-9a-fA-F]{24}$/;

function fail(e: OmError): ApiResult {
  return { status: e.status, body: e.body };
}

function ok(body: unknown, list = false): ApiResult {
  return { status: 200, body, list };
}

type Found<T> = { item: T } | { error: ApiResult };

function findGroup(ctx: RouteContext, id: string, ip: string): Found<SimGroup> {
  if (!HEX24.test(id)) return { error: fail(errors.invalidGroupId(id)) };
  const g = ctx.data.groups.find((x) => x.id === id);
  if (!g) return { error: fail(errors.groupNotFound(id)) };
  if (g.access === 'NOT_IN_GROUP') return { error: fail(errors.notInGroup(id)) };
  if (g.access === 'IP_ADDRESS_NOT_ON_WHITELIST') return { error: fail(errors.ipNotOnWhitelist(ip)) };
  return { item: g };
}

function findCluster(ctx: RouteContext, g: SimGroup, id: string): Found<SimCluster> {
  // Ops Manager wants the ID; a cluster name (the common mistake) is an invalid ID.
  if (!HEX24.test(id)) return { error: fail(errors.invalidClusterId(id)) };
  const c = ctx.data.clusters.find((x) => x.id === id && x.groupId === g.id);
  return c ? { item: c } : { error: fail(errors.clusterNotFound(id, g.id)) };
}

function findHost(ctx: RouteContext, g: SimGroup, id: string): Found<SimHost> {
  if (!/^[0-9a-fA-F]{24,32}$/.test(id)) return { error: fail(errors.invalidHostId(id)) };
  const h = ctx.data.hosts.find((x) => x.id === id && x.groupId === g.id);
  return h ? { item: h } : { error: fail(errors.hostNotFound(id, g.id)) };
}

function listOf<T>(ctx: RouteContext, req: ApiRequest, items: readonly T[], toJson: (x: T) => unknown): ApiResult {
  const page = parsePage(req.url.searchParams, ctx.maxItemsPerPage);
  if ('status' in page) return fail(page);
  return ok(pageBody(items, page, req.url, toJson), true);
}

function jobsWhere(ctx: RouteContext, pred: (j: SimRestoreJob) => boolean): SimRestoreJob[] {
  const now = Date.now();
  const jobs = ctx.data.jobs.filter(pred);
  for (const j of jobs) refreshJob(j, now, ctx.progressAfterMs);
  return jobs;
}

export async function route(ctx: RouteContext, req: ApiRequest): Promise<ApiResult> {
  const path = req.url.pathname.slice(API_PREFIX.length);
  // One trailing slash is tolerated; empty segments elsewhere (a double slash) are not a route.
  const seg = path.replace(/\/$/, '').split('/').slice(1);
  if (seg.some((s) => s === '')) return fail(errors.notFound(req.url.pathname));
  let decoded: string[];
  try {
    decoded = seg.map((s) => decodeURIComponent(s));
  } catch {
    return fail(errors.notFound(req.url.pathname));
  }
  const [s0, groupId, s2, id3, s4, jobId, ...rest] = decoded;
  const o = ctx.origins;
  const isGet = req.method === 'GET' || req.method === 'HEAD';
  const methodCheck = (allowed: boolean): ApiResult | undefined =>
    allowed ? undefined : fail(errors.methodNotAllowed(req.method));

  if (decoded.length === 0) {
    return (
      methodCheck(isGet) ??
      ok({
        appName: 'MongoDB Public API',
        build: ctx.version.gitHash,
        links: [
          { href: o.apiBase, rel: 'self' },
          { href: `${o.apiBase}/groups`, rel: 'http://mms.mongodb.com/groups' },
          { href: `${o.apiBase}/orgs`, rel: 'http://mms.mongodb.com/orgs' },
        ],
        throttling: false,
      })
    );
  }
  if (s0 !== 'groups' || rest.length > 0) return fail(errors.notFound(req.url.pathname));
  if (groupId === undefined) {
    return (
      methodCheck(isGet) ??
      listOf(
        ctx,
        req,
        ctx.data.groups.filter((g) => g.access !== 'NOT_IN_GROUP'),
        (g) => groupJson(o, g),
      )
    );
  }
  const fg = findGroup(ctx, groupId, req.ip);
  if ('error' in fg) return fg.error;
  const group = fg.item;
  if (s2 === undefined) return methodCheck(isGet) ?? ok(groupJson(o, group));

  if (s2 === 'clusters') {
    if (id3 === undefined) {
      return (
        methodCheck(isGet) ??
        listOf(
          ctx,
          req,
          ctx.data.clusters.filter((c) => c.groupId === group.id),
          (c) => clusterJson(o, c),
        )
      );
    }
    const fc = findCluster(ctx, group, id3);
    if ('error' in fc) return fc.error;
    const cluster = fc.item;
    if (s4 === undefined) return methodCheck(isGet) ?? ok(clusterJson(o, cluster));
    if (s4 === 'snapshots') return methodCheck(isGet) ?? snapshotsRoute(ctx, req.url, cluster, jobId);
    if (s4 === 'checkpoints') return methodCheck(isGet) ?? checkpointsRoute(ctx, req.url, cluster, jobId);
    if (s4 !== 'restoreJobs') return fail(errors.notFound(req.url.pathname));
    if (jobId === 'restorableTimeRanges') {
      return methodCheck(req.method === 'POST') ?? restorableTimeRangesRoute(ctx, req.url, cluster);
    }
    if (jobId === undefined) {
      if (req.method === 'POST') return createRestoreJobsRoute(ctx, req.url, req.readBody, group, cluster);
      // ?batchId= lists the parts of one sharded restore (documented; the Go client lacks it).
      const batchId = req.url.searchParams.get('batchId');
      if (batchId !== null && !HEX24.test(batchId)) return fail(errors.invalidQueryParameter('batchId', batchId));
      return (
        methodCheck(isGet) ??
        listOf(
          ctx,
          req,
          jobsWhere(
            ctx,
            (j) =>
              j.groupId === group.id &&
              j.clusterId === cluster.id &&
              (batchId === null || j.batchId?.toLowerCase() === batchId.toLowerCase()),
          ),
          (j) => jobJson(o, j),
        )
      );
    }
    const bad = methodCheck(isGet);
    if (bad) return bad;
    if (!HEX24.test(jobId)) return fail(errors.invalidJobId(jobId));
    const [job] = jobsWhere(ctx, (j) => j.id === jobId && j.groupId === group.id && j.clusterId === cluster.id);
    return job ? ok(jobJson(o, job)) : fail(errors.restoreJobNotFound(jobId));
  }

  if (s2 === 'backupConfigs' && id3 !== undefined && s4 === 'snapshotSchedule' && jobId === undefined) {
    const bad = methodCheck(isGet);
    if (bad) return bad;
    const fc = findCluster(ctx, group, id3);
    return 'error' in fc ? fc.error : scheduleRoute(ctx, fc.item);
  }

  if (s2 === 'hosts' && id3 !== undefined && s4 === 'restoreJobs') {
    const bad = methodCheck(isGet);
    if (bad) return bad;
    const fh = findHost(ctx, group, id3);
    if ('error' in fh) return fh.error;
    const host = fh.item;
    if (jobId === undefined) {
      return listOf(
        ctx,
        req,
        jobsWhere(ctx, (j) => j.groupId === group.id && j.hostId === host.id),
        (j) => jobJson(o, j),
      );
    }
    if (!HEX24.test(jobId)) return fail(errors.invalidJobId(jobId));
    const [job] = jobsWhere(ctx, (j) => j.id === jobId && j.groupId === group.id && j.hostId === host.id);
    return job ? ok(jobJson(o, job)) : fail(errors.configRestoreJobNotFound(jobId, host.id));
  }
  return fail(errors.notFound(req.url.pathname));
}
