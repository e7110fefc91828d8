// The restore-job panel's HTML, built on plain Node (its modules never import vscode): every field shown, absent
// fields explained, hostile server values only ever as text, a strict CSP, and the Download button's reasons.
import * as assert from 'node:assert/strict';
import type { RestoreJob } from '../../../src/opsManager/api/model';
import { parseRestoreJob } from '../../../src/opsManager/api/parse';
import { formatBytes } from '../../../src/opsManager/common/format';
import { formatUtc, relativeTime } from '../../../src/core/dateTime';
import { formatProgress } from '../../../src/core/progressText';
import { panelTitle, renderDocument, type DocumentInput } from '../../../src/jobPanel/document';
import { escapeHtml, isWebUrl } from '../../../src/core/escape';
import { jobSnapshot } from '../../../src/jobPanel/jobStatus';
import { MAX_DOWNLOADS_LIMIT as UNLIMITED_DOWNLOADS } from '../../../src/opsManager/api';
import { parsePanelState, parseWebviewMessage } from '../../../src/jobPanel/protocol';
import type { JobRef } from '../../../src/core/jobRef';
import { englishL10n } from '../../../src/jobPanel/translate';
import { decodeHtml } from '../support/panelDocument';

const NOW = new Date('2016-03-04T22:30:00Z');
const JOB_ID = '65e0f1a2b3c4d5e6f7a8b901';
const GROUP_ID = '5f2b3c4d5e6f708192a3b4c1';
const CLUSTER_ID = '60a1b2c3d4e5f60718293a01';
const REF: JobRef = { server: 'prod', groupId: GROUP_ID, clusterId: CLUSTER_ID, jobId: JOB_ID };
const NONCE = 'bm9uY2Utb2YtdGhlLXRlc3Q=';
const URL_READY = `https://backup.example.com/backup/restore/v2/pull/${JOB_ID}/4417022818560373771/rs-orders-1456098690.tar.gz`;

/** A job with every field of the API table (and a few the parser keeps as unknown). */
function fullJob(): RestoreJob {
  const raw = {
    batchId: '65e0f1a2b3c4d5e6f7a8ba01',
    clusterId: CLUSTER_ID,
    hostId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    created: '2016-03-04T22:07:27Z',
    delivery: {
      expirationHours: 48,
      expires: '2016-03-06T22:07:27Z',
      maxDownloads: 3,
      methodName: 'HTTP',
      statusName: 'READY',
      url: URL_READY,
      deliveryLane: 'fast',
    },
    encryptionEnabled: true,
    masterKeyUUID: '8c1d5f2e-4b7a-4e39-9f06-2a5c7d3e1b90',
    groupId: GROUP_ID,
    hashes: [
      {
        fileName: 'rs-orders-1456098690.tar.gz',
        hash: '5f1e8b9a7c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f',
        typeName: 'SHA1',
        verifiedBy: 'om',
      },
    ],
    id: JOB_ID,
    links: [
      {
        rel: 'self',
        href: `https://om.example.com:8443/api/public/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER_ID}/restoreJobs/${JOB_ID}`,
        title: 'me',
      },
    ],
    pointInTime: true,
    snapshotId: '65d0c1b2a3948576a5b4c302',
    statusName: 'FINISHED',
    timestamp: { date: '2016-03-04T21:14:25Z', increment: 7, term: 3 },
    futureField: { nested: [1, 2] },
  };
  return {
    id: JOB_ID,
    batchId: raw.batchId,
    clusterId: raw.clusterId,
    hostId: raw.hostId,
    created: raw.created,
    delivery: {
      expirationHours: 48,
      expires: raw.delivery.expires,
      maxDownloads: 3,
      methodName: 'HTTP',
      statusName: 'READY',
      url: URL_READY,
      extra: { deliveryLane: 'fast' },
    },
    encryptionEnabled: true,
    masterKeyUUID: raw.masterKeyUUID,
    groupId: GROUP_ID,
    hashes: [
      { fileName: raw.hashes[0].fileName, hash: raw.hashes[0].hash, typeName: 'SHA1', extra: { verifiedBy: 'om' } },
    ],
    links: [{ rel: 'self', href: raw.links[0].href, extra: { title: 'me' } }],
    pointInTime: true,
    snapshotId: raw.snapshotId,
    statusName: 'FINISHED',
    timestamp: { date: raw.timestamp.date, increment: 7, extra: { term: 3 } },
    extra: { futureField: raw.futureField },
    raw,
  };
}

