// The simulator's Ops Manager endpoints, paging, envelope/pretty, error bodies and sample data.
import * as assert from 'node:assert/strict';
import { RawDigestClient, type RawResponse } from '../../simulator/rawClient';
import { SAMPLE_BACKUP } from '../../simulator/sampleBackups';
import { BULK, generateBulkData, SAMPLE } from '../../simulator/sampleData';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';

type Json = Record<string, unknown>;

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(res: RawResponse): Json {
  const v: unknown = JSON.parse(res.text);
  assert.ok(isJson(v), `expected a JSON object, got ${res.text.slice(0, 200)}`);
  return v;
}

function results(body: Json): Json[] {
  assert.ok(Array.isArray(body.results), 'results should be an array');
  return body.results.filter(isJson);
}

function link(body: Json, rel: string): string | undefined {
  assert.ok(Array.isArray(body.links));
  const l = body.links.filter(isJson).find((x) => x.rel === rel);
  return typeof l?.href === 'string' ? l.href : undefined;
}

const P = SAMPLE.groups.production.id;
const ORDERS = SAMPLE.clusters.orders.id;

describe('simulator: Ops Manager API', () => {
  let sim: Simulator;
  let client: RawDigestClient;
  const get = (path: string): Promise<RawResponse> => client.request(sim.apiUrl + path);

  before(async () => {
    sim = await startSimulator({ archiveMb: 0.05 });
    client = new RawDigestClient(sim.user, sim.key, { reuse: true });
  });
  after(() => sim.close());

  it('answers the API root with the version header', async () => {
    const res = await get('');
    assert.equal(res.status, 200);
    assert.match(
      String(res.headers['x-mongodb-service-version']),
      /^gitHash=[0-9a-f]{40}; versionString=\d+\.\d+\.\d+/,
    );
    const body = obj(res);
    assert.equal(body.appName, 'MongoDB Public API');
    assert.equal(link(body, 'self'), sim.apiUrl);
    assert.equal((await get('/')).status, 200);
  });

  it('lists the groups the user belongs to, with absolute links, hiding the NOT_IN_GROUP one', async () => {
    const body = obj(await get('/groups'));
    const ids = results(body).map((g) => g.id);
    assert.deepEqual(
      ids.sort(),
      [
        SAMPLE.groups.production.id,
        SAMPLE.groups.staging.id,
        SAMPLE.groups.sandbox.id,
        SAMPLE.groups.restricted.id,
      ].sort(),
    );
    assert.equal(body.totalCount, 4);
    assert.equal(link(body, 'self'), `${sim.apiUrl}/groups?pageNum=1&itemsPerPage=100`);
    assert.equal(link(body, 'next'), undefined);
    const one = obj(await get(`/groups/${P}`));
    assert.equal(one.name, 'Production');
    assert.equal(one.orgId, '5f2b3c4d5e6f708192a3b400');
  });

  it('pages with pageNum/itemsPerPage: next links walk every item exactly once', async () => {
    const seen: unknown[] = [];
    let url: string | undefined = `${sim.apiUrl}/groups/${P}/clusters/${ORDERS}/restoreJobs?itemsPerPage=5&pretty=true`;
    const pages: Json[] = [];
    while (url !== undefined) {
      const res = await client.request(url);
      assert.equal(res.status, 200);
      const body = obj(res);
      pages.push(body);
      seen.push(...results(body).map((j) => j.id));
      url = link(body, 'next');
      assert.ok(pages.length < 10, 'paging does not end');
      if (url) assert.match(url, /pretty=true/, 'links keep the other query parameters');
    }
    assert.equal(pages.length, 3);
    assert.equal(pages[0].totalCount, 13);
    assert.equal(new Set(seen).size, 13);
    assert.equal(seen.length, 13);
    assert.equal(link(pages[0], 'previous'), undefined);
    assert.match(link(pages[1], 'previous') ?? '', /pageNum=1&itemsPerPage=5/);
    assert.equal(results(pages[2]).length, 3);
    const beyond = obj(await get(`/groups/${P}/clusters/${ORDERS}/restoreJobs?pageNum=9&itemsPerPage=5`));
    assert.deepEqual(beyond.results, []);
    assert.equal(beyond.totalCount, 13);
  });

  it('refuses itemsPerPage above 500, zero or non-numeric paging values', async () => {
    assert.equal((await get('/groups?itemsPerPage=500')).status, 200);
    for (const q of ['itemsPerPage=501', 'itemsPerPage=0', 'pageNum=0', 'pageNum=abc', 'itemsPerPage=-1']) {
      const res = await get(`/groups?${q}`);
      assert.equal(res.status, 400, q);
      assert.equal(obj(res).errorCode, 'INVALID_QUERY_PARAMETER');
    }
  });

  it('lists clusters of every typeName; shards and the config replica set carry the parent name', async () => {
    const clusters = results(obj(await get(`/groups/${P}/clusters`)));
    const types = new Set(clusters.map((c) => c.typeName));
    for (const t of ['REPLICA_SET', 'SHARDED', 'SHARDED_REPLICA_SET', 'CONFIG_SERVER_REPLICA_SET'])
      assert.ok(types.has(t), t);
    const parts = clusters.filter((c) => c.clusterName === 'catalog');
    assert.equal(parts.length, 4);
    const shards = parts.filter((c) => typeof c.shardName === 'string');
    assert.deepEqual(shards.map((c) => c.shardName).sort(), ['catalog_shard_0', 'catalog_shard_1']);
    assert.ok(parts.some((c) => c.typeName === 'CONFIG_SERVER_REPLICA_SET'));
    const one = obj(await get(`/groups/${P}/clusters/${ORDERS}`));
    assert.equal(one.clusterName, 'rs-orders');
    assert.equal(one.replicaSetName, 'rs-orders');
  });

  it('returns restore jobs unsorted, with distinct created dates and every status', async () => {
    const jobs = results(obj(await get(`/groups/${P}/clusters/${ORDERS}/restoreJobs`)));
    const created = jobs.map((j) => String(j.created));
    assert.equal(new Set(created).size, created.length);
    const asc = [...created].sort();
    assert.notDeepEqual(created, asc, 'must not come sorted oldest first');
    assert.notDeepEqual(created, [...asc].reverse(), 'must not come sorted newest first');
    const all = [
      ...jobs,
      ...results(obj(await get(`/groups/${P}/clusters/${SAMPLE.clusters.catalog.id}/restoreJobs`))),
    ];
    const statuses = new Set(all.map((j) => j.statusName));
    for (const s of ['FINISHED', 'IN_PROGRESS', 'BROKEN', 'KILLED']) assert.ok(statuses.has(s), s);
    const delivery = new Set(all.map((j) => (isJson(j.delivery) ? j.delivery.statusName : undefined)));
    for (const s of [
      'NOT_STARTED',
      'IN_PROGRESS',
      'READY',
      'FAILED',
      'INTERRUPTED',
      'EXPIRED',
      'MAX_DOWNLOADS_EXCEEDED',
    ])
      assert.ok(delivery.has(s), s);
  });

  it('serves the special jobs: encrypted, point in time, hashes, unknown fields, sharded batch', async () => {
    const job = async (ref: { id: string; clusterId: string }): Promise<Json> =>
      obj(await get(`/groups/${P}/clusters/${ref.clusterId}/restoreJobs/${ref.id}`));
    const enc = await job(SAMPLE.jobs.encrypted);
    assert.equal(enc.encryptionEnabled, true);
    assert.equal(enc.masterKeyUUID, '8c1d5f2e-4b7a-4e39-9f06-2a5c7d3e1b90');
    const pit = await job(SAMPLE.jobs.pointInTime);
    assert.equal(pit.pointInTime, true);
    assert.ok(isJson(pit.delivery) && pit.delivery.maxDownloads === 2147483647);
    const exceeded = await job(SAMPLE.jobs.maxDownloadsExceeded);
    assert.ok(Array.isArray(exceeded.hashes) && exceeded.hashes.length === 1);
    assert.match(JSON.stringify(exceeded.hashes), /"typeName":"SHA1"/);
    const unknown = await job(SAMPLE.jobs.unknownFields);
    assert.equal(unknown.statusName, 'QUEUED');
    assert.equal(unknown.restoreSpeedTier, 'STANDARD');
    assert.ok(isJson(unknown.timestamp) && unknown.timestamp.increment === '7');
    assert.ok(isJson(unknown.delivery) && unknown.delivery.transferEncryption === 'TLS1_3');
    const sharded = await job(SAMPLE.jobs.sharded);
    const config = await job(SAMPLE.jobs.shardedConfig);
    assert.equal(sharded.batchId, SAMPLE.batchIds.catalog);
    assert.equal(config.batchId, SAMPLE.batchIds.catalog);
    const expired = await job(SAMPLE.jobs.expired);
    assert.ok(isJson(expired.delivery));
    assert.equal(expired.delivery.statusName, 'EXPIRED');
    assert.ok(Date.parse(String(expired.delivery.expires)) < Date.now());
    const ready = await job(SAMPLE.jobs.ready);
    assert.ok(isJson(ready.delivery));
    assert.ok(Date.parse(String(ready.delivery.expires)) > Date.now());
    assert.match(
      String(ready.delivery.url),
      /^http:\/\/127\.0\.0\.1:\d+\/backup\/restore\/v2\/pull\/65e0f1a2b3c4d5e6f7a8b901\/\d+\/rs-orders-\d+-65e0f1a2b3c4d5e6f7a8b901\.tar\.gz$/,
    );
    assert.equal(ready.hashes, undefined, 'no hashes before a download');
    const v2 = await job(SAMPLE.jobs.readyV2);
    assert.ok(isJson(v2.delivery));
    assert.equal(v2.delivery.authHeader, 'Authorization');
    assert.equal(v2.delivery.authBearer, 'Bearer');
    assert.equal(typeof v2.delivery.authValue, 'string');
    assert.match(String(v2.delivery.urlV2), /^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('serves SCCC config-server restore jobs under hosts/{HOST}: hostId, no clusterId', async () => {
    const h = SAMPLE.hosts.legacyConfig.id;
    const list = results(obj(await get(`/groups/${P}/hosts/${h}/restoreJobs`)));
    assert.deepEqual(
      list.map((j) => j.id),
      [SAMPLE.jobs.sccc.id],
    );
    const one = obj(await get(`/groups/${P}/hosts/${h}/restoreJobs/${SAMPLE.jobs.sccc.id}`));
    assert.equal(one.hostId, h);
    assert.equal('clusterId' in one, false);
    assert.equal(
      obj(await get(`/groups/${P}/hosts/${h}/restoreJobs/${SAMPLE.jobs.ready.id}`)).errorCode,
      'CONFIG_RESTORE_JOB_NOT_FOUND',
    );
  });

  it('answers Ops Manager error bodies for bad IDs, names, and forbidden groups', async () => {
    const cases: [string, number, string][] = [
      [`/groups/${P}/clusters/${ORDERS}/restoreJobs/65e0f1a2b3c4d5e6f7a8ffff`, 404, 'RESTORE_JOB_NOT_FOUND'],
      [`/groups/${P}/clusters/${ORDERS}/restoreJobs/not-an-id`, 404, 'INVALID_JOB_ID'],
      [
        `/groups/${P}/clusters/${SAMPLE.clusters.catalog.id}/restoreJobs/${SAMPLE.jobs.ready.id}`,
        404,
        'RESTORE_JOB_NOT_FOUND',
      ],
      [`/groups/${P}/clusters/rs-orders/restoreJobs`, 404, 'INVALID_CLUSTER_ID'],
      [`/groups/${P}/clusters/60a1b2c3d4e5f60718290000`, 404, 'CLUSTER_NOT_FOUND'],
      [`/groups/5f2b3c4d5e6f708192a30000`, 404, 'GROUP_NOT_FOUND'],
      [`/groups/${SAMPLE.groups.notInGroup.id}/clusters`, 401, 'NOT_IN_GROUP'],
      [
        `/groups/${SAMPLE.groups.restricted.id}/clusters/${SAMPLE.clusters.restricted.id}/restoreJobs`,
        403,
        'IP_ADDRESS_NOT_ON_WHITELIST',
      ],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      assert.equal(res.status, status, path);
      const body = obj(res);
      assert.equal(body.errorCode, code, path);
      assert.equal(body.error, status);
      assert.equal(typeof body.detail, 'string');
      assert.equal(typeof body.reason, 'string');
      assert.ok(Array.isArray(body.parameters));
      if (status === 401)
        assert.equal(res.headers['www-authenticate'], undefined, 'an authenticated 401 is not a challenge');
    }
    const empty = obj(
      await get(`/groups/${SAMPLE.groups.staging.id}/clusters/${SAMPLE.clusters.stagingEmpty.id}/restoreJobs`),
    );
    assert.deepEqual([empty.results, empty.totalCount], [[], 0]);
    assert.deepEqual(obj(await get(`/groups/${SAMPLE.groups.sandbox.id}/clusters`)).results, []);
  });

  it('wraps answers with envelope=true (lists keep results and gain status) and indents with pretty=true', async () => {
    const one = await get(`/groups/${P}?envelope=true`);
    assert.equal(one.status, 200);
    const b1 = obj(one);
    assert.equal(b1.status, 200);
    assert.ok(isJson(b1.content) && b1.content.id === P);
    const list = obj(await get(`/groups?envelope=true`));
    assert.equal(list.status, 200);
    assert.equal(results(list).length, 4);
    const missing = await get(`/groups/${P}/clusters/${ORDERS}/restoreJobs/65e0f1a2b3c4d5e6f7a8ffff?envelope=true`);
    assert.equal(missing.status, 200, 'the envelope carries the status for clients that cannot read it');
    const b2 = obj(missing);
    assert.equal(b2.status, 404);
    assert.ok(isJson(b2.content) && b2.content.errorCode === 'RESTORE_JOB_NOT_FOUND');
    const pretty = await get(`/groups/${P}?pretty=true`);
    assert.match(pretty.text, /\n {2}"id": /);
    assert.deepEqual(obj(pretty), obj(await get(`/groups/${P}`)));
  });

  it('uses the "envelope" key when told to', async () => {
    const s = await startSimulator({ envelopeKey: 'envelope' });
    try {
      const body = obj(await new RawDigestClient(s.user, s.key).request(`${s.apiUrl}/groups/${P}?envelope=true`));
      assert.ok(isJson(body.envelope) && body.envelope.id === P);
      assert.equal('content' in body, false);
    } finally {
      await s.close();
    }
  });

  it('creates a restore job by POST, answering a list with the new IN_PROGRESS job', async () => {
    const url = `${sim.apiUrl}/groups/${P}/clusters/${ORDERS}/restoreJobs`;
    const body = JSON.stringify({
      snapshotId: SAMPLE_BACKUP.snapshots.ordersLatest,
      delivery: { methodName: 'HTTP', maxDownloads: 2, expirationHours: 6 },
    });
    const res = await client.request(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 200);
    const list = obj(res);
    assert.equal(list.totalCount, 1);
    const [job] = results(list);
    assert.equal(job.statusName, 'IN_PROGRESS');
    assert.equal(job.snapshotId, SAMPLE_BACKUP.snapshots.ordersLatest);
    assert.match(String(job.id), /^[0-9a-f]{24}$/);
    assert.equal(obj(await get(`/groups/${P}/clusters/${ORDERS}/restoreJobs/${String(job.id)}`)).id, job.id);
    const bad = async (text: string, code: string): Promise<void> => {
      const r = await client.request(url, { method: 'POST', body: text });
      assert.equal(r.status, 400, text);
      assert.equal(obj(r).errorCode, code, text);
    };
    await bad('{not json', 'INVALID_JSON');
    await bad('{"delivery":{"methodName":"HTTP"}}', 'MISSING_ATTRIBUTE');
    await bad(
      `{"snapshotId":"${SAMPLE_BACKUP.snapshots.ordersLatest}","delivery":{"methodName":"CARRIER_PIGEON"}}`,
      'INVALID_ATTRIBUTE',
    );
    const del = await client.request(`${url}/${String(job.id)}`, { method: 'DELETE' });
    assert.equal(del.status, 405);
  });
});

describe('simulator: IN_PROGRESS jobs finish by themselves', () => {
  it('turns IN_PROGRESS into FINISHED / READY progressAfterMs after the job is first served', async () => {
    const sim = await startSimulator({ progressAfterMs: 300 });
    try {
      const c = new RawDigestClient(sim.user, sim.key, { reuse: true });
      const url = sim.jobUrl(SAMPLE.jobs.inProgress.id);
      await new Promise((r) => setTimeout(r, 350)); // the clock starts at the first request, not at start-up
      const before = obj(await c.request(url));
      assert.equal(before.statusName, 'IN_PROGRESS');
      assert.ok(isJson(before.delivery));
      assert.equal(before.delivery.statusName, 'IN_PROGRESS');
      assert.equal(before.delivery.url, undefined, 'no URL before the archive is ready');
      await new Promise((r) => setTimeout(r, 350));
      const after = obj(await c.request(url));
      assert.equal(after.statusName, 'FINISHED');
      assert.ok(isJson(after.delivery));
      assert.equal(after.delivery.statusName, 'READY');
      assert.match(String(after.delivery.url), /^http:\/\/127\.0\.0\.1:\d+\/backup\/restore\/v2\/pull\//);
      assert.ok(Date.parse(String(after.delivery.expires)) > Date.now());
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: bulk data for benchmarks', () => {
  const shape = { groups: 200, clustersPerGroup: 25, jobsPerCluster: 20 };

  it('generates deterministic IDs', () => {
    const small = { groups: 3, clustersPerGroup: 4, jobsPerCluster: 5 };
    const a = generateBulkData(small, 1_700_000_000_000);
    const b = generateBulkData(small, 1_700_000_000_000);
    assert.deepEqual(a, b);
    assert.equal(a.groups[2].id, BULK.groupId(2));
    assert.equal(a.clusters[4 + 3].id, BULK.clusterId(1, 3, small));
    assert.equal(a.jobs[(4 + 3) * 5 + 2].id, BULK.jobId(1, 3, 2, small));
  });

  it('serves 200 × 25 × 20 with paging: 200 groups in pages of 100, 20 jobs of one cluster', async () => {
    const data = generateBulkData(shape);
    assert.deepEqual([data.groups.length, data.clusters.length, data.jobs.length], [200, 5000, 100_000]);
    assert.equal(new Set(data.jobs.map((j) => j.id)).size, 100_000);
    const sim = await startSimulator({ data });
    try {
      const c = new RawDigestClient(sim.user, sim.key, { reuse: true });
      const first = obj(await c.request(`${sim.apiUrl}/groups`));
      assert.equal(first.totalCount, 200);
      assert.equal(results(first).length, 100);
      const second = obj(await c.request(link(first, 'next') ?? ''));
      assert.equal(results(second).length, 100);
      assert.equal(link(second, 'next'), undefined);
      const jobs = obj(
        await c.request(
          `${sim.apiUrl}/groups/${BULK.groupId(150)}/clusters/${BULK.clusterId(150, 24, shape)}/restoreJobs`,
        ),
      );
      assert.equal(jobs.totalCount, 20);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator: options', () => {
  it('answers every request 403 IP_ADDRESS_NOT_ON_WHITELIST with ipAccessListDenied', async () => {
    const options: SimulatorOptions = { ipAccessListDenied: true };
    const sim = await startSimulator(options);
    try {
      const res = await new RawDigestClient(sim.user, sim.key).request(`${sim.apiUrl}/groups`);
      assert.equal(res.status, 403);
      assert.equal(obj(res).errorCode, 'IP_ADDRESS_NOT_ON_WHITELIST');
    } finally {
      await sim.close();
    }
  });

  it('has hostile jobs only when asked', async () => {
    const plain = await startSimulator();
    const hostile = await startSimulator({ hostile: true });
    try {
      assert.equal(plain.job(SAMPLE.jobs.hostile.id), undefined);
      const c = new RawDigestClient(hostile.user, hostile.key);
      const job = obj(await c.request(hostile.jobUrl(SAMPLE.jobs.hostile.id)));
      assert.equal(job.snapshotId, '<script>alert(1)</script>');
      assert.ok(isJson(job.delivery));
      assert.match(String(job.delivery.url), /^javascript:/);
      assert.match(hostile.deliveryUrl(SAMPLE.jobs.hostileFileName.id) ?? '', /\/\.\.%2F\.\.%2F\.bashrc%0A$/);
    } finally {
      await Promise.all([plain.close(), hostile.close()]);
    }
  });
});

describe('simulator: snapshots, PIT window and creating restore jobs (raw HTTP)', () => {
  let sim: Simulator;
  let client: RawDigestClient;
  const S = SAMPLE_BACKUP.snapshots;
  const CATALOG = SAMPLE.clusters.catalog.id;
  const jobsUrl = (cluster: string): string => `${sim.apiUrl}/groups/${P}/clusters/${cluster}/restoreJobs`;
  const post = (cluster: string, body: unknown): Promise<RawResponse> =>
    client.request(jobsUrl(cluster), { method: 'POST', body: JSON.stringify(body) });

  before(async () => {
    sim = await startSimulator();
    client = new RawDigestClient(sim.user, sim.key, { reuse: true });
  });
  after(async () => {
    await sim.close();
  });

  it('hides incomplete snapshots unless completed=false or all, and pages them', async () => {
    const list = async (query: string): Promise<unknown[]> =>
      results(obj(await client.request(`${sim.apiUrl}/groups/${P}/clusters/${ORDERS}/snapshots${query}`))).map(
        (s) => s.id,
      );
    assert.equal((await list('')).includes(S.ordersInProgress), false);
    assert.deepEqual(await list('?completed=false'), [S.ordersInProgress]);
    assert.equal((await list('?completed=all')).length, 4);
    assert.equal((await list('?completed=all&itemsPerPage=1&pageNum=2')).length, 1);
    const bad = await client.request(`${sim.apiUrl}/groups/${P}/clusters/${ORDERS}/snapshots?completed=maybe`);
    assert.equal(bad.status, 400);
  });

  it('answers restorableTimeRanges as a bare array, and 404 where the server is "older"', async () => {
    const ranges: unknown = JSON.parse(
      (await client.request(`${jobsUrl(ORDERS)}/restorableTimeRanges`, { method: 'POST' })).text,
    );
    assert.ok(Array.isArray(ranges) && ranges.length === 1);
    const legacy = await client.request(`${jobsUrl(SAMPLE.clusters.legacy.id)}/restorableTimeRanges`, {
      method: 'POST',
    });
    assert.equal(legacy.status, 404);
    const schedule = obj(
      await client.request(`${sim.apiUrl}/groups/${P}/backupConfigs/${SAMPLE.clusters.legacy.id}/snapshotSchedule`),
    );
    assert.equal(schedule.pointInTimeWindowHours, SAMPLE_BACKUP.legacyPitWindowHours);
  });

  it('accepts the documented quoted numbers and the checkPointId spelling', async () => {
    const quoted = await post(ORDERS, {
      snapshotId: S.ordersLatest,
      delivery: { methodName: 'HTTP', maxDownloads: '1', expirationHours: '1' },
    });
    assert.equal(quoted.status, 200, quoted.text);
    const target = { methodName: 'AUTOMATED_RESTORE', targetGroupId: P, targetClusterId: CATALOG };
    const oplog = await post(ORDERS, {
      oplogTs: String(Math.floor(Date.now() / 1000) - 3600),
      oplogInc: '1',
      delivery: target,
    });
    assert.equal(oplog.status, 200, oplog.text);
    const checkpoint = await post(SAMPLE.clusters.legacy.id, {
      checkPointId: SAMPLE_BACKUP.checkpoints.legacyRestorable,
      delivery: { ...target, targetClusterId: ORDERS },
    });
    assert.equal(checkpoint.status, 200, checkpoint.text);
  });

  it('refuses as Ops Manager does: unknown fields, two sources, HTTP for a point in time, both expiries', async () => {
    const refuse = async (cluster: string, body: unknown, status: number, code: string): Promise<void> => {
      const res = await post(cluster, body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(obj(res).errorCode, code, JSON.stringify(body));
    };
    const http = { methodName: 'HTTP', maxDownloads: 1 };
    await refuse(ORDERS, { snapshotId: S.ordersLatest, delivery: http, pointInTime: true }, 400, 'INVALID_ATTRIBUTE');
    await refuse(
      ORDERS,
      { snapshotId: S.ordersLatest, pointInTimeUTCMillis: Date.now(), delivery: http },
      400,
      'INVALID_ATTRIBUTE',
    );
    await refuse(
      ORDERS,
      { pointInTimeUTCMillis: Date.now() - 3_600_000, delivery: http },
      400,
      'UNSUPPORTED_DELIVERY_METHOD',
    );
    await refuse(
      ORDERS,
      { snapshotId: S.ordersLatest, delivery: { ...http, expirationHours: 1, expires: '2099-01-01T00:00:00Z' } },
      400,
      'INVALID_ATTRIBUTE',
    );
    await refuse(ORDERS, { snapshotId: S.ordersLatest, delivery: { methodName: 'HTTP' } }, 400, 'MISSING_ATTRIBUTE');
    await refuse(
      ORDERS,
      { snapshotId: S.ordersLatest, delivery: { ...http, maxDownloads: 0 } },
      400,
      'ATTRIBUTE_NEGATIVE_OR_ZERO',
    );
    await refuse(
      ORDERS,
      { snapshotId: S.ordersLatest, delivery: { methodName: 'AUTOMATED_RESTORE', targetGroupId: P } },
      400,
      'MISSING_ATTRIBUTE',
    );
  });

  it('a sharded create: one job per shard and the config server, one batchId, listed by ?batchId=', async () => {
    const res = await post(CATALOG, { snapshotId: S.catalogLatest, delivery: { methodName: 'HTTP', maxDownloads: 1 } });
    const [first] = results(obj(res));
    const batchId = String(first.batchId);
    const batch = results(obj(await client.request(`${jobsUrl(CATALOG)}?batchId=${batchId}`)));
    assert.equal(batch.length, 3);
    assert.ok(batch.every((j) => j.batchId === batchId && j.clusterId === CATALOG));
    const all = results(obj(await client.request(jobsUrl(CATALOG))));
    assert.ok(all.length > batch.length, 'without the filter, the older jobs are listed too');
  });
});
