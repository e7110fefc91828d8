// The HTTP side of a download: one GET to the backup host (following a few redirects, the bearer token kept to
// the link's own origin), then the body streamed through the hasher into the temporary file with progress.

import * as os from 'node:os';
import type { Dispatcher } from 'undici';
import type { DownloadOptions } from './options';
import { badUrlError, checkUrl, redactUrl } from '../api';
import { backupHostError, bodyError, cutError, isRedirect, startError } from './errors';
import { createHasher, type HashingMode, type StreamHasher } from './hasher';
import { ProgressMeter } from './progress';
import type { DownloadFile } from './tempFile';
import { BatchWriter } from './writer';
import { isOpsManagerError, OpsManagerError } from '../common';
import { type Answer, type BodyConsumer, createDispatcher, DEFAULT_TIMEOUT_MS, exchange } from '../http';

const MAX_REDIRECTS = 5;
/**
 * SHA-1 in a worker thread wherever there is a second core. Measured on 2 cores with the backup host on the same
 * machine (docs/benchmarks.md), the worker now ties hashing on the event loop (1 GiB: 1.72 s against 1.73 s; four
 * parts at once: 1.77 s against 1.79 s) since it takes the written buffers without copying them, and it keeps
 * about 0.8 s of CPU per GiB off the extension host's event loop, which every other extension shares. With the
 * backup host elsewhere, as for a user, the second core is free for it. One core: on the event loop.
 */
export const DEFAULT_HASHING: HashingMode = os.availableParallelism() > 1 ? 'worker' : 'main';
const ERROR_BODY_LIMIT = 4096;

export interface Received {
  sha1: string;
  bytes: number;
}

/** Sends the request (following a few redirects) and streams the body into `file`. */
export async function transfer(
  options: DownloadOptions,
  headers: Record<string, string>,
  file: DownloadFile,
  temp: string,
): Promise<Received> {
  const signal = options.signal;
  const idleMs = positiveOr(options.idleTimeoutMs, positiveOr(options.transport?.timeouts?.bodyMs, DEFAULT_TIMEOUT_MS));
  const firstOrigin = new URL(options.url).origin;
  let url = options.url;
  let owned: Dispatcher | undefined;
  let failed = true;
  try {
    for (let hop = 0; ; hop++) {
      const target = new URL(url);
      const sameOrigin = target.origin === firstOrigin;
      let dispatcher = options.dispatcher;
      if (dispatcher === undefined) {
        await owned?.close();
        owned = createDispatcher(target, options.transport);
        dispatcher = owned;
      }
      let body: BodyPipeline | undefined;
      let answer: Answer;
      try {
        answer = await exchange({
          dispatcher,
          request: {
            origin: target.origin,
            path: requestPath(url, target),
            method: 'GET',
            // The bearer token belongs to the link's own origin: never forwarded to a redirect elsewhere.
            headers: { accept: '*/*', 'accept-encoding': 'identity', ...(sameOrigin ? headers : {}) },
            headersTimeout: idleMs,
            bodyTimeout: idleMs,
          },
          signal,
          open: (status, responseHeaders) => {
            if (status !== 200) {
              return undefined;
            }
            body = new BodyPipeline(contentLength(responseHeaders['content-length']), options, file, temp);
            return body;
          },
          textLimit: ERROR_BODY_LIMIT,
          failure: (error, inBody) => {
            if (isOpsManagerError(error)) {
              return error;
            }
            return inBody
              ? bodyError(error, url, signal, idleMs, body?.received ?? 0, body?.total)
              : startError(error, url, signal, idleMs);
          },
        });
      } catch (error) {
        await body?.abandon();
        throw error;
      }

      if (!answer.consumed) {
        url = nextHop(answer, url, headers, hop);
        continue;
      }
      if (body === undefined) {
        throw new Error('the download body had no consumer');
      }
      const received = await body.finish(url);
      failed = false;
      return received;
    }
  } finally {
    // After a failure, a request still waiting for a connection must not hold the close up.
    await (failed ? owned?.destroy() : owned?.close())?.catch(() => undefined);
  }
}

