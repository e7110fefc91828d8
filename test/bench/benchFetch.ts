// Workloads "fetch" (N sequential getRestoreJob with digest auth: ours, one curl --digest process, a
// python-requests Session) and "concurrent" (N parallel getRestoreJob from one client). HTTP request counts
// come from the simulator's own log, so every contender is counted the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alternate } from './alternate';
import { benchFile, lastJsonLine, nodeBin, num, run, sourceBenchFile, type RunResult } from './procs';
import { launchSimulator, type SimHandle, type SimInfo } from './simProcess';
import { finite, median, ratio, summarize } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';

type Contender = 'ours' | 'curl' | 'requests';
const CONTENDERS: readonly Contender[] = ['ours', 'curl', 'requests'];
const PYTHON = '/usr/bin/python3';

interface Sample {
  s: number;
  /** CPU seconds of the timed part (ours, requests: measured inside; curl: its whole process, from GNU time). */
  cpuS: number;
  processS: number;
  httpRequests: number;
  challenges: number;
}

function jobUrl(info: SimInfo): string {
  const base = info.baseUrl.replace(/\/+$/u, '');
  const api = /\/api\/public\/v1\.0$/u.test(base) ? base : `${base}/api/public/v1.0`;
  return `${api}/groups/${info.groupId}/clusters/${info.clusterId}/restoreJobs/${info.jobId}`;
}

/** curl's config-file quoting: backslash and double quote escaped inside double quotes. */
function curlQuote(value: string): string {
  return `"${value.replace(/[\\"]/gu, (c) => `\\${c}`)}"`;
}

export function workerArgs(info: SimInfo, mode: string, count: number, warm = false): string[] {
  return [
    benchFile('workerClient.js'),
    JSON.stringify({
      warm,
      mode,
      baseUrl: info.baseUrl,
      user: info.user,
      key: info.key,
      groupId: info.groupId,
      clusterId: info.clusterId,
      jobId: info.jobId,
      count,
    }),
  ];
}

function failed(who: string, r: RunResult): Error {
  return new Error(
    `${who} failed (exit ${r.code ?? r.signal}):\n${(r.stderr || r.stdout).trim().split('\n').slice(-10).join('\n')}`,
  );
}

async function fetchRounds(config: BenchConfig, sim: SimHandle, label: string): Promise<Record<Contender, Sample[]>> {
  const info = sim.info;
  const url = jobUrl(info);
  const n = config.fetchCount;
  // One curl process, N URLs: the way to give curl its best chance (one connection, kept alive).
  const curlConfig = path.join(config.tmpDir, `curl-${label}.cfg`);
  const lines = [
    `user = ${curlQuote(`${info.user}:${info.key}`)}`,
    'digest',
    'silent',
    `write-out = "%{http_code}\\n"`,
  ];
  for (let i = 0; i < n; i++) lines.push(`url = ${curlQuote(url)}`, 'output = "/dev/null"');
  fs.writeFileSync(curlConfig, `${lines.join('\n')}\n`, { mode: 0o600 });

  const runOne = async (c: Contender): Promise<Sample> => {
    await sim.clear();
    let s: number;
    let cpuS: number;
    let r: RunResult;
    if (c === 'ours') {
      r = await run(nodeBin(), workerArgs(info, 'sequential', n));
      if (r.code !== 0) throw failed('ours', r);
      const report = lastJsonLine(r.stdout);
      s = num(report, 'elapsedMs') / 1000;
      cpuS = num(report, 'cpuMs') / 1000;
    } else if (c === 'curl') {
      r = await run('curl', ['-K', curlConfig], { measureRss: true });
      if (r.code !== 0) throw failed('curl', r);
      const ok = r.stdout.split('\n').filter((l) => l.trim() === '200').length;
      if (ok !== n) throw new Error(`curl: ${ok} of ${n} answers were 200:\n${r.stdout.slice(0, 500)}`);
      s = r.wallS;
      cpuS = r.cpuS ?? Number.NaN;
    } else {
      r = await run(PYTHON, [sourceBenchFile('fetch_requests.py'), url, info.user, info.key, String(n)]);
      if (r.code !== 0) throw failed('requests', r);
      const report = lastJsonLine(r.stdout);
      s = num(report, 'elapsed_s');
      cpuS = num(report, 'cpu_s');
    }
    const counts = await sim.counts();
    return { s, cpuS, processS: r.wallS, httpRequests: counts.api, challenges: counts.api401 };
  };
  try {
    return await alternate(
      `fetch(${label})`,
      CONTENDERS,
      config,
      runOne,
      (x) => `${x.s.toFixed(3)} s, ${x.httpRequests} HTTP requests`,
    );
  } finally {
    fs.rmSync(curlConfig, { force: true });
  }
}

