import * as assert from 'node:assert/strict';
import {
  httpError,
  httpErrorFromBody,
  isCancellation,
  OpsManagerError,
  parseRetryAfterMs,
  readErrorBody,
  sanitisedExcerpt,
  EXCERPT_SOURCE_CHARS,
  stripCredentials,
} from '../../../../src/opsManager/common/errors';
import { assertLinear, cpuMs, HOSTILE_SHAPES } from '../../support/linearTime';
import { say } from '../../support/say';

const G = '5e9f0a1b2c3d4e5f6a7b8c00';
const C = '5e9f0a1b2c3d4e5f6a7b8c01';
const J = '5e9f0a1b2c3d4e5f6a7b8cff';
const H = 'f9b7c4ab8d85e0e2d1d5b7f0d3f5d7b1';
const BASE = 'https://om.example.com:8443/api/public/v1.0';
const JOB_URL = `${BASE}/groups/${G}/clusters/${C}/restoreJobs/${J}?pretty=true`;
const HOST_JOB_URL = `${BASE}/groups/${G}/hosts/${H}/restoreJobs/${J}`;

function body(status: number, errorCode?: string, detail?: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ error: status, reason: 'Some Reason', errorCode, detail, ...extra });
}

describe('errors: httpError', () => {
  const jobCodes = ['RESTORE_JOB_NOT_FOUND', 'RESTORE_JOB_NOT_FOUND_IN_GROUP', 'INVALID_JOB_ID'];
  for (const code of jobCodes) {
    it(`${code}: names the job, group and cluster and says to check the ID`, () => {
      const error = httpError(404, body(404, code, `No restore job with ID ${J} exists.`), JOB_URL);
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 404);
      assert.equal(error.errorCode, code);
      assert.equal(error.reason, 'Some Reason');
      assert.equal(error.detail, `No restore job with ID ${J} exists.`);
      assert.equal(error.url, JOB_URL);
      assert.match(
        say(error),
        new RegExp(`^Restore job ${J} was not found in group ${G} / cluster ${C}\\. Check the ID`),
      );
      assert.match(say(error), new RegExp(`\\(HTTP 404 ${code}\\)$`));
    });
  }

  it('CONFIG_RESTORE_JOB_NOT_FOUND names the config server host', () => {
    const error = httpError(404, body(404, 'CONFIG_RESTORE_JOB_NOT_FOUND'), HOST_JOB_URL);
    assert.match(
      say(error),
      new RegExp(
        `^Restore job ${J} was not found in group ${G} / config server host ${H}\\. Check the ID: it must be a restore job of this config server`,
      ),
    );
  });

  it('CLUSTER_NOT_FOUND names the cluster and group', () => {
    const error = httpError(404, body(404, 'CLUSTER_NOT_FOUND'), `${BASE}/groups/${G}/clusters/${C}/restoreJobs`);
    assert.match(say(error), new RegExp(`^Cluster ${C} was not found in group ${G}\\. Check the cluster ID`));
  });

  it('HOST_NOT_FOUND and INVALID_HOST_ID name the config server host', () => {
    for (const code of ['HOST_NOT_FOUND', 'INVALID_HOST_ID']) {
      assert.match(
        say(httpError(404, body(404, code), `${BASE}/groups/${G}/hosts/${H}/restoreJobs`)),
        new RegExp(`^Config server host ${H} was not found in group ${G}\\. Check the host ID`),
      );
    }
  });

  it('INVALID_CLUSTER_ID says a cluster ID is needed, not a name', () => {
    const error = httpError(
      404,
      body(404, 'INVALID_CLUSTER_ID', 'Invalid cluster ID Cluster0.'),
      `${BASE}/groups/${G}/clusters/Cluster0/restoreJobs`,
    );
    assert.match(
      say(error),
      /^Ops Manager did not accept "Cluster0" as a cluster of group 5e9f0a1b2c3d4e5f6a7b8c00: the API needs a cluster ID \(24 hex characters\), not a name\./,
    );
    assert.match(say(error), /Ops Manager said: "Invalid cluster ID Cluster0\."/);
  });

  for (const code of ['GROUP_NOT_FOUND', 'INVALID_GROUP_ID']) {
    it(`${code} names the project and says where to find its ID`, () => {
      const error = httpError(404, body(404, code), `${BASE}/groups/${G}/clusters`);
      assert.match(
        say(error),
        new RegExp(
          `^Project \\(group\\) ${G} was not found\\. Check the project ID \\(24 hex characters, shown in Ops Manager under Project Settings\\)`,
        ),
      );
    });
  }

  it('NOT_IN_GROUP: authenticated, but no role in the project', () => {
    const error = httpError(
      401,
      body(401, 'NOT_IN_GROUP', `Current user is not in the group, or the group does not exist.`),
      `${BASE}/groups/${G}/clusters`,
    );
    assert.equal(error.status, 401);
    assert.match(
      say(error),
      new RegExp(`^The API key is valid but has no access to group ${G}\\. Give the key a role in this project`),
    );
    assert.doesNotMatch(say(error), /Set API Key/);
  });

  it('USER_UNAUTHORIZED and NO_CURRENT_USER get their own advice', () => {
    assert.match(
      say(httpError(401, body(401, 'USER_UNAUTHORIZED'), `${BASE}/groups/${G}`)),
      /^The API key is valid but not allowed to do this in group 5e9f/,
    );
    assert.match(
      say(httpError(401, body(401, 'NO_CURRENT_USER'), `${BASE}/groups`)),
      /^Ops Manager found no user for this API key\..*'Set API Key…'/,
    );
  });

  it('bad credentials (401 without errorCode): check the public key and set the API key again', () => {
    const error = httpError(
      401,
      '{"reason":"Unauthorized","error":401,"detail":"You are not authorized for this resource."}',
      `${BASE}/groups`,
    );
    assert.equal(error.errorCode, undefined);
    assert.match(say(error), /^The API key was rejected: check the public key and run 'Set API Key…'\./);
    assert.match(say(error), /\(HTTP 401\)$/);
  });

  for (const code of ['IP_ADDRESS_NOT_ON_WHITELIST', 'IP_ADDRESS_NOT_ON_ACCESS_LIST']) {
    it(`${code}: add this machine's IP to the API key's access list`, () => {
      const error = httpError(
        403,
        body(403, code, 'IP address 203.0.113.7 is not allowed to access this resource.', {
          parameters: ['203.0.113.7'],
        }),
        `${BASE}/groups`,
      );
      assert.match(
        say(error),
        /^Ops Manager refused the request because this machine's IP address \(203\.0\.113\.7\) is not on the API key's access list\. Add this machine's IP address to the API key's access list/,
      );
      assert.deepEqual(error.parameters, ['203.0.113.7']);
    });
  }

  for (const code of ['RESOURCE_REQUIRES_ACCESS_LIST', 'RESOURCE_REQUIRES_WHITELIST']) {
    it(`${code} (403, seen from real Ops Manager) gets the access-list guidance (issue 12 item 17)`, () => {
      const plain = httpError(
        403,
        body(403, code, 'This resource requires access through an access list of ip ranges.'),
        `${BASE}/groups`,
      );
      assert.equal(plain.code, 'NOT_ON_ACCESS_LIST');
      assert.equal(plain.params.ip, undefined);
      assert.match(say(plain), /not on the API key's access list.*matches IPv4 addresses/);
      const withIp = httpError(
        403,
        body(403, code, 'Denied for 198.51.100.23.', { parameters: ['198.51.100.23'] }),
        BASE,
      );
      assert.equal(withIp.params.ip, '198.51.100.23');
      assert.match(say(withIp), /\(198\.51\.100\.23\).*198\.51\.100\.23 is the address Ops Manager saw/);
    });
  }

  it('NOT_CONFIG_SERVER names the host and says to use the cluster (issue 12 item 17)', () => {
    const error = httpError(400, body(400, 'NOT_CONFIG_SERVER'), HOST_JOB_URL);
    assert.equal(error.code, 'NOT_CONFIG_SERVER');
    assert.equal(error.params.hostId, H);
    assert.match(say(error), new RegExp(`^Host ${H} in group ${G} is not a config server.*under its cluster`));
  });

  it('RATE_LIMITED says how long to wait, from Retry-After when sent', () => {
    assert.match(
      say(httpError(429, body(429, 'RATE_LIMITED'), `${BASE}/groups`, { 'retry-after': '17' })),
      /rate-limiting.*Wait 17 seconds and try again\./,
    );
    assert.match(say(httpError(429, body(429, 'RATE_LIMITED'), `${BASE}/groups`)), /Wait a minute and try again\./);
    assert.match(
      say(httpError(429, 'Too Many Requests', `${BASE}/groups`, { 'Retry-After': ['2'] })),
      /^Ops Manager is rate-limiting requests\. Wait 2 seconds/,
    );
  });

  it('an absurd Retry-After is capped and worded, never repeated as a number (issue 12 item 11)', () => {
    const error = httpError(429, body(429, 'RATE_LIMITED'), `${BASE}/groups`, {
      'retry-after': '99999999999999999999',
    });
    assert.match(say(error), /Wait a few minutes \(Ops Manager asked for more than a day\) and try again\./);
    assert.doesNotMatch(say(error), /\d{6,}/);
    assert.match(say(httpError(429, '', BASE, { 'retry-after': '7200' })), /Wait 2 hours/);
  });

  it('UNEXPECTED_ERROR: internal error, try again, see server logs', () => {
    const error = httpError(500, body(500, 'UNEXPECTED_ERROR', 'Unexpected error.'), JOB_URL);
    assert.match(
      say(error),
      /^Ops Manager reported an internal error\. Try again; if it keeps happening.*server logs\./,
    );
  });

  it('unknown codes fall back to a message by status, keeping the code and the detail', () => {
    const e404 = httpError(
      404,
      body(404, 'SNAPSHOT_NOT_FOUND', 'No snapshot.'),
      `${BASE}/groups/${G}/clusters/${C}/snapshots/x`,
    );
    assert.match(
      say(e404),
      /^Ops Manager found nothing at \/api\/public\/v1\.0\/groups\/.*\/snapshots\/x\. Check the IDs/,
    );
    assert.match(say(e404), /Ops Manager said: "No snapshot\." \(HTTP 404 SNAPSHOT_NOT_FOUND\)$/);
    assert.match(
      say(httpError(400, body(400, 'INVALID_QUERY_PARAMETER'), `${BASE}/groups?itemsPerPage=9999`)),
      /^Ops Manager rejected the request to \/api\/public\/v1\.0\/groups as invalid\./,
    );
    assert.match(
      say(httpError(403, body(403, 'SOMETHING_ELSE'), `${BASE}/groups`)),
      /^Ops Manager refused access to \/api\/public\/v1\.0\/groups\..*access list/,
    );
    assert.match(
      say(httpError(503, '', `${BASE}/groups`)),
      /^Ops Manager \(or a proxy in front of it\) is unavailable.*The response body was empty\. \(HTTP 503\)$/,
    );
    assert.match(
      say(httpError(500, body(500, 'NEW_FAILURE'), `${BASE}/groups`)),
      /^Ops Manager failed with a server error/,
    );
    assert.match(say(httpError(302, '', `${BASE}/groups`)), /redirect\. Check the server's base URL/);
    assert.match(
      say(httpError(418, '{}', `${BASE}/groups`)),
      /^Ops Manager answered \/api\/public\/v1\.0\/groups with an unexpected status\. \(HTTP 418\)$/,
    );
  });

  it('a 404 that is not JSON points at the base URL', () => {
    const error = httpError(
      404,
      '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>\n<p>The requested URL was not found.</p></body></html>',
      'https://om.example.com/wrong/api/public/v1.0/groups',
    );
    assert.match(
      say(error),
      /^Ops Manager found nothing at \/wrong\/api\/public\/v1\.0\/groups\. Check the server's base URL/,
    );
    assert.match(
      say(error),
      /The response was not JSON: "404 Not Found Not Found The requested URL was not found\." \(HTTP 404\)$/,
    );
    assert.equal(error.errorCode, undefined);
  });

  it('every field of the body may be missing or of the wrong type', () => {
    const error = httpError(404, '{"error":"x","errorCode":5,"detail":null,"parameters":"p"}', JOB_URL);
    assert.equal(error.errorCode, undefined);
    assert.equal(error.detail, undefined);
    assert.equal(error.parameters, undefined);
    assert.match(say(error), /^Ops Manager found nothing at/);
    assert.deepEqual(readErrorBody('text'), {});
    assert.deepEqual(readErrorBody([1]), {});
    const array = httpError(500, '[1,2]', JOB_URL);
    assert.match(say(array), /The response was not JSON: "\[1,2\]"/);
  });

  it('never shows the API key, nor credentials in URLs', () => {
    const key = 'a1b2c3d4-e5f6-7890-abcd-ef0123456789';
    const error = httpError(
      500,
      `<pre>Authorization failed for key ${key} at https://user:${key}@om.example.com/x</pre>`,
      `https://user:${key}@om.example.com/api/public/v1.0/groups`,
      undefined,
      { redact: [key] },
    );
    assert.ok(!say(error).includes(key), say(error));
    assert.ok(!(error.url ?? '').includes(key));
    assert.match(say(error), /key \*\*\* at https:\/\/om\.example\.com\/x/);
    const detailed = httpError(400, body(400, 'X', `bad key ${key}`), `${BASE}/groups`, undefined, { redact: [key] });
    assert.ok(!say(detailed).includes(key));
    assert.ok(!(detailed.detail ?? '').includes(key));
  });

  it('an enveloped error body gives the same message', () => {
    const error = httpErrorFromBody(404, { error: 404, errorCode: 'RESTORE_JOB_NOT_FOUND' }, JOB_URL);
    assert.match(say(error), new RegExp(`^Restore job ${J} was not found`));
    assert.ok(error instanceof OpsManagerError);
  });

  it('cuts long bodies to a short, single-line excerpt', () => {
    const long = `${'x'.repeat(1000)}\n\u0007${'y'.repeat(10)}`;
    const excerpt = sanitisedExcerpt(long);
    assert.equal(excerpt.length, 201);
    assert.ok(excerpt.endsWith('…'));
    assert.equal(sanitisedExcerpt('a\r\n\tb <script>alert(1)</script> c &amp; d'), 'a b c & d');
  });
});

describe('errors: helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('5', now), 5000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfterMs('Sun, 31 Dec 2023 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs('-1', now), undefined);
    assert.equal(parseRetryAfterMs('1.5', now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });

  it('stripCredentials and isCancellation', () => {
    assert.equal(stripCredentials('https://u:p@h/x'), 'https://h/x');
    assert.equal(stripCredentials('not a url'), 'not a url');
    // Never echo userinfo, even from a string that is not a valid URL (issue 12 item 5).
    assert.equal(stripCredentials('https://user:pa/ss@om:8443x'), 'https://om:8443x');
    assert.equal(stripCredentials('https://user:secret@om:99999'), 'https://om:99999');
    assert.equal(isCancellation(new OpsManagerError({ kind: 'cancelled', message: 'c' })), true);
    assert.equal(isCancellation(new OpsManagerError({ kind: 'http', message: 'h' })), false);
  });
});

