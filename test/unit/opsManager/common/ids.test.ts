import * as assert from 'node:assert/strict';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import {
  assertHostId,
  assertObjectId,
  isHostId,
  isObjectId,
  normaliseBaseUrl,
  parseRestoreJobUrl,
} from '../../../../src/opsManager/common/ids';

const G = '5e9f0a1b2c3d4e5f6a7b8c00';
const C = '5e9f0a1b2c3d4e5f6a7b8c01';
const J = '5E9F0A1B2C3D4E5F6A7B8CFF';
const H = 'f9b7c4ab8d85e0e2d1d5b7f0d3f5d7b1';

function invalidInput(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof OpsManagerError);
    assert.equal(error.kind, 'invalid-input');
    assert.match(error.message, pattern);
    return true;
  });
}

describe('ids: ObjectIds', () => {
  it('isObjectId accepts 24 hex digits in either case and nothing else', () => {
    assert.equal(isObjectId(G), true);
    assert.equal(isObjectId(J), true);
    for (const bad of ['', G.slice(1), `${G}0`, ` ${G}`, `${G}\n`, 'zz9f0a1b2c3d4e5f6a7b8c00', 5, null, undefined]) {
      assert.equal(isObjectId(bad), false, String(bad));
    }
  });

  it('assertObjectId explains what is wrong', () => {
    invalidInput(
      () => assertObjectId('abc', 'Restore job ID'),
      /^Restore job ID must be 24 hexadecimal characters; got "abc" \(3 characters\)\.$/,
    );
    invalidInput(
      () => assertObjectId('', 'Restore job ID'),
      /^Restore job ID must be 24 hexadecimal characters; got an empty value\.$/,
    );
    invalidInput(
      () => assertObjectId(` ${G}`, 'Project (group) ID'),
      /got " 5e9f0a1b2c3d4e5f6a7b8c00" \(25 characters, with spaces around it\)/,
    );
    invalidInput(
      () => assertObjectId('Cluster0', 'Cluster ID'),
      /^Cluster ID must be 24 hexadecimal characters; got "Cluster0" \(8 characters\)\. That looks like a name: the API needs the ID/,
    );
    invalidInput(() => assertObjectId(42, 'Cluster ID'), /got a number\.$/);
    invalidInput(() => assertObjectId('x'.repeat(100), 'Cluster ID'), /got "x{40}"… \(100 characters\)/);
    assert.doesNotThrow(() => assertObjectId(G, 'Project (group) ID'));
  });

  it('host IDs may be 32 or 24 hex digits', () => {
    assert.equal(isHostId(H), true);
    assert.equal(isHostId(G), true);
    assert.equal(isHostId(H.slice(2)), false);
    invalidInput(
      () => assertHostId('cfg1.example.com:27019'),
      /^Host ID must be 32 \(or 24\) hexadecimal characters; got "cfg1\.example\.com:27019"/,
    );
  });
});

describe('ids: parseRestoreJobUrl', () => {
  const path = `/api/public/v1.0/groups/${G}/clusters/${C}/restoreJobs/${J}`;

  it('reads a full URL, with query string, fragment and trailing slash', () => {
    const expected = { baseUrl: 'https://om.example.com:8443/api/public/v1.0', groupId: G, clusterId: C, jobId: J };
    assert.deepEqual(parseRestoreJobUrl(`https://om.example.com:8443${path}`), expected);
    assert.deepEqual(parseRestoreJobUrl(`https://om.example.com:8443${path}/`), expected);
    assert.deepEqual(parseRestoreJobUrl(`https://om.example.com:8443${path}?pretty=true&envelope=true`), expected);
    assert.deepEqual(parseRestoreJobUrl(`  <https://om.example.com:8443${path}/?pretty=true#top>  `), expected);
    assert.deepEqual(parseRestoreJobUrl(`"https://OM.example.com:8443${path}"`), expected);
    assert.deepEqual(parseRestoreJobUrl(`http://om.example.com${path}`), {
      ...expected,
      baseUrl: 'http://om.example.com/api/public/v1.0',
    });
    assert.deepEqual(parseRestoreJobUrl(`https://gw.example.com/opsmanager${path}`), {
      ...expected,
      baseUrl: 'https://gw.example.com/opsmanager/api/public/v1.0',
    });
  });

  it('reads a path without host', () => {
    assert.deepEqual(parseRestoreJobUrl(path), { groupId: G, clusterId: C, jobId: J });
    assert.deepEqual(parseRestoreJobUrl(`${path}/?pretty=true`), { groupId: G, clusterId: C, jobId: J });
    assert.deepEqual(parseRestoreJobUrl(`/groups/${G}/clusters/${C}/restoreJobs/${J}`), {
      groupId: G,
      clusterId: C,
      jobId: J,
    });
    assert.deepEqual(parseRestoreJobUrl(`groups/${G}/clusters/${C}/restorejobs/${J}`), {
      groupId: G,
      clusterId: C,
      jobId: J,
    });
  });

  it('reads the config-server (hosts) variant', () => {
    assert.deepEqual(
      parseRestoreJobUrl(`https://om.example.com/api/public/v1.0/groups/${G}/hosts/${H}/restoreJobs/${J}`),
      {
        baseUrl: 'https://om.example.com/api/public/v1.0',
        groupId: G,
        hostId: H,
        jobId: J,
      },
    );
  });

  it('decodes percent-encoding and leaves ID validation to the caller', () => {
    assert.deepEqual(parseRestoreJobUrl(`/api/public/v1.0/groups/${G}/clusters/My%20Cluster/restoreJobs/${J}`), {
      groupId: G,
      clusterId: 'My Cluster',
      jobId: J,
    });
  });

  it('never returns credentials found in the URL', () => {
    const parsed = parseRestoreJobUrl(`https://user:secret-key@om.example.com${path}`);
    assert.deepEqual(parsed, { baseUrl: 'https://om.example.com/api/public/v1.0', groupId: G, clusterId: C, jobId: J });
  });

  it('returns undefined for anything else', () => {
    for (const text of [
      '',
      J,
      'not a url',
      `ftp://om.example.com${path}`,
      `https://om.example.com/api/public/v1.0/groups/${G}/clusters/${C}/restoreJobs`,
      `https://om.example.com/api/public/v1.0/groups/${G}/clusters/${C}/restoreJobs/${J}/extra`,
      `https://om.example.com/api/public/v1.0/groups/${G}/clusters/${C}/snapshots/${J}`,
      `https://om.example.com/api/public/v1.0/groups/${G}/widgets/${C}/restoreJobs/${J}`,
      `https://om.example.com/api/public/v1.0/groups//clusters/${C}/restoreJobs/${J}`,
      `/v2/${G}/groups/${G}/clusters/${C}/restoreJobs/${J}`,
      `https://om.example.com${path} and more`,
    ]) {
      assert.equal(parseRestoreJobUrl(text), undefined, text);
    }
  });
});

