// SHA-1 of a download while it streams. Two ways: on the calling thread (simple, ~1.8 GB/s with SHA
// instructions), or in a worker thread fed through a shared ring buffer, so the hashing runs on another core
// in parallel with reading the socket and writing the file. The ring is fixed-size: memory stays flat, and the
// producer waits (without blocking the event loop) when the worker falls behind.

import * as crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface StreamHasher {
  /** Feeds a chunk; returns a promise only when the caller must wait for room. */
  update(chunk: Buffer): Promise<void> | undefined;
  /** The lower-case hex digest of everything fed. */
  digest(): Promise<string>;
  /** Stops the worker, if any; safe to call twice. */
  dispose(): void;
}

export type HashingMode = 'main' | 'worker';

const RING_BYTES = 8 * 1024 * 1024;

/** `ringBytes` (worker only) is for tests that need the ring to fill up. */
export function createHasher(mode: HashingMode, ringBytes = RING_BYTES): StreamHasher {
  return mode === 'worker' ? new WorkerHasher(ringBytes) : new MainThreadHasher();
}

class MainThreadHasher implements StreamHasher {
  private readonly hash = crypto.createHash('sha1');

  update(chunk: Buffer): undefined {
    this.hash.update(chunk);
    return undefined;
  }

  digest(): Promise<string> {
    return Promise.resolve(this.hash.digest('hex'));
  }

  dispose(): void {
    // nothing held
  }
}

/**
 * ctrl[AVAILABLE]: bytes written and not yet hashed; ctrl[STATE]: RUNNING, ENDED or ABORTED; ctrl[SEQ]: bumped by
 * the producer after every change, so the worker's wait cannot miss one that lands between its check and its wait.
 */
const AVAILABLE = 0;
const STATE = 1;
const SEQ = 2;
const RUNNING = 0;
const ENDED = 1;
const ABORTED = 2;

// Plain JavaScript run with `eval: true`: nothing to bundle or locate on disk, so it works the same from the
// esbuild bundle, from tsc's output and under code-server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const ctrl = new Int32Array(workerData.ctrl);
const ring = new Uint8Array(workerData.ring);
const size = ring.length;
const hash = crypto.createHash('sha1');
let tail = 0;
for (;;) {
  const seq = Atomics.load(ctrl, ${SEQ});
  const state = Atomics.load(ctrl, ${STATE});
  if (state === ${ABORTED}) { process.exit(0); }
  const available = Atomics.load(ctrl, ${AVAILABLE});
  if (available === 0) {
    if (state === ${ENDED}) break;
    Atomics.wait(ctrl, ${SEQ}, seq);
    continue;
  }
  const n = Math.min(available, size - tail);
  hash.update(ring.subarray(tail, tail + n));
  tail = (tail + n) % size;
  Atomics.sub(ctrl, ${AVAILABLE}, n);
  Atomics.notify(ctrl, ${AVAILABLE});
}
parentPort.postMessage(hash.digest('hex'));
`;

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs?: number,
) => { async: boolean; value: unknown };
/** ES2024 (Node 16+); typed here because the project's lib is ES2023. */
const waitAsync: WaitAsync | undefined = Reflect.get(Atomics, 'waitAsync');

class WorkerHasher implements StreamHasher {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(12));
  private readonly ring: Uint8Array;
  private readonly worker: Worker;
  private readonly result: Promise<string>;
  private head = 0;
  private disposed = false;
  private failure: Error | undefined;

  constructor(private readonly size: number) {
    this.ring = new Uint8Array(new SharedArrayBuffer(size));
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ctrl: this.ctrl.buffer, ring: this.ring.buffer },
    });
    this.result = new Promise<string>((resolve, reject) => {
      const fail = (error: Error): void => {
        this.failure ??= error;
        reject(error);
        // A producer waiting for room must not wait for a worker that is gone.
        Atomics.store(this.ctrl, AVAILABLE, 0);
        Atomics.notify(this.ctrl, AVAILABLE);
      };
      this.worker.once('message', (hex: unknown) =>
        typeof hex === 'string' ? resolve(hex) : fail(new Error('the hashing worker sent no digest')),
      );
      this.worker.once('error', fail);
      this.worker.once('exit', (code) => fail(new Error(`the hashing worker stopped (exit code ${code})`)));
    });
    // The result is awaited only at the end; a worker failure before then must not be an unhandled rejection.
    this.result.catch(() => undefined);
  }

  update(chunk: Buffer): Promise<void> | undefined {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    let offset = 0;
    while (offset < chunk.length) {
      const free = this.size - Atomics.load(this.ctrl, AVAILABLE);
      if (free === 0) {
        return this.waitForRoom().then(() => this.update(chunk.subarray(offset)));
      }
      const n = Math.min(free, chunk.length - offset, this.size - this.head);
      this.ring.set(chunk.subarray(offset, offset + n), this.head);
      this.head = (this.head + n) % this.size;
      offset += n;
      Atomics.add(this.ctrl, AVAILABLE, n);
      this.bump();
    }
    return undefined;
  }

  async digest(): Promise<string> {
    Atomics.store(this.ctrl, STATE, ENDED);
    this.bump();
    try {
      return await this.result;
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (Atomics.load(this.ctrl, STATE) === RUNNING) {
      Atomics.store(this.ctrl, STATE, ABORTED);
      this.bump();
    }
    void this.worker.terminate();
  }

  private bump(): void {
    Atomics.add(this.ctrl, SEQ, 1);
    Atomics.notify(this.ctrl, SEQ);
  }

  /** Resolves once the worker has taken some bytes out of a full ring (or has failed). */
  private async waitForRoom(): Promise<void> {
    if (waitAsync === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return;
    }
    const waited = waitAsync(this.ctrl, AVAILABLE, this.size, 5000);
    if (waited.async) {
      await waited.value;
    }
  }
}
