// startSimulator(): the Ops Manager simulator on loopback, an API port and a separate backup-host port.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiContext } from './apiServer';
import { archiveBytesFor, ensureArchive, type ArchiveInfo } from './archive';
import { handleBackup, type BackupContext } from './backupHost';
import { CA_CERT_PATH, SERVER_CERT_PATH, SERVER_KEY_PATH } from './certs';
import type { SampleData, SimRestoreJob } from './dataTypes';
import { DigestVerifier, parseAlgorithmList } from './digestAuth';
import { FaultInjector } from './faults';
import { summarizeLog, type LogSummary, type SimRequestLog } from './requestLog';
import { API_PREFIX } from './routes';
import { createSampleData, DEFAULT_KEY, DEFAULT_USER } from './sampleData';
import { deliveryUrl, jobSelfHref } from './serialize';

export type { SampleData } from './dataTypes';
export type { Fault, FaultSpec } from './faults';
export { FaultInjector } from './faults';
export type { SimRequestLog, LogSummary } from './requestLog';
export type { ArchiveInfo } from './archive';

export interface SimulatorOptions {
  user?: string;
  key?: string;
  /** "MD5" (default) | "SHA-256" | "SHA-256,MD5" (several challenges, in this order); -sess variants too. */
  algorithm?: string;
  /** Offer qop="auth" (default true); false expects RFC 2069 answers. */
  qop?: boolean;
  /** Nonce lifetime; an older nonce is answered 401 stale=true. Default 300; 0 = never expires. */
  nonceTtlSeconds?: number;
  /** Size of the served archive in MiB (fractions allowed). Default 2. */
  archiveMb?: number;
  /** Serve both ports over HTTPS with the committed test certificate (trust CA_CERT_PATH). */
  tls?: boolean;
  /** Delay every API response (challenges included) by this much. Default 0. */
  latencyMs?: number;
  /** Records to serve (default: createSampleData()). Mutated as jobs progress and are downloaded. */
  data?: SampleData;
  /** IN_PROGRESS jobs with `becomes` finish this long after they are first served. Default 20000. */
  progressAfterMs?: number;
  host?: string;
  port?: number;
  backupPort?: number;
  // Additions beyond the team contract:
  /** Several algorithms: one WWW-Authenticate header each ('headers', default) or one header ('combined'). */
  challengeStyle?: 'headers' | 'combined';
  /** envelope=true wraps single results in {status, content} (default) or {status, envelope}. */
  envelopeKey?: 'content' | 'envelope';
  /** Largest itemsPerPage accepted (500 newer servers, 100 older). Default 500. */
  maxItemsPerPage?: number;
  /** With the default data: add SAMPLE.jobs.hostile and SAMPLE.jobs.hostileFileName. */
  hostile?: boolean;
  /** Every authenticated API request answers 403 IP_ADDRESS_NOT_ON_WHITELIST. */
  ipAccessListDenied?: boolean;
  realm?: string;
  /** Directory of the archive cache (default os.tmpdir()). */
  archiveDir?: string;
}

export interface Simulator {
  /** http(s)://127.0.0.1:PORT: the API origin; the API is under /api/public/v1.0. */
  baseUrl: string;
  /** The second port: the backup host serving archives. */
  backupUrl: string;
  user: string;
  key: string;
  /** Groups, clusters, hosts, jobs: live and mutable. */
  data: SampleData;
  /** Every request to either port, in arrival order. */
  log: SimRequestLog[];
  faults: FaultInjector;
  clearLog(): void;
  close(): Promise<void>;
  // Additions beyond the team contract:
  /** baseUrl + /api/public/v1.0 */
  apiUrl: string;
  /** TLS mode: the CA file to trust (undefined over plain HTTP). */
  caFile?: string;
  /** The archive every READY job serves (generated on first use, cached in the temp directory); with a size, the
   *  archive of a job whose `archive.sizeBytes` is that size. */
  archive(sizeBytes?: number): Promise<ArchiveInfo>;
  /** The live record of a job. */
  job(id: string): SimRestoreJob | undefined;
  /** The API URL of a job (cluster or config-server form). */
  jobUrl(id: string): string;
  /** The job's delivery URL as the API serves it right now. */
  deliveryUrl(id: string): string | undefined;
  /** Counts over the log: requests, per port, 401s, Authorization headers. */
  summary(): LogSummary;
}

