import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { OpsManagerClient, type ClientOptions } from '../../../../src/opsManager/api/client';
import {
  isRestoreProblem,
  parseCreatedJobs,
  pitWindowFromSchedule,
  pointInTimeStatus,
  RESTORE_OUTCOME_UNKNOWN,
  restoreJobBody,
  validateRestoreRequest,
  type CreateRestoreRequest,
  type RestoreCheckContext,
} from '../../../../src/opsManager/api/createRestore';
import { snapshotSizeBytes, snapshotVersions, type Snapshot } from '../../../../src/opsManager/api/snapshots';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { SAMPLE_BACKUP } from '../../../simulator/sampleBackups';
import { SAMPLE } from '../../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { rejectsWith } from '../../support/rejectsWith';

const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const S = SAMPLE_BACKUP.snapshots;
const CP = SAMPLE_BACKUP.checkpoints;
const P = G.production.id;
const HOUR = 3_600_000;

const http = (snapshotId: string, maxDownloads = 1, expirationHours?: number): CreateRestoreRequest => ({
  source: { kind: 'snapshot', snapshotId },
  delivery: { methodName: 'HTTP', maxDownloads, ...(expirationHours === undefined ? {} : { expirationHours }) },
});
const automated = (
  source: CreateRestoreRequest['source'],
  targetClusterId: string = C.staging.id,
  targetGroupId: string = G.staging.id,
): CreateRestoreRequest => ({
  source,
  delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId, targetClusterId },
});