/** The seed's example: FINISHED / EXPIRED, an empty link object, no hashes. */
function seedJob(): RestoreJob {
  const raw = {
    batchId: '65e0f1a2b3c4d5e6f7a8ba02',
    clusterId: CLUSTER_ID,
    created: '2016-03-04T22:07:27Z',
    delivery: {
      expirationHours: 1,
      expires: '2016-03-04T23:07:27Z',
      maxDownloads: 1,
      methodName: 'HTTP',
      statusName: 'EXPIRED',
      url: `https://backup-host.example.com/backup/restore/v2/pull/${JOB_ID}/1976673072885966399/electron_0-1456098690-${JOB_ID}.tar.gz`,
    },
    encryptionEnabled: false,
    groupId: GROUP_ID,
    id: JOB_ID,
    links: [{}],
    pointInTime: false,
    snapshotId: '65d0c1b2a3948576a5b4c301',
    statusName: 'FINISHED',
    timestamp: { date: '2017-04-19T21:14:25Z', increment: 1 },
  };
  return {
    id: JOB_ID,
    batchId: raw.batchId,
    clusterId: CLUSTER_ID,
    created: raw.created,
    delivery: { ...raw.delivery, extra: {} },
    encryptionEnabled: false,
    groupId: GROUP_ID,
    links: [{ extra: {} }],
    pointInTime: false,
    snapshotId: raw.snapshotId,
    statusName: 'FINISHED',
    timestamp: { ...raw.timestamp, extra: {} },
    extra: {},
    raw,
  };
}

function withDelivery(job: RestoreJob, patch: Partial<NonNullable<RestoreJob['delivery']>>): RestoreJob {
  const delivery = { ...(job.delivery ?? { extra: {} }), ...patch };
  return {
    ...job,
    delivery,
    raw: { ...job.raw, delivery: { ...(job.raw.delivery as object), ...patch, extra: undefined } },
  };
}

