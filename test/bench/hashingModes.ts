// What the download and batch workloads share: ours runs once per hashing mode, `ours` is the module's default mode
// on this machine, and each mode gets the same rows (time per mode, CPU per contender).
import { DEFAULT_HASHING } from '../../src/opsManager/download/transfer';
import type { Summary } from './stats';
import type { Row } from './types';

export type ModeContender = 'ours_main' | 'ours_worker';
export const MODE_CONTENDERS: readonly ModeContender[] = ['ours_main', 'ours_worker'];
/** The contender whose figures are `ours`. */
export const OURS: ModeContender = DEFAULT_HASHING === 'worker' ? 'ours_worker' : 'ours_main';
export { DEFAULT_HASHING };

/** A table row from a summary of repeated measurements. */
export function summaryRow(metric: string, unit: string, s: Summary, note?: string): Row {
  return { metric, unit, median: s.median, min: s.min, max: s.max, ...(note === undefined ? {} : { note }) };
}

/** `<prefix>.ours_s` (the default mode), `ours_main_s` and `ours_worker_s`. */
export function modeRows(prefix: string, time: (c: ModeContender) => Summary): Row[] {
  return [
    summaryRow(`${prefix}.ours_s`, 's', time(OURS), `default hashing here: ${DEFAULT_HASHING}`),
    ...MODE_CONTENDERS.map((c) => summaryRow(`${prefix}.${c}_s`, 's', time(c))),
  ];
}

/** `<prefix>.<contender>_cpu_s` for each contender. */
export function cpuRows<C extends string>(prefix: string, contenders: readonly C[], cpu: (c: C) => Summary): Row[] {
  return contenders.map((c) => summaryRow(`${prefix}.${c}_cpu_s`, 's', cpu(c)));
}
