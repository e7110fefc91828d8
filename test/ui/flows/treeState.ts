// The tree after "Developer: Reload Window": the server, group and cluster the user expanded are expanded again,
// and a node the user collapsed ("Restore Jobs", expanded by default) and one never opened stay collapsed.
import type { Locator } from 'playwright-core';
import { SAMPLE } from '../../simulator/sampleData';
import { ensureConnected, escapeRegExp, expandOrders, ORDERS, PRODUCTION } from '../navigate';
import type { UiSession } from '../session';
import { waitForAttribute, waitUntil, WAIT } from '../workbench';

/** Collapses a row (a click on its twisty) unless it already is. */
async function collapse(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== 'false') {
    await row.locator('.monaco-tl-twistie').click();
  }
  await waitForAttribute(row, 'aria-expanded', 'false');
}

export function defineTreeStateTests(session: () => UiSession): void {
  it('the tree keeps what was expanded and collapsed across a window reload', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    await expandOrders(s);
    const server = s.wb.treeItem(new RegExp(`^${escapeRegExp(s.serverName)} `)).first();
    const production = s.wb.treeItem(new RegExp(`^${PRODUCTION.name} `)).first();
    const orders = s.wb.treeItem(new RegExp(`^${ORDERS.name} `)).first();
    const staging = s.wb.treeItem(new RegExp(`^${SAMPLE.groups.staging.name} `)).first();
    // rs-orders' "Restore Jobs", the row right under it (other clusters may be expanded too).
    const jobsRow = async (): Promise<Locator> => {
      let row: Locator | undefined;
      await waitUntil(async () => {
        const index = Number(await orders.getAttribute('data-index', { timeout: WAIT.short }));
        row = s.wb.sidebar.locator(`[role="treeitem"][data-index="${index + 1}"]`);
        return /^Restore Jobs\b/.test((await row.getAttribute('aria-label', { timeout: WAIT.short })) ?? '');
      }, 'the "Restore Jobs" row under rs-orders');
      if (!row) throw new Error('no "Restore Jobs" row');
      return row;
    };
    // Expanded by default (an earlier test may have collapsed it already).
    await collapse(await jobsRow());
    await collapse(staging);

    const reloaded = s.wb.page.waitForEvent('load', { timeout: WAIT.start });
    await s.wb.runCommand('Developer: Reload Window');
    await reloaded;
    await s.wb.page.locator('.monaco-workbench').waitFor({ timeout: WAIT.start });
    await s.wb.activityBarEntry().waitFor({ timeout: WAIT.start });
    await s.wb.openView();

    for (const row of [server, production, orders]) {
      await waitForAttribute(row, 'aria-expanded', 'true');
    }
    const jobsAfter = await jobsRow();
    await waitForAttribute(jobsAfter, 'aria-expanded', 'false');
    await waitForAttribute(staging, 'aria-expanded', 'false');
  });
}