function render(job: RestoreJob | undefined, extra: Partial<DocumentInput> = {}): string {
  return renderDocument({
    ref: REF,
    nonce: NONCE,
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    stylesUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    now: NOW,
    locale: 'en',
    l10n: englishL10n,
    ...(job ? { job } : {}),
    ...extra,
  });
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /\s+([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every start tag with its attributes; fails when anything shaped like markup is left outside the tags. */
function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const rest = html
    .replace(/^<!DOCTYPE html>/i, '')
    .replace(TAG, (_match, closing: string, name: string, attrText: string) => {
      if (!closing) {
        const attrs = new Map<string, string>();
        for (const m of attrText.matchAll(ATTR)) {
          attrs.set(m[1].toLowerCase(), decodeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
        }
        tags.push({ name: name.toLowerCase(), attrs });
      }
      return '';
    });
  assert.ok(
    !/[<>]/.test(rest),
    `markup outside tags: ${rest.slice(Math.max(0, rest.search(/[<>]/) - 60), rest.search(/[<>]/) + 60)}`,
  );
  return tags;
}

/** The `<dd>` content of one field, by its API name. */
function fieldHtml(html: string, name: string): string {
  const start = html.indexOf(`data-field="${name}"`);
  assert.notEqual(start, -1, `field ${name} is not rendered`);
  const dd = html.indexOf('<dd>', start);
  const end = html.indexOf('</dd>', dd);
  return html.slice(dd + 4, end);
}

function textOf(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ''));
}

function downloadButton(html: string): Tag {
  const button = parseTags(html).find((tag) => tag.name === 'button' && tag.attrs.get('data-action') === 'download');
  assert.ok(button, 'the Download button is rendered');
  return button;
}

function downloadNote(html: string): string {
  const match = /<p id="download-note"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  assert.ok(match, 'the download note is rendered');
  return textOf(match[1]);
}

describe('panel HTML', () => {
  describe('escapeHtml', () => {
    it('escapes every character that could open markup or leave an attribute', () => {
      assert.equal(
        escapeHtml(`<script>alert("x") & 'y'</script>`),
        '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
      );
    });
    it('escapes an ampersand first, so entities are not double-decoded', () => {
      assert.equal(escapeHtml('&lt;'), '&amp;lt;');
    });
    it('turns numbers, booleans and undefined into text', () => {
      assert.equal(escapeHtml(42), '42');
      assert.equal(escapeHtml(false), 'false');
      assert.equal(escapeHtml(undefined), 'undefined');
    });
  });

  describe('a job with every field', () => {
    const job = fullJob();
    const html = render(job);

    it('shows the summary fields with their values', () => {
      assert.match(fieldHtml(html, 'statusName'), /data-status="FINISHED"/);
      // One date format: the local time (its day depends on the zone the tests run in), how long ago, UTC on hover.
      assert.match(textOf(fieldHtml(html, 'created')), /^Mar [45], \d\d:\d\d [AP]M \(22 min ago\)$/);
      assert.match(fieldHtml(html, 'created'), /<span class="when" title="2016-03-04 22:07:27 UTC">/);
      assert.match(fieldHtml(html, 'created'), /<time class="absolute" datetime="2016-03-04T22:07:27.000Z">/);
      assert.match(textOf(fieldHtml(html, 'snapshotId')), /65d0c1b2a3948576a5b4c302/);
      assert.match(textOf(fieldHtml(html, 'pointInTime')), /Yes/);
      assert.match(textOf(fieldHtml(html, 'encryptionEnabled')), /Encrypted/);
      assert.match(textOf(fieldHtml(html, 'masterKeyUUID')), /8c1d5f2e-4b7a-4e39-9f06-2a5c7d3e1b90/);
      assert.match(textOf(fieldHtml(html, 'batchId')), /65e0f1a2b3c4d5e6f7a8ba01/);
      assert.match(textOf(fieldHtml(html, 'clusterId')), new RegExp(CLUSTER_ID));
      assert.match(textOf(fieldHtml(html, 'hostId')), /a1b2c3d4e5f60718293a4b5c6d7e8f90/);
      assert.match(textOf(fieldHtml(html, 'groupId')), new RegExp(GROUP_ID));
      assert.match(textOf(fieldHtml(html, 'id')), new RegExp(JOB_ID));
    });

    it('shows the delivery fields, the expiry as a date and as a live relative time', () => {
      assert.equal(textOf(fieldHtml(html, 'delivery.methodName')), 'HTTP');
      assert.match(fieldHtml(html, 'delivery.statusName'), /class="badge success" data-status="READY"/);
      assert.match(textOf(fieldHtml(html, 'delivery.url')), new RegExp(URL_READY.replace(/[.?/]/g, '\\$&')));
      const expires = fieldHtml(html, 'delivery.expires');
      assert.match(textOf(expires), /^Mar [67], \d\d:\d\d [AP]M \(in 1 day 23 hr\)$/);
      assert.match(expires, /title="2016-03-06 22:07:27 UTC"/);
      assert.match(
        expires,
        /<time class="relative" data-relative datetime="2016-03-06T22:07:27.000Z">in 1 day 23 hr<\/time>/,
      );
      assert.match(textOf(fieldHtml(html, 'delivery.expirationHours')), /48 hours/);
      // maxDownloads is what is left (Ops Manager counts it down), not the total: the label says so.
      assert.equal(textOf(fieldHtml(html, 'delivery.maxDownloads')), '3 left');
      assert.match(html, /<span class="label">Downloads left<\/span><span class="api-name">delivery.maxDownloads/);
    });

    it('shows the snapshot timestamp, the hashes and the links', () => {
      assert.match(textOf(fieldHtml(html, 'timestamp.date')), /^Mar [45], \d\d:\d\d [AP]M \(1 hr 15 min ago\)$/);
      assert.match(fieldHtml(html, 'timestamp.date'), /title="2016-03-04 21:14:25 UTC"/);
      assert.equal(textOf(fieldHtml(html, 'timestamp.increment')), '7');
      const hashes = textOf(html.slice(html.indexOf('id="section-hashes"'), html.indexOf('id="section-links"')));
      assert.match(hashes, /rs-orders-1456098690\.tar\.gz/);
      assert.match(hashes, /SHA1/);
      assert.match(hashes, /5f1e8b9a7c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f/);
      const links = parseTags(html).filter((tag) => tag.name === 'a');
      assert.deepEqual(
        links.map((tag) => tag.attrs.get('href')),
        [job.links?.[0].href],
      );
    });

    it('offers copy buttons for the IDs, the URL and the hash', () => {
      const copied = parseTags(html)
        .filter((tag) => tag.name === 'button' && tag.attrs.get('data-action') === 'copy')
        .map((tag) => tag.attrs.get('data-copy'));
      for (const value of [
        JOB_ID,
        GROUP_ID,
        CLUSTER_ID,
        job.snapshotId,
        job.batchId,
        job.hostId,
        job.masterKeyUUID,
        URL_READY,
        job.hashes?.[0].hash,
      ]) {
        assert.ok(copied.includes(value), `a copy button for ${value}`);
      }
      for (const tag of parseTags(html).filter((t) => t.name === 'button')) {
        // Download, Refresh and Cancel Download have visible words; the icon buttons have an aria-label.
        const worded = ['download', 'refresh', 'cancel-download'].includes(tag.attrs.get('data-action') ?? '');
        assert.ok(tag.attrs.has('aria-label') || worded, 'every button has an accessible name');
        assert.equal(tag.attrs.get('type'), 'button');
      }
    });

    it('lists every unknown field, nested ones included, under Other fields', () => {
      const other = html.slice(html.indexOf('id="section-other"'), html.indexOf('id="section-raw"'));
      for (const path of [
        'futureField',
        'delivery.deliveryLane',
        'timestamp.term',
        'hashes[0].verifiedBy',
        'links[0].title',
      ]) {
        assert.match(other, new RegExp(`data-field="${path.replace(/[.[\]]/g, '\\$&')}"`), path);
      }
      assert.match(textOf(other), /"nested": \[\s+1,\s+2\s+\]/);
    });

    it('has the raw JSON, escaped', () => {
      const raw = /<pre class="json"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html);
      assert.ok(raw);
      assert.deepEqual(JSON.parse(textOf(raw[1])), job.raw);
    });

    it('enables Download and says where it goes', () => {
      assert.equal(downloadButton(html).attrs.has('disabled'), false);
      assert.match(downloadNote(html), /Ready to download as rs-orders-1456098690\.tar\.gz/);
    });
  });

  describe('absent fields', () => {
    const html = render(seedJob());

    it('say why they are absent, with the notes of the API reference', () => {
      assert.match(
        textOf(fieldHtml(html, 'hostId')),
        /Only present for a restore of a mirrored config server \(SCCC\)\./,
      );
      assert.match(textOf(fieldHtml(html, 'masterKeyUUID')), /Only present when the snapshot data is encrypted/);
      assert.match(
        textOf(html.slice(html.indexOf('id="section-hashes"'))),
        /Present only after the archive has been downloaded/,
      );
      assert.match(textOf(fieldHtml(html, 'encryptionEnabled')), /Not encrypted/);
      assert.match(textOf(fieldHtml(html, 'pointInTime')), /No/);
    });

    it('explain a missing batch ID and cluster ID', () => {
      const job = { ...seedJob(), batchId: undefined, clusterId: undefined, hostId: 'a1b2c3' };
      const text = render(job);
      assert.match(textOf(fieldHtml(text, 'batchId')), /Only present for a restore of a sharded cluster\./);
      assert.match(textOf(fieldHtml(text, 'clusterId')), /Only present for a restore of a cluster\./);
    });

    it('explain HTTP-only delivery fields for another method', () => {
      const job = { ...seedJob(), delivery: { methodName: 'QUERY', statusName: 'READY', extra: {} } };
      const text = render(job);
      for (const name of ['delivery.url', 'delivery.expires', 'delivery.expirationHours', 'delivery.maxDownloads']) {
        assert.match(textOf(fieldHtml(text, name)), /Only present if the delivery method is HTTP\./, name);
      }
    });

    it('an HTTP delivery without expirationHours or maxDownloads says Ops Manager did not send them (issue 12 item 14)', () => {
      const job = { ...seedJob(), delivery: { methodName: 'HTTP', statusName: 'READY', extra: {} } };
      const text = render(job);
      for (const name of ['delivery.expirationHours', 'delivery.maxDownloads']) {
        assert.match(textOf(fieldHtml(text, name)), /Ops Manager did not send it\./, name);
        assert.doesNotMatch(textOf(fieldHtml(text, name)), /Only present if the delivery method is HTTP/, name);
      }
    });

    it('a job reached through the host route is shown as a config server job (issue 12 item 15)', () => {
      // The documented SCCC list: the host ID sits in clusterId, and there is no hostId.
      const hostId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      const job = { ...seedJob(), clusterId: hostId, hostId: undefined };
      const text = render(job, { ref: { server: 'prod', groupId: GROUP_ID, hostId, jobId: JOB_ID } });
      const row = text.slice(text.indexOf('data-field="clusterId"'));
      assert.match(textOf(row.slice(row.indexOf('<dt>'), row.indexOf('</dt>'))), /^Config server host ID/);
      assert.match(textOf(fieldHtml(text, 'clusterId')), new RegExp(hostId));
      assert.match(textOf(fieldHtml(text, 'hostId')), /Ops Manager sends the host ID in clusterId/);
      assert.doesNotMatch(textOf(text), /Only present for a restore of a mirrored config server/);
    });

    it('shows clusterName when Ops Manager sends it (issue 12 item 16)', () => {
      const job = { ...seedJob(), clusterName: 'orders-<prod>' };
      const text = render(job);
      assert.equal(textOf(fieldHtml(text, 'clusterName')), 'orders-<prod>');
      assert.doesNotMatch(textOf(text.slice(text.indexOf('id="section-other"'))), /clusterName/);
    });

    it('explain a job without delivery, timestamp or links', () => {
      const text = render({ id: JOB_ID, extra: {}, raw: { id: JOB_ID } });
      assert.match(textOf(text), /Ops Manager sent no delivery details for this job\./);
      assert.match(textOf(text), /did not send the timestamp/);
      assert.match(textOf(text), /Ops Manager sent no links for this job\./);
      assert.match(textOf(text), /None: every field Ops Manager sent is shown above\./);
    });

    it('shows the seed’s empty link object as a row with nothing sent', () => {
      const links = html.slice(html.indexOf('id="section-links"'), html.indexOf('id="section-other"'));
      assert.match(textOf(links), /not sent\s*not sent/);
    });
  });

  describe('hostile values', () => {
    const hostile = withDelivery(
      {
        ...fullJob(),
        snapshotId: '<script>alert(1)</script>',
        statusName: '<img src=x onerror=alert(2)>',
        links: [{ rel: '"><svg onload=alert(3)>', href: 'javascript:alert(4)', extra: {} }],
        extra: { '<b onclick=alert(5)>key</b>': '</pre><script>alert(6)</script>' },
      },
      {
        url: 'https://backup.example.com/x" onmouseover="alert(7)'.concat('.tar.gz'),
        statusName: "READY' autofocus onfocus='alert(8)",
      },
    );
    const html = render(hostile);
    let tags: Tag[] = [];
    before(() => {
      tags = parseTags(html);
    });

    it('leaves no markup of theirs in the document', () => {
      assert.deepEqual(
        tags.filter((tag) => tag.name === 'script').map((tag) => [...tag.attrs.keys()].sort()),
        [['nonce', 'src']],
      );
      assert.ok(
        !tags.some((tag) => ['img', 'svg', 'b', 'style', 'iframe', 'object', 'embed', 'form'].includes(tag.name)),
      );
    });

    it('shows them as text', () => {
      assert.match(textOf(fieldHtml(html, 'snapshotId')), /<script>alert\(1\)<\/script>/);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.match(textOf(fieldHtml(html, 'statusName')), /<img src=x onerror=alert\(2\)>/);
      assert.match(textOf(html), /javascript:alert\(4\)/);
      assert.ok(html.includes('&lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;'));
    });

    it('keeps quotes inside attribute values', () => {
      const copy = tags.find((tag) => tag.attrs.get('data-label') === 'Download URL');
      assert.equal(copy?.attrs.get('data-copy'), 'https://backup.example.com/x" onmouseover="alert(7).tar.gz');
      assert.ok(!tags.some((tag) => tag.attrs.has('onmouseover')));
    });

    it('makes invisible and direction-changing characters visible', () => {
      const spoof = render({ ...seedJob(), snapshotId: 'evil\u202Egnp.exe', extra: { note: 'a\u200Bb' } });
      assert.match(textOf(fieldHtml(spoof, 'snapshotId')), /evil\\u202egnp\.exe/);
      assert.ok(
        !textOf(spoof).includes('\u202E') && !textOf(spoof).includes('\u200B'),
        'the raw characters are never shown',
      );
      assert.match(textOf(spoof), /"a\\u200bb"/);
      const copy = parseTags(spoof).find((tag) => tag.attrs.get('data-label') === 'Snapshot ID');
      assert.equal(copy?.attrs.get('data-copy'), 'evil\u202Egnp.exe', 'copying gives the exact value');
    });

    it('never makes a javascript: href clickable', () => {
      assert.ok(!tags.some((tag) => tag.name === 'a' && /^\s*javascript:/i.test(tag.attrs.get('href') ?? '')));
      assert.match(textOf(html), /javascript:alert\(4\) \(not an http or https link\)/);
    });

    it('renders a job whose unknown field is nested 200 000 deep (400 kB of JSON), in the fields and the raw view', () => {
      const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      const job = parseRestoreJob(JSON.parse(`{"id":"${REF.jobId}","statusName":"FINISHED","nested":${deep}}`));
      const page = render(job);
      assert.match(textOf(fieldHtml(page, 'statusName')), /Finished/);
      assert.ok(page.includes('id="section-raw"'));
    });

    it('shows an unknown status as sent, in a neutral badge', () => {
      assert.match(fieldHtml(html, 'delivery.statusName'), /class="badge neutral"/);
      const unknown = render({ ...seedJob(), statusName: 'QUEUED' });
      assert.match(fieldHtml(unknown, 'statusName'), /class="badge neutral" data-status="QUEUED"/);
      assert.match(textOf(fieldHtml(unknown, 'statusName')), /QUEUED/);
    });
  });

  describe('the document', () => {
    const html = render(fullJob());
    let tags: Tag[] = [];
    before(() => {
      tags = parseTags(html);
    });

    it('has a strict CSP with the nonce and nothing inline allowed', () => {
      const meta = tags.find((tag) => tag.name === 'meta' && tag.attrs.get('http-equiv') === 'Content-Security-Policy');
      assert.ok(meta);
      const csp = meta.attrs.get('content') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, new RegExp(`script-src 'nonce-${NONCE.replace(/[+/=]/g, '\\$&')}'`));
      assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      const script = tags.find((tag) => tag.name === 'script');
      assert.equal(script?.attrs.get('nonce'), NONCE);
      assert.match(html, /<script nonce="[^"]+" src="[^"]+"><\/script>/);
    });

    it('has no inline style or event handler attribute and no style element', () => {
      for (const document of [html, render(undefined), render(undefined, { error: 'boom' }), render(seedJob())]) {
        for (const tag of parseTags(document)) {
          assert.ok(!tag.attrs.has('style'), `style= on <${tag.name}>`);
          for (const name of tag.attrs.keys()) {
            assert.ok(!name.startsWith('on'), `${name}= on <${tag.name}>`);
          }
          assert.notEqual(tag.name, 'style');
        }
      }
    });

    it('saves the job identity for the serializer', () => {
      const body = tags.find((tag) => tag.name === 'body');
      const ref = JSON.parse(body?.attrs.get('data-ref') ?? '');
      assert.deepEqual(parsePanelState({ ref }), { ref: REF });
    });

    it('shows a loading placeholder, then an error banner when the job could not be fetched', () => {
      assert.match(textOf(render(undefined)), /Loading the restore job…/);
      const failed = render(undefined, { error: 'Ops Manager rejected the API key <401>.' });
      assert.match(failed, /<div id="banner" class="banner" role="alert">/);
      assert.match(textOf(failed), /Ops Manager rejected the API key <401>\./);
      assert.match(textOf(failed), /could not be loaded/);
      assert.equal(downloadButton(failed).attrs.has('disabled'), true);
    });

    it('titles the panel by cluster and created time, which tell jobs made minutes apart from each other', () => {
      const now = new Date('2024-11-26T20:00:00Z');
      // Two ObjectIds made three minutes apart share their first 8 hex digits (the timestamp's high bytes).
      const first = { ...REF, jobId: '65e0f1a2b3c4d5e6f7a8b901' };
      const second = { ...REF, jobId: '65e0f1a2c4d5e6f7a8b9c002' };
      const a = panelTitle(first, 'rs-orders', { created: '2024-11-26T12:33:05Z' }, now, 'en');
      const b = panelTitle(second, 'rs-orders', { created: '2024-11-26T12:36:41Z' }, now, 'en');
      assert.notEqual(a, b);
      for (const title of [a, b]) {
        assert.match(title, /^rs-orders · Nov 26, \d\d:\d\d:\d\d [AP]M$/); // midday UTC: Nov 26 in every zone
        assert.ok(!title.includes('65e0f1a2'), title);
      }
      assert.match(panelTitle(first, 'rs-orders', { created: '2023-11-26T12:33:05Z' }, now, 'en'), /2023/);
      // Before the job is loaded: the end of its ID, which differs between such jobs.
      assert.equal(panelTitle(first), `${CLUSTER_ID} · …a8b901`);
      assert.equal(panelTitle(second, 'rs-orders'), 'rs-orders · …b9c002');
      assert.match(textOf(render(fullJob(), { clusterName: 'rs-orders' })), /Cluster rs-orders/);
    });

    it('a hostile cluster name in the tab title (and the notifications that reuse it): one line, bounded, no link', () => {
      const name = `rs\u202Esredro\n[Open](command:workbench.action.terminal.new)${'x'.repeat(100_000)}`;
      const title = panelTitle(REF, name, { created: '2024-11-26T12:33:05Z' }, new Date('2024-11-26T20:00:00Z'), 'en');
      assert.ok(title.startsWith('rs\\u202esredro [Open] (command:'), title.slice(0, 60));
      assert.doesNotMatch(title, /[\u202E\n]/u);
      assert.ok(title.length < 120, `${title.length} characters`);
      assert.match(title, /… · Nov 26, /);
    });
  });

  describe('what a screen reader and a keyboard get', () => {
    const html = render(fullJob(), { clusterName: 'rs-orders' });

    it('says each status in words beside its badge, and hides the badge itself from screen readers', () => {
      const header = html.slice(html.indexOf('<div class="badges">'), html.indexOf('<p class="context">'));
      const spoken = [...header.matchAll(/<span class="visually-hidden">([^<]*)<\/span>/g)].map((m) => m[1]);
      assert.deepEqual(spoken, ['Job status: Finished.', 'Delivery: Ready.']);
      for (const tag of parseTags(html).filter((t) => t.attrs.get('class')?.startsWith('badge '))) {
        assert.equal(tag.attrs.get('aria-hidden'), 'true', 'the visible badge is not read twice');
        assert.equal(tag.attrs.has('aria-label'), false, 'no aria-label on a plain span (it is ignored)');
      }
      const unknown = render({ ...seedJob(), statusName: 'QUEUED' });
      assert.match(
        textOf(fieldHtml(unknown, 'statusName')),
        /Job status: QUEUED \(a value this extension does not know\)\./,
      );
    });

    it('reads the context line as separate parts, not "Demo (simulator)Group …"', () => {
      const context = /<p class="context">([\s\S]*?)<\/p>/.exec(html);
      assert.ok(context);
      // What a screen reader gets: the visually hidden commas, not the aria-hidden dots.
      const heard = textOf(context[1].replace(/<span aria-hidden="true">[^<]*<\/span>/g, ''));
      assert.equal(heard, `${REF.server}, Group ${GROUP_ID}, Cluster rs-orders`);
    });

    it('makes every scrolling JSON block focusable and names it', () => {
      const blocks = parseTags(html).filter((tag) => tag.name === 'pre');
      assert.ok(blocks.length >= 2, 'the raw JSON and the unknown fields');
      for (const block of blocks) {
        assert.equal(block.attrs.get('tabindex'), '0');
        assert.equal(block.attrs.get('role'), 'region');
        assert.ok((block.attrs.get('aria-label') ?? '') !== '', 'a label');
      }
      assert.ok(blocks.some((block) => block.attrs.get('aria-label') === 'Raw JSON of the restore job'));
      assert.ok(blocks.some((block) => block.attrs.get('aria-label') === 'Value of futureField'));
    });

    it('has one polite live region, and a Cancel Download button by the progress bar', () => {
      const live = parseTags(html).filter((tag) => tag.attrs.has('aria-live'));
      assert.deepEqual(
        live.map((tag) => tag.attrs.get('id')),
        ['live'],
        'the progress line is not a live region',
      );
      const cancel = parseTags(html).find((tag) => tag.attrs.get('data-action') === 'cancel-download');
      assert.ok(cancel, 'a Cancel Download button');
      assert.equal(cancel.attrs.get('id'), 'download-cancel');
      assert.match(textOf(html), /Cancel Download/);
    });
  });

  describe('the Download button', () => {
    const cases: Array<[string, RestoreJob, RegExp]> = [
      // The date is in the first screen's facts, in the panel's one format: the sentence does not repeat it.
      ['EXPIRED', seedJob(), /^The download link has expired\. Start a new restore job/],
      [
        'READY but past its expiry',
        withDelivery(fullJob(), { expires: '2016-03-04T22:00:00Z' }),
        /^The download link has expired\. Start a new restore job/,
      ],
      [
        'MAX_DOWNLOADS_EXCEEDED',
        withDelivery(fullJob(), { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 0 }),
        /used the maximum number of times/,
      ],
      [
        'still being prepared',
        withDelivery({ ...fullJob(), statusName: 'IN_PROGRESS' }, { statusName: 'IN_PROGRESS', url: undefined }),
        /available when the archive is ready; this panel checks the job again by itself/,
      ],
      [
        'not started',
        withDelivery(fullJob(), { statusName: 'NOT_STARTED' }),
        /available when the archive is ready; this panel checks the job again by itself/,
      ],
      [
        'a method other than HTTP',
        withDelivery(fullJob(), { methodName: 'QUERY' }),
        /delivered by QUERY, not as an HTTP download/,
      ],
      [
        'a javascript: URL',
        withDelivery(fullJob(), { url: 'javascript:alert(1)' }),
        /javascript: scheme; only http and https/,
      ],
      ['a relative URL', withDelivery(fullJob(), { url: '/backup/x.tar.gz' }), /is relative/],
      ['a failed delivery', withDelivery(fullJob(), { statusName: 'FAILED' }), /FAILED/],
    ];
    for (const [name, job, reason] of cases) {
      it(`is disabled with the reason shown next to it: ${name}`, () => {
        const html = render(job);
        const button = downloadButton(html);
        assert.equal(button.attrs.has('disabled'), true);
        assert.equal(button.attrs.get('aria-describedby'), 'download-note');
        assert.match(downloadNote(html), reason);
        assert.equal(jobSnapshot(job, NOW).downloadable, false);
      });
    }

    it('warns that a one-use link is used up by downloading', () => {
      const html = render(withDelivery(fullJob(), { maxDownloads: 1 }));
      assert.equal(downloadButton(html).attrs.has('disabled'), false);
      assert.match(downloadNote(html), /can be used only once/);
    });

    it('waits while a download of the job runs', () => {
      const html = render(fullJob(), { downloading: true });
      assert.equal(downloadButton(html).attrs.has('disabled'), true);
      assert.match(downloadNote(html), /download of this archive is running/);
    });

    it(`shows maxDownloads ${UNLIMITED_DOWNLOADS} as unlimited`, () => {
      const html = render(withDelivery(fullJob(), { maxDownloads: UNLIMITED_DOWNLOADS }));
      assert.equal(textOf(fieldHtml(html, 'delivery.maxDownloads')), `Unlimited (${UNLIMITED_DOWNLOADS})`);
      assert.equal(downloadButton(html).attrs.has('disabled'), false);
      assert.doesNotMatch(downloadNote(html), /only once/);
    });
  });

  describe('download tokens', () => {
    it('never shows a urlV2 bearer token, in the fields or the raw JSON', () => {
      const token = 'c2ltLXYyLXRva2Vu+/Zm9yLWRvd25sb2Fk==';
      const html = render(
        withDelivery(fullJob(), {
          urlV2: 'https://backup.example.com/v2/x.tar.gz',
          authHeader: 'Authorization',
          authBearer: 'Bearer',
          authValue: token,
        }),
      );
      assert.ok(!html.includes(token));
      assert.ok(!html.includes(escapeHtml(token)));
      assert.match(textOf(fieldHtml(html, 'delivery.authHeader')), /Authorization: Bearer .*token hidden/);
      assert.match(textOf(fieldHtml(html, 'delivery.urlV2')), /https:\/\/backup\.example\.com\/v2\/x\.tar\.gz/);
    });
  });
});

