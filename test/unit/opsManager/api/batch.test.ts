// Grouping restore jobs by batchId and naming the parts of a sharded restore.
import * as assert from 'node:assert/strict';
import {
  batchFolderName,
  buildBatch,
  groupRestoreJobs,
  parseArchiveFileName,
} from '../../../../src/opsManager/api/batch';
import { OpsManagerClient } from '../../../../src/opsManager/api/client';
import type { Cluster, RestoreJob } from '../../../../src/opsManager/api/model';
import { SAMPLE } from '../../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../../simulator/server';

const BATCH = '5a66783b80eef5354c77ee13';
const NOW = new Date('2026-11-27T10:00:00Z');

function job(id: string, fields: Partial<RestoreJob> = {}): RestoreJob {
  return {
    id,
    created: '2026-11-26T18:33:00Z',
    statusName: 'FINISHED',
    delivery: {
      methodName: 'HTTP',
      statusName: 'READY',
      url: `https://backup.example.net/backup/restore/v2/pull/${id}/tok/${id}.tar.gz`,
      expires: '2026-11-28T18:33:00Z',
      maxDownloads: 2,
      extra: {},
    },
    timestamp: { date: '2026-11-26T17:46:00Z', increment: 1, extra: {} },
    extra: {},
    raw: {},
    ...fields,
  };
}

function urlFor(id: string, fileName: string): RestoreJob['delivery'] {
  return {
    methodName: 'HTTP',
    statusName: 'READY',
    url: `https://backup.example.net/backup/restore/v2/pull/${id}/tok/${fileName}`,
    expires: '2026-11-28T18:33:00Z',
    extra: {},
  };
}

const members: Cluster[] = [
  { id: 'aa0000000000000000000001', typeName: 'SHARDED_REPLICA_SET', clusterName: 'Cluster0', extra: {} },
  {
    id: 'aa0000000000000000000002',
    typeName: 'REPLICA_SET',
    clusterName: 'Cluster0',
    shardName: 'Cluster0-shard-0',
    replicaSetName: 'Cluster0-shard-0',
    extra: {},
  },
  {
    id: 'aa0000000000000000000003',
    typeName: 'CONFIG_SERVER_REPLICA_SET',
    clusterName: 'Cluster0',
    replicaSetName: 'Cluster0-config-0',
    extra: {},
  },
];

