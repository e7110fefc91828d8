// Workload "batch": a sharded restore of 4 parts × 256 MiB (by default) from the simulator's backup host into
// one folder, every part SHA-1 verified. Ours is the batch engine (src/opsManager/download/batch.ts) with as many
// parts at a time as there are parts, like the shell contenders: four `curl -o` in parallel, and four
// `curl -o && sha1sum` in parallel (what a user does by hand today). Ours runs with each hashing mode; `ours` is the
// module's default here. Every contender runs under /usr/bin/time -v (peak RSS, CPU).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alternate } from './alternate';
import { benchFile, lastJsonLine, nodeBin, num, run, type RunResult } from './procs';
import { launchSimulator } from './simProcess';
import { finite, ratio, summarize, type Summary } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';
import { cpuRows, DEFAULT_HASHING, MODE_CONTENDERS, modeRows, OURS, summaryRow } from './hashingModes';

type Contender = 'ours_main' | 'ours_worker' | 'parallel_curl' | 'parallel_curl_sha1sum' | 'ours_no_flush';
/**
 * `ours_no_flush` is a diagnostic (the default hashing, no fdatasync): how much of ours is making 1 GiB durable,
 * which curl skips.
 */
const CONTENDERS: readonly Contender[] = [
  ...MODE_CONTENDERS,
  'parallel_curl',
  'parallel_curl_sha1sum',
  'ours_no_flush',
];
export const BATCH_PARTS = 4;
export const BATCH_PART_MB = 256;

interface Sample {
  s: number;
  rssMb: number | undefined;
  cpuS: number | undefined;
}

