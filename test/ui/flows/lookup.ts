// "Fetch Restore Job by ID…" from the palette: group and cluster picks, the ID input box with its validation, the
// panel showing the job as Ops Manager serves it, and an unknown ID reopening the ID step with the value, to correct.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { SAMPLE } from '../../simulator/sampleData';
import { expectBadge, expectText, panelUtc, servedJob } from '../expect';
import { ensureConnected, startPaletteLookup, waitForPanel } from '../navigate';
import type { UiSession } from '../session';

export function defineLookupTests(session: () => UiSession): void {
  it("Fetch Restore Job by ID shows the job's ID, status, snapshot, delivery URL and expiry as Ops Manager serves them", async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const served = await servedJob(s.sim, SAMPLE.jobs.ready.id);
    await startPaletteLookup(s);
    await s.wb.answerInput('Fetch Restore Job by ID', served.id);
    await waitForPanel(s, served.id);

    const panel = s.wb.panel;
    await expectText(panel.locator('[data-field="id"] dd .mono'), served.id);
    assert.equal(served.statusName, 'FINISHED');
    assert.equal(served.delivery.statusName, 'READY');
    await expectBadge(panel.locator('[data-field="statusName"] .badge'), 'Finished', served.statusName);
    await expectBadge(panel.locator('[data-field="delivery.statusName"] .badge'), 'Ready', served.delivery.statusName);
    await expectText(panel.locator('[data-field="snapshotId"] dd .mono'), served.snapshotId);
    assert.ok(
      served.delivery.url !== undefined && served.delivery.expires !== undefined,
      'the READY job has a URL and an expiry',
    );
    await expectText(panel.locator('[data-field="delivery.url"] dd .url'), served.delivery.url);
    // The panel's one date format: local time and how far away, the UTC timestamp on hover.
    const expires = panel.locator('[data-field="delivery.expires"] dd .when');
    assert.equal(await expires.getAttribute('title'), panelUtc(served.delivery.expires));
    await expectText(expires, /^[A-Z][a-z]{2} \d{1,2}, \d\d:\d\d [AP]M \(in \d+ (min|hr|days?)( \d+ (min|hr))?\)$/);
    await expectText(panel.locator('#download-note'), /^Ready to download as .+\.tar\.gz\.$/);
    assert.equal(await panel.locator('#download-button').isEnabled(), true, 'Download is enabled for a READY job');
  });

  it('a malformed job ID is refused in the input box with the reason', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    await startPaletteLookup(s);
    const box = s.wb.quickInputBox;
    s.sim.clearLog();

    await box.fill('65e0f1a2b3c4');
    await expectText(s.wb.quickInputMessage, /A restore job ID has 24 hexadecimal characters; this has 12\./);
    await box.press('Enter');
    await expectText(s.wb.quickInputMessage, /this has 12\./);

    await box.fill('orders-backup-01');
    await expectText(s.wb.quickInputMessage, /A restore job ID has 24 characters 0–9 and a–f/);
    await box.press('Enter');
    await s.wb.screenshot('malformed ID refused');

    // Refused, shown positively: the same box then takes a valid ID, and only that one reaches Ops Manager and opens
    // a panel. (Had Enter accepted a malformed ID, the box would have closed, or the command would have shown an
    // error.) Waiting for the box not to close within some time proved nothing on a slow machine.
    const valid = SAMPLE.jobs.ready.id;
    await box.fill(valid);
    await box.press('Enter');
    await waitForPanel(s, valid);
    assert.equal(await s.wb.page.locator('.tabs-container .tab').count(), 1, 'one panel, for the valid ID');
    const asked = s.sim.log.map((e) => e.url);
    assert.ok(
      asked.some((url) => url.includes(`/restoreJobs/${valid}`)),
      'the valid ID was fetched',
    );
    assert.deepEqual(
      asked.filter((url) => /\/restoreJobs\/(65e0f1a2b3c4|orders-backup-01)(\?|$)/.test(url)),
      [],
      'no request for a malformed ID',
    );
    // Errors only: the previous lookup's "Fetching restore job…" progress toast may still be fading out.
    assert.equal(await errorToasts(s).count(), 0, 'no error shown');
  });

  it('an unknown job ID reopens the ID step with the value and says it was not found; the corrected ID opens', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const unknown = '65e0f1a2b3c4d5e6f7a8b9ff';
    assert.equal(s.sim.job(unknown), undefined);
    await startPaletteLookup(s);
    await s.wb.answerInput('Fetch Restore Job by ID', unknown);
    await expectText(
      s.wb.quickInputMessage,
      new RegExp(`Ops Manager has no restore job ${unknown} in ${SAMPLE.clusters.orders.id}`),
    );
    await s.wb.waitForQuickInputTitle('Fetch Restore Job by ID');
    assert.equal(await s.wb.quickInputBox.inputValue(), unknown, 'the ID step has the typed value back');
    assert.equal(await s.wb.page.locator('.tabs-container .tab').count(), 0, 'no panel was opened');
    await s.wb.screenshot('job not found, ID step reopened');
    // Correcting the ID there (no server, group and cluster steps again) opens the job.
    await s.wb.quickInputBox.fill(SAMPLE.jobs.ready.id);
    await s.wb.quickInputBox.press('Enter');
    await waitForPanel(s, SAMPLE.jobs.ready.id);
  });
}

/** Error notifications: their severity icon tells them from progress and information toasts. */
function errorToasts(s: UiSession): Locator {
  return s.wb.page
    .locator('.notifications-toasts .notification-list-item')
    .filter({ has: s.wb.page.locator('.codicon-error') });
}