describe('panel formatting', () => {
  it('formats UTC dates and refuses non-dates', () => {
    assert.equal(formatUtc('2016-03-04T22:07:27Z'), '2016-03-04 22:07:27 UTC');
    assert.equal(formatUtc('yesterday-ish'), undefined);
  });

  it('says how far a time is, in both directions', () => {
    assert.equal(relativeTime(new Date('2016-03-04T23:30:00Z'), NOW, 'en'), 'in 1 hr');
    assert.equal(relativeTime(new Date('2016-03-04T22:25:00Z'), NOW, 'en'), '5 min ago');
    assert.equal(relativeTime(new Date('2016-03-04T22:30:03Z'), NOW, 'en'), 'now');
    assert.equal(relativeTime(new Date('2016-02-03T22:30:00Z'), NOW, 'en'), '30 days ago');
  });

  it('describes download progress with and without a known length', () => {
    assert.equal(formatBytes(1536, 'en'), '1.5 KB');
    assert.equal(
      formatProgress(
        { received: 12 * 1024 ** 2, total: 40 * 1024 ** 2, bytesPerSecond: 5 * 1024 ** 2, etaSeconds: 75 },
        englishL10n,
        'en',
      ),
      '12.0 MB of 40.0 MB (30%) · 5.0 MB/s · 1 min 15 s left',
    );
    assert.equal(formatProgress({ received: 2048 }, englishL10n, 'en'), '2.0 KB received');
  });

  it('makes only absolute http(s) URLs clickable', () => {
    assert.equal(isWebUrl('https://om.example.com/api'), true);
    assert.equal(isWebUrl('http://127.0.0.1:8080/x'), true);
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' https://x',
      'data:text/html,x',
      'file:///etc/passwd',
      '/relative',
      'vscode://x',
      '',
    ]) {
      assert.equal(isWebUrl(href), false, href);
    }
  });
});

