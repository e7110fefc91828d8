// Summaries of repeated measurements. Medians, not means: on a shared 2-core machine one stalled run would
// drag a mean far from what a user sees, and min/max keep that noise visible instead of hiding it.

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    samples: [...values],
  };
}

/** Ratio of two medians; null when either side is missing, so the JSON never carries NaN or Infinity. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (
    a === null ||
    a === undefined ||
    b === null ||
    b === undefined ||
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    b === 0
  ) {
    return null;
  }
  return round(a / b, 3);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A value fit for JSON: finite numbers rounded, everything else null. */
export function finite(value: number | undefined, digits = 3): number | null {
  return value !== undefined && Number.isFinite(value) ? round(value, digits) : null;
}
