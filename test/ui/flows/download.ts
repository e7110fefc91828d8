// Downloading from the panel: the archive lands in the download folder with the simulator's SHA-1 and the panel
// says it was verified; an EXPIRED job's button is disabled with the reason; a slow download shows its progress
// in a notification and in the panel, and Cancel leaves nothing behind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE } from '../../simulator/sampleData';
import { expectBadge, expectText, expectVisible, panelUtc, servedJob, sha1File } from '../expect';
import { ensureConnected, openJobFromTree } from '../navigate';
import { readmeShot, type UiSession } from '../session';
import { WAIT } from '../workbench';

/** The file name a download gets: the last segment of the delivery URL. */
function urlFileName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
}

export function defineDownloadTests(session: () => UiSession, options: { progressAndCancel: boolean }): void {
  it("Download in the panel saves the archive with the simulator's SHA-1 and the panel says it was verified", async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const job = await servedJob(s.sim, SAMPLE.jobs.ready.id);
    assert.ok(job.delivery.url !== undefined);
    const target = path.join(s.downloadDir, urlFileName(job.delivery.url));
    assert.equal(fs.existsSync(target), false, 'nothing downloaded yet');
    const archive = await s.sim.archive();

    await openJobFromTree(s, job.id);
    await s.wb.panel.locator('#download-button').click();

    const status = s.wb.panel.locator('#download-status[data-state="verified"]');
    await expectVisible(status, 'the panel\'s "verified" download status', WAIT.ui * 2);
    await expectText(status.locator('#download-text'), `Saved to ${target}. SHA-1 verified.`);
    await expectVisible(
      s.wb.toast(`SHA-1 verified: ${archive.sha1}`),
      `a notification "Saved … SHA-1 verified: ${archive.sha1}"`,
    );

    assert.deepEqual(
      fs.readdirSync(s.downloadDir),
      [path.basename(target)],
      'only the archive is in the folder (no temporary file left)',
    );
    assert.equal(fs.statSync(target).size, archive.sizeBytes, 'the whole archive was written');
    assert.equal(sha1File(target), archive.sha1, "the file on disk has the simulator's SHA-1");

    // Once the notification is gone, the panel's "Saved to …" line still offers the file's actions.
    const actions = status.locator('#saved-actions');
    await expectVisible(actions, 'the Reveal / Open Folder / Copy Path actions');
    await actions.getByRole('button', { name: 'Copy Path' }).click();
    await expectVisible(
      s.wb.page.locator('.statusbar').getByText(`Copied the path ${target} to the clipboard.`),
      'the status bar saying the path was copied',
    );
    // Reveal's fallback where there is no file manager is covered by the integration test of revealFile.
  });

  it("an EXPIRED job's Download button is disabled and says why", async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const job = await servedJob(s.sim, SAMPLE.jobs.expired.id);
    assert.equal(job.delivery.statusName, 'EXPIRED');
    assert.ok(job.delivery.expires !== undefined);
    await openJobFromTree(s, job.id);
    const panel = s.wb.panel;
    await expectBadge(panel.locator('[data-field="delivery.statusName"] .badge'), 'Expired', 'EXPIRED');
    assert.equal(await panel.locator('#download-button').isDisabled(), true, 'Download is disabled');
    await expectText(panel.locator('#next-step'), 'The link has expired: create a new restore job');
    // When, in the panel's one date format: how long ago, the local time, UTC on hover.
    const when = panel.locator('[data-fact="expires"] .when');
    await expectText(when, /^\d+ days ago \([A-Z][a-z]{2} \d{1,2}, (\d{4}, )?\d\d:\d\d [AP]M\)$/);
    assert.equal(await when.getAttribute('title'), panelUtc(job.delivery.expires));
    await expectText(panel.locator('#download-note'), /^The download link has expired\. Start a new restore job/);
    assert.equal(await panel.locator('#download-note').getAttribute('data-blocker'), 'EXPIRED');
  });

  if (!options.progressAndCancel) return;

  it('a slow download shows its progress in a notification and in the panel, and Cancel leaves nothing behind', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const job = await servedJob(s.sim, SAMPLE.jobs.pointInTime.id);
    assert.ok(job.delivery.url !== undefined);
    const archive = await s.sim.archive();
    const before = fs.readdirSync(s.downloadDir).sort();
    // The backup host sends 40 % of the archive and then nothing more, so the transfer stays in progress.
    const fault = s.sim.faults.add({
      port: 'backup',
      route: job.id,
      stallAfterBytes: Math.floor(archive.sizeBytes * 0.4),
      times: 1,
    });
    try {
      await openJobFromTree(s, job.id);
      await s.wb.panel.locator('#download-button').click();

      const toast = s.wb.toast(
        new RegExp(`Downloading ${urlFileName(job.delivery.url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      await expectVisible(toast, 'the "Downloading …" progress notification');
      // The stall point: both the notification and the panel show the 40 % that arrived.
      await expectText(toast.locator('.notification-list-item-message'), / of .*\((3[5-9]|40)%\)/);
      const panelStatus = s.wb.panel.locator('#download-status[data-state="running"]');
      await expectVisible(panelStatus, "the panel's running download status");
      await expectText(panelStatus.locator('#download-text'), / of .*\((3[5-9]|40)%\)/);
      assert.equal(
        await s.wb.panel.locator('#download-button').isDisabled(),
        true,
        'Download is disabled while it runs',
      );
      await readmeShot(s, 'download');
      await s.wb.screenshot('download in progress');

      await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
      const cancelled = s.wb.panel.locator('#download-status[data-state="cancelled"]');
      await expectVisible(cancelled, 'the panel\'s "cancelled" download status');
      await expectText(cancelled.locator('#download-text'), 'Download cancelled; nothing was saved.');
      await toast.waitFor({ state: 'detached', timeout: WAIT.ui });
      assert.deepEqual(fs.readdirSync(s.downloadDir).sort(), before, 'nothing was added to the download folder');
    } finally {
      fault.remove();
    }
  });
}