describe('panel protocol', () => {
  it('renders the saved file actions hidden until a download saved a file', () => {
    const html = render(fullJob());
    assert.match(html, /<div id="saved-actions" class="toolbar" hidden>/);
    for (const action of ['reveal', 'openFolder', 'copyPath']) {
      assert.match(html, new RegExp(`data-action="savedFile" data-saved-action="${action}"`));
    }
  });

  it('accepts the webview’s messages and drops malformed ones', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', text: 'x', label: 'Job ID', requestId: 3 }), {
      type: 'copy',
      text: 'x',
      label: 'Job ID',
      requestId: 3,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'refresh', requestId: 1 }), { type: 'refresh', requestId: 1 });
    for (const action of ['reveal', 'openFolder', 'copyPath']) {
      assert.deepEqual(parseWebviewMessage({ type: 'savedFile', action, path: '/etc/passwd' }), {
        type: 'savedFile',
        action,
      });
    }
    for (const bad of [
      { type: 'savedFile', action: 'delete' },
      { type: 'savedFile' },
      null,
      'ready',
      [],
      { type: 'copy', text: 1, label: 'x' },
      { type: 'refresh', requestId: 'x' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('restores a saved identity only when it names a job', () => {
    assert.deepEqual(parsePanelState({ ref: REF }), { ref: REF });
    assert.equal(parsePanelState({ ref: { server: 'prod', groupId: GROUP_ID, jobId: JOB_ID } }), undefined);
    assert.equal(parsePanelState({ ref: { ...REF, server: 3 } }), undefined);
    assert.equal(parsePanelState(undefined), undefined);
  });
});
