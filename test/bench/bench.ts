// `npm run bench`: our code against curl and python-requests on the same simulator over loopback, plus the
// extension's activation in the real VS Code extension host. Prints a table and writes the figures as JSON to
// $BENCH_OUT (default out/bench.json). See docs/benchmarks.md.
//
// Options (for quick checks): --only download,fetch,concurrent,tree,activation,batch  --runs N  --warmup N
//   --download-mb N  --fetch-count N  --concurrency N  --latency-ms N  --activation-starts N  --activation-settle-ms N  --markdown
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchActivation } from './benchActivation';
import { benchBatch } from './benchBatch';
import { benchDownload } from './benchDownload';
import { benchConcurrent, benchFetch } from './benchFetch';
import { benchTree } from './benchTree';
import { REPO_ROOT } from './procs';
import { formatMarkdown, formatTable } from './report';
import type { BenchConfig, Row, Workload } from './types';

const WORKLOADS: Record<string, Workload> = {
  download: benchDownload,
  fetch: benchFetch,
  concurrent: benchConcurrent,
  tree: benchTree,
  activation: benchActivation,
  batch: benchBatch,
};

/** The workload settings of BenchConfig, plus what only the orchestrator reads. */
interface Cli extends Omit<BenchConfig, 'tmpDir' | 'log'> {
  only: string[];
  markdown: boolean;
}

function parseCli(argv: readonly string[]): Cli {
  const cli: Cli = {
    only: Object.keys(WORKLOADS),
    runs: 5,
    warmup: 1,
    downloadMb: 1024,
    fetchCount: 100,
    concurrency: 50,
    latencyMs: 10,
    activationStarts: 5,
    activationSettleMs: 3000,
    markdown: false,
  };
  const intArg = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) {
      throw new Error(`${name} needs an integer ≥ ${min}, got ${value ?? 'nothing'}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--only': {
        const names = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = names.filter((n) => !(n in WORKLOADS));
        if (unknown.length || !names.length) {
          throw new Error(
            `--only: unknown workload ${unknown.join(', ') || '(none)'}; known: ${Object.keys(WORKLOADS).join(', ')}`,
          );
        }
        cli.only = names;
        break;
      }
      case '--runs':
        cli.runs = intArg(flag, value(), 1);
        break;
      case '--warmup':
        cli.warmup = intArg(flag, value(), 0);
        break;
      case '--download-mb':
        cli.downloadMb = intArg(flag, value(), 1);
        break;
      case '--fetch-count':
        cli.fetchCount = intArg(flag, value(), 1);
        break;
      case '--concurrency':
        cli.concurrency = intArg(flag, value(), 1);
        break;
      case '--latency-ms':
        cli.latencyMs = intArg(flag, value(), 0);
        break;
      case '--activation-starts':
        cli.activationStarts = intArg(flag, value(), 1);
        break;
      case '--activation-settle-ms':
        cli.activationSettleMs = intArg(flag, value(), 0);
        break;
      case '--markdown':
        cli.markdown = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          `usage: node out/test/bench/bench.js [--only ${Object.keys(WORKLOADS).join(',')}] [--runs N] [--warmup N] [--download-mb N] [--fetch-count N] [--concurrency N] [--latency-ms N] [--activation-starts N] [--activation-settle-ms N] [--markdown]\n`,
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  return cli;
}

function version(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      .trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const outFile = path.resolve(REPO_ROOT, process.env.BENCH_OUT || path.join('out', 'bench.json'));
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-'));
  const log = (m: string): void => {
    process.stderr.write(`${m}\n`);
  };
  const config: BenchConfig = {
    runs: cli.runs,
    warmup: cli.warmup,
    downloadMb: cli.downloadMb,
    fetchCount: cli.fetchCount,
    concurrency: cli.concurrency,
    latencyMs: cli.latencyMs,
    activationStarts: cli.activationStarts,
    activationSettleMs: cli.activationSettleMs,
    tmpDir,
    log,
  };
  const started = new Date();
  const result: Record<string, unknown> = {
    meta: {
      date: started.toISOString(),
      host: os.hostname(),
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? null,
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()}`,
      node: process.version,
      curl: version('curl', ['--version']),
      python: version('/usr/bin/python3', [
        '-c',
        'import sys, requests; print(sys.version.split()[0], "requests", requests.__version__)',
      ]),
      options: cli,
      loadavg_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
  };
  const rows: Row[] = [];
  let failed = 0;
  const cleanup = (): void => fs.rmSync(tmpDir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    for (const name of cli.only) {
      const t0 = Date.now();
      log(`[bench] ${name} (load average ${os.loadavg()[0].toFixed(2)})`);
      try {
        const out = await WORKLOADS[name](config);
        out.json.seconds_taken = Math.round((Date.now() - t0) / 100) / 10;
        out.json.loadavg_1m = Math.round(os.loadavg()[0] * 100) / 100;
        result[name] = out.json;
        rows.push(...out.rows);
      } catch (err) {
        failed++;
        const message = err instanceof Error ? err.message : String(err);
        log(`[bench] ${name} FAILED: ${message}`);
        result[name] = { error: message };
        rows.push({ metric: `${name}`, unit: '', median: null, note: `FAILED: ${message.split('\n')[0]}` });
      }
      log(`[bench] ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    cleanup();
  }
  const meta = result.meta;
  if (meta !== null && typeof meta === 'object') {
    Object.assign(meta, {
      loadavg_end: os.loadavg().map((x) => Math.round(x * 100) / 100),
      seconds_total: Math.round((Date.now() - started.getTime()) / 1000),
    });
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  if (cli.markdown) process.stdout.write(`${formatMarkdown(rows)}\n\n`);
  process.stdout.write(`figures written to ${path.relative(process.cwd(), outFile) || outFile}\n`);
  // A missed target is a finding, not a failure; a workload that could not run at all is.
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
