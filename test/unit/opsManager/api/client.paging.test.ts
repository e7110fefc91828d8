import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { backoffMs, OpsManagerClient, type ClientOptions } from '../../../../src/opsManager/api/client';
import { newestFirst, unwrapEnvelope } from '../../../../src/opsManager/api/callSupport';
import type { RestoreJob } from '../../../../src/opsManager/api/model';
import { CLOUD_MANAGER_BASE_URL, normaliseBaseUrl } from '../../../../src/opsManager/common/ids';
import { OpsManagerError } from '../../../../src/opsManager/common/errors';
import { say } from '../../support/say';
import { HOSTILE_SHAPES, longestBlockMs } from '../../support/linearTime';
import { rejectsWith } from '../../support/rejectsWith';

// IDs only need to be well-formed here: this server answers whatever it is scripted to.
const GROUP_ID = '5f2b3c4d5e6f708192a3b4c1';
const CLUSTER_ID = '60a1b2c3d4e5f60718293a01';
const JOB_ID = '65e0f1a2b3c4d5e6f7a8b901';

/** A plain HTTP server (no digest: the client then never needs a challenge) for the paging edge cases. */
describe('client: paging and envelope edge cases (scripted server)', () => {
  let server: http.Server;
  let base: string;
  let handler: (url: URL) => { status?: number; body: unknown };
  const seen: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', base);
      seen.push(`${url.pathname}${url.search}`);
      const answer = handler(url);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const group = (n: number): { id: string; name: string } => ({
    id: `5f2b3c4d5e6f708192a3b4${n.toString(16).padStart(2, '0')}`,
    name: `g${n}`,
  });
  /** Pages of `per` groups out of `total`; `nextHref` decides the next link. */
  function pages(
    total: number,
    nextHref: (pageNum: number, url: URL) => string | undefined,
    extra: (url: URL) => Record<string, unknown> = () => ({}),
  ) {
    return (url: URL) => {
      const pageNum = Number(url.searchParams.get('pageNum') ?? '1');
      const per = Number(url.searchParams.get('itemsPerPage') ?? '100');
      const results = Array.from({ length: Math.max(0, Math.min(per, total - (pageNum - 1) * per)) }, (_, i) =>
        group((pageNum - 1) * per + i),
      );
      const next = pageNum * per < total ? nextHref(pageNum + 1, url) : undefined;
      return {
        body: {
          results,
          totalCount: total,
          links:
            next === undefined
              ? [{ rel: 'self', href: url.href }]
              : [
                  { rel: 'self', href: url.href },
                  { rel: 'next', href: next },
                ],
          ...extra(url),
        },
      };
    };
  }
  async function withClient<T>(options: Partial<ClientOptions>, run: (c: OpsManagerClient) => Promise<T>): Promise<T> {
    const c = new OpsManagerClient({ baseUrl: base, username: 'u', apiKey: 'k-secret', ...options });
    try {
      return await run(c);
    } finally {
      await c.close();
    }
  }

  it('follows a same-origin next link as given', async () => {
    handler = pages(5, (p, url) => `${base}${url.pathname}?itemsPerPage=2&pageNum=${p}&marker=x`);
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 2 }));
    assert.equal(groups.length, 5);
    assert.deepEqual(seen, [
      '/api/public/v1.0/groups?pageNum=1&itemsPerPage=2',
      '/api/public/v1.0/groups?itemsPerPage=2&pageNum=2&marker=x',
      '/api/public/v1.0/groups?itemsPerPage=2&pageNum=3&marker=x',
    ]);
  });

  it('works with a base URL given the way Cloud Manager is (…/api/public/v1.0), as Add Server offers it (issue 12 item 18)', async () => {
    // The Cloud Manager choice fills in CLOUD_MANAGER_BASE_URL; the same shape on loopback:
    const cloudShape = CLOUD_MANAGER_BASE_URL.replace('https://cloud.mongodb.com', base);
    handler = pages(3, () => undefined);
    const groups = await withClient({ baseUrl: cloudShape }, (c) => c.listGroups());
    assert.equal(groups.length, 3);
    assert.deepEqual(seen, ['/api/public/v1.0/groups?pageNum=1&itemsPerPage=100']);
    assert.deepEqual(normaliseBaseUrl(CLOUD_MANAGER_BASE_URL), {
      origin: 'https://cloud.mongodb.com',
      apiBase: 'https://cloud.mongodb.com/api/public/v1.0',
    });
  });

  it('builds pageNum itself when the next link points at another origin (credentials never leave)', async () => {
    handler = pages(5, (p) => `https://central.example.com/api/public/v1.0/groups?pageNum=${p}&itemsPerPage=2`);
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 2 }));
    assert.deepEqual(
      groups.map((g) => g.name),
      ['g0', 'g1', 'g2', 'g3', 'g4'],
    );
    assert.deepEqual(seen, [
      '/api/public/v1.0/groups?pageNum=1&itemsPerPage=2',
      '/api/public/v1.0/groups?pageNum=2&itemsPerPage=2',
      '/api/public/v1.0/groups?pageNum=3&itemsPerPage=2',
    ]);
  });

  it('with no links at all, uses totalCount; an older server capping itemsPerPage at 100 still pages correctly', async () => {
    handler = (url) => {
      const pageNum = Number(url.searchParams.get('pageNum'));
      const per = Math.min(100, Number(url.searchParams.get('itemsPerPage')));
      const results = Array.from({ length: Math.max(0, Math.min(per, 250 - (pageNum - 1) * per)) }, (_, i) =>
        group(((pageNum - 1) * per + i) % 250),
      );
      return { body: { results, totalCount: 250 } };
    };
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 500 }));
    assert.equal(groups.length, 250);
    assert.equal(seen.length, 3);
  });

  it('a next link that repeats the same page does not loop', async () => {
    handler = (url) => ({ body: { results: [group(1)], totalCount: 99, links: [{ rel: 'next', href: url.href }] } });
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 1 }));
    assert.equal(groups.length, 1);
    assert.equal(seen.length, 1);
  });

  it('a next link that changes on every page but brings back the same items ends the list after one repeat', async () => {
    let n = 0;
    handler = () => ({
      body: {
        results: [group(1), group(2)],
        totalCount: 1_000_000,
        links: [{ rel: 'next', href: `${base}/api/public/v1.0/groups?pageNum=2&itemsPerPage=2&n=${++n}` }],
      },
    });
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 2 }));
    assert.deepEqual(
      groups.map((g) => g.name),
      ['g1', 'g2'],
    );
    assert.equal(seen.length, 2);
  });

  it('an ID listed twice (within a page or on the next page, as when a job is created while paging) is kept once', async () => {
    // The tree's item IDs come from these: a repeated one would make the view refuse the whole list.
    handler = (url) => {
      const pageNum = Number(url.searchParams.get('pageNum'));
      const results =
        pageNum === 1 ? [group(1), group(2), group(2)] : [group(2), group(3), { ...group(1), name: 'again' }];
      const links =
        pageNum === 1
          ? [{ rel: 'next', href: `${base}/api/public/v1.0/groups?pageNum=2&itemsPerPage=3` }]
          : [{ rel: 'self', href: url.href }];
      return { body: { results, links } };
    };
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 3 }));
    assert.deepEqual(
      groups.map((g) => g.name),
      ['g1', 'g2', 'g3'],
    );
    assert.equal(seen.length, 2);
  });

  it('an empty page ends the list even if the server claims more', async () => {
    handler = () => ({
      body: { results: [], totalCount: 10, links: [{ rel: 'next', href: `${base}/api/public/v1.0/groups?pageNum=9` }] },
    });
    assert.deepEqual(await withClient({}, (c) => c.listGroups()), []);
    assert.equal(seen.length, 1);
  });

  it('the default cap is 10 000 items', async () => {
    handler = pages(20_000, (p) => `${base}/api/public/v1.0/groups?pageNum=${p}&itemsPerPage=500`);
    const groups = await withClient({}, (c) => c.listGroups({ itemsPerPage: 500 }));
    assert.equal(groups.length, 10_000);
    assert.equal(seen.length, 20);
  });

  it('envelope: {status, content}, {status, envelope} and lists with status beside results', async () => {
    const job = { id: '65e0f1a2b3c4d5e6f7a8b901', statusName: 'FINISHED' };
    for (const key of ['content', 'envelope']) {
      handler = () => ({ body: { status: 200, [key]: job } });
      const got = await withClient({ envelope: true }, (c) => c.getRestoreJob(GROUP_ID, CLUSTER_ID, job.id));
      assert.equal(got.id, job.id);
      assert.deepEqual(got.extra, {});
      assert.match(seen[seen.length - 1], /\?envelope=true$/);

      handler = () => ({
        body: { status: 404, [key]: { error: 404, errorCode: 'RESTORE_JOB_NOT_FOUND', detail: 'nope' } },
      });
      const error = await withClient({ envelope: true }, (c) =>
        rejectsWith(c.getRestoreJob(GROUP_ID, CLUSTER_ID, job.id), {
          kind: 'http',
          status: 404,
          errorCode: 'RESTORE_JOB_NOT_FOUND',
        }),
      );
      assert.match(say(error), /^Restore job 65e0f1a2b3c4d5e6f7a8b901 was not found/);
    }
    handler = pages(
      3,
      (p) => `${base}/api/public/v1.0/groups?pageNum=${p}&itemsPerPage=2`,
      () => ({ status: 200 }),
    );
    const groups = await withClient({ envelope: true }, (c) => c.listGroups({ itemsPerPage: 2 }));
    assert.equal(groups.length, 3);
    assert.deepEqual(seen.slice(-2), [
      '/api/public/v1.0/groups?pageNum=1&itemsPerPage=2&envelope=true',
      '/api/public/v1.0/groups?pageNum=2&itemsPerPage=2&envelope=true',
    ]);

    handler = () => ({ body: { status: 500, content: { errorCode: 'UNEXPECTED_ERROR' } } });
    await withClient({ envelope: true }, (c) =>
      rejectsWith(c.listGroups(), { kind: 'http', status: 500, errorCode: 'UNEXPECTED_ERROR' }),
    );
  });

  it('an error body quoting the key never shows it', async () => {
    handler = () => ({ status: 400, body: { error: 400, errorCode: 'BAD', detail: 'key k-secret is malformed' } });
    const error = await withClient({}, (c) => rejectsWith(c.listGroups(), { kind: 'http', status: 400 }));
    assert.ok(!say(error).includes('k-secret'), say(error));
    assert.ok(!(error.detail ?? '').includes('k-secret'));
  });

  it('a 2xx JSON body of the wrong shape names the URL', async () => {
    handler = () => ({ body: [1, 2] });
    const error = await withClient({}, (c) => rejectsWith(c.getRoot(), { kind: 'parse' }));
    assert.equal(
      say(error),
      `Unexpected answer from Ops Manager for ${base}/api/public/v1.0: response body: expected an object, got an array`,
    );
    handler = () => ({ body: '' });
    await withClient({}, (c) => rejectsWith(c.getRoot(), { kind: 'parse' }));
    handler = () => ({ body: { totalCount: 1 } });
    const list = await withClient({}, (c) => rejectsWith(c.listGroups(), { kind: 'parse' }));
    assert.match(say(list), /: results: expected an array, got nothing$/);
  });

  it('the path sent is exactly the one built (ID case kept, nothing re-encoded)', async () => {
    handler = () => ({ body: { id: 'x' } });
    await withClient({}, (c) => c.getRestoreJob(GROUP_ID.toUpperCase(), CLUSTER_ID, JOB_ID));
    assert.deepEqual(seen, [
      `/api/public/v1.0/groups/${GROUP_ID.toUpperCase()}/clusters/${CLUSTER_ID}/restoreJobs/${JOB_ID}`,
    ]);
  });
});

