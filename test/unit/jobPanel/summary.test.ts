// The panel's first screen: for every status, what the user can do now in words; when the link expires (relative
// and absolute, UTC on hover); downloads left ("3 left", "1 left", "None: used up", "Unlimited"); the calm wording
// after this panel's own download used the link up; and the status badges in words with the raw value on hover.
import * as assert from 'node:assert/strict';
import type { RestoreJob, RestoreJobDelivery } from '../../../src/opsManager/api/model';
import type { JobRef } from '../../../src/core/jobRef';
import type { DocumentInput } from '../../../src/jobPanel/document';
import { firstScreen, type NextStep } from '../../../src/jobPanel/summary';
import { MAX_DOWNLOADS_LIMIT as UNLIMITED_DOWNLOADS } from '../../../src/opsManager/api';
import { nextStepText } from '../../../src/jobPanel/summaryText';
import { englishL10n } from '../../../src/jobPanel/translate';
import { decodeHtml, renderPanel } from '../support/panelDocument';

const NOW = new Date('2026-11-30T23:21:00Z');
const IN_3H12 = '2026-12-01T02:33:30Z';
const TWO_HOURS_AGO = '2026-11-30T21:21:00Z';
const JOB_ID = '65e0f1a2b3c4d5e6f7a8b901';
const GROUP_ID = '5f2b3c4d5e6f708192a3b4c1';
const CLUSTER_ID = '60a1b2c3d4e5f60718293a01';
const REF: JobRef = { server: 'Simulator', groupId: GROUP_ID, clusterId: CLUSTER_ID, jobId: JOB_ID };
const URL = `https://backup.example.com/backup/restore/v2/pull/${JOB_ID}/441702/rs-orders-1456098690.tar.gz`;

function job(statusName: string | undefined, delivery: Partial<RestoreJobDelivery> | undefined): RestoreJob {
  const d: RestoreJobDelivery | undefined =
    delivery === undefined
      ? undefined
      : {
          methodName: 'HTTP',
          statusName: 'READY',
          url: URL,
          expires: IN_3H12,
          maxDownloads: 3,
          extra: {},
          ...delivery,
        };
  return {
    id: JOB_ID,
    groupId: GROUP_ID,
    clusterId: CLUSTER_ID,
    created: '2026-11-30T20:00:00Z',
    ...(statusName === undefined ? {} : { statusName }),
    ...(d ? { delivery: d } : {}),
    extra: {},
    raw: { id: JOB_ID, statusName, delivery },
  };
}

function render(j: RestoreJob, extra: Partial<DocumentInput> = {}): string {
  return renderPanel({ ref: REF, now: NOW, job: j, ...extra });
}

