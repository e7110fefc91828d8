import * as assert from 'node:assert/strict';
import { OpsManagerClient, type ClientOptions } from '../../../../src/opsManager/api/client';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { say } from '../../support/say';
import type { RequestLogEntry } from '../../../../src/opsManager/http/http';
import { SAMPLE } from '../../../simulator/sampleData';
import { SIM_VERSION, startSimulator, type Simulator } from '../../../simulator/server';
import { rejectsWith } from '../../support/rejectsWith';

const J = SAMPLE.jobs;
const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const MISSING_ID = '0123456789abcdef01234567';

describe('client: against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const clients: OpsManagerClient[] = [];

  function client(overrides: Partial<ClientOptions> = {}): OpsManagerClient {
    const c = new OpsManagerClient({ baseUrl: sim.baseUrl, username: sim.user, apiKey: sim.key, ...overrides });
    clients.push(c);
    return c;
  }
  const apiRequests = (): number => sim.log.filter((e) => e.port === 'api').length;

  before(async () => {
    sim = await startSimulator();
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

  it('getRoot reads the app name and the X-MongoDB-Service-Version header', async () => {
    const root = await client().getRoot();
    assert.equal(root.appName, 'MongoDB Public API');
    assert.equal(root.versionString, SIM_VERSION.versionString);
    assert.equal(root.gitHash, SIM_VERSION.gitHash);
    assert.deepEqual(root.extra, { throttling: false });
    assert.equal(sim.log[sim.log.length - 1].url, '/api/public/v1.0');
  });

  it('listGroups follows paging to the end, one request per page', async () => {
    const visible = sim.data.groups.filter((g) => g.access !== 'NOT_IN_GROUP').map((g) => g.id);
    assert.ok(visible.length >= 3, 'the sample has several groups');
    const pages: number[] = [];
    const groups = await client().listGroups({ itemsPerPage: 1, onPage: (items) => void pages.push(items.length) });
    assert.deepEqual(
      groups.map((g) => g.id),
      visible,
    );
    assert.deepEqual(
      pages,
      visible.map(() => 1),
    );
    const groupPages = sim.log.filter((e) => e.port === 'api' && e.status === 200 && e.url.includes('/groups?'));
    assert.equal(groupPages.length, visible.length);
    const production = groups.find((g) => g.id === G.production.id);
    assert.equal(production?.name, G.production.name);
  });

  it('listGroups stops at maxItems and when onPage returns false', async () => {
    const c = client();
    const capped = await c.listGroups({ itemsPerPage: 1, maxItems: 2 });
    assert.equal(capped.length, 2);
    assert.equal(sim.log.filter((e) => e.status === 200).length, 2, 'no page fetched beyond the cap');

    sim.clearLog();
    const cappedMidPage = await c.listGroups({ itemsPerPage: 3, maxItems: 2 });
    assert.equal(cappedMidPage.length, 2);
    assert.equal(sim.log.length, 1);

    sim.clearLog();
    const seen: string[] = [];
    const stopped = await c.listGroups({
      itemsPerPage: 2,
      onPage: (items) => {
        seen.push(...items.map((g) => g.id));
        return false;
      },
    });
    assert.equal(stopped.length, 2);
    assert.deepEqual(
      seen,
      stopped.map((g) => g.id),
    );
    assert.equal(sim.log.length, 1, 'one page only');
  });

  it('listClusters lists the sharded cluster, its shards and config servers', async () => {
    const clusters = await client().listClusters(G.production.id, { itemsPerPage: 2 });
    const expected = sim.data.clusters.filter((c) => c.groupId === G.production.id).map((c) => c.id);
    assert.deepEqual(
      clusters.map((c) => c.id),
      expected,
    );
    const types = new Set(clusters.map((c) => c.typeName));
    for (const t of ['REPLICA_SET', 'SHARDED_REPLICA_SET', 'CONFIG_SERVER_REPLICA_SET', 'SHARDED']) {
      assert.ok(types.has(t), t);
    }
    assert.deepEqual(await client().listClusters(G.sandbox.id), []);
  });

  it('listRestoreJobs returns every job of the cluster, newest first, whatever the page size', async () => {
    const expected = sim.data.jobs.filter((j) => j.clusterId === C.orders.id).map((j) => j.id);
    for (const itemsPerPage of [100, 3]) {
      const jobs = await client().listRestoreJobs(C.orders.groupId, C.orders.id, { itemsPerPage });
      assert.deepEqual(new Set(jobs.map((j) => j.id)), new Set(expected));
      assert.equal(jobs.length, expected.length);
      const times = jobs.map((j) => Date.parse(j.created ?? ''));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );
    }
    assert.notDeepEqual(
      expected,
      (await client().listRestoreJobs(C.orders.groupId, C.orders.id)).map((j) => j.id),
      'the server order is not newest first, so the client really sorted',
    );
  });

  it('getRestoreJob returns every field; unknown fields and enum values are kept', async () => {
    const c = client();
    const ready = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
    assert.equal(ready.id, J.ready.id);
    assert.equal(ready.groupId, J.ready.groupId);
    assert.equal(ready.clusterId, J.ready.clusterId);
    assert.equal(ready.statusName, 'FINISHED');
    assert.equal(ready.delivery?.statusName, 'READY');
    assert.equal(ready.delivery?.methodName, 'HTTP');
    assert.equal(ready.delivery?.maxDownloads, 3);
    assert.ok(ready.delivery?.url?.startsWith(sim.backupUrl), ready.delivery?.url);
    assert.equal(ready.raw.id, J.ready.id);

    const odd = await c.getRestoreJob(J.unknownFields.groupId, J.unknownFields.clusterId, J.unknownFields.id);
    assert.equal(odd.statusName, 'QUEUED');
    assert.equal(odd.timestamp?.increment, '7');
    assert.deepEqual(odd.extra, { restoreSpeedTier: 'STANDARD', sourceRegion: { name: 'eu-west-1', priority: 2 } });
    assert.deepEqual(odd.delivery?.extra, { transferEncryption: 'TLS1_3' });

    const v2 = await c.getRestoreJob(J.readyV2.groupId, J.readyV2.clusterId, J.readyV2.id);
    assert.equal(v2.delivery?.authHeader, 'Authorization');
    assert.equal(v2.delivery?.authBearer, 'Bearer');
    assert.ok(v2.delivery?.urlV2 !== undefined);

    const sharded = await c.getRestoreJob(J.sharded.groupId, J.sharded.clusterId, J.sharded.id);
    assert.equal(sharded.batchId, SAMPLE.batchIds.catalog);
    const encrypted = await c.getRestoreJob(J.encrypted.groupId, J.encrypted.clusterId, J.encrypted.id);
    assert.equal(encrypted.encryptionEnabled, true);
    assert.ok(encrypted.masterKeyUUID !== undefined);
    const hashed = await c.getRestoreJob(
      J.maxDownloadsExceeded.groupId,
      J.maxDownloadsExceeded.clusterId,
      J.maxDownloadsExceeded.id,
    );
    assert.equal(hashed.hashes?.[0].typeName, 'SHA1');
    assert.match(hashed.hashes?.[0].hash ?? '', /^[0-9a-f]{40}$/);
  });

  it('config server (SCCC) variants: list and get by host ID', async () => {
    const c = client();
    const host = SAMPLE.hosts.legacyConfig;
    const jobs = await c.listConfigServerRestoreJobs(host.groupId, host.id);
    assert.ok(jobs.some((j) => j.id === J.sccc.id));
    const job = await c.getConfigServerRestoreJob(host.groupId, host.id, J.sccc.id);
    assert.equal(job.hostId, host.id);
    assert.equal(job.clusterId, undefined);
    assert.ok(
      sim.log.some((e) =>
        e.url.startsWith(`/api/public/v1.0/groups/${host.groupId}/hosts/${host.id}/restoreJobs/${J.sccc.id}`),
      ),
    );
  });

  it('envelope=true: unwraps single resources and lists, and judges errors by the enveloped status', async () => {
    const c = client({ envelope: true, pretty: true });
    const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
    assert.equal(job.id, J.ready.id);
    assert.equal(job.extra.status, undefined);
    const groups = await c.listGroups({ itemsPerPage: 2 });
    assert.ok(groups.length >= 3);
    const error = await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, MISSING_ID), {
      kind: 'http',
      status: 404,
      errorCode: 'RESTORE_JOB_NOT_FOUND',
    });
    assert.match(
      say(error),
      new RegExp(`^Restore job ${MISSING_ID} was not found in group ${J.ready.groupId} / cluster ${J.ready.clusterId}`),
    );
    const authorized = sim.log.filter((e) => e.authorization !== undefined);
    assert.ok(authorized.length > 0);
    for (const e of authorized) {
      assert.match(e.url, /[?&]envelope=true/);
      assert.match(e.url, /[?&]pretty=true/);
    }
  });

  it('envelope=true with the {status, envelope} wrapper of newer documentation', async () => {
    const other = await startSimulator({ envelopeKey: 'envelope' });
    const c = new OpsManagerClient({ baseUrl: other.baseUrl, username: other.user, apiKey: other.key, envelope: true });
    try {
      const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
      assert.equal(job.id, J.ready.id);
      assert.equal(
        (await c.listClusters(G.production.id, { itemsPerPage: 2 })).length,
        sim.data.clusters.filter((x) => x.groupId === G.production.id).length,
      );
      await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, MISSING_ID), {
        status: 404,
        errorCode: 'RESTORE_JOB_NOT_FOUND',
      });
      await rejectsWith(c.listClusters(G.notInGroup.id), { status: 401, errorCode: 'NOT_IN_GROUP' });
    } finally {
      await c.close();
      await other.close();
    }
  });

  it('an older server refusing itemsPerPage above 100: the list is asked again with 100', async () => {
    const old = await startSimulator({ maxItemsPerPage: 100 });
    const c = new OpsManagerClient({ baseUrl: old.baseUrl, username: old.user, apiKey: old.key });
    try {
      const jobs = await c.listRestoreJobs(C.orders.groupId, C.orders.id, { itemsPerPage: 500 });
      assert.equal(jobs.length, old.data.jobs.filter((j) => j.clusterId === C.orders.id).length);
      assert.deepEqual(
        old.log
          .filter((e) => e.authorization !== undefined)
          .map((e) => [e.status, /itemsPerPage=(\d+)/.exec(e.url)?.[1]]),
        [
          [400, '500'],
          [200, '100'],
        ],
      );
    } finally {
      await c.close();
      await old.close();
    }
  });

  it('HTTPS with the test CA: trusted through caFile, refused without it', async () => {
    const secure = await startSimulator({ tls: true });
    assert.ok(secure.caFile !== undefined);
    const trusted = new OpsManagerClient({
      baseUrl: secure.baseUrl,
      username: secure.user,
      apiKey: secure.key,
      caFile: secure.caFile,
    });
    const untrusted = new OpsManagerClient({ baseUrl: secure.baseUrl, username: secure.user, apiKey: secure.key });
    try {
      assert.equal((await trusted.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id)).id, J.ready.id);
      const error = await rejectsWith(untrusted.getRoot(), { kind: 'tls' });
      assert.ok(!say(error).includes(secure.key));
    } finally {
      await trusted.close();
      await untrusted.close();
      await secure.close();
    }
  });

  it('404 error codes become messages naming what was not found', async () => {
    const c = client();
    const job = await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, MISSING_ID), {
      kind: 'http',
      status: 404,
      errorCode: 'RESTORE_JOB_NOT_FOUND',
    });
    assert.match(say(job), /Check the ID/);
    assert.equal(
      job.url,
      `${sim.baseUrl}/api/public/v1.0/groups/${J.ready.groupId}/clusters/${J.ready.clusterId}/restoreJobs/${MISSING_ID}`,
    );
    const cluster = await rejectsWith(c.listRestoreJobs(G.production.id, MISSING_ID), { kind: 'http', status: 404 });
    assert.match(say(cluster), new RegExp(MISSING_ID));
    const group = await rejectsWith(c.listClusters(MISSING_ID), { kind: 'http', status: 404 });
    assert.match(say(group), new RegExp(`${MISSING_ID} was not found`));
  });

  it('NOT_IN_GROUP is an authenticated 401: an error at once, not a retry loop', async () => {
    const c = client();
    await c.getRoot(); // the challenge is answered here
    sim.clearLog();
    const error = await rejectsWith(c.listClusters(G.notInGroup.id), {
      kind: 'http',
      status: 401,
      errorCode: 'NOT_IN_GROUP',
    });
    assert.match(say(error), /The API key is valid but has no access to group/);
    assert.equal(sim.log.length, 1, 'exactly one request');
  });

  it('wrong API key: one challenge, one refused answer, and the message says to set the key', async () => {
    const c = client({ apiKey: 'not-the-key' });
    const error = await rejectsWith(c.listGroups(), { kind: 'http', status: 401 });
    assert.match(say(error), /^The API key was rejected: check the public key and run 'Set API Key…'/);
    assert.ok(!say(error).includes('not-the-key'));
    assert.equal(sim.log.length, 2);
  });

  it('403 IP access list names the fix', async () => {
    const error = await rejectsWith(client().listClusters(G.restricted.id), { kind: 'http', status: 403 });
    assert.match(
      say(error),
      /not on the API key's access list\. Add this machine's IP address to the API key's access list/,
    );
  });

  it('429 with Retry-After is retried after the wait, then succeeds', async () => {
    const c = client();
    await c.getRoot();
    sim.clearLog();
    sim.faults.add({ route: '/restoreJobs/', status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
    assert.equal(job.id, J.ready.id);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [429, 200],
    );
  });

  it('429 retries are bounded: after maxRetries429 the error is surfaced', async () => {
    const c = client();
    await c.getRoot();
    sim.clearLog();
    sim.faults.add({ route: '/restoreJobs/', status: 429, retryAfter: 0 });
    const error = await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id), {
      kind: 'http',
      status: 429,
    });
    assert.match(say(error), /rate-limiting/);
    assert.equal(sim.log.length, 7, 'the first try and six retries (about a minute of backoff without Retry-After)');

    sim.clearLog();
    const none = client({ maxRetries429: 0 });
    await rejectsWith(none.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id), { status: 429 });
    assert.equal(sim.log.filter((e) => e.status === 429).length, 1);
  });

  it('429 asking for longer than maxRetryWaitMs fails at once, and a wait can be cancelled', async () => {
    const c = client({ maxRetryWaitMs: 1000 });
    await c.getRoot();
    sim.clearLog();
    sim.faults.add({ route: '/restoreJobs/', status: 429, retryAfter: 120 });
    // No time limit needed: waiting the 120 s asked for would outlast the test's own timeout.
    const error = await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id), { status: 429 });
    assert.match(say(error), /Wait 120 seconds/);
    assert.equal(sim.log.length, 1);

    sim.faults.clear();
    sim.faults.add({ route: '/restoreJobs/', status: 429, retryAfter: 600 });
    const abort = new AbortController();
    // Cancelled when the 429 has arrived, so during the 10-minute wait; only the cancellation can end it in time.
    const patient = client({
      maxRetryWaitMs: 600_000,
      onRequest: (entry) => {
        if (entry.status === 429) abort.abort();
      },
    });
    await patient.getRoot();
    sim.clearLog();
    await rejectsWith(patient.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id, { signal: abort.signal }), {
      kind: 'cancelled',
    });
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [429],
      'no retry after the cancelled wait',
    );
  });

  it('429 without Retry-After backs off with jitter and says so before each wait (issue 12 item 11)', async () => {
    const c = client({ random: () => 0 }); // the shortest jittered waits: 0.5 s, then 1 s
    await c.getRoot();
    sim.clearLog();
    sim.faults.add({ route: '/restoreJobs/', status: 429, times: 2 });
    const waits: Array<{ seconds: number; attempt: number }> = [];
    const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id, {
      onRetryWait: (wait) => waits.push(wait),
    });
    assert.equal(job.id, J.ready.id);
    assert.deepEqual(waits, [
      { seconds: 1, attempt: 1 },
      { seconds: 1, attempt: 2 },
    ]);
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [429, 429, 200],
    );
  });

  it('a 200 with a body that is not JSON is a parse error naming the URL', async () => {
    const c = client();
    sim.faults.add({ route: '/restoreJobs/', body: 'malformed', times: 1 });
    const error = await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id), { kind: 'parse' });
    assert.match(
      say(error),
      new RegExp(
        `^Unexpected answer from Ops Manager for ${sim.baseUrl}/api/public/v1\\.0/groups/.*/restoreJobs/${J.ready.id}: the body is not JSON`,
      ),
    );
    sim.faults.add({ route: '/restoreJobs/', body: 'truncated', times: 1 });
    await rejectsWith(c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id), { kind: 'parse' });
  });

  it('a 200 with the wrong shape is a parse error naming the field and the URL', async () => {
    const job = sim.data.jobs.find((j) => j.id === J.broken.id);
    assert.ok(job);
    const saved = job.delivery.maxDownloads;
    Object.assign(job.delivery, { maxDownloads: 'abc' });
    try {
      const error = await rejectsWith(client().getRestoreJob(J.broken.groupId, J.broken.clusterId, J.broken.id), {
        kind: 'parse',
      });
      assert.match(say(error), /: delivery\.maxDownloads: expected a number, got "abc"$/);
      assert.match(say(error), new RegExp(`for ${sim.baseUrl}/api/public/v1\\.0/groups/`));
      const list = await rejectsWith(client().listRestoreJobs(J.broken.groupId, J.broken.clusterId), { kind: 'parse' });
      assert.match(say(list), /results\[\d+\]\.delivery\.maxDownloads: expected a number, got "abc"$/);
    } finally {
      job.delivery.maxDownloads = saved;
    }
  });

  it('an oversized body is refused, not read into memory', async () => {
    sim.faults.add({ route: '/groups', body: 'oversized', oversizedBytes: 40 * 1024 * 1024, times: 1 });
    const error = await rejectsWith(client().listGroups(), { kind: 'parse' });
    assert.match(say(error), /larger than/);
  });

  it('500 and an HTML error page become http errors', async () => {
    const c = client();
    sim.faults.add({ route: '/groups', status: 500, times: 1 });
    const e500 = await rejectsWith(c.listGroups(), { kind: 'http', status: 500 });
    assert.match(say(e500), /Try again/);
    sim.faults.add({ route: '/groups', status: 502, body: 'html', times: 1 });
    const e502 = await rejectsWith(c.listGroups(), { kind: 'http', status: 502 });
    assert.match(say(e502), /The response was not JSON: "/);
    assert.ok(!say(e502).includes('<'), say(e502));
  });

  it('invalid IDs are rejected before any request is sent', async () => {
    const c = client();
    const bad: Array<[string, () => Promise<unknown>, RegExp]> = [
      [
        'job',
        () => c.getRestoreJob(G.production.id, C.orders.id, 'abc'),
        /^Restore job ID must be 24 hexadecimal characters; got "abc"/,
      ],
      [
        'cluster name',
        () => c.getRestoreJob(G.production.id, 'rs-orders', J.ready.id),
        /^Cluster ID must be 24 hexadecimal characters; got "rs-orders".*looks like a name/,
      ],
      ['group', () => c.listClusters('Production'), /^Project \(group\) ID must be 24 hexadecimal characters/],
      ['group of getGroup', () => c.getGroup(''), /got an empty value/],
      ['cluster of list', () => c.listRestoreJobs(G.production.id, `${C.orders.id}/../x`), /^Cluster ID must be/],
      [
        'host',
        () => c.listConfigServerRestoreJobs(G.production.id, 'cfg1:27019'),
        /^Config server host ID must be 32 \(or 24\) hexadecimal characters/,
      ],
      [
        'host job',
        () => c.getConfigServerRestoreJob(G.production.id, SAMPLE.hosts.legacyConfig.id, 'x'),
        /^Restore job ID must be/,
      ],
      ['itemsPerPage', () => c.listGroups({ itemsPerPage: 0 }), /^itemsPerPage must be a whole number from 1 to 500/],
      ['maxItems', () => c.listGroups({ maxItems: 1.5 }), /^maxItems must be a whole number/],
    ];
    for (const [name, call, message] of bad) {
      const error = await rejectsWith(call(), { kind: 'invalid-input' });
      assert.match(say(error), message, name);
    }
    assert.equal(sim.log.length, 0, 'nothing reached the server');
  });

  it('100 sequential getRestoreJob calls cost exactly 101 HTTP requests', async () => {
    const entries: RequestLogEntry[] = [];
    const c = client({ onRequest: (e) => entries.push(e) });
    for (let i = 0; i < 100; i++) {
      const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
      assert.equal(job.id, J.ready.id);
    }
    assert.equal(apiRequests(), 101);
    assert.equal(sim.log.filter((e) => e.status === 401).length, 1, 'one challenge');
    assert.equal(entries.length, 101, 'onRequest once per request');
    assert.equal(c.stats.requests, 101);
    console.log(`      sequential: 100 getRestoreJob calls → ${apiRequests()} HTTP requests`);
  });

  it('50 concurrent getRestoreJob calls all succeed', async () => {
    const c = client();
    const ids = [J.ready, J.expired, J.broken, J.killed, J.encrypted];
    const jobs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => c.getRestoreJob(ids[i % 5].groupId, ids[i % 5].clusterId, ids[i % 5].id)),
    );
    jobs.forEach((job, i) => assert.equal(job.id, ids[i % 5].id));
    const count = apiRequests();
    assert.ok(count >= 51 && count <= 60, `requests: ${count}`);
    console.log(`      concurrent: 50 getRestoreJob calls → ${count} HTTP requests`);
  });

  it('base URLs with or without /api/public/v1.0 and trailing slashes all work', async () => {
    for (const baseUrl of [
      sim.baseUrl,
      `${sim.baseUrl}/`,
      `${sim.baseUrl}/api/public/v1.0`,
      `${sim.baseUrl}/api/public/v1.0/`,
      `${sim.baseUrl}//`,
    ]) {
      const c = client({ baseUrl });
      assert.equal(c.apiBase, `${sim.baseUrl}/api/public/v1.0`);
      const job = await c.getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id);
      assert.equal(job.id, J.ready.id, baseUrl);
    }
  });

  it('the constructor refuses a bad base URL or a missing key', () => {
    assert.throws(
      () => client({ baseUrl: 'ftp://x' }),
      (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input',
    );
    assert.throws(
      () => client({ apiKey: '' }),
      (e: unknown) => e instanceof OpsManagerError && /Set API Key/.test(say(e)),
    );
    assert.throws(
      () => client({ username: ' ' }),
      (e: unknown) => e instanceof OpsManagerError && e.kind === 'invalid-input',
    );
  });

  it('an already aborted signal sends nothing', async () => {
    const abort = new AbortController();
    abort.abort();
    await rejectsWith(
      client().getRestoreJob(J.ready.groupId, J.ready.clusterId, J.ready.id, { signal: abort.signal }),
      { kind: 'cancelled' },
    );
    assert.equal(sim.log.length, 0);
  });
});
