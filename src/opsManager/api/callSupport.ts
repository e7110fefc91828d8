// What the client does around each call that is not HTTP: unwrapping Ops Manager's optional envelope, ordering
// restore jobs, checking paging arguments, cancelling before a request is built. Pure; client.ts calls these.

import { isRecord, OpsManagerError, requestCancelled } from '../common';
import type { RestoreJob } from './model';

/**
 * `{status, content}` (documented) or `{status, envelope}` (newer documentation); lists keep `results` next to
 * `status`. A body without a numeric `status` is taken as not enveloped.
 */
export function unwrapEnvelope(body: unknown): { status?: number; payload: unknown } {
  if (!isRecord(body)) {
    return { payload: body };
  }
  const raw = body.status;
  const status =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
  if (status === undefined) {
    return { payload: body };
  }
  if (Object.hasOwn(body, 'content')) {
    return { status, payload: body.content };
  }
  if (Object.hasOwn(body, 'envelope')) {
    return { status, payload: body.envelope };
  }
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'status') {
      Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return { status, payload: rest };
}

/** Newest first by `created`; equal or unreadable times keep the server's order, unreadable ones go last. */
export function newestFirst(jobs: RestoreJob[]): RestoreJob[] {
  return jobs
    .map((job, index) => ({ job, index, time: job.created === undefined ? NaN : Date.parse(job.created) }))
    .sort((a, b) => {
      const aMissing = Number.isNaN(a.time);
      const bMissing = Number.isNaN(b.time);
      if (aMissing || bMissing) {
        return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      }
      return b.time - a.time || a.index - b.index;
    })
    .map((entry) => entry.job);
}

export function enc(id: string): string {
  return encodeURIComponent(id);
}

export function positiveInteger(
  value: number | undefined,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `${name} must be a whole number from 1 to ${max}; got ${value}.`,
    });
  }
  return value;
}

export function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new OpsManagerError({
      kind: 'invalid-input',
      message: `${name} must be a whole number of 0 or more; got ${value}.`,
    });
  }
  return value;
}

export function throwIfAborted(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted === true) {
    throw requestCancelled(url);
  }
}
