import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DigestHttpClient } from '../../../../src/opsManager/http/http';
import { Apache, APACHE_BIN, checkConfig, IDS, sampleFiles, startApache } from '../../../interop/apache';
import { skipWithReason } from '../../../support/results';
import { isolateProxyEnv } from '../../support/httpEnv';

const USER = 'apiPublicKey';
const PASSWORD = 'a1b2c3d4-private-key';
const JOB_PATH = `/groups/${IDS.group}/clusters/${IDS.cluster}/restoreJobs/${IDS.job}`;

describe('interop: Apache httpd mod_auth_digest', function () {
  this.timeout(30000);
  isolateProxyEnv();
  let apache: Apache | undefined;
  const clients: DigestHttpClient[] = [];

  before(async function () {
    if (!fs.existsSync(APACHE_BIN)) {
      console.warn(
        `\n  !!! WARNING: ${APACHE_BIN} not found: Apache interop tests SKIPPED. Install the Debian package apache2 (CI does). !!!\n`,
      );
      skipWithReason(this, `${APACHE_BIN} not found: install the Debian package apache2 (CI does)`);
    }
    apache = await startApache({ user: USER, password: PASSWORD });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await apache?.stop();
  });

  function client(password = PASSWORD): DigestHttpClient {
    const c = new DigestHttpClient({ origin: apache!.origin, username: USER, password });
    clients.push(c);
    return c;
  }

  /** Requests the clients of this suite have sent to `apache` so far. */
  function sentSoFar(): number {
    return clients.reduce((sum, c) => sum + c.stats.requests, 0);
  }

  /**
   * Waits until Apache has logged `count` requests. It writes a request's line only after the response has gone
   * out, so under CPU load a line can land after the client has its answer: the previous test's last request
   * then showed up in the next test's window (12 lines for 11 requests, the extra one `…/clusters?pageNum=2`).
   */
  async function logCaughtUp(count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (apache!.requests().length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Access-log lines of the requests made while `run` ran (any extra request Apache saw included). */
  async function logged(run: () => Promise<void>): Promise<string[]> {
    await logCaughtUp(sentSoFar());
    const before = apache!.requests().length;
    await run();
    await logCaughtUp(sentSoFar());
    await new Promise((r) => setTimeout(r, 50)); // room for a request the client did not count
    return apache!.requests().slice(before);
  }

  it('10 sequential getRestoreJob calls: all 200, at most 11 requests in Apache access log', async () => {
    const c = client();
    const expected = sampleFiles()[JOB_PATH.slice(1)];
    const lines = await logged(async () => {
      for (let i = 0; i < 10; i++) {
        const res = await c.request({ url: `${apache!.origin}/api/public/v1.0${JOB_PATH}` });
        assert.equal(res.status, 200, res.body);
        assert.deepEqual(JSON.parse(res.body), expected);
      }
    });
    assert.ok(lines.length <= 11, `${lines.length} requests:\n${lines.join('\n')}`);
    assert.equal(lines.length, 11);
    assert.match(lines[0], / 401$/);
    assert.ok(lines.slice(1).every((l) => / 200$/.test(l)));
    assert.equal(c.stats.challenges, 1);
  });

  it('query strings are part of the digest uri and Apache accepts them', async () => {
    const c = client();
    const res = await c.request({
      url: `${apache!.origin}/api/public/v1.0/groups?pageNum=1&itemsPerPage=100&pretty=false`,
    });
    assert.equal(res.status, 200, res.body);
    assert.equal(JSON.parse(res.body).results[0].id, IDS.group);
    assert.equal(
      (await c.request({ url: `${apache!.origin}/api/public/v1.0/groups/${IDS.group}/clusters?pageNum=2` })).status,
      200,
    );
  });

  it('10 concurrent calls all succeed', async () => {
    const c = client();
    const lines = await logged(async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => c.request({ url: `${apache!.origin}/api/public/v1.0/groups/${IDS.group}` })),
      );
      assert.ok(results.every((r) => r.status === 200));
    });
    assert.equal(lines.length, 11);
  });

  it('a wrong password gets the 401 back after two requests, no loop', async () => {
    const c = client('wrong');
    const lines = await logged(async () => {
      const res = await c.request({ url: `${apache!.origin}/api/public/v1.0/groups` });
      assert.equal(res.status, 401);
    });
    assert.equal(lines.length, 2);
  });

  it('an expired nonce (stale=true) is renewed transparently', async () => {
    const c = client();
    const url = `${apache!.origin}/stale/public/v1.0/groups`;
    assert.equal((await c.request({ url })).status, 200);
    await new Promise((r) => setTimeout(r, 2100)); // AuthDigestNonceLifetime 1
    const lines = await logged(async () => {
      const res = await c.request({ url });
      assert.equal(res.status, 200, res.body);
    });
    assert.deepEqual(
      lines.map((l) => l.split(' ').pop()),
      ['401', '200'],
    );
    assert.equal(c.stats.challenges, 2);
  });

  it('SHA-256: interoperates when this Apache offers it', async function () {
    const complaint = await checkConfig({ user: USER, password: PASSWORD, algorithm: 'SHA-256' });
    if (complaint !== null) {
      // Any other complaint is a broken config, not a missing feature: fail rather than skip.
      assert.match(complaint, /Unsupported algorithm|AuthDigestAlgorithm/);
      skipWithReason(
        this,
        'this Apache refuses AuthDigestAlgorithm SHA-256 (mod_auth_digest 2.4 is MD5 only); curl covers SHA-256 against the simulator',
      );
    }
    const sha = await startApache({ user: USER, password: PASSWORD, algorithm: 'SHA-256' });
    try {
      const c = new DigestHttpClient({ origin: sha.origin, username: USER, password: PASSWORD });
      for (let i = 0; i < 3; i++) {
        assert.equal((await c.request({ url: `${sha.origin}/api/public/v1.0/groups` })).status, 200);
      }
      await c.close();
    } finally {
      await sha.stop();
    }
  });
});
