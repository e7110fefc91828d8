// The backup host: a separate port serving restore archives at the jobs' pull URLs. It enforces expiry and
// maxDownloads (each download started counts, HEAD included, as the reference warns), demands the bearer
// token on urlV2, and records the archive's SHA-1 in the job's `hashes` after a complete download.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import type { ArchiveInfo } from './archive';
import type { SampleData, SimRestoreJob } from './dataTypes';
import type { FaultInjector } from './faults';
import { isExpired, refreshJob } from './jobLifecycle';
import type { SimRequestLog } from './requestLog';
import { delay, sendBuffer, sendStream, type Headers } from './respond';

export interface BackupContext {
  data: SampleData;
  faults: FaultInjector;
  log: SimRequestLog[];
  progressAfterMs: number;
  /** The archive of `sizeBytes` (default: the simulator's size). */
  archive(sizeBytes?: number): Promise<ArchiveInfo>;
}

/** maxDownloads at this value means "unlimited" and is not counted down. */
export const UNLIMITED_DOWNLOADS = 2147483647;
const READ_CHUNK = 256 * 1024;

export function handleBackup(ctx: BackupContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  const entry: SimRequestLog = {
    time: Date.now(),
    port: 'backup',
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    bytesSent: 0,
  };
  if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
  ctx.log.push(entry);
  serve(ctx, req, res, entry).catch((e: unknown) => {
    if (res.headersSent) res.destroy();
    else text(res, entry, 500, `Simulator failure: ${String(e)}`);
  });
}

function text(
  res: http.ServerResponse,
  entry: SimRequestLog,
  status: number,
  message: string,
  headers: Headers = {},
): void {
  sendBuffer(
    res,
    entry,
    status,
    { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    Buffer.from(`${message}\n`),
  );
}

function decodeAll(segments: string[]): string[] | undefined {
  try {
    return segments.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The job a pull path names, and whether it is the v2 (bearer) form; undefined for anything else. */
function resolve(data: SampleData, pathname: string): { job: SimRestoreJob; v2: boolean } | undefined {
  const v1 = /^\/backup\/restore\/v2\/pull\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(pathname);
  const v2 = /^\/backup\/restore\/v3\/pull\/([^/]+)\/([^/]+)$/.exec(pathname);
  const parts = decodeAll((v1 ?? v2 ?? []).slice(1));
  if (!parts || parts.length === 0) return undefined;
  const job = data.jobs.find((j) => j.id === parts[0]);
  const a = job?.archive;
  if (!job || !a || job.delivery.url !== undefined) return undefined;
  if (v1 && parts[1] === a.token && parts[2] === a.fileName) return { job, v2: false };
  if (v2 && job.delivery.v2 && parts[1] === a.fileName) return { job, v2: true };
  return undefined;
}

async function serve(
  ctx: BackupContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: SimRequestLog,
): Promise<void> {
  const method = entry.method;
  const fault = ctx.faults.take('backup', method, entry.url);
  if (fault) entry.faultId = fault.id;
  if (!(await delay(fault?.latencyMs ?? 0, res))) return;
  if (fault?.status !== undefined) {
    text(
      res,
      entry,
      fault.status,
      `Simulated ${fault.status} response.`,
      fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {},
    );
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    text(res, entry, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    return;
  }
  const pathname = new URL(entry.url, 'http://backup.invalid').pathname;
  const found = resolve(ctx.data, pathname);
  if (!found) {
    text(res, entry, 404, 'No restore archive at this address.');
    return;
  }
  const { job } = found;
  const d = job.delivery;
  if (found.v2) {
    const expected = `Bearer ${d.v2?.authValue ?? ''}`;
    if (req.headers.authorization !== expected) {
      text(res, entry, 401, 'This download needs its bearer token.', { 'WWW-Authenticate': 'Bearer realm="backup"' });
      return;
    }
  }
  const now = Date.now();
  refreshJob(job, now, ctx.progressAfterMs);
  if (d.statusName === 'EXPIRED' || isExpired(job, now)) {
    d.statusName = 'EXPIRED';
    text(res, entry, 410, `This download link expired on ${d.expires ?? 'an earlier date'}.`);
    return;
  }
  if (d.statusName === 'MAX_DOWNLOADS_EXCEEDED' || (d.maxDownloads !== undefined && d.maxDownloads <= 0)) {
    d.statusName = 'MAX_DOWNLOADS_EXCEEDED';
    text(res, entry, 403, 'This download link has been used the maximum number of times.');
    return;
  }
  if (d.statusName !== 'READY') {
    text(res, entry, 404, `The restore archive is not ready (${d.statusName}).`);
    return;
  }

  const archive = await ctx.archive(job.archive?.sizeBytes);
  if (res.destroyed) return;
  // The download has started: it counts, whether or not it completes.
  if (d.maxDownloads !== undefined && d.maxDownloads !== UNLIMITED_DOWNLOADS) {
    d.maxDownloads -= 1;
    if (d.maxDownloads <= 0) d.statusName = 'MAX_DOWNLOADS_EXCEEDED';
  }
  const fileName = job.archive?.fileName ?? `${job.id}.tar.gz`;
  const headers: Headers = {
    'Content-Type': 'application/x-gzip',
    'Content-Length': archive.sizeBytes,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
  if (method === 'HEAD') {
    entry.status = 200;
    res.writeHead(200, headers);
    res.end();
    return;
  }
  const source = fs.createReadStream(archive.path, { highWaterMark: READ_CHUNK });
  sendStream(res, entry, 200, headers, source, fault, () => {
    job.hashes = [{ fileName, hash: archive.sha1, typeName: 'SHA1' }];
  });
}
