// The panel's first screen in the real VS Code: at the top, what the user can do now, when the link expires
// (relative and local, UTC on hover), the downloads left, and the statuses in words with the raw values on hover.
// Downloading a one-use link ends calmly ("Saved and verified; the link is now used up"), without the refusal
// that a link used up by someone else gets; a disabled Download button looks disabled.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { SAMPLE } from '../../simulator/sampleData';
import { expectBadge, expectText, expectVisible, panelUtc, servedJob } from '../expect';
import { ensureConnected, openJobFromTree, ORDERS, PRODUCTION } from '../navigate';
import type { UiSession } from '../session';
import { WAIT } from '../workbench';

/** The facts under the headline, by name: their label and their value as shown. */
async function fact(panel: FrameLocator, name: string): Promise<{ label: string; value: Locator }> {
  const row = panel.locator(`#first-screen [data-fact="${name}"]`);
  await expectVisible(row, `the "${name}" line of the first screen`);
  return { label: ((await row.locator('dt').textContent()) ?? '').trim(), value: row.locator('dd') };
}

/** The browser's, inside `evaluate` (the tests are type-checked without the DOM library). */
declare const getComputedStyle: (element: unknown) => {
  backgroundColor: string;
  borderTopStyle: string;
  opacity: string;
};

/** How the button is painted: what tells an enabled button from a disabled one at a glance. */
async function paint(button: Locator): Promise<{ background: string; borderStyle: string; opacity: string }> {
  return button.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, borderStyle: style.borderTopStyle, opacity: style.opacity };
  });
}

export function defineFirstScreenTests(session: () => UiSession): void {
  it('the first screen says what to do now, when the link expires and how many downloads are left', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    const served = await servedJob(s.sim, SAMPLE.jobs.readyLastUse.id);
    assert.ok(served.delivery.expires !== undefined, 'the READY job has an expiry');
    await openJobFromTree(s, served.id);
    const panel = s.wb.panel;

    // Where the job lives, by name; the IDs on hover.
    const context = panel.locator('.context');
    await expectText(context, new RegExp(`Group ${PRODUCTION.name}·, Cluster ${ORDERS.name}$`));
    assert.equal(
      await context.locator('span[title]', { hasText: `Group ${PRODUCTION.name}` }).getAttribute('title'),
      `Group ID ${PRODUCTION.id}`,
    );
    // The statuses in words, with what Ops Manager sent on hover.
    await expectBadge(panel.locator('.badges .badge').first(), 'Job Finished', 'FINISHED');
    await expectBadge(panel.locator('.badges .badge').last(), 'Delivery Ready', 'READY');

    await expectText(panel.locator('#next-step'), 'Ready to download: one download left');
    const expires = await fact(panel, 'expires');
    assert.equal(expires.label, 'Link expires');
    await expectText(
      expires.value,
      /^in \d+ (min|hr|days?)( \d+ (min|hr))? \([A-Z][a-z]{2} \d{1,2}, \d\d:\d\d [AP]M\)$/,
    );
    assert.equal(await expires.value.locator('.when').getAttribute('title'), panelUtc(served.delivery.expires));
    const downloads = await fact(panel, 'downloads');
    assert.equal(downloads.label, 'Downloads left');
    await expectText(downloads.value, '1 left');
    await expectText(panel.locator('#download-note'), /can be used only once: downloading .+ uses it up\.$/);

    // The one use: confirmed in VS Code's dialog, then the panel says calmly what happened.
    await panel.locator('#download-button').click();
    const dialog = s.wb.page.locator('.monaco-dialog-box');
    await expectText(dialog.locator('.dialog-message-text'), 'This link can be used once.');
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Download' }).first().click();
    await expectVisible(
      panel.locator('#download-status[data-state="verified"]'),
      'the "verified" outcome',
      WAIT.ui * 2,
    );
    await expectText(panel.locator('#next-step'), 'Saved and verified; the link is now used up', WAIT.ui * 2);
    await expectText(panel.locator('#download-note'), /^The archive is saved \(see below\)\./);
    assert.equal(await panel.locator('#download-note.blocked').count(), 0, 'no refusal above the saved file');
    assert.equal(await panel.locator('#banner').isVisible(), false, 'no error banner either');
    await expectText((await fact(panel, 'downloads')).value, 'None: used up');
    await expectBadge(
      panel.locator('.badges .badge').last(),
      'Delivery Max downloads reached',
      'MAX_DOWNLOADS_EXCEEDED',
    );
    await s.wb.screenshot('one-use link downloaded');
  });

  it('a link used up elsewhere is refused, and a disabled Download button does not look enabled', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    await openJobFromTree(s, SAMPLE.jobs.ready.id);
    const enabled = await paint(s.wb.panel.locator('#download-button'));

    await openJobFromTree(s, SAMPLE.jobs.maxDownloadsExceeded.id);
    const panel = s.wb.panel;
    await expectText(panel.locator('#next-step'), 'The link is used up: create a new restore job');
    await expectVisible(panel.locator('#download-note.blocked'), 'the refusal under the Download button');
    const button = panel.locator('#download-button');
    assert.equal(await button.isDisabled(), true);
    const disabled = await paint(button);
    assert.notEqual(disabled.background, enabled.background, 'a disabled button has no fill');
    assert.equal(disabled.borderStyle, 'dashed', 'a dashed outline instead');
    assert.equal(disabled.opacity, '1', 'not faded: its words keep their contrast');
  });
}