describe('restore batches: grouping and naming', () => {
  it('groups jobs sharing a batchId into one batch at the place of its first job; lone jobs stay jobs', () => {
    const a = job('bb0000000000000000000001', { batchId: BATCH });
    const lone = job('bb0000000000000000000002', { batchId: '5a66783b80eef5354c77ee99' });
    const plain = job('bb0000000000000000000003');
    const b = job('bb0000000000000000000004', { batchId: BATCH });
    const entries = groupRestoreJobs([a, lone, plain, b], members, NOW);
    assert.deepEqual(
      entries.map((e) => (e.kind === 'batch' ? `batch:${e.batch.batchId}` : `job:${e.job.id}`)),
      [`batch:${BATCH}`, `job:${lone.id}`, `job:${plain.id}`],
    );
    const first = entries[0];
    assert.ok(first.kind === 'batch');
    assert.deepEqual(first.batch.parts.map((p) => p.job.id).sort(), [a.id, b.id]);
  });

  it('names parts from the cluster list first, config server last, and says where each name came from', () => {
    const shard = job('bb0000000000000000000011', { batchId: BATCH, clusterId: members[1].id });
    const config = job('bb0000000000000000000012', { batchId: BATCH, clusterId: members[2].id });
    const batch = buildBatch(BATCH, [config, shard], members, NOW);
    assert.deepEqual(
      batch.parts.map((p) => [p.name, p.role, p.nameSource]),
      [
        ['Cluster0-shard-0', 'shard', 'cluster-list'],
        ['Cluster0-config-0', 'config', 'cluster-list'],
      ],
    );
    assert.equal(batch.status, 'ready');
    assert.equal(batch.readyCount, 2);
  });

  it('falls back to clusterName, then to the archive file name, then to the job ID, never guessing silently', () => {
    const named = job('bb0000000000000000000021', {
      batchId: BATCH,
      clusterId: members[0].id, // the sharded cluster itself names no part
      extra: { clusterName: 'from-clusterName' },
    });
    const configId = 'bb0000000000000000000022';
    const configFile = job(configId, {
      batchId: BATCH,
      delivery: urlFor(configId, `config-Cluster0-config-0-5a66689487d9d61443b46149-1516661094-${configId}.tar.gz`),
    });
    const shardId = 'bb0000000000000000000023';
    const shardFile = job(shardId, {
      batchId: BATCH,
      hashes: [{ fileName: `Cluster0-shard-1-1516661094-${shardId}.tar.gz`, hash: 'x', extra: {} }],
    });
    const anonymous = job('bb0000000000000000000024', {
      batchId: BATCH,
      delivery: urlFor('bb0000000000000000000024', 'archive.tar.gz'),
    });
    const batch = buildBatch(BATCH, [named, configFile, shardFile, anonymous], members, NOW);
    const byId = new Map(batch.parts.map((p) => [p.job.id, p]));
    assert.deepEqual(
      [named, configFile, shardFile, anonymous].map((j) => {
        const p = byId.get(j.id);
        return [p?.name, p?.nameSource, p?.role];
      }),
      [
        ['from-clusterName', 'cluster-name', 'unknown'],
        ['Cluster0-config-0', 'file-name', 'config'],
        ['Cluster0-shard-1', 'file-name', 'shard'],
        [anonymous.id, 'job-id', 'unknown'],
      ],
    );
  });

  it('reads archive file names of the fixtures and refuses names of another shape', () => {
    const id = '6b77893b80eef5354c77ee15';
    assert.deepEqual(parseArchiveFileName(`Cluster0-shard-1-1516661094-${id}.tar.gz`, id), {
      config: false,
      replicaSetName: 'Cluster0-shard-1',
    });
    assert.deepEqual(
      parseArchiveFileName(`config-Cluster0-config-0-5a66689487d9d61443b46149-1516661094-${id}.tar.gz`, id),
      { config: true, replicaSetName: 'Cluster0-config-0' },
    );
    assert.deepEqual(parseArchiveFileName(`electron_0-1492636465-${id}.tar.gz`, id), {
      config: false,
      replicaSetName: 'electron_0',
    });
    assert.equal(parseArchiveFileName(`Cluster0-shard-1-1516661094-${'f'.repeat(24)}.tar.gz`, id), undefined);
    assert.equal(parseArchiveFileName(`Cluster0-shard-1-notatime-${id}.tar.gz`, id), undefined);
    // Long hostile names stay linear: no regex over them.
    const long = `${'-'.repeat(50_000)}1-${id}.tar.gz`;
    assert.ok(parseArchiveFileName(long, id) !== undefined);
  });

  it('sums up the batch: "2 of 4 ready", preparing, or lost for good', () => {
    const ready = (n: string) => job(`cc00000000000000000000${n}`, { batchId: BATCH });
    const preparing = (n: string) =>
      job(`cc00000000000000000000${n}`, {
        batchId: BATCH,
        statusName: 'IN_PROGRESS',
        delivery: { methodName: 'HTTP', statusName: 'IN_PROGRESS', extra: {} },
      });
    const partly = buildBatch(BATCH, [ready('01'), ready('02'), preparing('03'), preparing('04')], [], NOW);
    assert.equal(partly.status, 'partly-ready');
    assert.equal(partly.readyCount, 2);
    assert.equal(buildBatch(BATCH, [preparing('05'), preparing('06')], [], NOW).status, 'preparing');
    const expired = job('cc0000000000000000000007', {
      batchId: BATCH,
      delivery: { methodName: 'HTTP', statusName: 'EXPIRED', extra: {} },
    });
    const lost = buildBatch(BATCH, [ready('08'), expired], [], NOW);
    assert.equal(lost.status, 'unavailable');
    assert.equal(lost.parts.find((p) => p.job.id === expired.id)?.blocker?.blocker, 'EXPIRED');
  });

  it('names the folder after the cluster and the snapshot time, safe on every file system', () => {
    assert.equal(
      batchFolderName('Cluster0', { snapshotTime: '2026-11-26T18:33:41Z', batchId: BATCH }),
      'Cluster0-2026-11-26T1833Z',
    );
    assert.equal(batchFolderName('a/b:c', { batchId: BATCH }), `a_b_c-${BATCH}`);
    assert.equal(batchFolderName('..', { snapshotTime: 'garbage', batchId: BATCH }), `-${BATCH}`);
  });
});

describe('restore batches: the simulator and ?batchId=', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: OpsManagerClient;
  const G = SAMPLE.groups.production.id;
  const C = SAMPLE.clusters.catalog.id;

  before(async () => {
    sim = await startSimulator({ progressAfterMs: 60_000 });
    client = new OpsManagerClient({ baseUrl: sim.baseUrl, username: sim.user, apiKey: sim.key });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  it('lists only the parts of a batch, asking the server with ?batchId=', async () => {
    sim.clearLog();
    const jobs = await client.listRestoreJobs(G, C, { batchId: SAMPLE.batchIds.catalogLater });
    assert.deepEqual(
      jobs.map((j) => j.id).sort(),
      [SAMPLE.jobs.laterShard0.id, SAMPLE.jobs.laterShard1.id, SAMPLE.jobs.laterConfig.id, SAMPLE.jobs.laterShard2.id]
        .slice()
        .sort(),
    );
    assert.ok(sim.log.some((e) => e.url.includes(`batchId=${SAMPLE.batchIds.catalogLater}`)));
  });

  it('names every part of the sample batches and counts the one still being prepared', async () => {
    const clusters = await client.listClusters(G);
    const later = buildBatch(
      SAMPLE.batchIds.catalogLater,
      await client.listRestoreJobs(G, C, { batchId: SAMPLE.batchIds.catalogLater }),
      clusters,
    );
    assert.deepEqual(
      later.parts.map((p) => `${p.name}/${p.role}/${p.nameSource}/${p.state}`),
      [
        'catalog_shard_0/shard/cluster-list/ready',
        'catalog_shard_1/shard/cluster-list/preparing',
        'catalog_shard_2/shard/file-name/ready',
        'catalog_config/config/file-name/ready',
      ],
    );
    assert.equal(later.status, 'partly-ready');
    const all = groupRestoreJobs(await client.listRestoreJobs(G, C), clusters);
    const batches = all.filter((e) => e.kind === 'batch');
    assert.equal(batches.length, 2);
    assert.equal(all.length, 2, 'every job of the catalog cluster belongs to a batch');
  });
});