/** The next URL for a redirect; anything else that is not a 200 is the backup host's refusal. */
function nextHop(
  answer: Answer & { consumed: false },
  url: string,
  headers: Record<string, string>,
  hop: number,
): string {
  const status = answer.status;
  if (!isRedirect(status)) {
    throw backupHostError(status, answer.text, url, headers);
  }
  const location = headerText(answer.headers.location);
  if (location === undefined) {
    throw backupHostError(status, '', url, headers);
  }
  const next = new URL(location, url).href;
  const problem = checkUrl(next);
  if (problem !== undefined) {
    throw badUrlError(problem, true);
  }
  if (hop + 1 > MAX_REDIRECTS) {
    throw new OpsManagerError({
      kind: 'network',
      code: 'TOO_MANY_REDIRECTS',
      params: { max: MAX_REDIRECTS },
      message: `More than ${MAX_REDIRECTS} redirects; stopped.`,
      url: redactUrl(url),
    });
  }
  return next;
}

/** Each chunk of a 200 answer: queued for the batch writer (which hands it to the hasher), counted for progress. */
class BodyPipeline implements BodyConsumer {
  received = 0;
  private readonly hasher: StreamHasher;
  private readonly writer: BatchWriter;
  private readonly meter: ProgressMeter;

  constructor(
    readonly total: number | undefined,
    options: DownloadOptions,
    file: DownloadFile,
    temp: string,
  ) {
    this.hasher = createHasher(options.hashing ?? DEFAULT_HASHING);
    // Hashed once written: the hasher may take the chunks' memory (the worker does, without a copy).
    this.writer = new BatchWriter(file, temp, (batch) => this.hasher.update(batch));
    this.meter = new ProgressMeter(total, options.progressIntervalMs ?? 200, options.onProgress);
    this.meter.update(0, true);
  }

  take(chunk: Buffer): Promise<void> | undefined {
    this.received += chunk.length;
    const writing = this.writer.push(chunk);
    this.meter.update(this.received, false);
    return writing;
  }

  /** After the last chunk: every byte written and flushed, the digest taken. */
  async finish(url: string): Promise<Received> {
    try {
      if (this.total !== undefined && this.received !== this.total) {
        await this.writer.settle();
        throw cutError(url, this.received, this.total, undefined);
      }
      await this.writer.finish();
      const sha1 = await this.hasher.digest();
      this.meter.update(this.received, true);
      return { sha1, bytes: this.received };
    } finally {
      this.dispose();
    }
  }

  /** After a failure: lets a write in flight end (before the file is closed and removed), then stops. */
  async abandon(): Promise<void> {
    await this.writer.settle();
    this.dispose();
  }

  private dispose(): void {
    this.meter.dispose();
    this.hasher.dispose();
  }
}

/** The path and query exactly as given (tokens may hold `=`, `+`, `%2F`); the parsed form only if it is not plain ASCII. */
function requestPath(raw: string, parsed: URL): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^#]*)/u.exec(raw);
  const rest = match?.[1] ?? '';
  if (rest !== '' && /^[\u0021-\u007e]+$/u.test(rest)) {
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return `${parsed.pathname}${parsed.search}`;
}

export function checkHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u.test(name) || !/^[\u0020-\u007e]*$/u.test(value)) {
      throw new OpsManagerError({
        kind: 'invalid-input',
        message: 'The download header from Ops Manager cannot be sent as an HTTP header, so nothing was requested.',
      });
    }
  }
  return headers;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function contentLength(value: string | string[] | undefined): number | undefined {
  const text = headerText(value);
  if (text === undefined || !/^\d{1,16}$/u.test(text.trim())) {
    return undefined;
  }
  return Number(text.trim());
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
