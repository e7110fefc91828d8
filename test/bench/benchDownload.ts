// Workload "download": one archive from the simulator's backup host to a local file, verified by SHA-1.
// Ours streams and hashes in one pass (src/opsManager/download/), once with each hashing mode (on the event loop's
// thread, in a worker); `ours` is the mode the module picks by default on this machine. curl only transfers; curl +
// sha1sum is what a user does by hand today. Every contender runs under /usr/bin/time -v for its peak RSS and CPU.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alternate } from './alternate';
import { benchFile, lastJsonLine, nodeBin, num, run, type RunResult } from './procs';
import { launchSimulator } from './simProcess';
import { finite, ratio, summarize, type Summary } from './stats';
import type { BenchConfig, Row, WorkloadOutput } from './types';
import { cpuRows, DEFAULT_HASHING, MODE_CONTENDERS, modeRows, OURS, summaryRow } from './hashingModes';

type Contender = 'ours_main' | 'ours_worker' | 'curl' | 'curl_sha1sum';
const CONTENDERS: readonly Contender[] = [...MODE_CONTENDERS, 'curl', 'curl_sha1sum'];

interface Sample {
  /** Seconds, as defined per contender (see docs/benchmarks.md). */
  s: number;
  /** The whole process, spawn to exit, as the parent saw it. */
  processS: number;
  rssMb: number | undefined;
  /** User + system CPU seconds of the whole process (GNU time). */
  cpuS: number | undefined;
  /** CPU seconds the simulator spent serving this run. */
  serverCpuS: number | undefined;
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
      const serverBefore = sim.cpuSeconds();
      try {
        if (c === 'ours_main' || c === 'ours_worker') {
          if (expectedSha1 === undefined)
            throw new Error('no expected SHA-1 yet (curl_sha1sum runs first in the warm-up)');
          const hashing = c === 'ours_main' ? 'main' : 'worker';
          result = await run(
            nodeBin(),
            [benchFile('workerDownload.js'), JSON.stringify({ url: d.url, dest, sha1: expectedSha1, hashing })],
            { measureRss: true },
          );
          if (result.code !== 0) throw failure(c, result);
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
      const serverAfter = sim.cpuSeconds();
      const serverCpuS =
        serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore;
      return { s, processS: result.wallS, rssMb: result.maxRssMb, cpuS: result.cpuS, serverCpuS };
    };

    // When the simulator does not publish the archive's SHA-1, curl + sha1sum goes first so ours has one.
    const order: readonly Contender[] =
      expectedSha1 === undefined ? ['curl_sha1sum', 'ours_main', 'ours_worker', 'curl'] : CONTENDERS;
    const samples = await alternate(
      'download',
      order,
      config,
      runOne,
      (x) =>
        `${x.s.toFixed(3)} s${x.cpuS !== undefined ? `, CPU ${x.cpuS.toFixed(2)} s` : ''}${x.rssMb !== undefined ? `, RSS ${x.rssMb.toFixed(0)} MB` : ''}`,
    );
    const counts = await sim.counts();

    const sum = (c: Contender): Summary => summarize(samples[c].map((x) => x.s));
    const ours = sum(OURS);
    const oursMain = sum('ours_main');
    const oursWorker = sum('ours_worker');
    const curl = sum('curl');
    const curlSha = sum('curl_sha1sum');
    const oursProcess = summarize(samples[OURS].map((x) => x.processS));
    const rss = (c: Contender): Summary =>
      summarize(samples[c].flatMap((x) => (x.rssMb === undefined ? [] : [x.rssMb])));
    const cpu = (c: Contender): Summary => summarize(samples[c].flatMap((x) => x.cpuS ?? []));
    const serverCpu = (c: Contender): Summary => summarize(samples[c].flatMap((x) => x.serverCpuS ?? []));
    // Both modes count for memory: either may be the default on another machine.
    const oursRss = summarize([...samples.ours_main, ...samples.ours_worker].flatMap((x) => x.rssMb ?? []));
    const peakRss = Number.isFinite(oursRss.max) ? oursRss.max : undefined;

    const json = {
      default_hashing: DEFAULT_HASHING,
      ours_s: finite(ours.median),
      ours_main_s: finite(oursMain.median),
      ours_worker_s: finite(oursWorker.median),
      curl_s: finite(curl.median),
      curl_sha1sum_s: finite(curlSha.median),
      ratio_vs_curl: ratio(ours.median, curl.median),
      ratio_vs_curl_sha1sum: ratio(ours.median, curlSha.median),
      ratio_main_vs_curl: ratio(oursMain.median, curl.median),
      ratio_worker_vs_curl: ratio(oursWorker.median, curl.median),
      cpu_s: {
        ours_main: finite(cpu('ours_main').median),
        ours_worker: finite(cpu('ours_worker').median),
        curl: finite(cpu('curl').median),
        curl_sha1sum: finite(cpu('curl_sha1sum').median),
      },
      server_cpu_s: {
        ours_main: finite(serverCpu('ours_main').median),
        ours_worker: finite(serverCpu('ours_worker').median),
        curl: finite(serverCpu('curl').median),
      },
      peak_rss_mb: finite(peakRss, 1),
      size_bytes: expectedBytes ?? null,
      ours_process_s: finite(oursProcess.median),
      ratio_process_vs_curl: ratio(oursProcess.median, curl.median),
      throughput_mib_s: {
        ours: finite(mibps(expectedBytes, ours.median), 1),
        curl: finite(mibps(expectedBytes, curl.median), 1),
        curl_sha1sum: finite(mibps(expectedBytes, curlSha.median), 1),
      },
      rss_mb: {
        ours_main: rss('ours_main'),
        ours_worker: rss('ours_worker'),
        curl: rss('curl'),
        curl_sha1sum: rss('curl_sha1sum'),
      },
      backup_requests_with_authorization: counts.backupAuthorized,
      runs: { ours_main: oursMain, ours_worker: oursWorker, curl, curl_sha1sum: curlSha, ours_process: oursProcess },
    };

    const rRatio = json.ratio_vs_curl;
    const rSha = json.ratio_vs_curl_sha1sum;
    const rows: Row[] = [
      ...modeRows('download', sum),
      summaryRow('download.curl_s', 's', curl),
      summaryRow('download.curl_sha1sum_s', 's', curlSha),
      summaryRow('download.ours_process_s', 's', oursProcess, 'incl. node start'),
      ...cpuRows('download', CONTENDERS, cpu),
      summaryRow('download.server_cpu_s', 's', serverCpu('curl'), 'the simulator, serving curl'),
      { metric: 'download.ratio_main_vs_curl', unit: '×', median: json.ratio_main_vs_curl },
      { metric: 'download.ratio_worker_vs_curl', unit: '×', median: json.ratio_worker_vs_curl },
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
        target: '≤ 0.50',
        pass: rSha !== null && rSha <= 0.5,
      },
      {
        metric: 'download.peak_rss_mb',
        unit: 'MB',
        median: json.peak_rss_mb,
        min: oursRss.min,
        max: oursRss.max,
        target: '≤ 150',
        pass: json.peak_rss_mb !== null && json.peak_rss_mb <= 150,
        note: 'max over runs, both modes',
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