function fetchJson(samples: Record<Contender, Sample[]>): Record<string, unknown> {
  const t = (c: Contender) => summarize(samples[c].map((x) => x.s));
  const cpu = (c: Contender) => summarize(samples[c].map((x) => x.cpuS));
  const reqs = (c: Contender) => summarize(samples[c].map((x) => x.httpRequests));
  const ours = t('ours');
  const curl = t('curl');
  const requests = t('requests');
  return {
    ours_s: finite(ours.median),
    curl_s: finite(curl.median),
    requests_s: finite(requests.median),
    ours_http_requests: reqs('ours').median,
    curl_http_requests: reqs('curl').median,
    requests_http_requests: reqs('requests').median,
    ratio_vs_curl: ratio(ours.median, curl.median),
    ratio_vs_requests: ratio(ours.median, requests.median),
    ours_cpu_s: finite(cpu('ours').median),
    curl_cpu_s: finite(cpu('curl').median),
    requests_cpu_s: finite(cpu('requests').median),
    cpu_ratio_vs_requests: ratio(cpu('ours').median, cpu('requests').median),
    ours_process_s: finite(median(samples.ours.map((x) => x.processS))),
    requests_process_s: finite(median(samples.requests.map((x) => x.processS))),
    runs: {
      ours,
      curl,
      requests,
      http_requests: { ours: reqs('ours'), curl: reqs('curl'), requests: reqs('requests') },
      challenges: {
        ours: summarize(samples.ours.map((x) => x.challenges)),
        curl: summarize(samples.curl.map((x) => x.challenges)),
        requests: summarize(samples.requests.map((x) => x.challenges)),
      },
    },
  };
}

function numOrNull(o: Record<string, unknown>, k: string): number | null {
  const v = o[k];
  return typeof v === 'number' ? v : null;
}

function fetchRows(
  prefix: string,
  j: Record<string, unknown>,
  samples: Record<Contender, Sample[]>,
  n: number,
  withTargets: boolean,
): Row[] {
  const t = (c: Contender) => summarize(samples[c].map((x) => x.s));
  const reqs = (c: Contender) => summarize(samples[c].map((x) => x.httpRequests));
  const ours = t('ours');
  const curl = t('curl');
  const requests = t('requests');
  const oursReq = reqs('ours');
  const rCurl = numOrNull(j, 'ratio_vs_curl');
  const rReq = numOrNull(j, 'ratio_vs_requests');
  const rows: Row[] = [
    { metric: `${prefix}.ours_s`, unit: 's', median: ours.median, min: ours.min, max: ours.max },
    { metric: `${prefix}.curl_s`, unit: 's', median: curl.median, min: curl.min, max: curl.max },
    { metric: `${prefix}.requests_s`, unit: 's', median: requests.median, min: requests.min, max: requests.max },
    {
      metric: `${prefix}.ours_http_requests`,
      unit: 'req',
      median: oursReq.median,
      min: oursReq.min,
      max: oursReq.max,
      target: `= ${n + 1}`,
      pass: oursReq.max === n + 1 && oursReq.min === n + 1,
    },
    {
      metric: `${prefix}.curl_http_requests`,
      unit: 'req',
      median: reqs('curl').median,
      min: reqs('curl').min,
      max: reqs('curl').max,
    },
    {
      metric: `${prefix}.requests_http_requests`,
      unit: 'req',
      median: reqs('requests').median,
      min: reqs('requests').min,
      max: reqs('requests').max,
    },
  ];
  const cpu = (c: Contender) => summarize(samples[c].map((x) => x.cpuS));
  for (const c of CONTENDERS) {
    const x = cpu(c);
    rows.push({
      metric: `${prefix}.${c}_cpu_s`,
      unit: 's',
      median: x.median,
      min: x.min,
      max: x.max,
      ...(c === 'curl' ? { note: 'whole process' } : {}),
    });
  }
  const rCpu = numOrNull(j, 'cpu_ratio_vs_requests');
  const atMost = (value: number | null, limit: number) => ({
    target: `≤ ${limit.toFixed(2)}`,
    pass: value !== null && value <= limit,
  });
  // With latency the round trips decide (one challenge, then nonce reuse); without it, the client's own cost per
  // call, which must not exceed python-requests' in time or in CPU.
  rows.push(
    { metric: `${prefix}.ratio_vs_curl`, unit: '×', median: rCurl, ...(withTargets ? atMost(rCurl, 0.55) : {}) },
    { metric: `${prefix}.ratio_vs_requests`, unit: '×', median: rReq, ...atMost(rReq, 1) },
    {
      metric: `${prefix}.cpu_ratio_vs_requests`,
      unit: '×',
      median: rCpu,
      ...(withTargets ? {} : atMost(rCpu, 1)),
    },
  );
  return rows;
}

