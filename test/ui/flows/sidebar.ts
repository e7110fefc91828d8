// Browsing in the sidebar: server → group → cluster → restore jobs (newest first, each with its status in
// words), and a click on a job opening its panel.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../../simulator/sampleData';
import { expectBadge, expectText, treeLabel } from '../expect';
import { ensureConnected, expandOrders, jobRow, openJobFromTree, ORDERS, PRODUCTION, waitForPanel } from '../navigate';
import { readmeShot, type UiSession } from '../session';
import { waitUntil } from '../workbench';

/** What the tree says about some of rs-orders' jobs (the description next to the created time). */
const STATUS_WORDS: Array<[string, string]> = [
  [SAMPLE.jobs.ready.id, 'Ready'],
  [SAMPLE.jobs.expired.id, 'Expired'],
  [SAMPLE.jobs.inProgress.id, 'Preparing'],
  [SAMPLE.jobs.notStarted.id, 'Not started'],
  [SAMPLE.jobs.broken.id, 'Broken · Failed'],
  [SAMPLE.jobs.killed.id, 'Killed · Interrupted'],
  [SAMPLE.jobs.maxDownloadsExceeded.id, 'Max downloads reached'],
  [SAMPLE.jobs.query.id, 'Ready · QUERY'],
];

export function defineSidebarTests(session: () => UiSession): void {
  it("the sidebar lists a cluster's restore jobs newest first with their statuses, and a click opens the job's panel", async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    await expandOrders(s);

    // Every job of the cluster, newest first, labelled with its created time.
    const expected = s.sim.data.jobs
      .filter((j) => j.clusterId === ORDERS.id)
      .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
      .map((j) => treeLabel(j.created));
    const rows = s.wb.sidebar.locator('[role="treeitem"][aria-label^="Restore job created"] .label-name');
    let shown: string[] = [];
    await waitUntil(async () => {
      shown = (await rows.allTextContents()).map((t) => t.trim());
      return shown.length === expected.length;
    }, `${expected.length} restore job rows`).catch(() =>
      assert.fail(`expected ${expected.length} job rows, saw ${shown.length}: ${shown.join(' | ')}`),
    );
    assert.deepEqual(shown, expected, 'the jobs are listed newest first, labelled with their short created time');

    for (const [jobId, words] of STATUS_WORDS) {
      await expectText(jobRow(s, jobId).locator('.label-description'), words);
    }
    await readmeShot(s, 'tree', { height: 540 });

    await jobRow(s, SAMPLE.jobs.ready.id).click();
    await waitForPanel(s, SAMPLE.jobs.ready.id);
    await expectBadge(s.wb.panel.locator('[data-field="delivery.statusName"] .badge'), 'Ready', 'READY');
    // The header names the group and the cluster, not their IDs.
    await expectText(s.wb.panel.locator('.context'), new RegExp(`Group ${PRODUCTION.name}·, Cluster ${ORDERS.name}$`));
    await expectText(s.wb.panel.locator('#next-step'), 'Ready to download');
    await readmeShot(s, 'panel');

    // A second click focuses the same panel instead of opening another.
    await openJobFromTree(s, SAMPLE.jobs.ready.id);
    assert.equal(await s.wb.page.locator('.tabs-container .tab').count(), 1, 'one panel per job');
  });
}
