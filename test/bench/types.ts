// Shapes shared by the benchmark's workloads and the orchestrator.

export interface BenchConfig {
  /** Measured runs per contender (after the warm-up). */
  runs: number;
  /** Unrecorded rounds before the measured ones (caches, JIT, page cache, TCP). */
  warmup: number;
  /** Size of the download archive. */
  downloadMb: number;
  /** Sequential getRestoreJob calls per fetch run. */
  fetchCount: number;
  /** Parallel getRestoreJob calls per concurrent run. */
  concurrency: number;
  /** Latency the simulator adds to every API response in the "with latency" workloads. */
  latencyMs: number;
  /** Fresh code-server starts for the activation workload. */
  activationStarts: number;
  /** How long the activation probe lets the workbench settle before activating (0: during startup). */
  activationSettleMs: number;
  /** Scratch folder for downloads and code-server profiles; removed at the end. */
  tmpDir: string;
  log: (message: string) => void;
}

/** One line of the printed table. */
export interface Row {
  metric: string;
  unit: string;
  median: number | null;
  min?: number | null;
  max?: number | null;
  /** e.g. "≤ 1.10" */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface WorkloadOutput {
  json: Record<string, unknown>;
  rows: Row[];
}

export type Workload = (config: BenchConfig) => Promise<WorkloadOutput>;
