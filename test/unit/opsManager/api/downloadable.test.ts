import * as assert from 'node:assert/strict';
import {
  checkDownloadable,
  expectedSha1FromJob,
  redactUrl,
  type Downloadability,
} from '../../../../src/opsManager/api/downloadable';
import { defaultFileName, MAX_FILE_NAME_BYTES, sanitizeFileName } from '../../../../src/opsManager/api/fileName';
import type { RestoreJob, RestoreJobDelivery } from '../../../../src/opsManager/api/model';
import { assertLinear, HOSTILE_SHAPES } from '../../support/linearTime';
import { sayBlocker } from '../../support/say';
import type { ErrorParams } from '../../../../src/opsManager/common/errors';

const JOB_ID = '5628faffd4c606594adaa3b2';
const NOW = new Date('2016-03-04T12:00:00Z');
const URL_V1 =
  'https://backup.example.net:8443/backup/restore/v2/pull/5628faffd4c606594adaa3b2/aGVsbG8=+/x==/rs0-1457062003.tar.gz';

function job(delivery: Partial<RestoreJobDelivery> | undefined, extra: Partial<RestoreJob> = {}): RestoreJob {
  return {
    id: JOB_ID,
    statusName: 'FINISHED',
    delivery:
      delivery === undefined
        ? undefined
        : {
            methodName: 'HTTP',
            statusName: 'READY',
            url: URL_V1,
            expires: '2016-03-04T23:07:00Z',
            maxDownloads: 3,
            extra: {},
            ...delivery,
          },
    extra: {},
    raw: {},
    ...extra,
  };
}

/** The blocker, its parameters, and the sentence the VS Code layer makes of them. */
function blocked(result: Downloadability): { blocker: string; params: ErrorParams; message: string } {
  assert.equal(result.ok, false, 'expected the job to be refused');
  if (result.ok) throw new Error('unreachable');
  return { ...result, message: sayBlocker(result) };
}

function allowed(result: Downloadability): Extract<Downloadability, { ok: true }> {
  if (!result.ok) assert.fail(`expected downloadable, got ${result.blocker}: ${sayBlocker(result)}`);
  return result;
}