export async function benchBatch(config: BenchConfig): Promise<WorkloadOutput> {
  const sim = await launchSimulator({ archiveMb: BATCH_PART_MB, batchParts: BATCH_PARTS, latencyMs: 0 });
  const dir = fs.mkdtempSync(path.join(config.tmpDir, 'batch-'));
  try {
    const parts = sim.info.batch;
    if (!parts || parts.length !== BATCH_PARTS) throw new Error('the simulator host offered no batch');
    const totalBytes = parts.reduce((n, p) => n + p.bytes, 0);
    config.log(`  ${parts.length} parts of ${parts[0].bytes} bytes, sha1 ${parts[0].sha1}`);

    const runOne = async (c: Contender, round: number): Promise<Sample> => {
      const folder = path.join(dir, `${c}-${round}`);
      fs.mkdirSync(folder);
      await run('sync', []);
      let result: RunResult;
      let s: number;
      try {
        if (c === 'ours_main' || c === 'ours_worker' || c === 'ours_no_flush') {
          const hashing = c === 'ours_main' ? 'main' : c === 'ours_worker' ? 'worker' : DEFAULT_HASHING;
          const arg = { folder, parallel: parts.length, parts, noFlush: c === 'ours_no_flush', hashing };
          result = await run(nodeBin(), [benchFile('workerBatch.js'), JSON.stringify(arg)], { measureRss: true });
          if (result.code !== 0) throw failure(c, result);
          s = num(lastJsonLine(result.stdout), 'elapsedMs') / 1000;
        } else {
          // One shell, the parts in parallel, `wait` for all: what a user would type.
          const each = c === 'parallel_curl' ? 'curl -s -o "$f" "$u" &' : '( curl -s -o "$f" "$u" && sha1sum "$f" ) &';
          const script = `set -e; while [ $# -gt 0 ]; do f="$1"; u="$2"; shift 2; ${each} done; wait`;
          const argv = parts.flatMap((p) => [path.join(folder, p.fileName), p.url]);
          result = await run('sh', ['-c', script, 'sh', ...argv], { measureRss: true });
          if (result.code !== 0) throw failure(c, result);
          s = result.wallS;
          if (c === 'parallel_curl_sha1sum') {
            const hashes = result.stdout.match(/^[0-9a-f]{40}/gm) ?? [];
            if (hashes.length !== parts.length || hashes.some((h, i) => h !== parts[i % parts.length].sha1)) {
              throw new Error(`sha1sum printed ${hashes.join(', ')}`);
            }
          }
        }
        for (const p of parts) {
          const size = fs.statSync(path.join(folder, p.fileName)).size;
          if (size !== p.bytes) throw new Error(`${c}: ${p.fileName} has ${size} bytes, expected ${p.bytes}`);
        }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
      return { s, rssMb: result.maxRssMb, cpuS: result.cpuS };
    };

    const samples = await alternate(
      'batch',
      CONTENDERS,
      config,
      runOne,
      (x) =>
        `${x.s.toFixed(3)} s${x.cpuS !== undefined ? `, CPU ${x.cpuS.toFixed(2)} s` : ''}${x.rssMb !== undefined ? `, RSS ${x.rssMb.toFixed(0)} MB` : ''}`,
    );
    const sum = (c: Contender): Summary => summarize(samples[c].map((x) => x.s));
    const cpu = (c: Contender): Summary => summarize(samples[c].flatMap((x) => x.cpuS ?? []));
    const ours = sum(OURS);
    const oursMain = sum('ours_main');
    const oursWorker = sum('ours_worker');
    const curl = sum('parallel_curl');
    const curlSha = sum('parallel_curl_sha1sum');
    const noFlush = sum('ours_no_flush');
    const oursRss = summarize([...samples.ours_main, ...samples.ours_worker].flatMap((x) => x.rssMb ?? []));
    const peakRss = Number.isFinite(oursRss.max) ? oursRss.max : undefined;
    const json = {
      default_hashing: DEFAULT_HASHING,
      ours_s: finite(ours.median),
      ours_main_s: finite(oursMain.median),
      ours_worker_s: finite(oursWorker.median),
      cpu_s: {
        ours_main: finite(cpu('ours_main').median),
        ours_worker: finite(cpu('ours_worker').median),
        parallel_curl: finite(cpu('parallel_curl').median),
        parallel_curl_sha1sum: finite(cpu('parallel_curl_sha1sum').median),
      },
      parallel_curl_s: finite(curl.median),
      parallel_curl_sha1sum_s: finite(curlSha.median),
      ratio_vs_parallel_curl: ratio(ours.median, curl.median),
      ratio_vs_parallel_curl_sha1sum: ratio(ours.median, curlSha.median),
      peak_rss_mb: finite(peakRss, 1),
      ours_no_flush_s: finite(noFlush.median),
      ratio_no_flush_vs_parallel_curl: ratio(noFlush.median, curl.median),
      parts: parts.length,
      part_bytes: parts[0].bytes,
      total_bytes: totalBytes,
      parallel: parts.length,
      runs: {
        ours_main: oursMain,
        ours_worker: oursWorker,
        parallel_curl: curl,
        parallel_curl_sha1sum: curlSha,
        ours_no_flush: noFlush,
      },
    };
    const r = json.ratio_vs_parallel_curl;
    const rows: Row[] = [
      ...modeRows('batch', sum),
      summaryRow('batch.parallel_curl_s', 's', curl),
      summaryRow('batch.parallel_curl_sha1sum_s', 's', curlSha),
      ...cpuRows('batch', [...MODE_CONTENDERS, 'parallel_curl', 'parallel_curl_sha1sum'] as const, cpu),
      { metric: 'batch.ratio_vs_parallel_curl', unit: '×', median: r, target: '≤ 1.10', pass: r !== null && r <= 1.1 },
      { metric: 'batch.ratio_vs_parallel_curl_sha1sum', unit: '×', median: json.ratio_vs_parallel_curl_sha1sum },
      summaryRow('batch.ours_no_flush_s', 's', noFlush, 'diagnostic: without fdatasync'),
      {
        metric: 'batch.peak_rss_mb',
        unit: 'MB',
        median: json.peak_rss_mb,
        target: '≤ 200',
        pass: json.peak_rss_mb !== null && json.peak_rss_mb <= 200,
        note: 'max over runs, both modes',
      },
    ];
    return { json, rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}

function failure(who: string, result: RunResult): Error {
  const tail = (result.stderr || result.stdout)
    .split('\n')
    .filter((l) => !/^\s+(\w[\w ()/%:-]*):/.test(l))
    .slice(-10)
    .join('\n');
  return new Error(`${who} failed (exit ${result.code ?? result.signal}):\n${tail}`);
}
