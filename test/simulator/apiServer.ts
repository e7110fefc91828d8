// The API port: request log, digest authentication, faults, then the routes; envelope/pretty applied on the way
// out. Every response (challenges included) waits `latencyMs` first, as a real server across a network would.
import type * as http from 'node:http';
import { Readable } from 'node:stream';
import type { DigestVerifier } from './digestAuth';
import type { Fault, FaultInjector } from './faults';
import { errors } from './omErrors';
import type { SimRequestLog } from './requestLog';
import { delay, sendBuffer, sendStream, type Headers } from './respond';
import { API_PREFIX, route, type ApiResult, type RouteContext } from './routes';

export interface ApiContext extends RouteContext {
  verifier: DigestVerifier;
  faults: FaultInjector;
  log: SimRequestLog[];
  latencyMs: number;
  envelopeKey: 'content' | 'envelope';
  /** Answer every authenticated request 403 IP_ADDRESS_NOT_ON_WHITELIST. */
  ipAccessListDenied: boolean;
}

const MAX_REQUEST_BODY = 1024 * 1024;
const DEFAULT_OVERSIZED_BYTES = 32 * 1024 * 1024;
const JSON_TYPE = 'application/json';

export function handleApi(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  const entry: SimRequestLog = {
    time: Date.now(),
    port: 'api',
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    bytesSent: 0,
  };
  if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
  ctx.log.push(entry);
  serve(ctx, req, res, entry).catch((e: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = Buffer.from(
      JSON.stringify({ ...errors.forStatus(500).body, detail: `Simulator failure: ${String(e)}` }),
    );
    sendBuffer(res, entry, 500, { 'Content-Type': JSON_TYPE }, body);
  });
}

function commonHeaders(ctx: ApiContext): Headers {
  return { 'X-MongoDB-Service-Version': `gitHash=${ctx.version.gitHash}; versionString=${ctx.version.versionString}` };
}

async function serve(
  ctx: ApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: SimRequestLog,
): Promise<void> {
  const target = entry.url;
  const method = entry.method;
  const url = new URL(target, ctx.origins.apiBase);
  if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
    if (!(await delay(ctx.latencyMs, res))) return;
    sendBuffer(res, entry, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('Not Found\n'));
    return;
  }

  const outcome = ctx.verifier.verify(method, target, req.headers.authorization);
  entry.digest = outcome;
  if (outcome !== 'ok') {
    const e = outcome === 'uri-mismatch' ? errors.badDigestUri() : errors.unauthorized();
    const headers: Headers = { ...commonHeaders(ctx), 'Content-Type': `${JSON_TYPE};charset=ISO-8859-1` };
    if (outcome !== 'uri-mismatch') headers['WWW-Authenticate'] = ctx.verifier.challenge(outcome === 'stale');
    if (!(await delay(ctx.latencyMs, res))) return;
    sendBuffer(res, entry, e.status, headers, Buffer.from(JSON.stringify(e.body)));
    return;
  }

  const fault = ctx.faults.take('api', method, target);
  if (fault) entry.faultId = fault.id;
  if (!(await delay(ctx.latencyMs + (fault?.latencyMs ?? 0), res))) return;

  let result: ApiResult;
  if (ctx.ipAccessListDenied) {
    const e = errors.ipNotOnWhitelist(req.socket.remoteAddress ?? '127.0.0.1');
    result = { status: e.status, body: e.body };
  } else if (fault?.status !== undefined && fault.body === undefined) {
    const e = errors.forStatus(fault.status);
    result = { status: e.status, body: e.body };
  } else {
    result = await route(ctx, {
      method,
      url,
      ip: req.socket.remoteAddress ?? '127.0.0.1',
      readBody: () => readBody(req),
    });
  }
  const rb = result.body;
  if (typeof rb === 'object' && rb !== null && 'errorCode' in rb && typeof rb.errorCode === 'string')
    entry.errorCode = rb.errorCode;

  const headers: Headers = { ...commonHeaders(ctx), 'Content-Type': JSON_TYPE };
  if (fault?.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  let status = result.status;
  let body = result.body;
  // Only authenticated answers are enveloped: status faults stand for a proxy or overload, not the API.
  if (url.searchParams.get('envelope') === 'true' && !(fault?.status !== undefined && fault.body === undefined)) {
    body =
      result.list && typeof body === 'object' && body !== null
        ? { ...body, status }
        : { status, [ctx.envelopeKey]: body };
    status = 200;
  }
  const text = url.searchParams.get('pretty') === 'true' ? JSON.stringify(body, null, 2) : JSON.stringify(body);

  switch (fault?.body) {
    case 'malformed':
      sendBuffer(
        res,
        entry,
        fault.status ?? 200,
        headers,
        Buffer.from('{"results": [{"id": 5f2b3c4d, "name": Production} <!-- not JSON'),
        fault,
      );
      return;
    case 'truncated': {
      const cut = Buffer.from(text).subarray(0, Math.max(1, Math.floor(Buffer.byteLength(text) / 2)));
      sendBuffer(res, entry, fault.status ?? status, headers, cut, fault);
      return;
    }
    case 'html':
      sendBuffer(
        res,
        entry,
        fault.status ?? 502,
        { ...headers, 'Content-Type': 'text/html' },
        Buffer.from(HTML_ERROR),
        fault,
      );
      return;
    case 'oversized':
      sendOversized(res, entry, fault.status ?? 200, headers, fault);
      return;
    default:
      sendBuffer(res, entry, status, headers, Buffer.from(text), fault);
  }
}

const HTML_ERROR =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A valid JSON object of exactly `oversizedBytes`, generated as it streams. */
function sendOversized(
  res: http.ServerResponse,
  entry: SimRequestLog,
  status: number,
  headers: Headers,
  fault: Fault,
): void {
  const total = Math.max(64, fault.oversizedBytes ?? DEFAULT_OVERSIZED_BYTES);
  const head = Buffer.from('{"results":[],"totalCount":0,"padding":"');
  const tail = Buffer.from('"}');
  const fill = Buffer.alloc(64 * 1024, 'x');
  function* chunks(): Generator<Buffer> {
    yield head;
    for (let left = total - head.length - tail.length; left > 0; left -= fill.length) {
      yield left >= fill.length ? fill : fill.subarray(0, left);
    }
    yield tail;
  }
  sendStream(
    res,
    entry,
    status,
    { ...headers, 'Content-Length': total },
    Readable.from(chunks(), { objectMode: false }),
    fault,
  );
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