describe('errors: hostile bodies (issue 12 item 1)', () => {
  for (const [shape, make] of Object.entries(HOSTILE_SHAPES)) {
    it(`the excerpt stays linear on ${shape}`, () => {
      // Below the cut, so the patterns themselves are measured, not the cut.
      assertLinear(shape, make, (s) => sanitisedExcerpt(s), 2000);
    });
    for (const size of [256 * 1024, 1024 * 1024]) {
      it(`a ${size / 1024} KiB non-JSON 401 of ${shape} is described within 50 ms of CPU`, () => {
        const text = make(size);
        let error: OpsManagerError | undefined;
        const ms = cpuMs(() => (error = httpError(401, text, `${BASE}/groups`)));
        assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
        assert.equal(error?.status, 401);
      });
    }
  }

  it('a long detail or reason is kept short', () => {
    const error = httpError(400, JSON.stringify({ detail: 'd'.repeat(100_000), reason: 'r'.repeat(100_000) }), BASE);
    assert.ok((error.detail ?? '').length <= 4096);
    assert.ok((error.reason ?? '').length <= 4096);
  });

  it('a cut body never shows the start of a secret or of user:password@ at the cut', () => {
    const secret = 'very-secret-api-key';
    const text = `${'<b>'.repeat(EXCERPT_SOURCE_CHARS / 3 - 3)} x ${secret}`;
    const excerpt = sanitisedExcerpt(text.slice(0, EXCERPT_SOURCE_CHARS + 6) + 'tail', [secret]);
    assert.ok(!excerpt.includes('very'), excerpt);
  });
});
