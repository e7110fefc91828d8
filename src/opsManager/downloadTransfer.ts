// The HTTP side of a download: one GET to the backup host (following a few redirects, the bearer token kept to
// the link's own origin), then the body streamed through the hasher into the temporary file with progress.

import type { Dispatcher } from 'undici';
import type { DownloadOptions } from './download';
import { checkUrl, redactUrl } from './downloadable';
import { backupHostError, bodyError, cutError, isRedirect, lowerFirst, startError } from './downloadErrors';
import { createHasher, type HashingMode } from './downloadHasher';
import { ProgressMeter } from './downloadProgress';
import type { DownloadFile } from './downloadTempFile';
import { BatchWriter } from './downloadWriter';
import { OpsManagerError } from './errors';
import { createDispatcher, DEFAULT_TIMEOUT_MS } from './http';

const MAX_REDIRECTS = 5;
/** Measured on 1 GiB from the simulator: see the report and docs/benchmarks.md. */
export const DEFAULT_HASHING: HashingMode = 'main';
const ERROR_BODY_LIMIT = 4096;

export interface Received {
  sha1: string;
  bytes: number;
}

/** Sends the request (following a few redirects) and streams the body into `file`. */
export async function transfer(options: DownloadOptions, headers: Record<string, string>, file: DownloadFile, temp: string): Promise<Received> {
  const signal = options.signal;
  const idleMs = positiveOr(options.idleTimeoutMs, positiveOr(options.transport?.timeouts?.bodyMs, DEFAULT_TIMEOUT_MS));
  const firstOrigin = new URL(options.url).origin;
  let url = options.url;
  let owned: Dispatcher | undefined;
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
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcher.request({
          origin: target.origin,
          path: requestPath(url, target),
          method: 'GET',
          // The bearer token belongs to the link's own origin: never forwarded to a redirect elsewhere.
          headers: { accept: '*/*', 'accept-encoding': 'identity', ...(sameOrigin ? headers : {}) },
          signal,
          headersTimeout: idleMs,
          bodyTimeout: idleMs,
        });
      } catch (error) {
        throw startError(error, url, signal, idleMs);
      }

      const status = response.statusCode;
      if (isRedirect(status)) {
        const location = headerText(response.headers.location);
        await response.body.dump().catch(() => undefined);
        if (location === undefined) {
          throw backupHostError(status, '', url, headers);
        }
        const next = new URL(location, url).href;
        const problem = checkUrl(next);
        if (problem !== undefined) {
          throw new OpsManagerError({ kind: 'network', message: `The backup host redirected the download elsewhere, and ${lowerFirst(problem)}`, url: redactUrl(url) });
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new OpsManagerError({ kind: 'network', message: `The backup host redirected the download more than ${MAX_REDIRECTS} times; stopped.`, url: redactUrl(url) });
        }
        url = next;
        continue;
      }
      if (status !== 200) {
        const text = await readLimited(response.body, ERROR_BODY_LIMIT);
        throw backupHostError(status, text, url, headers);
      }
      return await receiveBody(response, options, file, temp, url, idleMs);
    }
  } finally {
    await owned?.close().catch(() => undefined);
  }
}

async function receiveBody(
  response: Dispatcher.ResponseData,
  options: DownloadOptions,
  file: DownloadFile,
  temp: string,
  url: string,
  idleMs: number,
): Promise<Received> {
  const signal = options.signal;
  const total = contentLength(response.headers['content-length']);
  const hasher = createHasher(options.hashing ?? DEFAULT_HASHING);
  const writer = new BatchWriter(file, temp);
  const meter = new ProgressMeter(total, options.progressIntervalMs ?? 200, options.onProgress);
  let received = 0;
  meter.update(0, true);
  try {
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        const hashing = hasher.update(chunk);
        if (hashing !== undefined) {
          await hashing;
        }
        received += chunk.length;
        const writing = writer.push(chunk);
        if (writing !== undefined) {
          await writing;
        }
        meter.update(received, false);
      }
    } catch (error) {
      response.body.destroy();
      await writer.settle();
      if (error instanceof OpsManagerError) {
        throw error;
      }
      throw bodyError(error, url, signal, idleMs, received, total);
    }
    if (total !== undefined && received !== total) {
      await writer.settle();
      throw cutError(url, received, total, undefined);
    }
    await writer.finish();
    const sha1 = await hasher.digest();
    meter.update(received, true);
    return { sha1, bytes: received };
  } finally {
    meter.dispose();
    hasher.dispose();
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
      throw new OpsManagerError({ kind: 'invalid-input', message: 'The download header from Ops Manager cannot be sent as an HTTP header, so nothing was requested.' });
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

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        break;
      }
    }
  } catch {
    // An unreadable error body still leaves the status to report.
  } finally {
    body.destroy();
  }
  return Buffer.concat(parts).subarray(0, limit).toString('utf8');
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
