// Workload "download": one archive from the simulator's backup host to a local file, verified by SHA-1.
// Ours streams and hashes in one pass (src/opsManager/download.ts); curl only transfers; curl + sha1sum is
// what a user does by hand today. Every contender runs under /usr/bin/time -v for its peak RSS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alternate } from './alternate';
import { benchFile, lastJsonLine, nodeBin, num, run, type RunResult } from './procs';
import { launchSimulator } from './simProcess';
import { finite, ratio, summarize, type Summary } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';

type Contender = 'ours' | 'curl' | 'curl_sha1sum';
const CONTENDERS: readonly Contender[] = ['ours', 'curl', 'curl_sha1sum'];

interface Sample {
  /** Seconds, as defined per contender (see docs/benchmarks.md). */
  s: number;
  /** The whole process, spawn to exit, as the parent saw it. */
  processS: number;
  rssMb: number | undefined;
}

export async function benchDownload(config: BenchConfig): Promise<WorkloadOutput> {
  const sim = await launchSimulator({ archiveMb: config.downloadMb, latencyMs: 0 });
  const dir = fs.mkdtempSync(path.join(config.tmpDir, 'download-'));
  try {
    const d = sim.info.download;
    if (!d) throw new Error('the simulator host found no READY HTTP job to download');
    let expectedSha1 = d.sha1;
    let expectedBytes = d.bytes;
    config.log(
      `  archive ${d.url} (${expectedBytes ?? '?'} bytes, sha1 ${expectedSha1 ?? 'taken from the first curl run'})`,
    );

    const file = (c: Contender, round: number): string => path.join(dir, `${c}-${round}.tar.gz`);

    const runOne = async (c: Contender, round: number): Promise<Sample> => {
      const dest = file(c, round);
      // Untimed: earlier writes (ours flushes, the others leave dirty pages) must not be written back during
      // the next contender's run.
      await run('sync', []);
      let result: RunResult;
      let s: number;
      try {
        if (c === 'ours') {
          if (expectedSha1 === undefined)
            throw new Error('no expected SHA-1 yet (curl_sha1sum runs first in the warm-up)');
          result = await run(
            nodeBin(),
            [benchFile('workerDownload.js'), JSON.stringify({ url: d.url, dest, sha1: expectedSha1 })],
            {
              measureRss: true,
            },
          );
          if (result.code !== 0) throw failure('ours', result);
          const report = lastJsonLine(result.stdout);
          // Time inside the process: what a user waits for in an extension host that is already running.
          s = num(report, 'elapsedMs') / 1000;
          checkSize(dest, expectedBytes);
        } else if (c === 'curl') {
          result = await run('curl', ['-s', '-o', dest, d.url], { measureRss: true });
          if (result.code !== 0) throw failure('curl', result);
          s = result.wallS;
          checkSize(dest, expectedBytes);
        } else {
          // As typed at a shell: the transfer, then a second pass over the file to hash it.
          result = await run('sh', ['-c', 'curl -s -o "$1" "$2" && sha1sum "$1"', 'sh', dest, d.url], {
            measureRss: true,
          });
          if (result.code !== 0) throw failure('curl && sha1sum', result);
          s = result.wallS;
          const got = /^([0-9a-f]{40})\s/m.exec(result.stdout)?.[1];
          if (got === undefined) throw new Error(`sha1sum printed no hash: ${result.stdout}`);
          if (expectedSha1 === undefined) {
            expectedSha1 = got;
            expectedBytes ??= fs.statSync(dest).size;
          } else if (got !== expectedSha1) {
            throw new Error(`curl's file hashes to ${got}, expected ${expectedSha1}`);
          }
        }
      } finally {
        fs.rmSync(dest, { force: true });
      }
      return { s, processS: result.wallS, rssMb: result.maxRssMb };
    };

    // When the simulator does not publish the archive's SHA-1, curl + sha1sum goes first so ours has one.
    const order: readonly Contender[] = expectedSha1 === undefined ? ['curl_sha1sum', 'ours', 'curl'] : CONTENDERS;
    const samples = await alternate(
      'download',
      order,
      config,
      runOne,
      (x) => `${x.s.toFixed(3)} s${x.rssMb !== undefined ? `, RSS ${x.rssMb.toFixed(0)} MB` : ''}`,
    );
    const counts = await sim.counts();

    const sum = (c: Contender): Summary => summarize(samples[c].map((x) => x.s));
    const ours = sum('ours');
    const curl = sum('curl');
    const curlSha = sum('curl_sha1sum');
    const oursProcess = summarize(samples.ours.map((x) => x.processS));
    const rss = (c: Contender): Summary =>
      summarize(samples[c].flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb])));
    const oursRss = rss('ours');
    const peakRss = samples.ours.length && Number.isFinite(oursRss.max) ? oursRss.max : undefined;

    const json = {
      ours_s: finite(ours.median),
      curl_s: finite(curl.median),
      curl_sha1sum_s: finite(curlSha.median),
      ratio_vs_curl: ratio(ours.median, curl.median),
      ratio_vs_curl_sha1sum: ratio(ours.median, curlSha.median),
      peak_rss_mb: finite(peakRss, 1),
      size_bytes: expectedBytes ?? null,
      ours_process_s: finite(oursProcess.median),
      ratio_process_vs_curl: ratio(oursProcess.median, curl.median),
      throughput_mib_s: {
        ours: finite(mibps(expectedBytes, ours.median), 1),
        curl: finite(mibps(expectedBytes, curl.median), 1),
        curl_sha1sum: finite(mibps(expectedBytes, curlSha.median), 1),
      },
      rss_mb: { ours: oursRss, curl: rss('curl'), curl_sha1sum: rss('curl_sha1sum') },
      backup_requests_with_authorization: counts.backupAuthorized,
      runs: { ours, curl, curl_sha1sum: curlSha, ours_process: oursProcess },
    };

    const rRatio = json.ratio_vs_curl;
    const rSha = json.ratio_vs_curl_sha1sum;
    const rows: Row[] = [
      { metric: 'download.ours_s', unit: 's', median: json.ours_s, min: ours.min, max: ours.max },
      { metric: 'download.curl_s', unit: 's', median: json.curl_s, min: curl.min, max: curl.max },
      { metric: 'download.curl_sha1sum_s', unit: 's', median: json.curl_sha1sum_s, min: curlSha.min, max: curlSha.max },
      {
        metric: 'download.ours_process_s',
        unit: 's',
        median: json.ours_process_s,
        min: oursProcess.min,
        max: oursProcess.max,
        note: 'incl. node start',
      },
      {
        metric: 'download.ratio_vs_curl',
        unit: '×',
        median: rRatio,
        target: '≤ 1.10',
        pass: rRatio !== null && rRatio <= 1.1,
      },
      {
        metric: 'download.ratio_vs_curl_sha1sum',
        unit: '×',
        median: rSha,
        target: '≤ 0.65',
        pass: rSha !== null && rSha <= 0.65,
      },
      {
        metric: 'download.peak_rss_mb',
        unit: 'MB',
        median: json.peak_rss_mb,
        min: oursRss.min,
        max: oursRss.max,
        target: '≤ 150',
        pass: json.peak_rss_mb !== null && json.peak_rss_mb <= 150,
        note: 'max over runs',
      },
    ];
    return { json, rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}

function mibps(bytes: number | undefined, seconds: number): number | undefined {
  return bytes === undefined || !(seconds > 0) ? undefined : bytes / 1048576 / seconds;
}

function checkSize(file: string, expected: number | undefined): void {
  const size = fs.statSync(file).size;
  if (expected !== undefined && size !== expected) {
    throw new Error(`${path.basename(file)} has ${size} bytes, expected ${expected}`);
  }
}

function failure(who: string, result: RunResult): Error {
  const tail = (result.stderr || result.stdout)
    .split('\n')
    .filter((l) => !/^\s+(\w[\w ()/%:-]*):/.test(l)) // drop GNU time's report
    .slice(-10)
    .join('\n');
  return new Error(`${who} failed (exit ${result.code ?? result.signal}):\n${tail}`);
}