describe('client: helpers', () => {
  it('newestFirst sorts by created, stable, unreadable or missing last', () => {
    const job = (id: string, created?: string): RestoreJob => ({ id, created, extra: {}, raw: {} });
    const sorted = newestFirst([
      job('a', '2024-01-01T00:00:00Z'),
      job('b'),
      job('c', '2024-03-01T00:00:00Z'),
      job('d', 'garbage'),
      job('e', '2024-01-01T00:00:00Z'),
      job('f', '2024-02-01T00:00:00Z'),
    ]);
    assert.deepEqual(
      sorted.map((j) => j.id),
      ['c', 'f', 'a', 'e', 'b', 'd'],
    );
  });

  it('backoffMs: exponential from 1 s with equal jitter, capped, about a minute over the default six retries', () => {
    assert.equal(
      backoffMs(0, 60_000, () => 0),
      500,
    );
    assert.equal(
      backoffMs(0, 60_000, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(5, 60_000, () => 0),
      16_000,
    );
    assert.equal(
      backoffMs(10, 60_000, () => 1),
      60_000,
      'capped',
    );
    const longest = [0, 1, 2, 3, 4, 5].reduce((sum, attempt) => sum + backoffMs(attempt, 60_000, () => 1), 0);
    assert.equal(longest, 63_000);
    assert.notEqual(
      backoffMs(3, 60_000, () => 0.1),
      backoffMs(3, 60_000, () => 0.9),
      'jittered',
    );
  });

  it('unwrapEnvelope', () => {
    assert.deepEqual(unwrapEnvelope({ status: 200, content: { a: 1 } }), { status: 200, payload: { a: 1 } });
    assert.deepEqual(unwrapEnvelope({ status: '404', envelope: null }), { status: 404, payload: null });
    assert.deepEqual(unwrapEnvelope({ status: 200, results: [] }), { status: 200, payload: { results: [] } });
    assert.deepEqual(unwrapEnvelope({ id: 'x' }), { payload: { id: 'x' } });
    assert.deepEqual(unwrapEnvelope([1]), { payload: [1] });
  });
});

describe('client: hostile bodies do not block the extension host (issue 12 item 1)', function () {
  this.timeout(60_000);
  let server: http.Server;
  let base: string;
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'text/html', body: '' };

  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const [shape, make] of Object.entries(HOSTILE_SHAPES)) {
    for (const size of [256 * 1024, 1024 * 1024]) {
      for (const status of [401, 200]) {
        it(`${size / 1024} KiB of ${shape} as a ${status} text/html: an error, the loop never blocked over ~50 ms`, async () => {
          answer = { status, type: 'text/html', body: make(size) };
          // The best of three runs: a real block shows every time, a busy machine's scheduling hiccup does not.
          let caught: unknown;
          let blocked = Infinity;
          for (let run = 0; run < 3 && blocked >= 50; run++) {
            const client = new OpsManagerClient({ baseUrl: base, username: 'u', apiKey: 'k' });
            const ms = await longestBlockMs(() => client.listGroups().catch((e: unknown) => (caught = e)));
            await client.close();
            blocked = Math.min(blocked, ms);
          }
          assert.ok(caught instanceof OpsManagerError, String(caught));
          assert.equal(caught.kind, status === 200 ? 'parse' : 'http');
          assert.ok(blocked < 50, `blocked ${blocked.toFixed(1)} ms`);
        });
      }
    }
  }
});