describe('restore: snapshots, PIT window and creating restore jobs against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const clients: OpsManagerClient[] = [];

  function client(overrides: Partial<ClientOptions> = {}): OpsManagerClient {
    const c = new OpsManagerClient({ baseUrl: sim.baseUrl, username: sim.user, apiKey: sim.key, ...overrides });
    clients.push(c);
    return c;
  }
  const posts = (): number =>
    sim.log.filter(
      (e) => e.port === 'api' && e.method === 'POST' && e.digest === 'ok' && !e.url.includes('restorableTimeRanges'),
    ).length;
  const apiRequests = (): number => sim.log.filter((e) => e.port === 'api').length;

  before(async () => {
    sim = await startSimulator({ progressAfterMs: 200 });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.clearLog();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  describe('snapshots and checkpoints', () => {
    it('lists complete snapshots by default, newest first; completed=all and false show the incomplete one', async () => {
      const c = client();
      const complete = await c.listSnapshots(P, C.orders.id);
      assert.deepEqual(
        complete.map((s) => s.id),
        [S.ordersLatest, S.ordersKept, S.ordersOld],
      );
      assert.ok(complete.every((s) => s.complete === true));
      const all = await c.listSnapshots(P, C.orders.id, { completed: 'all' });
      assert.deepEqual(
        all.map((s) => s.id),
        [S.ordersInProgress, S.ordersLatest, S.ordersKept, S.ordersOld],
      );
      const incomplete = await c.listSnapshots(P, C.orders.id, { completed: 'false' });
      assert.deepEqual(
        incomplete.map((s) => [s.id, s.complete]),
        [[S.ordersInProgress, false]],
      );
      assert.ok(sim.log.some((e) => e.url.includes('completed=all')));
    });

    it('reads a sharded snapshot: a part per shard plus the config server, size summed, version listed', async () => {
      const [snapshot] = await client().listSnapshots(P, C.catalog.id);
      assert.equal(snapshot.id, S.catalogLatest);
      assert.deepEqual(
        snapshot.parts?.map((p) => p.typeName),
        ['REPLICA_SET', 'REPLICA_SET', 'CONFIG_SERVER_REPLICA_SET'],
      );
      const sum = (snapshot.parts ?? []).reduce((n, p) => n + (p.fileSizeBytes ?? 0), 0);
      assert.equal(snapshotSizeBytes(snapshot), sum);
      assert.ok(sum >= 7 * 1024 ** 3);
      assert.deepEqual(snapshotVersions(snapshot), ['7.0.12']);
      assert.equal(snapshot.isPossiblyInconsistent, false);
      assert.deepEqual(snapshot.missingShards, []);
    });

    it('gets one snapshot, and answers SNAPSHOT_NOT_FOUND for a deleted one', async () => {
      const c = client();
      const kept = await c.getSnapshot(P, C.orders.id, S.ordersKept);
      assert.equal(kept.doNotDelete, true);
      assert.equal(kept.expires, undefined);
      await rejectsWith(c.getSnapshot(P, C.orders.id, S.ordersDeleted), {
        status: 404,
        errorCode: 'SNAPSHOT_NOT_FOUND',
      });
      await rejectsWith(c.getSnapshot(P, C.orders.id, 'not-an-id'), 'invalid-input');
    });

    it('lists the checkpoints of a legacy sharded cluster, and none for a replica set', async () => {
      const c = client();
      const checkpoints = await c.listCheckpoints(P, C.legacy.id);
      assert.deepEqual(
        checkpoints.map((x) => [x.id, x.restorable]).sort(),
        [
          [CP.legacyRestorable, true],
          [CP.legacyNotRestorable, false],
        ].sort(),
      );
      assert.equal(checkpoints[0].parts?.length, 2);
      assert.deepEqual(await c.listCheckpoints(P, C.orders.id), []);
    });
  });

  describe('the point-in-time window', () => {
    it('comes from restorableTimeRanges where the server has it', async () => {
      const window = await client().getPointInTimeWindow(P, C.orders.id);
      assert.equal(window.source, 'restorableTimeRanges');
      assert.equal(pointInTimeStatus(window, Date.now() - 2 * HOUR), 'inside');
      assert.equal(pointInTimeStatus(window, Date.now() - 10 * HOUR), 'outside', 'before the oldest snapshot in it');
      assert.equal(window.source === 'restorableTimeRanges' && window.ranges[0].snapshotId, S.ordersKept);
    });

    it('falls back to the schedule (older server: 404), then to unknown (no backup configuration)', async () => {
      const c = client();
      const now = Date.now();
      const legacy = await c.getPointInTimeWindow(P, C.legacy.id, { now });
      assert.deepEqual(legacy, pitWindowFromSchedule(SAMPLE_BACKUP.legacyPitWindowHours, now));
      assert.equal(pointInTimeStatus(legacy, now - 47 * HOUR), 'inside');
      assert.equal(pointInTimeStatus(legacy, now - 49 * HOUR), 'outside');
      const staging = await c.getPointInTimeWindow(G.staging.id, C.staging.id);
      assert.equal(staging.source, 'unknown');
      assert.equal(pointInTimeStatus(staging, now - HOUR), 'unknown');
    });

    it('rejects when the server cannot be reached at all, instead of guessing', async () => {
      const c = client();
      sim.faults.add({ port: 'api', route: 'restorableTimeRanges', cutAfterBytes: 0 });
      await rejectsWith(c.getPointInTimeWindow(P, C.orders.id), 'network');
    });
  });

  describe('creating', () => {
    it('creates a download link from a snapshot: one POST, the body as documented, the job turns READY', async () => {
      const c = client();
      const created = await c.createRestoreJob(P, C.orders.id, http(S.ordersLatest, 3, 12));
      assert.equal(created.jobs.length, 1);
      assert.equal(created.batchId, undefined);
      const [job] = created.jobs;
      assert.equal(job.statusName, 'IN_PROGRESS');
      assert.equal(job.snapshotId, S.ordersLatest);
      assert.equal(job.delivery?.maxDownloads, 3);
      assert.equal(job.delivery?.expirationHours, 12);
      assert.equal(posts(), 1);
      await new Promise((r) => setTimeout(r, 250));
      const later = await c.getRestoreJob(P, C.orders.id, job.id);
      assert.equal(later.statusName, 'FINISHED');
      assert.equal(later.delivery?.statusName, 'READY');
      assert.match(later.delivery?.url ?? '', /\/backup\/restore\/v2\/pull\//);
    });

    it('a sharded cluster: one job per shard plus the config server, one batchId, found by listing the batch', async () => {
      const c = client();
      const created = await c.createRestoreJob(P, C.catalog.id, http(S.catalogLatest, 1, 6));
      assert.equal(created.jobs.length, 3, 'the POST answered one job; the batch list found all three');
      assert.ok(created.batchId !== undefined);
      assert.ok(created.jobs.every((j) => j.batchId === created.batchId));
      assert.ok(sim.log.some((e) => e.method === 'GET' && e.url.includes(`batchId=${created.batchId}`)));
      await new Promise((r) => setTimeout(r, 250));
      const batch = await c.listRestoreJobsInBatch(P, C.catalog.id, created.batchId);
      assert.deepEqual(batch.map((j) => j.id).sort(), created.jobs.map((j) => j.id).sort());
      const files = batch.map((j) => decodeURIComponent(j.delivery?.url?.split('/').pop() ?? '')).sort();
      assert.equal(files.filter((f) => f.startsWith('config-catalog_config-')).length, 1, files.join());
      assert.equal(files.filter((f) => /^catalog_shard_\d-/.test(f)).length, 2, files.join());
    });

    it('keeps the jobs the POST answered when listing the batch fails', async () => {
      const c = client();
      sim.faults.add({ port: 'api', method: 'GET', route: 'batchId=', status: 500 });
      const created = await c.createRestoreJob(P, C.catalog.id, http(S.catalogLatest));
      assert.equal(created.jobs.length, 1);
      assert.ok(created.batchListError instanceof OpsManagerError);
      assert.equal(posts(), 1);
    });

    it('an automated restore onto another cluster finishes without a download URL', async () => {
      const c = client();
      const created = await c.createRestoreJob(
        P,
        C.orders.id,
        automated({ kind: 'snapshot', snapshotId: S.ordersKept }),
      );
      const [job] = created.jobs;
      assert.equal(job.delivery?.methodName, 'AUTOMATED_RESTORE');
      assert.equal(job.delivery?.targetClusterId, C.staging.id);
      await new Promise((r) => setTimeout(r, 250));
      const later = await c.getRestoreJob(P, C.orders.id, job.id);
      assert.equal(later.statusName, 'FINISHED');
      assert.equal(later.delivery?.url, undefined);
    });

    it('a point in time, an oplog timestamp and a checkpoint, each by automated restore', async () => {
      const c = client();
      const window = await c.getPointInTimeWindow(P, C.orders.id);
      const pit = await c.createRestoreJob(
        P,
        C.orders.id,
        automated({ kind: 'pointInTime', pointInTimeUTCMillis: Date.now() - 2 * HOUR }),
        { check: { window } },
      );
      assert.equal(pit.jobs[0].pointInTime, true);
      const ts = Math.floor((Date.now() - 3 * HOUR) / 1000);
      const oplog = await c.createRestoreJob(P, C.orders.id, automated({ kind: 'oplog', oplogTs: ts, oplogInc: 2 }));
      assert.equal(oplog.jobs[0].timestamp?.date, new Date(ts * 1000).toISOString().replace('.000Z', 'Z'));
      const checkpoint = await c.createRestoreJob(
        P,
        C.legacy.id,
        automated({ kind: 'checkpoint', checkpointId: CP.legacyRestorable }),
      );
      assert.equal(checkpoint.jobs.length >= 1, true);
      assert.equal(posts(), 3);
    });

    it('accepts a single job object back as well as a list', () => {
      const single = parseCreatedJobs({ id: '5a66783b80eef5354c77ee16', statusName: 'IN_PROGRESS' });
      assert.deepEqual(
        single.map((j) => j.id),
        ['5a66783b80eef5354c77ee16'],
      );
      const list = parseCreatedJobs({ results: [{ id: '5a66783b80eef5354c77ee15' }], totalCount: 1, links: [] });
      assert.deepEqual(
        list.map((j) => j.id),
        ['5a66783b80eef5354c77ee15'],
      );
      assert.throws(
        () => parseCreatedJobs([]),
        (e) => e instanceof OpsManagerError && e.kind === 'parse',
      );
    });
  });

  describe('checks before sending (nothing reaches the server)', () => {
    const ctx: RestoreCheckContext = { groupId: P, clusterId: C.orders.id };
    const cases: Array<[string, CreateRestoreRequest, Partial<RestoreCheckContext>, string]> = [
      ['a malformed snapshot ID', http('snapshot-1'), {}, 'SNAPSHOT_ID_INVALID'],
      ['zero downloads', http(S.ordersLatest, 0), {}, 'MAX_DOWNLOADS_INVALID'],
      ['fractional downloads', http(S.ordersLatest, 1.5), {}, 'MAX_DOWNLOADS_INVALID'],
      [
        'expirationHours and expires together',
        {
          source: { kind: 'snapshot', snapshotId: S.ordersLatest },
          delivery: { methodName: 'HTTP', maxDownloads: 1, expirationHours: 2, expires: '2099-01-01T00:00:00Z' },
        },
        {},
        'EXPIRATION_CONFLICT',
      ],
      ['zero link hours', http(S.ordersLatest, 1, 0), {}, 'EXPIRATION_HOURS_INVALID'],
      [
        'an unreadable expires',
        {
          source: { kind: 'snapshot', snapshotId: S.ordersLatest },
          delivery: { methodName: 'HTTP', maxDownloads: 1, expires: 'tomorrow' },
        },
        {},
        'EXPIRES_INVALID',
      ],
      [
        'an expires in the past',
        {
          source: { kind: 'snapshot', snapshotId: S.ordersLatest },
          delivery: { methodName: 'HTTP', maxDownloads: 1, expires: '2001-01-01T00:00:00Z' },
        },
        {},
        'EXPIRES_IN_PAST',
      ],
      [
        'a point in time with a download link',
        {
          source: { kind: 'pointInTime', pointInTimeUTCMillis: Date.now() - HOUR },
          delivery: { methodName: 'HTTP', maxDownloads: 1 },
        },
        {},
        'SOURCE_NEEDS_AUTOMATED_RESTORE',
      ],
      [
        'a point in time in the future',
        automated({ kind: 'pointInTime', pointInTimeUTCMillis: Date.now() + HOUR }),
        {},
        'POINT_IN_TIME_IN_FUTURE',
      ],
      [
        'a fractional point in time',
        automated({ kind: 'pointInTime', pointInTimeUTCMillis: 1.5 }),
        {},
        'POINT_IN_TIME_INVALID',
      ],
      [
        'a point in time outside the window',
        automated({ kind: 'pointInTime', pointInTimeUTCMillis: Date.now() - 30 * HOUR }),
        { window: pitWindowFromSchedule(24, Date.now()) },
        'POINT_IN_TIME_OUTSIDE_WINDOW',
      ],
      ['an oplog ts of 0', automated({ kind: 'oplog', oplogTs: 0, oplogInc: 1 }), {}, 'OPLOG_TS_INVALID'],
      [
        'an oplog increment of 0',
        automated({ kind: 'oplog', oplogTs: 1_700_000_000, oplogInc: 0 }),
        {},
        'OPLOG_INC_INVALID',
      ],
      ['a malformed checkpoint ID', automated({ kind: 'checkpoint', checkpointId: 'x' }), {}, 'CHECKPOINT_ID_INVALID'],
      [
        'a checkpoint that is not restorable',
        automated({ kind: 'checkpoint', checkpointId: CP.legacyNotRestorable }),
        { checkpoint: { id: CP.legacyNotRestorable, restorable: false, extra: {} } },
        'CHECKPOINT_NOT_RESTORABLE',
      ],
      [
        'an incomplete snapshot',
        http(S.ordersInProgress),
        { snapshot: { id: S.ordersInProgress, complete: false, extra: {}, raw: {} } },
        'SNAPSHOT_INCOMPLETE',
      ],
      [
        'a link outliving its snapshot',
        http(S.stagingShortLived, 1, 5),
        {
          snapshot: {
            id: S.stagingShortLived,
            complete: true,
            expires: new Date(Date.now() + 3 * HOUR).toISOString(),
            extra: {},
            raw: {},
          } satisfies Snapshot,
        },
        'EXPIRES_AFTER_SNAPSHOT_DELETION',
      ],
      [
        'an automated restore onto its own source',
        automated({ kind: 'snapshot', snapshotId: S.ordersLatest }, C.orders.id, P),
        {},
        'TARGET_IS_SOURCE',
      ],
      [
        'a target cluster name instead of its ID',
        automated({ kind: 'snapshot', snapshotId: S.ordersLatest }, 'rs-staging'),
        {},
        'TARGET_CLUSTER_ID_INVALID',
      ],
      [
        'an unknown delivery method',
        { source: { kind: 'snapshot', snapshotId: S.ordersLatest }, delivery: JSON.parse('{"methodName":"SCP"}') },
        {},
        'DELIVERY_METHOD_INVALID',
      ],
      [
        'no source',
        { source: JSON.parse('{"kind":"nothing"}'), delivery: { methodName: 'HTTP', maxDownloads: 1 } },
        {},
        'SOURCE_MISSING',
      ],
    ];
    for (const [what, request, extra, code] of cases) {
      it(`refuses ${what} with ${code}`, async () => {
        assert.throws(
          () => validateRestoreRequest(request, { ...ctx, ...extra }),
          (e) => isRestoreProblem(e) && e.errorCode === code,
        );
        const err = await rejectsWith(
          client().createRestoreJob(ctx.groupId, ctx.clusterId, request, { check: extra }),
          { kind: 'invalid-input', errorCode: code },
        );
        assert.ok(Array.isArray(err.parameters));
        assert.equal(apiRequests(), 0, 'nothing was sent');
      });
    }
  });

  it('applies what it knows about a snapshot only to that snapshot', () => {
    const other: Snapshot = {
      id: S.stagingShortLived,
      complete: false,
      expires: new Date(Date.now() + HOUR).toISOString(),
      extra: {},
      raw: {},
    };
    assert.doesNotThrow(() =>
      validateRestoreRequest(http(S.ordersLatest, 1, 500), { groupId: P, clusterId: C.orders.id, snapshot: other }),
    );
  });

  describe("the server's refusals, each with its code", () => {
    const cases: Array<[string, () => [string, string, CreateRestoreRequest], number, string]> = [
      ['an unknown snapshot', () => [P, C.orders.id, http('0123456789abcdef01234567')], 404, 'SNAPSHOT_NOT_FOUND'],
      [
        'a deleted snapshot',
        () => [P, C.orders.id, http(S.ordersDeleted)],
        409,
        'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT',
      ],
      [
        'an incomplete snapshot',
        () => [P, C.catalog.id, http(S.catalogInProgress)],
        409,
        'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
      ],
      [
        'a point in time without a checkpoint',
        () => [P, C.orders.id, automated({ kind: 'pointInTime', pointInTimeUTCMillis: Date.now() - 20 * HOUR })],
        409,
        'NO_CHECKPOINT_FOR_PIT_RESTORE',
      ],
      [
        'a link that would outlive the snapshot',
        () => [G.staging.id, C.staging.id, http(S.stagingShortLived, 1, 5)],
        409,
        'LINK_EXPIRATION_AFTER_SNAPSHOT_DELETION',
      ],
      [
        'a target cluster that does not exist',
        () => [P, C.orders.id, automated({ kind: 'snapshot', snapshotId: S.ordersLatest }, '0123456789abcdef01234567')],
        404,
        'CLUSTER_NOT_FOUND',
      ],
      [
        'a checkpoint that is not restorable',
        () => [P, C.legacy.id, automated({ kind: 'checkpoint', checkpointId: CP.legacyNotRestorable })],
        404,
        'CHECKPOINT_NOT_FOUND',
      ],
    ];
    for (const [what, make, status, code] of cases) {
      it(`${what}: ${status} ${code}, sent once`, async () => {
        const [g, cl, req] = make();
        await rejectsWith(client().createRestoreJob(g, cl, req), { kind: 'http', status, errorCode: code });
        assert.equal(posts(), 1);
      });
    }

    it('the access list: 403 RESOURCE_REQUIRES_ACCESS_LIST creates nothing', async () => {
      const group = sim.data.groups.find((g) => g.id === P);
      assert.ok(group);
      const before = sim.data.jobs.length;
      group.createRequiresAccessList = true;
      try {
        await rejectsWith(client().createRestoreJob(P, C.orders.id, http(S.ordersLatest)), {
          status: 403,
          errorCode: 'RESOURCE_REQUIRES_ACCESS_LIST',
        });
      } finally {
        group.createRequiresAccessList = undefined;
      }
      assert.equal(sim.data.jobs.length, before);
    });
  });

  describe('a POST is never retried', () => {
    for (const status of [429, 500, 503]) {
      it(`answers ${status} after exactly one POST`, async () => {
        sim.faults.add({ port: 'api', method: 'POST', route: '/restoreJobs', status, retryAfter: 0 });
        await rejectsWith(client().createRestoreJob(P, C.orders.id, http(S.ordersLatest)), { kind: 'http', status });
        assert.equal(posts(), 1);
      });
    }

    it('a timeout after sending: RESTORE_OUTCOME_UNKNOWN (the job may exist), one POST', async () => {
      sim.faults.add({ port: 'api', method: 'POST', route: '/restoreJobs', latencyMs: 1500, times: 1 });
      const err = await rejectsWith(
        client({ timeouts: { headersMs: 300 } }).createRestoreJob(P, C.orders.id, http(S.ordersLatest)),
        { kind: 'timeout', errorCode: RESTORE_OUTCOME_UNKNOWN },
      );
      assert.match(err.message, /may have been created/);
      assert.equal(posts(), 1);
    });

    it('a connection cut after sending: RESTORE_OUTCOME_UNKNOWN, one POST', async () => {
      sim.faults.add({ port: 'api', method: 'POST', route: '/restoreJobs', cutAfterBytes: 0, times: 1 });
      await rejectsWith(client().createRestoreJob(P, C.orders.id, http(S.ordersLatest)), {
        kind: 'network',
        errorCode: RESTORE_OUTCOME_UNKNOWN,
      });
      assert.equal(posts(), 1);
    });

    it('a refused connection is a plain network error: nothing was sent', async () => {
      const port = await new Promise<number>((resolve) => {
        const srv = net.createServer();
        srv.listen(0, '127.0.0.1', () => {
          const p = (srv.address() as net.AddressInfo).port;
          srv.close(() => resolve(p));
        });
      });
      const err = await rejectsWith(
        client({ baseUrl: `http://127.0.0.1:${port}` }).createRestoreJob(P, C.orders.id, http(S.ordersLatest)),
        'network',
      );
      assert.notEqual(err.errorCode, RESTORE_OUTCOME_UNKNOWN);
    });
  });

  describe('the body', () => {
    it('spells every variant as documented', () => {
      assert.deepEqual(restoreJobBody(http(S.ordersLatest.toUpperCase(), 2, 6)), {
        snapshotId: S.ordersLatest,
        delivery: { methodName: 'HTTP', maxDownloads: 2, expirationHours: 6 },
      });
      assert.deepEqual(
        restoreJobBody({
          source: { kind: 'snapshot', snapshotId: S.ordersLatest },
          delivery: { methodName: 'HTTP', maxDownloads: 1, expires: '2030-01-01T00:00:00Z' },
        }).delivery,
        { methodName: 'HTTP', maxDownloads: 1, expires: '2030-01-01T00:00:00Z' },
      );
      const target = { methodName: 'AUTOMATED_RESTORE', targetGroupId: G.staging.id, targetClusterId: C.staging.id };
      assert.deepEqual(restoreJobBody(automated({ kind: 'pointInTime', pointInTimeUTCMillis: 1536610288000 })), {
        pointInTimeUTCMillis: 1536610288000,
        delivery: target,
      });
      assert.deepEqual(restoreJobBody(automated({ kind: 'oplog', oplogTs: 1536610288, oplogInc: 1 })), {
        oplogTs: '1536610288',
        oplogInc: 1,
        delivery: target,
      });
      assert.deepEqual(restoreJobBody(automated({ kind: 'checkpoint', checkpointId: CP.legacyRestorable })), {
        checkpointId: CP.legacyRestorable,
        delivery: target,
      });
    });
  });
});