describe('checkDownloadable', () => {
  it('accepts a READY HTTP job and keeps its URL byte for byte', () => {
    const r = allowed(checkDownloadable(job({}), NOW));
    assert.equal(r.url, URL_V1);
    assert.deepEqual(r.headers, {});
    assert.equal(r.lastUse, false);
    assert.equal(r.fileName, 'rs0-1457062003.tar.gz');
  });

  it('flags the last use when maxDownloads is 1', () => {
    assert.equal(allowed(checkDownloadable(job({ maxDownloads: 1 }), NOW)).lastUse, true);
    assert.equal(allowed(checkDownloadable(job({ maxDownloads: 2147483647 }), NOW)).lastUse, false);
  });

  it('uses urlV2 with the bearer header when authValue is given', () => {
    const r = allowed(
      checkDownloadable(
        job({
          urlV2: 'https://backup.example.net/backup/restore/v3/pull/x/file.tar.gz',
          authHeader: 'Authorization',
          authBearer: 'Bearer',
          authValue: 'tok+/=',
        }),
        NOW,
      ),
    );
    assert.equal(r.url, 'https://backup.example.net/backup/restore/v3/pull/x/file.tar.gz');
    assert.deepEqual(r.headers, { Authorization: 'Bearer tok+/=' });
    assert.equal(r.fileName, 'file.tar.gz');
  });

  it('defaults the header name and scheme, and honours custom ones', () => {
    const base = { urlV2: 'https://b.example/v3/f.tar.gz', authValue: 'abc' };
    assert.deepEqual(allowed(checkDownloadable(job(base), NOW)).headers, { Authorization: 'Bearer abc' });
    assert.deepEqual(
      allowed(checkDownloadable(job({ ...base, authHeader: 'X-Backup-Token', authBearer: 'Token' }), NOW)).headers,
      { 'X-Backup-Token': 'Token abc' },
    );
  });

  it('ignores urlV2 without authValue and uses url', () => {
    const r = allowed(checkDownloadable(job({ urlV2: 'https://b.example/v3/f.tar.gz' }), NOW));
    assert.equal(r.url, URL_V1);
    assert.deepEqual(r.headers, {});
  });

  it('refuses a token that would split the header', () => {
    const r = blocked(
      checkDownloadable(job({ urlV2: 'https://b.example/v3/f.tar.gz', authValue: 'abc\r\nX-Evil: 1' }), NOW),
    );
    assert.equal(r.blocker, 'BAD_AUTH_HEADER');
  });

  it('explains jobs delivered another way', () => {
    const r = blocked(checkDownloadable(job({ methodName: 'SCP' }), NOW));
    assert.equal(r.blocker, 'NOT_HTTP');
    assert.deepEqual(r.params, { method: 'SCP' });
    assert.match(r.message, /SCP/);
    assert.equal(blocked(checkDownloadable(job(undefined), NOW)).blocker, 'NO_DELIVERY');
  });

  it('refuses EXPIRED, and READY links whose expiry has passed, naming the date', () => {
    const r = blocked(checkDownloadable(job({ statusName: 'EXPIRED' }), NOW));
    assert.equal(r.blocker, 'EXPIRED');
    assert.deepEqual(r.params, { expires: '2016-03-04 23:07 UTC' });
    assert.match(r.message, /expired on 2016-03-04 23:07 UTC/);
    const late = blocked(checkDownloadable(job({}), new Date('2016-03-05T00:00:00Z')));
    assert.equal(late.blocker, 'EXPIRED');
    assert.match(late.message, /The download link expired on 2016-03-04 23:07 UTC\./);
  });

  it('counts a link expiring at this very moment as expired, and one a second later as usable', () => {
    assert.equal(blocked(checkDownloadable(job({}), new Date('2016-03-04T23:07:00Z'))).blocker, 'EXPIRED');
    assert.equal(checkDownloadable(job({}), new Date('2016-03-04T23:06:59Z')).ok, true);
  });

  it('refuses MAX_DOWNLOADS_EXCEEDED and a count used up', () => {
    assert.equal(
      blocked(checkDownloadable(job({ statusName: 'MAX_DOWNLOADS_EXCEEDED' }), NOW)).blocker,
      'MAX_DOWNLOADS_EXCEEDED',
    );
    assert.equal(blocked(checkDownloadable(job({ maxDownloads: 0 }), NOW)).blocker, 'MAX_DOWNLOADS_EXCEEDED');
  });

  it('says when the archive is not ready yet or failed', () => {
    assert.equal(blocked(checkDownloadable(job({ statusName: 'IN_PROGRESS' }), NOW)).blocker, 'JOB_NOT_FINISHED');
    assert.equal(blocked(checkDownloadable(job({ statusName: 'NOT_STARTED' }), NOW)).blocker, 'JOB_NOT_FINISHED');
    const failed = blocked(checkDownloadable(job({ statusName: 'FAILED' }), NOW));
    assert.equal(failed.blocker, 'NOT_READY');
    assert.match(failed.message, /FAILED/);
    assert.match(blocked(checkDownloadable(job({ statusName: 'QUEUED_SOMEHOW' }), NOW)).message, /QUEUED_SOMEHOW/);
    assert.equal(blocked(checkDownloadable(job({ statusName: undefined }), NOW)).blocker, 'NOT_READY');
  });

  it('refuses a READY job without a URL, saying the link comes shortly rather than that something broke', () => {
    const r = blocked(checkDownloadable(job({ url: undefined }), NOW));
    assert.equal(r.blocker, 'NO_URL');
    assert.ok(!/sent no download URL/.test(r.message), r.message);
    assert.match(r.message, /gets its link shortly/);
    assert.match(r.message, /automated restore onto a cluster has no download/);
  });

  it('an automated restore (HTTP, READY, no url, a target) is explained as such (issue 12 item 13)', () => {
    // As every real automated-restore response: methodName HTTP, statusName READY, no url.
    const r = blocked(
      checkDownloadable(job({ url: undefined, targetClusterId: '5e9f0a1b2c3d4e5f6a7b8c99', targetGroupId: 'g' }), NOW),
    );
    assert.equal(r.blocker, 'AUTOMATED_RESTORE');
    assert.equal(r.params.targetClusterId, '5e9f0a1b2c3d4e5f6a7b8c99');
    assert.match(
      r.message,
      /automated restore.*onto the target cluster 5e9f0a1b2c3d4e5f6a7b8c99.*no archive to download/,
    );
  });

  for (const [url, words] of [
    ['javascript:alert(document.domain)//x.tar.gz', /javascript: scheme/],
    ['JavaScript:alert(1)', /javascript: scheme/],
    ['file:///etc/passwd', /file: scheme/],
    ['data:application/gzip;base64,H4sI', /data: scheme/],
    ['ftp://backup.example.net/x.tar.gz', /ftp: scheme/],
    ['/backup/restore/v2/pull/x/y/z.tar.gz', /relative/],
    ['//evil.example/x.tar.gz', /relative/],
    ['https://user:pw@backup.example.net/x.tar.gz', /user name or password/],
    ['https://backup.example.net/x y.tar.gz\n', /spaces or control/],
  ] as const) {
    it(`refuses the URL ${JSON.stringify(url)} as such`, () => {
      const r = blocked(checkDownloadable(job({ url }), NOW));
      assert.equal(r.blocker, 'BAD_URL');
      assert.match(r.message, words);
      assert.ok(!r.message.includes(url.trim()), 'the URL (and its token) is never quoted');
    });
  }

  it('also checks urlV2 the same way', () => {
    assert.equal(
      blocked(checkDownloadable(job({ urlV2: 'javascript:alert(1)', authValue: 'x' }), NOW)).blocker,
      'BAD_URL',
    );
  });
});

