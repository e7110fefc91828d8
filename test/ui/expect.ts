// What the UI tests compare the screen with: the restore job exactly as the simulator serves it over the API
// (fetched with the simulator's own plain digest client, not the extension's), and small waiting assertions.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { RawDigestClient } from '../simulator/rawClient';
import type { Simulator } from '../simulator/server';
import { waitUntil, WAIT } from './workbench';
import { shortDateTime } from '../../src/opsManager/common/format';

export interface ServedJob {
  id: string;
  statusName: string;
  snapshotId: string;
  created: string;
  delivery: { statusName: string; url?: string; expires?: string; methodName?: string };
}

/** GET the job from the simulator's API as any client would see it. */
export async function servedJob(sim: Simulator, jobId: string): Promise<ServedJob> {
  const client = new RawDigestClient(sim.user, sim.key);
  const response = await client.request(sim.jobUrl(jobId));
  assert.equal(response.status, 200, `the simulator answered ${response.status} for job ${jobId}: ${response.text}`);
  const json: unknown = JSON.parse(response.text);
  const text = (value: unknown, what: string): string => {
    if (typeof value !== 'string') assert.fail(`the served job has no string ${what}`);
    return value;
  };
  const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const delivery = get(json, 'delivery');
  return {
    id: text(get(json, 'id'), 'id'),
    statusName: text(get(json, 'statusName'), 'statusName'),
    snapshotId: text(get(json, 'snapshotId'), 'snapshotId'),
    created: text(get(json, 'created'), 'created'),
    delivery: {
      statusName: text(get(delivery, 'statusName'), 'delivery.statusName'),
      url: optional(get(delivery, 'url')),
      expires: optional(get(delivery, 'expires')),
      methodName: optional(get(delivery, 'methodName')),
    },
  };
}

function get(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Reflect.get(value, key) : undefined;
}

/** How the panel prints a date: "2016-03-04 22:07:27 UTC". */
export function panelUtc(iso: string): string {
  const text = new Date(Date.parse(iso)).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** How the tree labels a job: its created time, medium date and time in English (the extension host runs in UTC). */
/** A job row's label as the tree writes it: the short created time in the UI language (English here). */
export function treeLabel(iso: string): string {
  return shortDateTime(iso, new Date(), 'en', false) ?? iso;
}

export function treeDate(iso: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

export function sha1File(file: string): string {
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

/** Waits until the locator's text equals (string) or matches (RegExp), and returns the text. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = WAIT.ui): Promise<string> {
  let last = '';
  try {
    await waitUntil(
      async () => {
        last = ((await locator.first().textContent({ timeout: 1000 })) ?? '').replace(/\s+/g, ' ').trim();
        return typeof expected === 'string' ? last === expected : expected.test(last);
      },
      `text ${String(expected)}`,
      timeoutMs,
    );
  } catch {
    assert.fail(
      `${String(locator)}: expected text ${typeof expected === 'string' ? JSON.stringify(expected) : String(expected)}, saw ${JSON.stringify(last)}`,
    );
  }
  return last;
}

/** A status badge: its words on screen ("Ready"), the value Ops Manager sent ("READY") in its tooltip. */
export async function expectBadge(badge: Locator, words: string, raw: string, timeoutMs = WAIT.ui): Promise<void> {
  await expectText(badge, words, timeoutMs);
  const title = (await badge.first().getAttribute('title')) ?? '';
  assert.ok(title.endsWith(`: ${raw}`), `the badge "${words}" has ${raw} in its tooltip, not "${title}"`);
}

/** Waits until the locator is visible; fails with a readable message. */
export async function expectVisible(locator: Locator, what: string, timeoutMs = WAIT.ui): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    assert.fail(`not on screen within ${timeoutMs / 1000} s: ${what}`);
  }
}
