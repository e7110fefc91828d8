import * as assert from 'node:assert/strict';

/** CPU milliseconds (user + system) of `work`: unlike wall time, not inflated while other processes have the CPU. */
function millis(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Asserts that `run(4n)` costs less than 10 times `run(n)`: linear work costs about 4 times as much, quadratic
 * work 16 times. A fixed limit ("20 000 calls under a second") failed on a loaded machine while proving nothing
 * about growth; this ratio still catches a blow-up. It is measured in CPU time, which other processes do not
 * inflate (wall time under a load of 17 on two cores gave ratios from 1.3 to 15 for the same linear code), each
 * size several times, interleaved, keeping the fastest, so a garbage collection in one run does not count.
 * Absolute speed belongs in the benchmark (npm run bench).
 */
export function assertLinear(run: (n: number) => void, n: number, what: string): void {
  run(n); // warm-up: JIT and caches, so the first measurement is not the slowest for unrelated reasons
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < 7; i++) {
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
