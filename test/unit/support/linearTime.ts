// Checks that work stays linear in its input (hostile text, many headers). Times are CPU time of this process
// (not wall clock), the best of several interleaved runs, so a busy machine does not make linear work look quadratic.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU milliseconds (user + system) of `work`: unlike wall time, not inflated while other processes have the CPU. */
export function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Asserts that `run(4n)` costs less than 10 times `run(n)` (plus 5 ms for timer resolution on tiny inputs): linear
 * work costs about 4 times as much, quadratic work 16 times. A fixed limit fails on a loaded machine while proving
 * nothing about growth; this ratio still catches a blow-up. CPU time, each size several times, interleaved, the
 * fastest kept, so neither other processes nor a garbage collection in one run count. Absolute speed belongs in
 * the benchmark (npm run bench).
 */
export function assertScalesLinearly(run: (n: number) => void, n: number, what: string): void {
  run(n); // warm-up: JIT and caches
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < 7; i++) {
    small = Math.min(
      small,
      cpuMs(() => run(n)),
    );
    large = Math.min(
      large,
      cpuMs(() => run(4 * n)),
    );
  }
  assert.ok(
    large < 10 * small + 5,
    `${what}: ${4 * n} took ${large.toFixed(1)} ms, ${n} took ${small.toFixed(1)} ms (linear ≈ 4×, quadratic ≈ 16×)`,
  );
}

/** The same for text processing: `fn` on `make(4n)` against `make(n)`. */
export function assertLinear(name: string, make: (n: number) => string, fn: (s: string) => unknown, n: number): void {
  const inputs = new Map<number, string>([
    [n, make(n)],
    [4 * n, make(4 * n)],
  ]);
  assertScalesLinearly((size) => fn(inputs.get(size) ?? make(size)), n, name);
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