/** The text a sighted user reads (visually hidden sentences and aria-hidden dots left out). */
function visibleText(html: string): string {
  return decodeHtml(
    html
      .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function slice(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  assert.notEqual(from, -1, `${start} is rendered`);
  const to = html.indexOf(end, from);
  assert.notEqual(to, -1, `${end} follows ${start}`);
  return html.slice(from, to);
}

/** What each status badge shows. */
const badgeTexts = (html: string): string[] =>
  html
    .split('<span class="status-badge">')
    .slice(1)
    .map((badge) => visibleText(badge));
const firstScreenHtml = (html: string): string => slice(html, '<section id="first-screen"', '</section>');
const headline = (html: string): string => visibleText(slice(html, '<h2 id="next-step"', '</h2>'));
const fact = (html: string, name: string): string | undefined => {
  const at = html.indexOf(`data-fact="${name}"`);
  return at === -1 ? undefined : visibleText(html.slice(html.indexOf('<dd>', at), html.indexOf('</dd>', at)));
};

describe('panel first screen', () => {
  describe('what the user can do now, for every status', () => {
    const cases: Array<[string, RestoreJob, NextStep, string]> = [
      ['FINISHED / READY', job('FINISHED', {}), 'download', 'Ready to download'],
      [
        'FINISHED / READY, one download left',
        job('FINISHED', { maxDownloads: 1 }),
        'downloadLastUse',
        'Ready to download: one download left',
      ],
      [
        'IN_PROGRESS / IN_PROGRESS',
        job('IN_PROGRESS', { statusName: 'IN_PROGRESS', url: undefined, expires: undefined }),
        'wait',
        'Wait: Ops Manager is still preparing the archive',
      ],
      [
        'IN_PROGRESS / NOT_STARTED',
        job('IN_PROGRESS', { statusName: 'NOT_STARTED', url: undefined, expires: undefined }),
        'wait',
        'Wait: Ops Manager is still preparing the archive',
      ],
      [
        'IN_PROGRESS without a delivery status',
        job('IN_PROGRESS', { statusName: undefined, url: undefined }),
        'wait',
        'Wait: Ops Manager is still preparing the archive',
      ],
      [
        'FINISHED / READY without a link yet',
        job('FINISHED', { url: undefined }),
        'waitForLink',
        'Wait: Ops Manager has not sent the download link yet',
      ],
      [
        'FINISHED / EXPIRED',
        job('FINISHED', { statusName: 'EXPIRED', expires: TWO_HOURS_AGO }),
        'expired',
        'The link has expired: create a new restore job',
      ],
      [
        'READY but past its expiry',
        job('FINISHED', { expires: TWO_HOURS_AGO }),
        'expired',
        'The link has expired: create a new restore job',
      ],
      [
        'FINISHED / MAX_DOWNLOADS_EXCEEDED',
        job('FINISHED', { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 0 }),
        'usedUp',
        'The link is used up: create a new restore job',
      ],
      [
        'BROKEN / FAILED',
        job('BROKEN', { statusName: 'FAILED', url: undefined }),
        'failed',
        'Ops Manager could not prepare the archive: create a new restore job',
      ],
      [
        'KILLED, whatever the delivery says',
        job('KILLED', { statusName: 'READY' }),
        'failed',
        'Ops Manager could not prepare the archive: create a new restore job',
      ],
      [
        'FINISHED / INTERRUPTED',
        job('FINISHED', { statusName: 'INTERRUPTED' }),
        'failed',
        'Ops Manager could not prepare the archive: create a new restore job',
      ],
      [
        'an automated restore',
        job('FINISHED', { targetClusterId: 'abc', url: undefined }),
        'automated',
        'Nothing to download: Ops Manager restores this snapshot onto a cluster',
      ],
      [
        'delivered by QUERY',
        job('FINISHED', { methodName: 'QUERY', url: undefined }),
        'noDownload',
        'Nothing to download: this restore is not delivered as an HTTP download',
      ],
      [
        'no delivery at all',
        job('FINISHED', undefined),
        'noDownload',
        'Nothing to download: this restore is not delivered as an HTTP download',
      ],
      [
        'a javascript: link',
        job('FINISHED', { url: 'javascript:alert(1)' }),
        'refused',
        'Cannot download: the link Ops Manager sent cannot be used safely',
      ],
      [
        'a delivery status this version does not know',
        job('FINISHED', { statusName: 'QUEUED' }),
        'unknown',
        'Cannot download yet: Ops Manager reports a status this extension does not know',
      ],
    ];
    for (const [name, j, step, words] of cases) {
      it(`${name}: "${words}"`, () => {
        assert.equal(firstScreen(j, NOW).step, step);
        const html = render(j);
        assert.equal(headline(html), words);
        assert.match(firstScreenHtml(html), new RegExp(`data-step="${step}"`));
      });
    }

    it('says a download is running while it runs', () => {
      const screen = firstScreen(job('FINISHED', {}), NOW, { downloading: true });
      assert.equal(screen.step, 'downloading');
      assert.equal(nextStepText(screen.step, englishL10n), 'Downloading: see the progress below');
    });

    it('puts the headline, the facts, the Download button and its note in one section at the top', () => {
      const html = render(job('FINISHED', {}));
      const top = firstScreenHtml(html);
      assert.ok(html.indexOf('<section id="first-screen"') < html.indexOf('id="section-summary"'), 'above the body');
      assert.match(top, /aria-labelledby="next-step"/);
      assert.match(top, /id="download-button"/);
      assert.match(top, /id="download-note"/);
    });
  });

  describe('when the link expires', () => {
    it('in the future: relative first, then the local time, the UTC timestamp on hover', () => {
      const html = render(job('FINISHED', {}));
      assert.match(fact(html, 'expires') ?? '', /^in 3 hr 12 min \((Nov 30|Dec 1), \d\d:33 [AP]M\)$/);
      assert.match(firstScreenHtml(html), /<dt>Link expires<\/dt>/);
      assert.match(firstScreenHtml(html), /title="2026-12-01 02:33:30 UTC"/);
      assert.equal(firstScreen(job('FINISHED', {}), NOW).expires?.past, false);
    });

    it('in the past: "Link expired 2 hr ago"', () => {
      const html = render(job('FINISHED', { statusName: 'EXPIRED', expires: TWO_HOURS_AGO }));
      assert.match(firstScreenHtml(html), /<dt>Link expired<\/dt>/);
      assert.match(fact(html, 'expires') ?? '', /^2 hr ago \(Nov 30, \d\d:21 [AP]M\)$/);
      assert.equal(firstScreen(job('FINISHED', { expires: TWO_HOURS_AGO }), NOW).expires?.past, true);
    });

    it('before Ops Manager has set it: how long the link will be valid', () => {
      const waiting = job('IN_PROGRESS', { statusName: 'IN_PROGRESS', url: undefined, expires: undefined });
      waiting.delivery = { ...(waiting.delivery ?? { extra: {} }), expirationHours: 48 };
      const html = render(waiting);
      assert.equal(fact(html, 'expires'), '48 hours once the archive is ready');
    });

    it('not at all once it no longer matters (used up, failed, nothing to download)', () => {
      for (const j of [
        job('FINISHED', { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 0 }),
        job('BROKEN', { statusName: 'FAILED' }),
        job('FINISHED', { methodName: 'QUERY' }),
      ]) {
        assert.equal(fact(render(j), 'expires'), undefined, JSON.stringify(j.raw));
      }
    });
  });

  describe('downloads left', () => {
    const cases: Array<[string, Partial<RestoreJobDelivery>, string | undefined]> = [
      ['3 left', { maxDownloads: 3 }, '3 left'],
      ['one left', { maxDownloads: 1 }, '1 left'],
      ['none: maxDownloads 0', { maxDownloads: 0 }, 'None: used up'],
      ['none: MAX_DOWNLOADS_EXCEEDED', { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 1 }, 'None: used up'],
      [`unlimited: ${UNLIMITED_DOWNLOADS}`, { maxDownloads: UNLIMITED_DOWNLOADS }, 'Unlimited'],
      ['not sent', { maxDownloads: undefined }, undefined],
    ];
    for (const [name, delivery, words] of cases) {
      it(`${name}: ${words ?? 'no line'}`, () => {
        const html = render(job('FINISHED', delivery));
        assert.equal(fact(html, 'downloads'), words);
        if (words !== undefined) assert.match(firstScreenHtml(html), /<dt>Downloads left<\/dt>/);
      });
    }
  });

  describe("after this panel's own download used the link up", () => {
    const usedUp = job('FINISHED', { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 0 });

    it('says calmly that the file is saved and the link now used up: no refusal', () => {
      const html = render(usedUp, { saved: 'verified' });
      assert.equal(firstScreen(usedUp, NOW, { saved: 'verified' }).step, 'savedUsedUp');
      assert.equal(headline(html), 'Saved and verified; the link is now used up');
      assert.match(firstScreenHtml(html), /class="first-screen tone-success"/);
      const note = slice(html, '<p id="download-note"', '</p>');
      assert.match(note, /class="note done"/);
      assert.doesNotMatch(note, /blocked|circle-slash/);
      assert.match(visibleText(note), /^The archive is saved \(see below\)\. That download used the last one/);
      assert.equal(fact(html, 'downloads'), 'None: used up');
    });

    it('says "not verified" when the file could not be verified', () => {
      const html = render(usedUp, { saved: 'unverified' });
      assert.equal(headline(html), 'Saved (not verified); the link is now used up');
      assert.match(firstScreenHtml(html), /class="first-screen tone-warning"/);
    });

    it('keeps the refusal when this panel did not just download it', () => {
      const html = render(usedUp);
      assert.equal(headline(html), 'The link is used up: create a new restore job');
      assert.match(slice(html, '<p id="download-note"', '</p>'), /class="note blocked"/);
    });
  });

  describe('the header', () => {
    it('names the group and the cluster, with their IDs on hover', () => {
      const html = render(job('FINISHED', {}), { groupName: 'Production', clusterName: 'rs-orders' });
      const context = slice(html, '<p class="context">', '</p>');
      assert.equal(
        visibleText(context.replace(/<span aria-hidden="true">·<\/span>/g, '·')),
        'Simulator·Group Production·Cluster rs-orders',
      );
      assert.match(context, new RegExp(`title="Group ID ${GROUP_ID}"`));
      assert.match(context, new RegExp(`title="Cluster ID ${CLUSTER_ID}"`));
    });

    it('falls back to the IDs while the names are not known', () => {
      const context = slice(render(job('FINISHED', {})), '<p class="context">', '</p>');
      assert.match(visibleText(context), new RegExp(`Group ${GROUP_ID}.*Cluster ${CLUSTER_ID}`));
    });

    it('shows the statuses in words with a label, the raw value on hover, a sentence for screen readers', () => {
      const html = render(job('FINISHED', { statusName: 'MAX_DOWNLOADS_EXCEEDED', maxDownloads: 0 }));
      const badges = slice(html, '<div class="badges">', '<p class="context">');
      assert.deepEqual(badgeTexts(badges), ['Job Finished', 'Delivery Max downloads reached']);
      assert.match(badges, /data-status="MAX_DOWNLOADS_EXCEEDED" title="Delivery status: MAX_DOWNLOADS_EXCEEDED"/);
      assert.match(badges, /data-status="FINISHED" title="Job status: FINISHED"/);
      assert.match(badges, /<span class="visually-hidden">Delivery: Max downloads reached\.<\/span>/);
      assert.doesNotMatch(visibleText(badges), /MAX_DOWNLOADS_EXCEEDED/);
    });

    it('shows a status this version does not know as sent, and says so on hover', () => {
      const badges = slice(render(job('QUEUED', {})), '<div class="badges">', '<p class="context">');
      assert.deepEqual(badgeTexts(badges), ['Job QUEUED', 'Delivery Ready']);
      assert.match(badges, /title="Job status: QUEUED, a value this extension does not know, shown as sent"/);
      assert.match(badges, /Job status: QUEUED \(a value this extension does not know\)\./);
    });
  });
});
