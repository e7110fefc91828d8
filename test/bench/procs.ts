// Running contenders as separate processes, so each one's time and memory are its own: the simulator, the
// orchestrator and the other contenders never share a heap or an event loop with the process being measured.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const OUT_BENCH = __dirname;
const TIME_BIN = '/usr/bin/time';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, as seen by the parent. */
  wallS: number;
  /** From GNU time's "Maximum resident set size", when the process ran under /usr/bin/time -v. */
  maxRssMb?: number;
  /** User + system CPU seconds, from GNU time, when the process ran under /usr/bin/time -v. */
  cpuS?: number;
}

export interface RunOptions {
  /** Wrap the command in /usr/bin/time -v to read its peak RSS from outside. */
  measureRss?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  cwd?: string;
}

export function hasGnuTime(): boolean {
  try {
    fs.accessSync(TIME_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const wrap = options.measureRss === true && hasGnuTime();
  const file = wrap ? TIME_BIN : command;
  const argv = wrap ? ['-v', command, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      cwd: options.cwd ?? REPO_ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallS = (performance.now() - started) / 1000;
      const result: RunResult = { code, signal, stdout, stderr, wallS };
      if (wrap) {
        const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
        if (m) {
          result.maxRssMb = Number(m[1]) / 1024;
        }
        const user = /User time \(seconds\):\s*([\d.]+)/.exec(stderr);
        const system = /System time \(seconds\):\s*([\d.]+)/.exec(stderr);
        if (user && system) {
          result.cpuS = Number(user[1]) + Number(system[1]);
        }
        const exit = /Exit status:\s*(\d+)/.exec(stderr);
        if (exit && code === 0) {
          result.code = Number(exit[1]);
        }
      }
      resolve(result);
    });
  });
}

/** Runs a command and fails loudly (with its stderr) unless it exits 0. */
export async function runOk(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `${path.basename(command)} ${args.slice(0, 3).join(' ')}… exited ${result.code ?? result.signal}:\n${tail}`,
    );
  }
  return result;
}

/** The last line of stdout that parses as a JSON object: the workers' report. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('{')) {
      try {
        const value: unknown = JSON.parse(t);
        if (isRecord(value)) {
          return value;
        }
      } catch {
        // not the report line; keep looking
      }
    }
  }
  throw new Error(`no JSON report in output:\n${stdout.slice(-2000)}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function num(report: Record<string, unknown>, key: string): number {
  const value = report[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`report field ${key} is not a number: ${JSON.stringify(report)}`);
  }
  return value;
}

/** The node binary running the orchestrator: the workers use the same Node the extension is built for. */
export function nodeBin(): string {
  return process.execPath;
}

export function benchFile(name: string): string {
  return path.join(OUT_BENCH, name);
}

/** Source files that tsc does not copy (the python contender) are read from the source tree. */
export function sourceBenchFile(name: string): string {
  return path.join(REPO_ROOT, 'test', 'bench', name);
}
