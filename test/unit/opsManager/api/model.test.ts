import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import {
  linkHref,
  parseApiRoot,
  parseCluster,
  parseGroup,
  parseList,
  parseRestoreJob,
  parseServiceVersion,
} from '../../../../src/opsManager/api/parse';

// The example response of the seed page (get-one-restore-job.txt), with its placeholders filled in.
const SEED_JOB_TEXT = `{
  "batchId" : "5e9f0a1b2c3d4e5f6a7b8c9d",
  "clusterId" : "5e9f0a1b2c3d4e5f6a7b8c01",
  "created" : "2016-03-04T22:07:27Z",
  "delivery" : {
    "expirationHours" : 1,
    "expires" : "2016-03-04T23:07:27Z",
    "maxDownloads" : 1,
    "methodName" : "HTTP",
    "statusName" : "EXPIRED",
    "url" : "https://backup-host.example.com/backup/restore/v2/pull/5e9f0a1b2c3d4e5f6a7b8cff/1976673072885966399/electron_0-1456098690-5e9f0a1b2c3d4e5f6a7b8cff.tar.gz"
  },
  "encryptionEnabled" : false,
  "groupId" : "5e9f0a1b2c3d4e5f6a7b8c00",
  "id" : "5e9f0a1b2c3d4e5f6a7b8cff",
  "links" : [ {

  } ],
  "pointInTime" : false,
  "snapshotId" : "5e9f0a1b2c3d4e5f6a7b8caa",
  "statusName" : "FINISHED",
  "timestamp" : {
    "date" : "2017-04-19T21:14:25Z",
    "increment" : 1
  }
}`;

function seed(): Record<string, unknown> {
  const value: unknown = JSON.parse(SEED_JOB_TEXT);
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return { ...value };
}

/** Asserts that parsing throws a parse error whose message is exactly `message`. */
function assertParseError(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof OpsManagerError, `not an OpsManagerError: ${String(error)}`);
    assert.equal(error.kind, 'parse');
    assert.equal(error.message, message);
    return true;
  });
}