describe('expectedSha1FromJob', () => {
  const hash = 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3';
  it('reads the SHA1 entry, lower-cased', () => {
    assert.equal(
      expectedSha1FromJob(job({}, { hashes: [{ fileName: 'x.tar.gz', hash, typeName: 'SHA1', extra: {} }] })),
      hash.toLowerCase(),
    );
  });
  it('is undefined without hashes, with an empty or non-SHA-1 hash, or another algorithm', () => {
    assert.equal(expectedSha1FromJob(job({})), undefined);
    assert.equal(expectedSha1FromJob(job({}, { hashes: [{ hash: '', typeName: 'SHA1', extra: {} }] })), undefined);
    assert.equal(expectedSha1FromJob(job({}, { hashes: [{ hash: 'abc', typeName: 'SHA1', extra: {} }] })), undefined);
    assert.equal(expectedSha1FromJob(job({}, { hashes: [{ hash, typeName: 'MD5', extra: {} }] })), undefined);
  });
  it('picks the entry named like the URL when there are several', () => {
    const other = '0'.repeat(40);
    const hashes = [
      { fileName: 'other.tar.gz', hash: other, typeName: 'SHA1', extra: {} },
      { fileName: 'rs0-1457062003.tar.gz', hash, typeName: 'SHA1', extra: {} },
    ];
    assert.equal(expectedSha1FromJob(job({}, { hashes }), URL_V1), hash.toLowerCase());
  });
});

