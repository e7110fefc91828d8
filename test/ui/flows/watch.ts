// A job still being prepared, watched while its panel is open: the panel says it is checking, then turns READY on
// its own, enables Download, and a notification says the archive is ready; or it fails, and the notification says
// how in words.
import * as assert from 'node:assert/strict';
import type { SimRestoreJob } from '../../simulator/dataTypes';
import { SAMPLE } from '../../simulator/sampleData';
import { expectBadge, expectText, expectVisible } from '../expect';
import { ensureConnected, expandOrders, jobRow, openJobFromTree } from '../navigate';
import type { UiSession } from '../session';
import { WAIT } from '../workbench';

export function defineWatchTests(session: () => UiSession): void {
  it('an IN_PROGRESS job turns READY in its open panel, and a notification says so', async () => {
    const s = session();
    // Start its clock now: READY 6 s after the panel first asks for it.
    const job = await jobInProgress(s, { statusName: 'FINISHED', deliveryStatusName: 'READY', afterMs: 6000 });

    await openJobFromTree(s, job.id);
    const panel = s.wb.panel;
    await expectBadge(panel.locator('[data-field="delivery.statusName"] .badge'), 'Preparing', 'IN_PROGRESS');
    await expectText(panel.locator('#next-step'), 'Wait: Ops Manager is still preparing the archive');
    assert.equal(
      await panel.locator('#download-button').isDisabled(),
      true,
      'Download is disabled while the archive is prepared',
    );
    await expectText(panel.locator('#download-note'), /available when the archive is ready/);
    await expectText(panel.locator('.watching'), 'Checking every 2 s while the job is in progress');
    await s.wb.screenshot('job in progress being watched');

    // 6 s to finish plus a 2 s poll interval, with room for a loaded machine.
    await expectBadge(panel.locator('[data-field="delivery.statusName"] .badge'), 'Ready', 'READY', WAIT.ui * 2);
    await expectBadge(panel.locator('[data-field="statusName"] .badge'), 'Finished', 'FINISHED');
    await waitEnabled(s);
    await expectVisible(
      s.wb.toast(/The restore job rs-orders · .+ is ready to download\./),
      'the "ready to download" notification',
    );
    assert.equal(await panel.locator('.watching').count(), 0, 'the panel no longer says it is checking');
  });

  it('a watched job that fails says so in words, not as the API values', async () => {
    const s = session();
    const job = await jobInProgress(s, { statusName: 'BROKEN', deliveryStatusName: 'FAILED', afterMs: 4000 });
    try {
      // The tree still holds the job as the test above left it: reload it, as a user would, to see it in progress.
      await s.wb.runCommand('Ops Manager: Refresh');
      await expandOrders(s);
      await expectText(jobRow(s, job.id).locator('.label-description'), 'Preparing');
      await openJobFromTree(s, job.id);
      await expectBadge(s.wb.panel.locator('[data-field="statusName"] .badge'), 'Broken', 'BROKEN', WAIT.ui * 2);
      await expectVisible(
        s.wb.toast(/The restore job rs-orders · .+ is no longer in progress: Broken · Failed\./),
        'the "no longer in progress" notification, in words',
      );
    } finally {
      // Leave the job as the other flows expect it.
      job.statusName = 'FINISHED';
      job.delivery.statusName = 'READY';
      delete job.becomes;
    }
  });
}

/** The sample's IN_PROGRESS job, set back in progress, to become `becomes` after `afterMs` from its next look. */
async function jobInProgress(s: UiSession, becomes: NonNullable<SimRestoreJob['becomes']>): Promise<SimRestoreJob> {
  await ensureConnected(s);
  await s.wb.reset();
  const job = s.sim.job(SAMPLE.jobs.inProgress.id);
  assert.ok(job, 'the simulator has the IN_PROGRESS job');
  job.statusName = 'IN_PROGRESS';
  job.delivery.statusName = 'IN_PROGRESS';
  job.becomes = becomes;
  return job;
}

async function waitEnabled(s: UiSession): Promise<void> {
  await s.wb.panel.locator('#download-button:not([disabled])').waitFor({ state: 'visible', timeout: WAIT.ui });
}
