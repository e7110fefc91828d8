// Fault injection on both ports, the global latency option, and the request log.
import * as assert from 'node:assert/strict';
import { RawDigestClient, rawRequest } from '../../simulator/rawClient';
import { SAMPLE } from '../../simulator/sampleData';
import { startSimulator, type Simulator } from '../../simulator/server';

const JOB = SAMPLE.jobs.ready;

describe('simulator: fault injection', () => {
  let sim: Simulator;
  let client: RawDigestClient;
  const getJob = (): ReturnType<RawDigestClient['request']> => client.request(sim.jobUrl(JOB.id));

  beforeEach(async () => {
    sim = await startSimulator({ archiveMb: 0.5 });
    client = new RawDigestClient(sim.user, sim.key, { reuse: true });
    assert.equal((await getJob()).status, 200); // the challenge round trip is done
    sim.clearLog();
  });
  afterEach(() => sim.close());

  it('answers a status fault the given number of times, then stops', async () => {
    const fault = sim.faults.add({ route: '/restoreJobs/', status: 500, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await getJob();
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(res.text), {
        detail: 'Unexpected error.',
        error: 500,
        errorCode: 'UNEXPECTED_ERROR',
        reason: 'Internal Server Error',
      });
    }
    assert.equal((await getJob()).status, 200);
    assert.equal(fault.hits, 2);
    assert.equal(sim.faults.list().length, 0);
    assert.deepEqual(
      sim.log.map((e) => [e.status, e.faultId]),
      [
        [500, fault.id],
        [500, fault.id],
        [200, undefined],
      ],
    );
  });

  it('sends 429 with Retry-After and 503', async () => {
    sim.faults.add({ status: 429, retryAfter: 2, times: 1 });
    const limited = await getJob();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '2');
    assert.equal((JSON.parse(limited.text) as { errorCode: string }).errorCode, 'RATE_LIMITED');
    sim.faults.add({ status: 503, times: 1 });
    assert.equal((await getJob()).status, 503);
  });

  it('matches routes by substring or RegExp, and by port', async () => {
    sim.faults.add({ route: /\/clusters$/, status: 503 });
    sim.faults.add({ route: '/groups', port: 'backup', status: 500 });
    assert.equal((await getJob()).status, 200);
    assert.equal((await client.request(`${sim.apiUrl}/groups/${JOB.groupId}/clusters`)).status, 503);
    sim.faults.clear();
    assert.equal((await client.request(`${sim.apiUrl}/groups/${JOB.groupId}/clusters`)).status, 200);
  });

  it('delays a response by latencyMs', async () => {
    sim.faults.add({ latencyMs: 250, times: 1 });
    const t0 = Date.now();
    assert.equal((await getJob()).status, 200);
    assert.ok(Date.now() - t0 >= 240, `took ${Date.now() - t0} ms`);
  });

  it('cuts the connection after N body bytes', async () => {
    sim.faults.add({ cutAfterBytes: 10, times: 1 });
    await assert.rejects(getJob(), /aborted|socket hang up|ECONNRESET|terminated/i);
    const entry = sim.log.at(-1);
    assert.equal(entry?.status, 200);
    assert.equal(entry?.bytesSent, 10);
    assert.equal(entry?.incomplete, true);
    assert.equal((await getJob()).status, 200, 'the next request is served normally');
  });

  it('sends malformed, truncated, HTML and oversized bodies', async () => {
    sim.faults.add({ body: 'malformed', times: 1 });
    const malformed = await getJob();
    assert.equal(malformed.status, 200);
    assert.throws(() => JSON.parse(malformed.text));

    sim.faults.add({ body: 'truncated', times: 1 });
    const truncated = await getJob();
    assert.equal(Number(truncated.headers['content-length']), truncated.body.length);
    assert.ok(truncated.text.startsWith('{"'));
    assert.throws(() => JSON.parse(truncated.text));

    sim.faults.add({ body: 'html', times: 1 });
    const html = await getJob();
    assert.equal(html.status, 502);
    assert.match(String(html.headers['content-type']), /text\/html/);

    sim.faults.add({ body: 'oversized', oversizedBytes: 3 * 1024 * 1024, times: 1 });
    const big = await getJob();
    assert.equal(big.body.length, 3 * 1024 * 1024);
    assert.equal(Number(big.headers['content-length']), big.body.length);
    assert.deepEqual((JSON.parse(big.text) as { results: unknown }).results, []);
  });

  it('cuts or stalls an archive download on the backup host, without producing hashes', async () => {
    const url = sim.deliveryUrl(SAMPLE.jobs.pointInTime.id) ?? '';
    sim.faults.add({ port: 'backup', cutAfterBytes: 100_000, times: 1 });
    await assert.rejects(rawRequest(url), /aborted|socket hang up|ECONNRESET|terminated/i);
    assert.equal(sim.log.at(-1)?.bytesSent, 100_000);
    assert.equal(sim.job(SAMPLE.jobs.pointInTime.id)?.hashes, undefined);

    sim.faults.add({ port: 'backup', stallAfterBytes: 1000, times: 1 });
    await assert.rejects(rawRequest(url, { timeoutMs: 300 }), /timeout|aborted/i);
    assert.equal(sim.log.at(-1)?.bytesSent, 1000);
    assert.equal(sim.job(SAMPLE.jobs.pointInTime.id)?.hashes, undefined);

    sim.faults.add({ port: 'backup', status: 503, retryAfter: 1, times: 1 });
    const unavailable = await rawRequest(url);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers['retry-after'], '1');
    assert.equal((await rawRequest(url)).status, 200);
    assert.ok(sim.job(SAMPLE.jobs.pointInTime.id)?.hashes);
  });

  it('does not let a fault eat the digest challenge', async () => {
    sim.faults.add({ status: 500, times: 1 });
    const fresh = new RawDigestClient(sim.user, sim.key);
    const res = await fresh.request(sim.jobUrl(JOB.id));
    assert.equal(res.status, 500);
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [401, 500],
    );
  });
});