describe('fileName', () => {
  const fallback = `${JOB_ID}.tar.gz`;
  const cases: Array<[string, string]> = [
    ['https://h/backup/restore/v2/pull/j/t/rs-orders-1700000000.tar.gz', 'rs-orders-1700000000.tar.gz'],
    ['https://h/x/my%20backup%C3%A9.tar.gz?sig=1#frag', 'my backupé.tar.gz'],
    ['https://h/x/..%2F..%2F.bashrc%0A', 'bashrc'],
    ['https://h/x/..%5C..%5Cwindows%5Csystem32%5Cevil.dll', 'evil.dll'],
    ['https://h/x/%2e%2e', fallback],
    ['https://h/x/', fallback],
    ['https://h', fallback],
    ['not a url', fallback],
    ['https://h/x/CON.tar.gz', '_CON.tar.gz'],
    ['https://h/x/lpt1', '_lpt1'],
    // Windows ignores spaces before the extension when it matches device names (issue 12 item 7).
    ['https://h/x/con%20.tar.gz', '_con .tar.gz'],
    ['https://h/x/NUL%20%20.txt', '_NUL  .txt'],
    ['https://h/x/console.tar.gz', 'console.tar.gz'],
    ['https://h/x/a%3Cb%3E%3A%22%7C%3F%2A.tar.gz', 'a_b_.tar.gz'],
    ['https://h/x/a%00b%07c%1Bd.tar.gz', 'abcd.tar.gz'],
    ['https://h/x/evil%E2%80%AEzg.rat.exe', 'evilzg.rat.exe'],
    ['https://h/x/name.tar.gz.%20.%20', 'name.tar.gz'],
    ['https://h/x/%', '%'],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${JSON.stringify(expected)}`, () => {
      assert.equal(defaultFileName(url, JOB_ID), expected);
    });
  }

  it('caps the length in bytes, keeps the extension and never splits a character', () => {
    const long = defaultFileName(`https://h/x/${'é'.repeat(300)}.tar.gz`, JOB_ID);
    assert.ok(Buffer.byteLength(long) <= MAX_FILE_NAME_BYTES, `${Buffer.byteLength(long)} bytes`);
    assert.ok(long.endsWith('.tar.gz'));
    assert.ok(!long.includes('\uFFFD'));
    const emoji = sanitizeFileName(`${'😀'.repeat(120)}.tgz`, fallback);
    assert.ok(Buffer.byteLength(emoji) <= MAX_FILE_NAME_BYTES);
    assert.match(emoji, /^(😀)+\.tgz$/u);
  });

  it('never yields a path, a dot file or an empty name', () => {
    for (const raw of ['../../etc/passwd', '..', '.', '...', ' ', '/', '\\', '.hidden', 'a/b/../c', '%2F%2F']) {
      const name = sanitizeFileName(raw, fallback);
      assert.ok(
        name !== '' && !name.includes('/') && !name.includes('\\') && !name.startsWith('.'),
        `${raw} → ${name}`,
      );
    }
  });

  it('stays linear on a hostile name of dots and spaces (issue 12 item 1)', () => {
    assertLinear('dots and spaces', HOSTILE_SHAPES['dots and spaces'], (s) => sanitizeFileName(s, fallback), 4000);
  });

  it('cleans the job ID used for the fallback too', () => {
    assert.equal(defaultFileName(undefined, '../x'), '_x.tar.gz');
    assert.equal(defaultFileName(undefined, ''), 'restore.tar.gz');
  });
});

describe('redactUrl (what logs and error fields show of an archive link)', () => {
  it('keeps the origin only: any path segment, the last included, may be the token', () => {
    assert.equal(redactUrl(URL_V1), 'https://backup.example.net:8443/…');
    const signed = 'https://backup.example.net/pull/restore.tar.gz/SECRET-TOKEN?signature=SECRET-SIG';
    const shown = redactUrl(signed);
    assert.equal(shown, 'https://backup.example.net/…');
    assert.ok(!shown.includes('SECRET'), shown);
  });

  it('does not echo something that is not a URL, since it may be a token itself', () => {
    assert.equal(redactUrl('aGVsbG8=+/x== not a url'), '(download link)');
  });
});
