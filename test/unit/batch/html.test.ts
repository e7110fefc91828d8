// The batch panel's HTML: every part with its fields, the batch status, Download All, and every server value
// escaped under a strict CSP.
import * as assert from 'node:assert/strict';
import { buildBatch } from '../../../src/opsManager/api/batch';
import type { RestoreJob } from '../../../src/opsManager/api/model';
import { contentSecurityPolicy, renderBatchBody, renderBatchDocument } from '../../../src/batch/html';
import { parseWebviewMessage } from '../../../src/batch/protocol';
import { englishL10n } from '../../../src/jobPanel/translate';

const BATCH = '5a66783b80eef5354c77ee13';
const REF = { server: 'Prod', groupId: 'a'.repeat(24), clusterId: 'b'.repeat(24), batchId: BATCH };

function job(id: string, fields: Partial<RestoreJob> = {}): RestoreJob {
  return {
    id,
    batchId: BATCH,
    created: '2026-11-26T18:33:00Z',
    statusName: 'FINISHED',
    delivery: {
      methodName: 'HTTP',
      statusName: 'READY',
      url: `https://backup.example.net/pull/${id}/tok/shard0-1516661094-${id}.tar.gz`,
      expires: '2099-11-28T18:33:00Z',
      maxDownloads: 1,
      extra: {},
    },
    timestamp: { date: '2026-11-26T17:46:00Z', increment: 1, extra: {} },
    extra: {},
    raw: {},
    ...fields,
  };
}

describe('batch panel HTML', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const a = job('cc0000000000000000000001', {
    extra: { clusterName: hostile },
    hashes: [{ fileName: 'x.tar.gz', hash: 'ab'.repeat(20), typeName: 'SHA1', extra: {} }],
  });
  const b = job('cc0000000000000000000002', {
    statusName: 'IN_PROGRESS',
    delivery: { methodName: 'HTTP', statusName: 'IN_PROGRESS', maxDownloads: 2147483647, extra: {} },
  });
  const batch = buildBatch(BATCH, [a, b], [], new Date('2026-11-27T00:00:00Z'));
  const input = { ref: REF, clusterName: `cat"${hostile}`, batch, now: new Date('2026-11-27T00:00:00Z') };

  it('lists every part with name, job ID, status, expiry, downloads left and hash, and the batch status', () => {
    const html = renderBatchBody(input, englishL10n);
    assert.match(html, /id="batch-status" class="status-partly-ready">2 parts · 1 of 2 ready</);
    assert.ok(html.includes('cc0000000000000000000001') && html.includes('cc0000000000000000000002'));
    assert.ok(html.includes('ab'.repeat(20)), 'the known hash');
    assert.match(html, /<td>1<\/td>/, 'one download left');
    assert.match(html, /<td>unlimited<\/td>/);
    assert.match(html, /Being prepared/);
    assert.match(html, /named from the job’s clusterName/);
    assert.match(html, /data-action="downloadAll">Download All</, 'Download All is enabled');
  });

  it('escapes every server value and keeps a strict CSP with a nonce', () => {
    const doc = renderBatchDocument(
      { ...input, nonce: 'n0nce', cspSource: 'vscode-resource:', scriptUri: 's.js', stylesUri: 'b.css' },
      englishL10n,
    );
    assert.ok(!doc.includes(hostile), 'no raw markup from the server');
    assert.ok(doc.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(doc.includes('cat&quot;&lt;img'));
    assert.equal(
      contentSecurityPolicy('vscode-resource:', 'n0nce'),
      "default-src 'none'; style-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-n0nce'",
    );
    assert.match(doc, /<script nonce="n0nce" src="s\.js"><\/script>/);
    assert.ok(!/<script(?![^>]*nonce=)/.test(doc), 'every script carries the nonce');
    assert.ok(!/ style=/.test(doc), 'no inline style');
  });

  it('disables Download All for a batch with a lost part, and shows the download state and failures', () => {
    const expired = job('cc0000000000000000000003', {
      delivery: { methodName: 'HTTP', statusName: 'EXPIRED', extra: {} },
    });
    const html = renderBatchBody(
      {
        ...input,
        batch: buildBatch(BATCH, [a, expired]),
        download: {
          state: 'incomplete',
          folder: '/tmp/x',
          parts: { cc0000000000000000000001: { status: 'failed', error: 'The connection was cut <b>' } },
        },
      },
      englishL10n,
    );
    assert.match(html, /data-action="downloadAll" disabled>/);
    assert.match(html, /data-action="retryFailed"/);
    assert.match(html, /The connection was cut &lt;b&gt;/);
    assert.match(html, /Some parts failed: verified parts were kept\. No manifest\./);
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'downloadAll' }), { type: 'downloadAll' });
    assert.deepEqual(parseWebviewMessage({ type: 'openPart', jobId: 'cc0000000000000000000001' }), {
      type: 'openPart',
      jobId: 'cc0000000000000000000001',
    });
    assert.equal(parseWebviewMessage({ type: 'openPart', jobId: '../x' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'eval' }), undefined);
    assert.equal(parseWebviewMessage('downloadAll'), undefined);
  });
});