export async function benchFetch(config: BenchConfig): Promise<WorkloadOutput> {
  const rows: Row[] = [];
  const json: Record<string, unknown> = { latency_ms: config.latencyMs, count: config.fetchCount };
  {
    const sim = await launchSimulator({ latencyMs: config.latencyMs });
    try {
      const samples = await fetchRounds(config, sim, `${config.latencyMs} ms`);
      Object.assign(json, fetchJson(samples));
      rows.push(...fetchRows('fetch', json, samples, config.fetchCount, true));
    } finally {
      await sim.close();
    }
  }
  {
    const sim = await launchSimulator({ latencyMs: 0 });
    try {
      const samples = await fetchRounds(config, sim, '0 ms');
      const noLatency = fetchJson(samples);
      json.no_latency = noLatency;
      rows.push(...fetchRows('fetch.no_latency', noLatency, samples, config.fetchCount, false));
      // Diagnostic: the same calls once the JIT has compiled the code (see docs/benchmarks.md, per-call CPU).
      const warm: Array<{ s: number; cpuS: number }> = [];
      for (let i = 0; i < config.runs; i++) {
        const r = await run(nodeBin(), workerArgs(sim.info, 'sequential', config.fetchCount, true));
        if (r.code !== 0) throw failed('ours (warm)', r);
        const report = lastJsonLine(r.stdout);
        warm.push({ s: num(report, 'elapsedMs') / 1000, cpuS: num(report, 'cpuMs') / 1000 });
      }
      const warmS = summarize(warm.map((x) => x.s));
      const warmCpu = summarize(warm.map((x) => x.cpuS));
      noLatency.ours_warm_s = finite(warmS.median);
      noLatency.ours_warm_cpu_s = finite(warmCpu.median);
      rows.push(
        {
          metric: 'fetch.no_latency.ours_warm_s',
          unit: 's',
          median: warmS.median,
          min: warmS.min,
          max: warmS.max,
          note: 'diagnostic: JIT already warm',
        },
        {
          metric: 'fetch.no_latency.ours_warm_cpu_s',
          unit: 's',
          median: warmCpu.median,
          min: warmCpu.min,
          max: warmCpu.max,
          note: 'diagnostic: JIT already warm',
        },
      );
    } finally {
      await sim.close();
    }
  }
  return { json, rows };
}

interface ConcurrentSample {
  s: number;
  httpRequests: number;
  challenges: number;
  connections: number;
  failures: number;
  firstError?: string;
}

export async function benchConcurrent(config: BenchConfig): Promise<WorkloadOutput> {
  const sim = await launchSimulator({ latencyMs: config.latencyMs });
  try {
    const n = config.concurrency;
    const samples = await alternate(
      'concurrent',
      ['ours'] as const,
      config,
      async () => {
        await sim.clear();
        const r = await run(nodeBin(), workerArgs(sim.info, 'concurrent', n));
        if (r.code !== 0) throw failed('ours (concurrent)', r);
        const report = lastJsonLine(r.stdout);
        const counts = await sim.counts();
        const sample: ConcurrentSample = {
          s: num(report, 'elapsedMs') / 1000,
          httpRequests: counts.api,
          challenges: counts.api401,
          connections: num(report, 'connections'),
          failures: num(report, 'failures'),
        };
        if (typeof report.firstError === 'string') sample.firstError = report.firstError;
        return sample;
      },
      (x) =>
        `${x.s.toFixed(3)} s, ${x.httpRequests} HTTP requests, ${x.challenges} challenges, ${x.connections} connections, ${x.failures} failures`,
    );
    const all = samples.ours;
    const time = summarize(all.map((x) => x.s));
    const reqs = summarize(all.map((x) => x.httpRequests));
    const failures = all.reduce((a, x) => a + x.failures, 0);
    // "At most one extra challenge per connection": the extra requests beyond N, against the sockets opened.
    const extraOverConn = all.map((x) => x.httpRequests - n - x.connections);
    const worstExtra = Math.max(...extraOverConn);
    const json = {
      ours_s: finite(time.median),
      ours_http_requests: reqs.median,
      failures,
      count: n,
      latency_ms: config.latencyMs,
      challenges: summarize(all.map((x) => x.challenges)),
      connections: summarize(all.map((x) => x.connections)),
      first_error: all.find((x) => x.firstError)?.firstError ?? null,
      runs: { ours: time, http_requests: reqs },
    };
    const rows: Row[] = [
      { metric: 'concurrent.ours_s', unit: 's', median: time.median, min: time.min, max: time.max },
      {
        metric: 'concurrent.ours_http_requests',
        unit: 'req',
        median: reqs.median,
        min: reqs.min,
        max: reqs.max,
        target: `≤ ${n} + conns`,
        pass: worstExtra <= 0,
        note: `connections ${summarize(all.map((x) => x.connections)).median}`,
      },
      {
        metric: 'concurrent.failures',
        unit: '',
        median: failures,
        target: '= 0',
        pass: failures === 0,
        note: 'sum over runs',
      },
    ];
    return { json, rows };
  } finally {
    await sim.close();
  }
}
