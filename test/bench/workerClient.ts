// Child process: our OpsManagerClient doing one workload against the simulator, timed from inside (the time a
// user waits in an extension host that is already running; Node's start and module loading are measured by
// the parent separately). Prints one JSON line.
//
// argv[2]: JSON {mode: 'sequential'|'concurrent'|'tree', baseUrl, user, key, groupId, clusterId, jobId, count, warm?}
// warm (diagnostic): first the same calls from a throwaway client, untimed, so the timed part runs on code the JIT
// has already compiled (a fresh client still: new connection, new challenge).
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { OpsManagerClient } from '../../src/opsManager/api/client';
import { isRecord } from './procs';

interface Job {
  mode: 'sequential' | 'concurrent' | 'tree';
  baseUrl: string;
  user: string;
  key: string;
  groupId: string;
  clusterId: string;
  jobId: string;
  count: number;
  warm: boolean;
}

function parseJob(text: string | undefined): Job {
  const v: unknown = JSON.parse(text ?? '');
  if (!isRecord(v)) throw new Error('worker: argument is not a JSON object');
  const s = (k: string): string => {
    const x = v[k];
    if (typeof x !== 'string') throw new Error(`worker: ${k} missing`);
    return x;
  };
  const mode = s('mode');
  if (mode !== 'sequential' && mode !== 'concurrent' && mode !== 'tree')
    throw new Error(`worker: unknown mode ${mode}`);
  const count = v.count;
  return {
    mode,
    baseUrl: s('baseUrl'),
    user: s('user'),
    key: s('key'),
    groupId: s('groupId'),
    clusterId: s('clusterId'),
    jobId: s('jobId'),
    count: typeof count === 'number' ? count : 0,
    warm: v.warm === true,
  };
}

async function main(): Promise<void> {
  const job = parseJob(process.argv[2]);
  // undici announces every new socket here: the number of connections the client opened.
  let connections = 0;
  diagnosticsChannel.subscribe('undici:client:connected', () => {
    connections++;
  });
  if (job.warm) {
    const throwaway = new OpsManagerClient({ baseUrl: job.baseUrl, username: job.user, apiKey: job.key });
    for (let i = 0; i < job.count; i++) await throwaway.getRestoreJob(job.groupId, job.clusterId, job.jobId);
    await throwaway.close();
    connections = 0;
  }
  let requests = 0;
  let unauthorized = 0;
  const client = new OpsManagerClient({
    baseUrl: job.baseUrl,
    username: job.user,
    apiKey: job.key,
    onRequest: (entry) => {
      requests++;
      if (entry.status === 401) unauthorized++;
    },
  });
  const report: Record<string, unknown> = {};
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (job.mode === 'sequential') {
    for (let i = 0; i < job.count; i++) {
      const j = await client.getRestoreJob(job.groupId, job.clusterId, job.jobId);
      if (j.id !== job.jobId) throw new Error(`got job ${j.id}, asked for ${job.jobId}`);
    }
    report.elapsedMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    report.cpuMs = (cpu.user + cpu.system) / 1000;
    report.failures = 0;
  } else if (job.mode === 'concurrent') {
    const results = await Promise.allSettled(
      Array.from({ length: job.count }, () => client.getRestoreJob(job.groupId, job.clusterId, job.jobId)),
    );
    report.elapsedMs = performance.now() - t0;
    const failed = results.filter((r) => r.status === 'rejected');
    report.failures = failed.length;
    if (failed.length) {
      const first = failed[0];
      report.firstError = first.status === 'rejected' ? String(first.reason) : undefined;
    }
  } else {
    const groups = await client.listGroups();
    const t1 = performance.now();
    const jobs = await client.listRestoreJobs(job.groupId, job.clusterId);
    const t2 = performance.now();
    report.listGroupsMs = t1 - t0;
    report.listJobsMs = t2 - t1;
    report.elapsedMs = t2 - t0;
    report.groups = groups.length;
    report.jobs = jobs.length;
  }
  report.clientRequests = requests;
  report.client401 = unauthorized;
  report.connections = connections;
  await client.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
