// Child process: the Ops Manager simulator for one benchmark workload, plus a tiny control endpoint on its own
// loopback port through which the orchestrator reads and clears the request log. Running it apart keeps the
// simulator's CPU and memory out of every contender's figures, and lets curl and our client face exactly the
// same server.
//
// argv[2]: JSON SimHostConfig (see simProcess.ts). Prints `BENCH_SIM_READY {SimInfo}` once it listens.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BULK, generateBulkData, SAMPLE } from '../simulator/sampleData';
import { startSimulator } from '../simulator/server';
import { isRecord } from './procs';
import type { SimHostConfig, SimInfo } from './simProcess';

function parseConfig(text: string | undefined): SimHostConfig {
  const v: unknown = JSON.parse(text ?? '{}');
  if (!isRecord(v)) throw new Error('simHost: config is not a JSON object');
  const config: SimHostConfig = {};
  if (typeof v.latencyMs === 'number') config.latencyMs = v.latencyMs;
  if (typeof v.archiveMb === 'number') config.archiveMb = v.archiveMb;
  if (typeof v.batchParts === 'number') config.batchParts = v.batchParts;
  const b = v.bulk;
  if (
    isRecord(b) &&
    typeof b.groups === 'number' &&
    typeof b.clustersPerGroup === 'number' &&
    typeof b.jobsPerCluster === 'number'
  ) {
    config.bulk = { groups: b.groups, clustersPerGroup: b.clustersPerGroup, jobsPerCluster: b.jobsPerCluster };
  }
  return config;
}

async function main(): Promise<void> {
  const config = parseConfig(process.argv[2]);
  const bulk = config.bulk;
  const sim = await startSimulator({
    host: '127.0.0.1',
    latencyMs: config.latencyMs ?? 0,
    ...(config.archiveMb !== undefined ? { archiveMb: config.archiveMb } : {}),
    ...(bulk ? { data: generateBulkData(bulk) } : {}),
  });

  const info: SimInfo = {
    baseUrl: sim.baseUrl,
    backupUrl: sim.backupUrl,
    controlUrl: '',
    user: sim.user,
    key: sim.key,
    // A READY job with every field a real one has: what the fetch workloads ask for.
    groupId: SAMPLE.jobs.ready.groupId,
    clusterId: SAMPLE.jobs.ready.clusterId,
    jobId: SAMPLE.jobs.ready.id,
  };
  if (bulk) {
    // The middle of the data set, so nothing depends on being first or last.
    const g = Math.floor(bulk.groups / 2);
    const c = Math.floor(bulk.clustersPerGroup / 2);
    info.groupId = BULK.groupId(g);
    info.clusterId = BULK.clusterId(g, c, bulk);
    info.jobId = BULK.jobId(g, c, 0, bulk);
    info.bulk = {
      groups: sim.data.groups.length,
      jobsInCluster: sim.data.jobs.filter((j) => j.clusterId === info.clusterId).length,
    };
  } else if (config.batchParts !== undefined) {
    // Copies of the unlimited-downloads job as the parts of one sharded restore, each with its own link.
    const template = sim.job(SAMPLE.jobs.pointInTime.id);
    if (!template?.archive) throw new Error('simHost: the unlimited-downloads sample job has no archive');
    const archive = await sim.archive();
    info.batch = [];
    for (let i = 0; i < config.batchParts; i++) {
      const id = `65e0f1a2b3c4d5e6f7a8bd${i.toString(16).padStart(2, '0')}`;
      const fileName = `bench_shard_${i}-1700000000-${id}.tar.gz`;
      sim.data.jobs.push({
        ...template,
        id,
        batchId: '65e0f1a2b3c4d5e6f7a8bdff',
        delivery: { ...template.delivery },
        archive: { fileName, token: `YmVuY2gtcGFydC0${i}` },
      });
      const url = sim.deliveryUrl(id);
      if (url === undefined) throw new Error(`simHost: batch part ${id} has no URL`);
      info.batch.push({ jobId: id, url, fileName, sha1: archive.sha1, bytes: archive.sizeBytes });
    }
  } else if (config.archiveMb !== undefined) {
    // The sample's unlimited-downloads job (maxDownloads 2147483647): every run can download it again.
    const job = sim.job(SAMPLE.jobs.pointInTime.id);
    const url = sim.deliveryUrl(SAMPLE.jobs.pointInTime.id);
    if (!job || url === undefined) throw new Error('simHost: the unlimited-downloads sample job has no archive');
    if (job.delivery.maxDownloads !== 2147483647 || job.delivery.statusName !== 'READY') {
      throw new Error(
        `simHost: job ${job.id} is ${job.delivery.statusName} with maxDownloads ${job.delivery.maxDownloads}; the benchmark needs READY and unlimited`,
      );
    }
    // Generated (or found in the cache) before the clock starts for anyone; same file the backup host serves.
    const archive = await sim.archive();
    info.download = { jobId: job.id, url, sha1: archive.sha1, bytes: archive.sizeBytes };
  }

  const control = http.createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/log') {
      reply(200, sim.summary());
    } else if (req.method === 'POST' && req.url === '/clear') {
      sim.clearLog();
      reply(200, {});
    } else {
      reply(404, { error: 'unknown control request' });
    }
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as AddressInfo;
  info.controlUrl = `http://127.0.0.1:${port}/`;

  const shutdown = (): void => {
    control.close();
    void sim.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // The orchestrator holds our stdin open: when it goes away (even killed), so do we.
  process.stdin.on('end', shutdown).resume();
  process.stdout.write(`BENCH_SIM_READY ${JSON.stringify(info)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