describe('simulator: global latency and the request log', () => {
  it('delays every API response, challenges included, and counts what happened', async () => {
    const sim = await startSimulator({ latencyMs: 60 });
    try {
      const t0 = Date.now();
      const res = await new RawDigestClient(sim.user, sim.key).request(sim.jobUrl(JOB.id));
      assert.equal(res.status, 200);
      assert.ok(Date.now() - t0 >= 115, `two round trips of 60 ms took ${Date.now() - t0} ms`);
      await rawRequest(sim.deliveryUrl(JOB.id) ?? '', { method: 'HEAD' });
      assert.deepEqual(sim.summary(), {
        requests: 3,
        api: 2,
        backup: 1,
        api401: 1,
        apiAuthorized: 1,
        backupAuthorized: 0,
      });
      assert.deepEqual(
        sim.log.map((e) => e.port),
        ['api', 'api', 'backup'],
      );
      const log = sim.log;
      sim.clearLog();
      assert.equal(log.length, 0, 'clearLog empties the same array tests hold');
    } finally {
      await sim.close();
    }
  });

  it('closes promptly even with a stalled response open', async () => {
    const sim = await startSimulator();
    sim.faults.add({ port: 'backup', stallAfterBytes: 10 });
    const pending = rawRequest(sim.deliveryUrl(SAMPLE.jobs.pointInTime.id) ?? '', { timeoutMs: 60_000 });
    const outcome = pending.then(
      () => 'answered',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    // Wait for the stall itself (the 10 bytes sent), not for a guessed delay.
    while (!sim.log.some((e) => e.port === 'backup' && e.bytesSent >= 10)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // No time limit: close() waiting for the stalled response would outlast the test's own timeout, and the
    // client's 60 s timeout would make the request end with "timeout" rather than a cut connection.
    await sim.close();
    const ended = await outcome;
    assert.notEqual(ended, 'answered');
    assert.notEqual(ended, 'timeout', 'close() cut the stalled connection instead of waiting for it');
  });
});
