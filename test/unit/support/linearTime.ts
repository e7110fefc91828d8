// Checks that text processing stays linear on hostile input. Times are CPU time of this process (not wall
// clock), the best of a few runs, so a busy machine does not make a linear function look quadratic.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU milliseconds `fn` takes, best of `runs`. */
export function cpuMs(fn: () => void, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Asserts that `fn` on an input 4× larger costs well under the 16× a quadratic algorithm would (linear is 4×).
 * `slackMs` absorbs timer resolution on inputs that take almost no time.
 */
export function assertLinear(name: string, make: (n: number) => string, fn: (s: string) => unknown, n: number): void {
  const small = make(n);
  const large = make(4 * n);
  fn(small); // warm up the JIT
  const t1 = cpuMs(() => fn(small));
  const t4 = cpuMs(() => fn(large));
  assert.ok(t4 < 8 * t1 + 5, `${name}: ${n} chars took ${t1.toFixed(1)} ms, ${4 * n} chars ${t4.toFixed(1)} ms`);
}

/** The longest the event loop was blocked while `run` ran, in ms. */
export async function longestBlockMs(run: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    await run();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** The hostile body shapes of issue 12 item 1, `size` characters each. */
export const HOSTILE_SHAPES: Record<string, (size: number) => string> = {
  'a wall of <': (size) => '<'.repeat(size),
  'repeated unclosed <script': (size) => '<script'.repeat(Math.ceil(size / 7)).slice(0, size),
  'a.a.a. against the userinfo pattern': (size) => 'a.'.repeat(Math.ceil(size / 2)).slice(0, size),
  'dots and spaces': (size) => '. '.repeat(Math.ceil(size / 2)).slice(0, size - 1) + 'x',
};