describe('model: parseRestoreJob', () => {
  it('parses every field of the seed page example', () => {
    const json = seed();
    const job = parseRestoreJob(json);
    assert.deepEqual(job, {
      id: '5e9f0a1b2c3d4e5f6a7b8cff',
      batchId: '5e9f0a1b2c3d4e5f6a7b8c9d',
      clusterId: '5e9f0a1b2c3d4e5f6a7b8c01',
      created: '2016-03-04T22:07:27Z',
      delivery: {
        expirationHours: 1,
        expires: '2016-03-04T23:07:27Z',
        maxDownloads: 1,
        methodName: 'HTTP',
        statusName: 'EXPIRED',
        url: 'https://backup-host.example.com/backup/restore/v2/pull/5e9f0a1b2c3d4e5f6a7b8cff/1976673072885966399/electron_0-1456098690-5e9f0a1b2c3d4e5f6a7b8cff.tar.gz',
        extra: {},
      },
      encryptionEnabled: false,
      groupId: '5e9f0a1b2c3d4e5f6a7b8c00',
      links: [{ extra: {} }],
      pointInTime: false,
      snapshotId: '5e9f0a1b2c3d4e5f6a7b8caa',
      statusName: 'FINISHED',
      timestamp: { date: '2017-04-19T21:14:25Z', increment: 1, extra: {} },
      extra: {},
      raw: json,
    });
    assert.equal(job.raw, json, 'raw is the object as received');
  });

  it('parses the fields the seed page does not show: hashes, hostId, masterKeyUUID, urlV2 and auth, SCP and automated-restore fields', () => {
    const job = parseRestoreJob({
      id: '5e9f0a1b2c3d4e5f6a7b8cff',
      hostId: 'f9b7c4ab8d85e0e2d1d5b7f0d3f5d7b1',
      encryptionEnabled: true,
      masterKeyUUID: '1b1d2f8c-aaaa-bbbb-cccc-0123456789ab',
      pointInTime: true,
      hashes: [{ fileName: 'a.tar.gz', hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', typeName: 'SHA1' }],
      links: [{ rel: 'self', href: 'https://om.example.com/api/public/v1.0/groups/g/hosts/h/restoreJobs/j' }],
      delivery: {
        methodName: 'HTTP',
        statusName: 'READY',
        url: 'https://b/x.tar.gz',
        urlV2: 'https://b/v2/x.tar.gz',
        authHeader: 'Authorization',
        authBearer: 'Bearer',
        authValue: 'tok==',
        maxDownloads: 2147483647,
        targetClusterId: '5e9f0a1b2c3d4e5f6a7b8c02',
        targetGroupId: '5e9f0a1b2c3d4e5f6a7b8c03',
        formatName: 'TAR_GZ',
        hostname: 'restore.example.com',
        port: 22,
        targetDirectory: '/data/restore',
      },
      timestamp: { date: '2017-04-19T21:14:25Z', increment: '7' },
    });
    assert.equal(job.hostId, 'f9b7c4ab8d85e0e2d1d5b7f0d3f5d7b1');
    assert.equal(job.masterKeyUUID, '1b1d2f8c-aaaa-bbbb-cccc-0123456789ab');
    assert.equal(job.pointInTime, true);
    assert.deepEqual(job.hashes, [
      { fileName: 'a.tar.gz', hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', typeName: 'SHA1', extra: {} },
    ]);
    assert.equal(linkHref(job.links, 'self'), 'https://om.example.com/api/public/v1.0/groups/g/hosts/h/restoreJobs/j');
    assert.deepEqual(job.delivery, {
      methodName: 'HTTP',
      statusName: 'READY',
      url: 'https://b/x.tar.gz',
      urlV2: 'https://b/v2/x.tar.gz',
      authHeader: 'Authorization',
      authBearer: 'Bearer',
      authValue: 'tok==',
      maxDownloads: 2147483647,
      targetClusterId: '5e9f0a1b2c3d4e5f6a7b8c02',
      targetGroupId: '5e9f0a1b2c3d4e5f6a7b8c03',
      formatName: 'TAR_GZ',
      hostname: 'restore.example.com',
      port: 22,
      targetDirectory: '/data/restore',
      extra: {},
    });
    assert.equal(job.timestamp?.increment, '7', 'a string increment is kept as sent');
  });

  it('keeps unknown fields at every level in extra', () => {
    const json = {
      ...seed(),
      futureField: { a: 1 },
      delivery: { methodName: 'HTTP', statusName: 'READY', newDeliveryThing: [1, 2] },
      timestamp: { date: '2017-04-19T21:14:25Z', increment: 3, term: 9 },
      hashes: [{ fileName: 'f', hash: 'h', typeName: 'SHA1', size: 12 }],
      links: [{ rel: 'self', href: 'x', title: 'me' }],
    };
    const job = parseRestoreJob(json);
    assert.deepEqual(job.extra, { futureField: { a: 1 } });
    assert.deepEqual(job.delivery?.extra, { newDeliveryThing: [1, 2] });
    assert.deepEqual(job.timestamp?.extra, { term: 9 });
    assert.deepEqual(job.hashes?.[0].extra, { size: 12 });
    assert.deepEqual(job.links?.[0].extra, { title: 'me' });
  });

  it('keeps a field named __proto__ as a plain extra field', () => {
    const job = parseRestoreJob(JSON.parse('{"id":"5e9f0a1b2c3d4e5f6a7b8cff","__proto__":{"polluted":true}}'));
    assert.deepEqual(Object.keys(job.extra), ['__proto__']);
    assert.equal(Object.getPrototypeOf(job.extra), Object.prototype);
    assert.equal('polluted' in {}, false);
  });

  it('keeps unknown enum values as the strings sent', () => {
    const job = parseRestoreJob({
      id: 'x',
      statusName: 'PAUSED_FOR_LUNCH',
      delivery: { methodName: 'CARRIER_PIGEON', statusName: 'IN_FLIGHT' },
      hashes: [{ typeName: 'SHA256' }],
    });
    assert.equal(job.statusName, 'PAUSED_FOR_LUNCH');
    assert.equal(job.delivery?.methodName, 'CARRIER_PIGEON');
    assert.equal(job.delivery?.statusName, 'IN_FLIGHT');
    assert.equal(job.hashes?.[0].typeName, 'SHA256');
  });

  it('models clusterName (Go client struct; Cloud Manager and Atlas bodies) instead of leaving it unknown (issue 12 item 16)', () => {
    const job = parseRestoreJob({ id: 'abc', clusterId: 'c1', clusterName: 'orders' });
    assert.equal(job.clusterName, 'orders');
    assert.deepEqual(job.extra, {});
  });

  it('reads null as absent and a minimal job with only an id', () => {
    const job = parseRestoreJob({ id: 'abc', masterKeyUUID: null, delivery: null });
    assert.deepEqual(job, { id: 'abc', extra: {}, raw: { id: 'abc', masterKeyUUID: null, delivery: null } });
  });

  const typeErrors: Array<[string, (json: Record<string, unknown>) => void, string]> = [
    ['id missing', (j) => delete j.id, 'id: expected a non-empty string, got nothing'],
    ['id empty', (j) => (j.id = ''), 'id: expected a non-empty string, got ""'],
    ['id a number', (j) => (j.id = 5), 'id: expected a non-empty string, got 5'],
    ['batchId', (j) => (j.batchId = 1), 'batchId: expected a string, got 1'],
    ['clusterId', (j) => (j.clusterId = {}), 'clusterId: expected a string, got an object'],
    ['created', (j) => (j.created = 1457129247000), 'created: expected a string, got 1457129247000'],
    ['delivery', (j) => (j.delivery = 'HTTP'), 'delivery: expected an object, got "HTTP"'],
    [
      'delivery.maxDownloads',
      (j) => (j.delivery = { maxDownloads: 'abc' }),
      'delivery.maxDownloads: expected a number, got "abc"',
    ],
    [
      'delivery.expirationHours',
      (j) => (j.delivery = { expirationHours: '1' }),
      'delivery.expirationHours: expected a number, got "1"',
    ],
    ['delivery.expires', (j) => (j.delivery = { expires: false }), 'delivery.expires: expected a string, got false'],
    ['delivery.methodName', (j) => (j.delivery = { methodName: 1 }), 'delivery.methodName: expected a string, got 1'],
    [
      'delivery.statusName',
      (j) => (j.delivery = { statusName: ['READY'] }),
      'delivery.statusName: expected a string, got an array',
    ],
    ['delivery.url', (j) => (j.delivery = { url: 7 }), 'delivery.url: expected a string, got 7'],
    ['delivery.urlV2', (j) => (j.delivery = { urlV2: true }), 'delivery.urlV2: expected a string, got true'],
    ['delivery.authHeader', (j) => (j.delivery = { authHeader: 1 }), 'delivery.authHeader: expected a string, got 1'],
    ['delivery.authBearer', (j) => (j.delivery = { authBearer: 1 }), 'delivery.authBearer: expected a string, got 1'],
    ['delivery.authValue', (j) => (j.delivery = { authValue: 1 }), 'delivery.authValue: expected a string, got 1'],
    [
      'delivery.targetClusterId',
      (j) => (j.delivery = { targetClusterId: 1 }),
      'delivery.targetClusterId: expected a string, got 1',
    ],
    [
      'delivery.targetGroupId',
      (j) => (j.delivery = { targetGroupId: 1 }),
      'delivery.targetGroupId: expected a string, got 1',
    ],
    ['delivery.formatName', (j) => (j.delivery = { formatName: 1 }), 'delivery.formatName: expected a string, got 1'],
    ['delivery.hostname', (j) => (j.delivery = { hostname: 1 }), 'delivery.hostname: expected a string, got 1'],
    ['delivery.port', (j) => (j.delivery = { port: '22' }), 'delivery.port: expected a number, got "22"'],
    [
      'delivery.targetDirectory',
      (j) => (j.delivery = { targetDirectory: 1 }),
      'delivery.targetDirectory: expected a string, got 1',
    ],
    ['encryptionEnabled', (j) => (j.encryptionEnabled = 'false'), 'encryptionEnabled: expected a boolean, got "false"'],
    ['groupId', (j) => (j.groupId = 1), 'groupId: expected a string, got 1'],
    ['hashes', (j) => (j.hashes = {}), 'hashes: expected an array, got an object'],
    ['hashes[1]', (j) => (j.hashes = [{}, 'x']), 'hashes[1]: expected an object, got "x"'],
    ['hashes[0].hash', (j) => (j.hashes = [{ hash: 1 }]), 'hashes[0].hash: expected a string, got 1'],
    ['hashes[0].fileName', (j) => (j.hashes = [{ fileName: 1 }]), 'hashes[0].fileName: expected a string, got 1'],
    ['hashes[0].typeName', (j) => (j.hashes = [{ typeName: 1 }]), 'hashes[0].typeName: expected a string, got 1'],
    ['hostId', (j) => (j.hostId = 1), 'hostId: expected a string, got 1'],
    ['links', (j) => (j.links = 'self'), 'links: expected an array, got "self"'],
    ['links[0].href', (j) => (j.links = [{ href: 1 }]), 'links[0].href: expected a string, got 1'],
    ['links[0].rel', (j) => (j.links = [{ rel: 1 }]), 'links[0].rel: expected a string, got 1'],
    ['masterKeyUUID', (j) => (j.masterKeyUUID = 1), 'masterKeyUUID: expected a string, got 1'],
    ['pointInTime', (j) => (j.pointInTime = 0), 'pointInTime: expected a boolean, got 0'],
    ['snapshotId', (j) => (j.snapshotId = 1), 'snapshotId: expected a string, got 1'],
    ['statusName', (j) => (j.statusName = 1), 'statusName: expected a string, got 1'],
    ['timestamp', (j) => (j.timestamp = '2017'), 'timestamp: expected an object, got "2017"'],
    ['timestamp.date', (j) => (j.timestamp = { date: 1 }), 'timestamp.date: expected a string, got 1'],
    [
      'timestamp.increment',
      (j) => (j.timestamp = { increment: true }),
      'timestamp.increment: expected a number or a string, got true',
    ],
  ];
  for (const [name, mutate, message] of typeErrors) {
    it(`names the field of a wrong type: ${name}`, () => {
      const json = seed();
      mutate(json);
      assertParseError(() => parseRestoreJob(json), message);
    });
  }

  it('rejects a body that is not an object', () => {
    assertParseError(() => parseRestoreJob([]), 'response body: expected an object, got an array');
    assertParseError(() => parseRestoreJob('job'), 'response body: expected an object, got "job"');
    assertParseError(() => parseRestoreJob(null), 'response body: expected an object, got null');
  });
});

describe('model: groups, clusters, root, lists', () => {
  it('parses a group with every field, extra kept', () => {
    const group = parseGroup({
      id: '5e9f0a1b2c3d4e5f6a7b8c00',
      name: 'Production',
      orgId: '5e9f0a1b2c3d4e5f6a7b8c0f',
      activeAgentCount: 3,
      replicaSetCount: 2,
      shardCount: 1,
      tags: ['prod'],
      links: [{ rel: 'self', href: 'h' }],
      publicApiEnabled: true,
    });
    assert.deepEqual(group, {
      id: '5e9f0a1b2c3d4e5f6a7b8c00',
      name: 'Production',
      orgId: '5e9f0a1b2c3d4e5f6a7b8c0f',
      activeAgentCount: 3,
      replicaSetCount: 2,
      shardCount: 1,
      tags: ['prod'],
      links: [{ rel: 'self', href: 'h', extra: {} }],
      extra: { publicApiEnabled: true },
    });
    assertParseError(() => parseGroup({ id: 'g', tags: ['a', 2] }), 'tags[1]: expected a string, got 2');
    assertParseError(() => parseGroup({ id: 'g', shardCount: '1' }), 'shardCount: expected a number, got "1"');
    assertParseError(() => parseGroup({ name: 'x' }), 'id: expected a non-empty string, got nothing');
  });

  it('parses a cluster, keeping an unknown typeName', () => {
    const cluster = parseCluster({
      id: '5e9f0a1b2c3d4e5f6a7b8c01',
      clusterName: 'Cluster0',
      groupId: '5e9f0a1b2c3d4e5f6a7b8c00',
      typeName: 'SOMETHING_NEW',
      replicaSetName: 'rs0',
      shardName: 'shard0',
      lastHeartbeat: '2024-01-01T00:00:00Z',
      links: [],
    });
    assert.deepEqual(cluster, {
      id: '5e9f0a1b2c3d4e5f6a7b8c01',
      clusterName: 'Cluster0',
      groupId: '5e9f0a1b2c3d4e5f6a7b8c00',
      typeName: 'SOMETHING_NEW',
      replicaSetName: 'rs0',
      shardName: 'shard0',
      lastHeartbeat: '2024-01-01T00:00:00Z',
      links: [],
      extra: {},
    });
    assertParseError(() => parseCluster({ id: 'c', lastHeartbeat: 5 }), 'lastHeartbeat: expected a string, got 5');
  });

  it('parses the API root and the version header', () => {
    const root = parseApiRoot(
      { appName: 'MongoDB Public API', build: 'abc123', throttling: false, links: [{ rel: 'self', href: 'x' }] },
      'gitHash=0123abcd; versionString=6.0.22.100.20240110T1200Z',
    );
    assert.deepEqual(root, {
      appName: 'MongoDB Public API',
      build: 'abc123',
      links: [{ rel: 'self', href: 'x', extra: {} }],
      extra: { throttling: false },
      gitHash: '0123abcd',
      versionString: '6.0.22.100.20240110T1200Z',
    });
    assert.deepEqual(parseServiceVersion('versionString=4.4.1; gitHash=ff'), { versionString: '4.4.1', gitHash: 'ff' });
    assert.deepEqual(parseServiceVersion('  GITHASH = ab ;VersionString= 7.0.1 '), {
      gitHash: 'ab',
      versionString: '7.0.1',
    });
    assert.deepEqual(parseServiceVersion('7.0.1'), { versionString: '7.0.1' });
    assert.deepEqual(parseServiceVersion(undefined), {});
    assert.deepEqual(parseServiceVersion(''), {});
    assertParseError(() => parseApiRoot({ appName: 1 }), 'appName: expected a string, got 1');
  });

  it('parses a list page and names the item in errors', () => {
    const page = parseList(
      { results: [{ id: 'a' }, { id: 'b' }], totalCount: 5, links: [{ rel: 'next', href: 'n' }], status: 200 },
      parseGroup,
    );
    assert.deepEqual(
      page.results.map((g) => g.id),
      ['a', 'b'],
    );
    assert.equal(page.totalCount, 5);
    assert.equal(linkHref(page.links, 'next'), 'n');
    assert.equal(linkHref(page.links, 'previous'), undefined);
    assert.deepEqual(page.extra, { status: 200 });
    assert.deepEqual(parseList({ results: [] }, parseGroup), { results: [], links: [], extra: {} });
    assertParseError(
      () => parseList({ results: [{ id: 'a' }, { id: 'b', delivery: { maxDownloads: 'abc' } }] }, parseRestoreJob),
      'results[1].delivery.maxDownloads: expected a number, got "abc"',
    );
    assertParseError(() => parseList({ totalCount: 0 }, parseGroup), 'results: expected an array, got nothing');
    assertParseError(() => parseList({ results: {} }, parseGroup), 'results: expected an array, got an object');
    assertParseError(
      () => parseList({ results: [], totalCount: '3' }, parseGroup),
      'totalCount: expected a number, got "3"',
    );
  });
});
