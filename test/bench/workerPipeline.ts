// Child process for the download profile (profileDownload.ts): one stage of the download pipeline at a time,
// so the cost of each (the HTTP read, SHA-1, writing, flushing) can be told apart. Plain undici and fs, not
// our module, except in the 'module' variant. Prints one JSON line {elapsedMs, bytes, sha1?}.
//
// argv[2]: JSON {variant, url, dest?, sha1?}
//   read            undici request, body discarded
//   read-hash       + SHA-1 of every chunk
//   read-write      + chunks written to dest (createWriteStream), no hash, no flush
//   read-hash-write + SHA-1 and write, no flush
//   read-hash-write-sync + one datasync at the end
//   module          src/opsManager/download.ts downloadArchive with expectedSha1 (its default hashing)
//   module-main / module-worker  the same with hashing: 'main' (event-loop thread) or 'worker' (worker thread)
//   hash-file       SHA-1 of an existing file (dest) read from the page cache: the hash's own speed
//   read-hwm        undici request with highWaterMark 1 MiB, body discarded
//   read-http       node:http GET, body discarded (Node's own HTTP client, no undici)
//   read-net        raw TCP socket with a reused 1 MiB onread buffer, response discarded: Node's ceiling
//   read-hash-worker  undici read, SHA-1 computed in a worker thread (chunks transferred)
//   dispatch        undici dispatch() with a bare handler (onResponseData), no Readable stream in between
//   dispatch-hash   + SHA-1 in onResponseData
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import * as http from 'node:http';
import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
import { Agent } from 'undici';
import { downloadArchive } from '../../src/opsManager/download/download';
import { isRecord } from './procs';

async function main(): Promise<void> {
  const arg: unknown = JSON.parse(process.argv[2] ?? '');
  if (!isRecord(arg) || typeof arg.variant !== 'string' || typeof arg.url !== 'string') {
    throw new Error('workerPipeline: expected {variant, url, dest?, sha1?}');
  }
  const variant = arg.variant;
  const url = arg.url;
  const dest = typeof arg.dest === 'string' ? arg.dest : undefined;
  const t0 = performance.now();
  let bytes = 0;
  let sha1: string | undefined;

  if (variant === 'module' || variant === 'module-main' || variant === 'module-worker') {
    if (!dest || typeof arg.sha1 !== 'string') throw new Error('module needs dest and sha1');
    const hashing = variant === 'module-main' ? 'main' : variant === 'module-worker' ? 'worker' : undefined;
    const r = await downloadArchive({
      url,
      destination: dest,
      expectedSha1: arg.sha1,
      ...(hashing ? { hashing } : {}),
    });
    bytes = r.bytes;
    sha1 = r.sha1;
  } else if (variant === 'hash-file') {
    if (!dest) throw new Error('hash-file needs dest');
    const hash = crypto.createHash('sha1');
    for await (const chunk of fs.createReadStream(dest, { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    sha1 = hash.digest('hex');
  } else if (variant === 'read-http') {
    await new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent: false }, (res) => {
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', resolve);
          res.on('error', reject);
        })
        .on('error', reject);
    });
  } else if (variant === 'read-net') {
    bytes = await rawRead(new URL(url));
  } else if (variant === 'dispatch' || variant === 'dispatch-hash') {
    const hash = variant === 'dispatch-hash' ? crypto.createHash('sha1') : undefined;
    bytes = await dispatchRead(url, hash);
    sha1 = hash?.digest('hex');
  } else if (variant === 'read-hash-worker') {
    const result = await readHashInWorker(url);
    bytes = result.bytes;
    sha1 = result.sha1;
  } else {
    const hashing = variant.includes('hash');
    const writing = variant.includes('write');
    const syncing = variant.endsWith('sync');
    const hash = hashing ? crypto.createHash('sha1') : undefined;
    const out = writing ? fs.createWriteStream(dest ?? '/dev/null', { highWaterMark: 1024 * 1024 }) : undefined;
    const agent = new Agent();
    const target = new URL(url);
    const res = await agent.request({
      origin: target.origin,
      path: target.pathname + target.search,
      method: 'GET',
      ...(variant === 'read-hwm' ? { highWaterMark: 1024 * 1024 } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      hash?.update(chunk);
      if (out && !out.write(chunk)) await once(out, 'drain');
    }
    if (out) {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      if (syncing && dest) {
        const fd = fs.openSync(dest, 'r+');
        fs.fdatasyncSync(fd);
        fs.closeSync(fd);
      }
    }
    sha1 = hash?.digest('hex');
    await agent.close();
  }
  const elapsedMs = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ elapsedMs, bytes, sha1 })}\n`);
}

/** GET through undici's handler API: chunks arrive in a callback, without a stream and async iteration. */
async function dispatchRead(url: string, hash: crypto.Hash | undefined): Promise<number> {
  const agent = new Agent();
  const target = new URL(url);
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      agent.dispatch(
        { origin: target.origin, path: target.pathname, method: 'GET' },
        {
          onRequestStart: () => undefined,
          onResponseStart: (_controller, statusCode) => {
            if (statusCode !== 200) reject(new Error(`status ${statusCode}`));
          },
          onResponseData: (_controller, chunk: Buffer) => {
            total += chunk.length;
            hash?.update(chunk);
          },
          onResponseEnd: () => resolve(),
          onResponseError: (_controller, error: Error) => reject(error),
        },
      );
    });
  } finally {
    await agent.close();
  }
  return total;
}

/** GET over a bare socket, counting bytes after the header; one preallocated buffer for every read. */
function rawRead(target: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    const socket = net.connect({
      host: target.hostname,
      port: Number(target.port),
      onread: {
        buffer: Buffer.allocUnsafe(1024 * 1024),
        callback: (n: number) => {
          total += n;
          return true;
        },
      },
    });
    socket.on('connect', () =>
      socket.write(`GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`),
    );
    socket.on('end', () => resolve(total));
    socket.on('close', () => resolve(total));
    socket.on('error', reject);
  });
}

const HASH_WORKER = `
const { parentPort } = require('node:worker_threads');
const h = require('node:crypto').createHash('sha1');
parentPort.on('message', (m) => { if (m === null) parentPort.postMessage(h.digest('hex')); else h.update(new Uint8Array(m)); });
`;

/** undici read on the main thread, SHA-1 on a worker: each chunk's ArrayBuffer is transferred, not copied. */
async function readHashInWorker(url: string): Promise<{ bytes: number; sha1: string }> {
  const worker = new Worker(HASH_WORKER, { eval: true });
  const agent = new Agent();
  const target = new URL(url);
  let bytes = 0;
  try {
    const res = await agent.request({ origin: target.origin, path: target.pathname, method: 'GET' });
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
      const ab = own ? chunk.buffer : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
      worker.postMessage(ab, [ab as ArrayBuffer]);
    }
    const sha1 = await new Promise<string>((resolve) => {
      worker.once('message', (m: string) => resolve(m));
      worker.postMessage(null);
    });
    return { bytes, sha1 };
  } finally {
    await agent.close();
    await worker.terminate();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
