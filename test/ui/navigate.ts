// Getting somewhere in the workbench the way a person would: the tree down to a cluster, a job's row, the palette
// lookup's steps, and the panel of a job.
import type { Locator } from 'playwright-core';
import { shortDateTime } from '../../src/opsManager/common/format';
import { SAMPLE } from '../simulator/sampleData';
import { expectText, expectVisible, treeDate } from './expect';
import type { UiSession } from './session';
import { WAIT } from './workbench';

/** The name the light session's server gets when a test adds it through the UI. */
export const ADDED_SERVER = 'Local Ops Manager';

export const ORDERS = SAMPLE.clusters.orders;
export const PRODUCTION = SAMPLE.groups.production;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens the Ops Manager view and expands server → Production → rs-orders. */
export async function expandOrders(s: UiSession): Promise<void> {
  await s.wb.openView();
  await s.wb.expand(new RegExp(`^${escapeRegExp(s.serverName)} `));
  await s.wb.expand(new RegExp(`^${PRODUCTION.name} `));
  await s.wb.expand(new RegExp(`^${ORDERS.name} `));
}

/** A restore job's row: labelled with its created time (the accessible name starts "Restore job created …"). */
export function jobRow(s: UiSession, jobId: string): Locator {
  const job = s.sim.job(jobId);
  if (!job) throw new Error(`no job ${jobId} in the simulator`);
  return s.wb.treeItem(new RegExp(`^Restore job created ${escapeRegExp(treeDate(job.created))},`));
}

/** Clicks a job in the tree (expanding down to it first) and waits for its panel. */
export async function openJobFromTree(s: UiSession, jobId: string): Promise<void> {
  await expandOrders(s);
  const row = jobRow(s, jobId);
  await row.waitFor({ state: 'visible', timeout: WAIT.ui });
  await row.click();
  await waitForPanel(s, jobId);
}

/** The panel of this job is the active editor and has loaded the job. */
export async function waitForPanel(s: UiSession, jobId: string): Promise<void> {
  // The tab is titled by cluster and created time (as the extension formats it in the UI language, English here).
  const created = shortDateTime(s.sim.job(jobId)?.created, new Date(), 'en') ?? jobId.slice(-6);
  await s.wb
    .editorTab(new RegExp(`· …?${escapeRegExp(created)}`))
    .first()
    .waitFor({ state: 'visible', timeout: WAIT.ui });
  await expectText(s.wb.panel.locator('h1 .mono'), jobId);
  await s.wb.panel
    .locator('#job-body[aria-busy="false"] #section-summary')
    .waitFor({ state: 'visible', timeout: WAIT.ui });
}

/** "Fetch Restore Job by ID…" from the palette: group Production, cluster rs-orders, then the ID input box. */
export async function startPaletteLookup(s: UiSession): Promise<void> {
  await s.wb.runCommand('Ops Manager: Fetch Restore Job by ID…');
  await s.wb.pick(/Fetch Restore Job: group/, PRODUCTION.name);
  await s.wb.pick(/Fetch Restore Job: cluster/, ORDERS.name);
  await s.wb.waitForQuickInputTitle('Fetch Restore Job by ID');
}

/**
 * Opens the view and waits for the session's server row. Opening the view activates the extension, and the row
 * shows it has read the settings and set the context key the palette's "Set API Key…" depends on
 * (opsManager.serverCount > 0): without this, a test run on its own could not find that command.
 */
export async function showServer(s: UiSession): Promise<void> {
  await s.wb.openView();
  await expectVisible(s.wb.treeItem(new RegExp(`^${escapeRegExp(s.serverName)} `)).first(), 'the server in the tree');
}

/**
 * What every test that browses, fetches or downloads needs: the session's server configured with the right API key.
 * The tests that do this through the UI (welcome, apiKey) record it in `s.connected`; a test run on its own
 * (OPSMANAGER_TEST_GREP) gets there here, through the same commands a user would run, instead of relying on the
 * tests that ran before it.
 */
export async function ensureConnected(s: UiSession): Promise<void> {
  if (s.connected) return;
  const wb = s.wb;
  await wb.reset();
  if (s.serverName === '') {
    await wb.openView();
    await wb.runCommand('Ops Manager: Add Server…');
    await wb.answerInput(/Add Ops Manager Server/, ADDED_SERVER);
    for (const [prompt, value] of [
      [/The Ops Manager URL/, s.sim.baseUrl],
      [/The API public key/, s.sim.user],
      [/The API private key/, s.sim.key],
    ] as const) {
      await expectText(wb.quickInputMessage, prompt);
      await wb.quickInputBox.fill(value);
      await wb.quickInputBox.press('Enter');
    }
    await expectVisible(wb.toast(`Server "${ADDED_SERVER}" saved.`), 'the "server saved" notification');
    s.serverName = ADDED_SERVER;
  } else {
    await showServer(s);
    await wb.runCommand('Ops Manager: Set API Key…');
    await wb.answerInput(`Set API Key for "${s.serverName}"`, s.sim.key);
    await expectVisible(wb.toast(`API key for "${s.serverName}" saved.`), 'the "API key saved" notification');
  }
  s.connected = true;
}
