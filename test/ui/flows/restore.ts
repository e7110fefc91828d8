// Starting a restore from the tree: a snapshot's inline "Restore…" → download link → summary → the new job's panel
// turns READY → its download is verified; and the automated-restore guard, which refuses a wrongly typed target
// name and creates nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE } from '../../simulator/sampleData';
import { SAMPLE_BACKUP } from '../../simulator/sampleBackups';
import { expectBadge, expectText, expectVisible, sha1File, treeDate } from '../expect';
import { escapeRegExp, expandOrders } from '../navigate';
import { readmeShot, type UiSession } from '../session';
import { WAIT } from '../workbench';

const TITLE = /Create Restore Job: rs-orders/;

/** Opens rs-orders → Snapshots and clicks "Restore…" on the snapshot's row. */
async function restoreFromSnapshotRow(s: UiSession, snapshotId: string): Promise<void> {
  const snapshot = s.sim.data.snapshots?.find((x) => x.id === snapshotId);
  assert.ok(snapshot, `the simulator has snapshot ${snapshotId}`);
  await expandOrders(s);
  // rs-orders has many jobs: fold "Restore Jobs" so that its "Snapshots" row is on screen.
  const jobs = s.wb.treeItem(/^Restore Jobs/).last();
  await jobs.waitFor({ state: 'visible', timeout: WAIT.ui });
  if ((await jobs.getAttribute('aria-expanded')) === 'true') await jobs.locator('.monaco-tl-twistie').click();
  // Another cluster (a sharded one another test opened) may show its own Snapshots row above rs-orders'.
  await s.wb.expand(/^Snapshots/, 'last');
  const row = s.wb.treeItem(new RegExp(`^Snapshot created ${escapeRegExp(treeDate(snapshot.created.date))},`)).first();
  await row.waitFor({ state: 'visible', timeout: WAIT.ui });
  await row.click();
  await row.hover();
  const action = row.locator('.action-label[aria-label="Restore…"]');
  await action.waitFor({ state: 'visible', timeout: WAIT.ui });
  await action.click();
}

export function defineRestoreTests(session: () => UiSession): void {
  it('snapshot → Restore… → download link → a READY job whose download is verified', async () => {
    const s = session();
    await s.wb.reset();
    const before = new Set(s.sim.data.jobs.map((j) => j.id));
    await restoreFromSnapshotRow(s, SAMPLE_BACKUP.snapshots.ordersLatest);

    await s.wb.pick(TITLE, /Download link/);
    // Each step reuses the same title: wait for its own prompt before typing.
    await expectText(s.wb.quickInputMessage, /How many times the link may be used/);
    await s.wb.answerInput(TITLE, '2');
    await expectText(s.wb.quickInputMessage, /Link lifetime in hours/);
    await readmeShot(s, 'restore');
    await s.wb.answerInput(TITLE, '12');
    await s.wb.pick(TITLE, /Create restore job/);

    // The new job (IN_PROGRESS in Ops Manager's time): let it finish three seconds from now.
    await expectVisible(s.wb.toast(/^Created restore job [0-9a-f]{24}/), 'the "Created restore job" notification');
    const created = s.sim.data.jobs.filter((j) => !before.has(j.id));
    assert.equal(created.length, 1, 'one job was created');
    const job = created[0];
    const jobId = job.id;
    assert.equal(job.delivery.maxDownloads, 2);
    assert.equal(job.delivery.expirationHours, 12);
    job.becomes = { statusName: 'FINISHED', deliveryStatusName: 'READY', afterMs: 3000, firstServedAt: Date.now() };

    // Its panel opened and watches it until READY; the tree lists it.
    const panel = s.wb.panel;
    await expectText(panel.locator('[data-field="id"]'), new RegExp(jobId), WAIT.ui);
    await expectBadge(panel.locator('[data-field="delivery.statusName"] .badge'), 'Ready', 'READY', WAIT.ui * 2);
    await s.wb.expand(/^Restore Jobs/, 'last');
    await expectVisible(
      s.wb.treeItem(new RegExp(`^Restore job created ${escapeRegExp(treeDate(job.created))},`)).first(),
      'the new job in the tree',
    );
    await panel.locator('#download-button:not([disabled])').click();

    const status = panel.locator('#download-status[data-state="verified"]');
    await expectVisible(status, 'the panel\'s "verified" download status', WAIT.ui * 2);
    const archive = await s.sim.archive();
    const files = fs.readdirSync(s.downloadDir).filter((f) => f.includes(jobId));
    assert.equal(files.length, 1, `the archive of ${jobId} is in the download folder`);
    assert.equal(sha1File(path.join(s.downloadDir, files[0])), archive.sha1);
  });

  it('the automated-restore guard names the target and refuses a wrongly typed name: nothing is created', async () => {
    const s = session();
    await s.wb.reset();
    const before = s.sim.data.jobs.length;
    const createPosts = (): number =>
      s.sim.log.filter((e) => e.method === 'POST' && e.url.endsWith('/restoreJobs') && e.status !== 401).length;
    const postsBefore = createPosts();
    await restoreFromSnapshotRow(s, SAMPLE_BACKUP.snapshots.ordersKept);

    await s.wb.pick(TITLE, /Automated restore to a cluster/);
    await s.wb.pick(TITLE, new RegExp(`^${SAMPLE.groups.staging.name}`));
    await s.wb.pick(TITLE, /rs-staging/);
    await s.wb.pick(TITLE, /Create automated restore onto rs-staging/);

    const dialog = s.wb.page.locator('.monaco-dialog-box');
    await expectVisible(dialog, 'the modal warning');
    await expectText(dialog.locator('.dialog-message-text'), 'Replace ALL data on cluster "rs-staging"?');
    await dialog.locator('.monaco-button', { hasText: 'Continue…' }).click();

    await s.wb.answerInput(/Confirm the automated restore onto rs-staging/, 'rs-orders');
    await expectText(s.wb.quickInputMessage, 'Type "rs-staging" exactly to go on.');
    await s.wb.dismissQuickInput();
    await expectVisible(
      s.wb.toast('The automated restore was not started. Nothing was created.'),
      'the "not started" notification',
    );
    assert.equal(s.sim.data.jobs.length, before, 'no job was created');
    assert.equal(createPosts(), postsBefore, 'no create request was sent');
  });
}
