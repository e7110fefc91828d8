import * as assert from 'node:assert/strict';

function millis(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Asserts that `run(4n)` costs less than 10 times `run(n)`: linear work costs about 4 times as much, quadratic
 * work 16 times. A fixed limit ("20 000 calls under a second") failed on a loaded machine while proving nothing
 * about growth; this ratio holds under any steady load and still catches a blow-up. Each size is measured
 * several times, interleaved, and the fastest run kept, so a burst of load on one measurement does not count.
 * Absolute speed belongs in the benchmark (npm run bench).
 */
export function assertLinear(run: (n: number) => void, n: number, what: string): void {
  run(n); // warm-up: JIT and caches, so the first measurement is not the slowest for unrelated reasons
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < 5; i++) {
    small = Math.min(
      small,
      millis(() => run(n)),
    );
    large = Math.min(
      large,
      millis(() => run(4 * n)),
    );
  }
  const ratio = large / Math.max(small, 0.001);
  assert.ok(
    ratio < 10,
    `${what}: ${4 * n} took ${large.toFixed(1)} ms, ${ratio.toFixed(1)} × the ${small.toFixed(1)} ms of ${n} (linear ≈ 4, quadratic ≈ 16)`,
  );
}
