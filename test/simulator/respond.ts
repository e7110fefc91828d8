// Writing responses on either port, with the injected faults that act on the wire: latency, a connection cut
// after N body bytes, a stall after N body bytes. Bytes sent are counted into the request log entry.
import type * as http from 'node:http';
import type { Readable } from 'node:stream';
import type { Fault } from './faults';
import type { SimRequestLog } from './requestLog';

export type Headers = Record<string, string | string[] | number>;

/** Waits `ms`; false when the client went away meanwhile (nothing left to answer). */
export function delay(ms: number, res: http.ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function limitOf(fault: Fault | undefined): { bytes: number; cut: boolean } | undefined {
  if (fault?.cutAfterBytes !== undefined) return { bytes: Math.max(0, fault.cutAfterBytes), cut: true };
  if (fault?.stallAfterBytes !== undefined) return { bytes: Math.max(0, fault.stallAfterBytes), cut: false };
  return undefined;
}

function head(res: http.ServerResponse, entry: SimRequestLog, status: number, headers: Headers): void {
  entry.status = status;
  res.on('close', () => {
    if (!res.writableFinished) entry.incomplete = true;
  });
  res.writeHead(status, headers);
}

/** Ends the response early: destroy the socket once what was written is flushed, or leave it hanging. */
function stop(res: http.ServerResponse, entry: SimRequestLog, cut: boolean): void {
  entry.incomplete = true;
  if (!cut) return;
  const socket = res.socket;
  if (!socket) return;
  res.flushHeaders();
  socket.write('', () => socket.destroy());
}

export function sendBuffer(
  res: http.ServerResponse,
  entry: SimRequestLog,
  status: number,
  headers: Headers,
  body: Buffer,
  fault?: Fault,
): void {
  head(res, entry, status, { ...headers, 'Content-Length': body.length });
  const limit = limitOf(fault);
  if (!limit || limit.bytes >= body.length) {
    entry.bytesSent = body.length;
    res.end(body);
    return;
  }
  const part = body.subarray(0, limit.bytes);
  entry.bytesSent = part.length;
  if (part.length > 0) res.write(part);
  stop(res, entry, limit.cut);
}

/** Streams `source` (already sized by `headers`' Content-Length) with backpressure; `onComplete` once the last byte is written. */
export function sendStream(
  res: http.ServerResponse,
  entry: SimRequestLog,
  status: number,
  headers: Headers,
  source: Readable,
  fault?: Fault,
  onComplete?: () => void,
): void {
  head(res, entry, status, headers);
  const limit = limitOf(fault);
  if (limit && limit.bytes === 0) {
    source.destroy();
    stop(res, entry, limit.cut);
    return;
  }
  let stopped = false;
  let completed = false;
  // Runs as the last byte is queued (not on 'end' or 'finish'): a client holding the whole body must already
  // see the effect (e.g. `hashes`), or re-reading the job right after a download would race.
  const complete = (): void => {
    if (completed) return;
    completed = true;
    onComplete?.();
  };
  const total = Number(headers['Content-Length']);
  res.on('close', () => source.destroy());
  source.on('data', (chunk: Buffer) => {
    if (stopped) return;
    let c = chunk;
    if (limit && entry.bytesSent + c.length >= limit.bytes) {
      c = c.subarray(0, limit.bytes - entry.bytesSent);
      stopped = true;
    }
    entry.bytesSent += c.length;
    if (!stopped && entry.bytesSent === total) complete();
    const ok = res.write(c);
    if (stopped) {
      source.destroy();
      stop(res, entry, limit?.cut ?? true);
    } else if (!ok) {
      source.pause();
      res.once('drain', () => source.resume());
    }
  });
  source.on('end', () => {
    if (stopped) return;
    complete();
    res.end();
  });
  source.on('error', () => res.destroy());
}
