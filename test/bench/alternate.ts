// Runs contenders in alternation (A B C, A B C, …) so slow drift on a shared machine (another job starting,
// the page cache filling, thermal limits) spreads over all of them instead of landing on one.

export interface Rounds {
  runs: number;
  warmup: number;
  log: (message: string) => void;
}

export async function alternate<K extends string, S>(
  label: string,
  contenders: readonly K[],
  rounds: Rounds,
  runOne: (contender: K, round: number) => Promise<S>,
  describe: (sample: S) => string,
): Promise<Record<K, S[]>> {
  const samples = {} as Record<K, S[]>;
  for (const c of contenders) samples[c] = [];
  const total = rounds.warmup + rounds.runs;
  for (let round = 0; round < total; round++) {
    const warm = round < rounds.warmup;
    for (const c of contenders) {
      const sample = await runOne(c, round);
      rounds.log(
        `  ${label} ${warm ? 'warm-up' : `run ${round - rounds.warmup + 1}/${rounds.runs}`} ${c}: ${describe(sample)}`,
      );
      if (!warm) samples[c].push(sample);
    }
  }
  return samples;
}
