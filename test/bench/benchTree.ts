// Workload "tree": a simulator holding 200 groups × 25 clusters × 20 restore jobs. Time to list every group
// (following the pages, as the sidebar does) and every restore job of one cluster, from a fresh client (so
// the first digest challenge is included), with the usual API latency and without it.
import { alternate } from './alternate';
import { workerArgs } from './benchFetch';
import { lastJsonLine, nodeBin, num, run } from './procs';
import { launchSimulator } from './simProcess';
import { finite, summarize } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';

export const TREE_SHAPE = { groups: 200, clustersPerGroup: 25, jobsPerCluster: 20 };

interface Sample {
  groupsS: number;
  jobsS: number;
  groups: number;
  jobs: number;
  httpRequests: number;
}

async function treeAt(
  config: BenchConfig,
  latencyMs: number,
): Promise<{ json: Record<string, unknown>; samples: Sample[] }> {
  const sim = await launchSimulator({ latencyMs, bulk: TREE_SHAPE }, 300_000);
  try {
    const samples = await alternate(
      `tree(${latencyMs} ms)`,
      ['ours'] as const,
      config,
      async () => {
        await sim.clear();
        const r = await run(nodeBin(), workerArgs(sim.info, 'tree', 0));
        if (r.code !== 0) throw new Error(`ours (tree) failed:\n${r.stderr.trim().split('\n').slice(-10).join('\n')}`);
        const report = lastJsonLine(r.stdout);
        const sample: Sample = {
          groupsS: num(report, 'listGroupsMs') / 1000,
          jobsS: num(report, 'listJobsMs') / 1000,
          groups: num(report, 'groups'),
          jobs: num(report, 'jobs'),
          httpRequests: (await sim.counts()).api,
        };
        if (sample.groups !== TREE_SHAPE.groups || sample.jobs !== TREE_SHAPE.jobsPerCluster) {
          throw new Error(
            `tree: listed ${sample.groups} groups and ${sample.jobs} jobs, expected ${TREE_SHAPE.groups} and ${TREE_SHAPE.jobsPerCluster}`,
          );
        }
        return sample;
      },
      (x) => `groups ${x.groupsS.toFixed(3)} s, jobs ${x.jobsS.toFixed(3)} s, ${x.httpRequests} HTTP requests`,
    );
    const all = samples.ours;
    const g = summarize(all.map((x) => x.groupsS));
    const j = summarize(all.map((x) => x.jobsS));
    return {
      samples: all,
      json: {
        list_groups_s: finite(g.median, 4),
        list_jobs_s: finite(j.median, 4),
        latency_ms: latencyMs,
        groups: all[0]?.groups ?? null,
        jobs: all[0]?.jobs ?? null,
        http_requests: summarize(all.map((x) => x.httpRequests)).median,
        runs: { list_groups: g, list_jobs: j },
      },
    };
  } finally {
    await sim.close();
  }
}

export async function benchTree(config: BenchConfig): Promise<WorkloadOutput> {
  const withLatency = await treeAt(config, config.latencyMs);
  const noLatency = await treeAt(config, 0);
  const rows: Row[] = [];
  for (const [prefix, r] of [
    ['tree', withLatency],
    ['tree.no_latency', noLatency],
  ] as const) {
    const g = summarize(r.samples.map((x) => x.groupsS));
    const j = summarize(r.samples.map((x) => x.jobsS));
    rows.push(
      {
        metric: `${prefix}.list_groups_s`,
        unit: 's',
        median: g.median,
        min: g.min,
        max: g.max,
        note: `${TREE_SHAPE.groups} groups`,
      },
      {
        metric: `${prefix}.list_jobs_s`,
        unit: 's',
        median: j.median,
        min: j.min,
        max: j.max,
        note: `${TREE_SHAPE.jobsPerCluster} jobs`,
      },
    );
  }
  return {
    json: { ...withLatency.json, shape: TREE_SHAPE, no_latency: noLatency.json },
    rows,
  };
}