describe('client: a 401 without a usable Digest challenge (issue 12 item 3)', () => {
  let server: http.Server;
  let base: string;
  let challenge: string | undefined;
  let authorizations = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.headers.authorization !== undefined) authorizations++;
      res.writeHead(401, challenge === undefined ? {} : { 'www-authenticate': challenge });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const [offered, header, words] of [
    ['only Basic', 'Basic realm="sso"', /offering only Basic,/],
    ['nothing', undefined, /without offering Digest authentication/],
    [
      'an unsupported algorithm',
      'Digest realm="r", nonce="n", algorithm=SHA-1024',
      /offering only Digest with algorithm SHA-1024,/,
    ],
    ['an unsupported qop', 'Digest realm="r", nonce="n", qop="auth-conf"', /offering only Digest with qop auth-conf,/],
  ] as const) {
    it(`${offered}: says what the server offered, not that the key was rejected`, async () => {
      challenge = header;
      authorizations = 0;
      const client = new OpsManagerClient({ baseUrl: base, username: 'u', apiKey: 'the-key' });
      const error = await rejectsWith(client.listGroups(), { kind: 'http', status: 401, code: 'NO_USABLE_CHALLENGE' });
      await client.close();
      assert.match(say(error), words);
      assert.match(say(error), /no API key was sent/);
      assert.doesNotMatch(say(error), /API key was rejected/);
      assert.equal(authorizations, 0);
    });
  }
});
