// Preview panels, clicked as a person would: two single clicks on jobs in the tree leave one tab (the preview,
// marked in its title, with "Keep Open" inside), a double click pins it, the next click opens a second tab, and
// "Keep Open" pressed from the keyboard pins that one too.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../../simulator/sampleData';
import { expectVisible } from '../expect';
import { ensureConnected, expandOrders, jobRow, waitForPanel } from '../navigate';
import type { UiSession } from '../session';
import { waitUntil, WAIT } from '../workbench';

const PREVIEW_MARK = '(Preview)';

async function tabs(s: UiSession): Promise<string[]> {
  return (await s.wb.page.locator('.tabs-container .tab').allTextContents()).map((t) => t.trim());
}

/** Waits until the editor area shows exactly these tabs, in order: true for the preview (marked), false pinned. */
async function expectTabs(s: UiSession, previews: boolean[]): Promise<void> {
  let seen: string[] = [];
  await waitUntil(
    async () => {
      seen = await tabs(s);
      return seen.length === previews.length && seen.every((t, i) => t.includes(PREVIEW_MARK) === previews[i]);
    },
    `tabs ${JSON.stringify(previews)}`,
  ).catch(() =>
    assert.fail(`expected ${previews.length} tab(s) (preview: ${previews.join(', ')}), saw ${JSON.stringify(seen)}`),
  );
}

/** Longer than the double-click interval: the next click on the same row is a click of its own. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 700));
}

export function definePreviewTests(session: () => UiSession): void {
  it('a click in the tree opens a preview that the next click reuses; a double click or Keep Open pins it', async () => {
    const s = session();
    await ensureConnected(s);
    await s.wb.reset();
    await expandOrders(s);
    const { ready, expired, notStarted } = SAMPLE.jobs;

    await jobRow(s, ready.id).click();
    await waitForPanel(s, ready.id);
    await expectTabs(s, [true]);
    await expectVisible(s.wb.panel.getByRole('button', { name: 'Keep Open' }), 'Keep Open in the preview panel');

    await pause();
    await jobRow(s, expired.id).click();
    await waitForPanel(s, expired.id);
    await expectTabs(s, [true]);

    // A double click on the row pins the panel showing it: the title loses its mark, the bar goes.
    await pause();
    await jobRow(s, expired.id).dblclick();
    await expectTabs(s, [false]);
    await s.wb.panel.locator('#preview-bar').waitFor({ state: 'detached', timeout: WAIT.ui });

    await pause();
    await jobRow(s, ready.id).click();
    await waitForPanel(s, ready.id);
    await expectTabs(s, [false, true]);
    await s.wb.screenshot('preview panel beside a pinned one');

    // Keep Open from the keyboard: it is the page's first control.
    const keep = s.wb.panel.getByRole('button', { name: 'Keep Open' });
    await keep.focus();
    await s.wb.page.keyboard.press('Enter');
    await expectTabs(s, [false, false]);
    await keep.waitFor({ state: 'detached', timeout: WAIT.ui });

    await pause();
    await jobRow(s, notStarted.id).click();
    await waitForPanel(s, notStarted.id);
    await expectTabs(s, [false, false, true]);
  });
}