export const SIM_VERSION = {
  gitHash: '2d0b6c3f1e5a4b7c8d9e0f1a2b3c4d5e6f7a8b9c',
  versionString: '7.0.12.500.20241015T1601Z',
};

type Server = http.Server | https.Server;

function createServer(tls: boolean, handler: http.RequestListener): Server {
  const server = tls
    ? https.createServer({ key: fs.readFileSync(SERVER_KEY_PATH), cert: fs.readFileSync(SERVER_CERT_PATH) }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  return server;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function origin(tls: boolean, host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${h}:${port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls === true;
  const user = options.user ?? DEFAULT_USER;
  const key = options.key ?? DEFAULT_KEY;
  const archiveBytes = archiveBytesFor(options.archiveMb ?? 2);
  const nonceTtl = options.nonceTtlSeconds ?? 300;
  if (!(nonceTtl >= 0)) throw new Error(`nonceTtlSeconds must be 0 or more, got ${nonceTtl}`);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new Error(`latencyMs must be 0 or more, got ${latencyMs}`);
  const data = options.data ?? createSampleData({ hostile: options.hostile });
  const log: SimRequestLog[] = [];
  const faults = new FaultInjector();
  const verifier = new DigestVerifier({
    realm: options.realm ?? 'MMS Public API',
    username: user,
    password: key,
    algorithms: parseAlgorithmList(options.algorithm ?? 'MD5'),
    qop: options.qop !== false,
    nonceTtlMs: nonceTtl * 1000,
    challengeStyle: options.challengeStyle ?? 'headers',
  });
  const progressAfterMs = options.progressAfterMs ?? 20_000;
  const archive = (sizeBytes?: number): Promise<ArchiveInfo> =>
    ensureArchive(sizeBytes ?? archiveBytes, options.archiveDir);

  // Origins are known only once both ports listen; the contexts read them through this object.
  const origins = { apiBase: '', backupUrl: '' };
  const apiCtx: ApiContext = {
    data,
    origins,
    progressAfterMs,
    maxItemsPerPage: options.maxItemsPerPage ?? 500,
    version: SIM_VERSION,
    created: 0,
    verifier,
    faults,
    log,
    latencyMs,
    envelopeKey: options.envelopeKey ?? 'content',
    ipAccessListDenied: options.ipAccessListDenied === true,
  };
  const backupCtx: BackupContext = { data, faults, log, progressAfterMs, archive };
  const api = createServer(tls, (req, res) => handleApi(apiCtx, req, res));
  const backup = createServer(tls, (req, res) => handleBackup(backupCtx, req, res));
  try {
    const apiPort = await listen(api, options.port ?? 0, host);
    const backupPort = await listen(backup, options.backupPort ?? 0, host);
    const baseUrl = origin(tls, host, apiPort);
    origins.apiBase = baseUrl + API_PREFIX;
    origins.backupUrl = origin(tls, host, backupPort);
  } catch (e) {
    await Promise.all([closeServer(api), closeServer(backup)]);
    throw e;
  }
  const baseUrl = origins.apiBase.slice(0, -API_PREFIX.length);
  const findJob = (id: string): SimRestoreJob | undefined => data.jobs.find((j) => j.id === id);
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    backupUrl: origins.backupUrl,
    apiUrl: origins.apiBase,
    user,
    key,
    data,
    log,
    faults,
    caFile: tls ? CA_CERT_PATH : undefined,
    clearLog: () => {
      log.length = 0;
    },
    close: () => (closing ??= Promise.all([closeServer(api), closeServer(backup)]).then(() => undefined)),
    archive,
    job: findJob,
    jobUrl: (id) => {
      const j = findJob(id);
      if (!j) throw new Error(`no job ${id} in the simulator's data`);
      return jobSelfHref(origins, j);
    },
    deliveryUrl: (id) => {
      const j = findJob(id);
      return j && deliveryUrl(origins, j);
    },
    summary: () => summarizeLog(log),
  };
}
