// Parent side of the benchmark simulator: starts test/bench/simHost.js in its own process (so serving 1 GiB
// or answering digest challenges never runs on the event loop or CPU time of the contender being measured)
// and talks to it over its loopback control endpoint to read and clear the request log.
import * as fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import { benchFile, isRecord, nodeBin, REPO_ROOT } from './procs';

export interface SimHostConfig {
  latencyMs?: number;
  archiveMb?: number;
  /** Bulk data for the tree workload: groups × clusters per group × jobs per cluster. */
  bulk?: { groups: number; clustersPerGroup: number; jobsPerCluster: number };
  /** Add a sharded restore of this many READY parts (unlimited downloads, archives of `archiveMb`). */
  batchParts?: number;
}

/** What the simulator host prints once it listens (see simHost.ts). */
export interface SimInfo {
  baseUrl: string;
  backupUrl: string;
  controlUrl: string;
  user: string;
  key: string;
  groupId: string;
  clusterId: string;
  jobId: string;
  /** A READY HTTP job with unlimited downloads, for the download workload. */
  download?: { jobId: string; url: string; sha1?: string; bytes?: number };
  /** The parts of the sharded restore (batch workload). */
  batch?: Array<{ jobId: string; url: string; fileName: string; sha1: string; bytes: number }>;
  /** Counts of the bulk data actually served (tree workload). */
  bulk?: { groups: number; jobsInCluster: number };
}

export interface LogCounts {
  /** Requests to the API port. */
  api: number;
  /** Requests to the backup host port. */
  backup: number;
  /** API responses with status 401 (digest challenges). */
  api401: number;
  /** API requests that carried an Authorization header. */
  apiAuthorized: number;
  /** Backup-host requests that carried an Authorization header (must stay 0 without urlV2). */
  backupAuthorized: number;
}

export interface SimHandle {
  info: SimInfo;
  counts(): Promise<LogCounts>;
  clear(): Promise<void>;
  close(): Promise<void>;
  /**
   * CPU seconds (user + system) the simulator has used so far, from /proc (Linux; undefined elsewhere): on a
   * 2-core machine the server competes with the contender for the same cores.
   */
  cpuSeconds(): number | undefined;
}

const READY_PREFIX = 'BENCH_SIM_READY ';

export async function launchSimulator(config: SimHostConfig, timeoutMs = 120_000): Promise<SimHandle> {
  const child = spawn(nodeBin(), [benchFile('simHost.js'), JSON.stringify(config)], {
    cwd: REPO_ROOT,
    // stdin stays open as a lifeline: the host exits when it closes.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const info = await waitReady(child, timeoutMs);
  return {
    info,
    counts: async () => parseCounts(await control(info.controlUrl, 'GET', '/log')),
    clear: async () => {
      await control(info.controlUrl, 'POST', '/clear');
    },
    close: () => stop(child),
    cpuSeconds: () => processCpuSeconds(child.pid),
  };
}

/** Fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks; Linux's USER_HZ is 100. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<SimInfo> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simulator host did not start within ${timeoutMs} ms:\n${err.slice(-2000)}`));
    }, timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line !== undefined) {
        clearTimeout(timer);
        try {
          resolve(parseInfo(JSON.parse(line.slice(READY_PREFIX.length))));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`simulator host exited (${code ?? signal}) before it was ready:\n${err.slice(-2000)}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function control(base: string, method: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`simulator control ${method} ${path}: ${res.statusCode} ${body}`));
          return;
        }
        try {
          resolve(body ? JSON.parse(body) : {});
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function str(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`simulator host info: ${key} is not a string`);
  return v;
}

function count(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number') throw new Error(`simulator log counts: ${key} is not a number`);
  return v;
}

function parseCounts(value: unknown): LogCounts {
  if (!isRecord(value)) throw new Error('simulator log counts: not an object');
  return {
    api: count(value, 'api'),
    backup: count(value, 'backup'),
    api401: count(value, 'api401'),
    apiAuthorized: count(value, 'apiAuthorized'),
    backupAuthorized: count(value, 'backupAuthorized'),
  };
}

function parseInfo(value: unknown): SimInfo {
  if (!isRecord(value)) throw new Error('simulator host info: not an object');
  const info: SimInfo = {
    baseUrl: str(value, 'baseUrl'),
    backupUrl: str(value, 'backupUrl'),
    controlUrl: str(value, 'controlUrl'),
    user: str(value, 'user'),
    key: str(value, 'key'),
    groupId: str(value, 'groupId'),
    clusterId: str(value, 'clusterId'),
    jobId: str(value, 'jobId'),
  };
  const d = value.download;
  if (isRecord(d)) {
    info.download = {
      jobId: str(d, 'jobId'),
      url: str(d, 'url'),
      sha1: typeof d.sha1 === 'string' ? d.sha1 : undefined,
      bytes: typeof d.bytes === 'number' ? d.bytes : undefined,
    };
  }
  const b = value.bulk;
  if (isRecord(b)) {
    info.bulk = { groups: count(b, 'groups'), jobsInCluster: count(b, 'jobsInCluster') };
  }
  if (Array.isArray(value.batch)) {
    info.batch = value.batch.map((p: unknown) => {
      if (!isRecord(p)) throw new Error('simulator host info: a batch part is not an object');
      return {
        jobId: str(p, 'jobId'),
        url: str(p, 'url'),
        fileName: str(p, 'fileName'),
        sha1: str(p, 'sha1'),
        bytes: count(p, 'bytes'),
      };
    });
  }
  return info;
}