describe('ids: normaliseBaseUrl', () => {
  it('adds /api/public/v1.0 when missing and drops trailing slashes', () => {
    const expected = { origin: 'https://om.example.com:8443', apiBase: 'https://om.example.com:8443/api/public/v1.0' };
    for (const input of [
      'https://om.example.com:8443',
      'https://om.example.com:8443/',
      'https://om.example.com:8443/api/public/v1.0',
      'https://om.example.com:8443/api/public/v1.0/',
      'https://om.example.com:8443/api/public/v1.0//',
      '  HTTPS://OM.example.com:8443/API/public/v1.0?pretty=true#x ',
      `https://om.example.com:8443/api/public/v1.0/groups/${G}/clusters`,
    ]) {
      assert.deepEqual(normaliseBaseUrl(input), expected, input);
    }
  });

  it('keeps a reverse-proxy prefix and drops default ports', () => {
    assert.deepEqual(normaliseBaseUrl('https://gw.example.com:443/opsmanager/'), {
      origin: 'https://gw.example.com',
      apiBase: 'https://gw.example.com/opsmanager/api/public/v1.0',
    });
    assert.deepEqual(normaliseBaseUrl('http://127.0.0.1:8080'), {
      origin: 'http://127.0.0.1:8080',
      apiBase: 'http://127.0.0.1:8080/api/public/v1.0',
    });
    assert.deepEqual(normaliseBaseUrl('http://[::1]:8080/'), {
      origin: 'http://[::1]:8080',
      apiBase: 'http://[::1]:8080/api/public/v1.0',
    });
  });

  it('rejects non-http(s) URLs, missing schemes and user info, without echoing secrets', () => {
    invalidInput(() => normaliseBaseUrl(''), /^The Ops Manager base URL is empty/);
    invalidInput(
      () => normaliseBaseUrl('om.example.com:8443'),
      /must start with https:\/\/ or http:\/\/; got "om\.example\.com:8443"/,
    );
    invalidInput(() => normaliseBaseUrl('ftp://om.example.com'), /must use https:\/\/ or http:\/\/, not ftp:\/\//);
    invalidInput(() => normaliseBaseUrl('https://'), /is not a valid URL/);
    assert.throws(
      () => normaliseBaseUrl('https://publickey:very-secret@om.example.com'),
      (error: unknown) =>
        error instanceof OpsManagerError &&
        error.kind === 'invalid-input' &&
        /must not contain a user name or password/.test(error.message) &&
        !error.message.includes('very-secret'),
    );
    // An invalid URL with userinfo is echoed without it (issue 12 item 5).
    for (const bad of ['https://user:pa/ss@om:8443x', 'https://user:secret@om:99999']) {
      assert.throws(
        () => normaliseBaseUrl(bad),
        (error: unknown) =>
          error instanceof OpsManagerError &&
          /is not a valid URL/.test(error.message) &&
          !/pa\/ss|secret|user/.test(error.message),
      );
    }
  });
});
