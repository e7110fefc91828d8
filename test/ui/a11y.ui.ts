// Accessibility in a real VS Code: axe-core inside the restore-job panel's webview in the light, dark and both
// high-contrast themes, for a ready, an expired and an in-progress job; keyboard focus kept across the polls of a
// job in progress and moved sensibly by a download; and a job row's actions reached from the keyboard alone
// (Shift+F10 opens its context menu, the arrow keys and Enter choose). Its own window, so switching themes disturbs no other
// suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { SAMPLE } from '../simulator/sampleData';
import { seriousViolations, webviewFrame } from './axe';
import { expectText, expectVisible, servedJob, treeDate } from './expect';
import { escapeRegExp, expandOrders, openJobFromTree } from './navigate';
import { uiSuite, type UiSession } from './session';
import { exactly, waitUntil, WAIT } from './workbench';
import { openCatalogBatch } from './flows/batch';

/** The themes VS Code ships, with the class its workbench then carries. */
interface ThemeChoice {
  /** Its ID, as in the workbench.colorTheme setting. */
  setting: string;
  /** Its name in the Color Theme picker. */
  label: string;
  bodyClass: string;
}

const THEMES: ThemeChoice[] = [
  { setting: 'Default Light Modern', label: 'Light Modern', bodyClass: 'vs' },
  { setting: 'Default Dark Modern', label: 'Dark Modern', bodyClass: 'vs-dark' },
  { setting: 'Default High Contrast', label: 'Dark High Contrast', bodyClass: 'hc-black' },
  { setting: 'Default High Contrast Light', label: 'Light High Contrast', bodyClass: 'hc-light' },
];

const JOBS: Array<[string, string]> = [
  ['ready', SAMPLE.jobs.ready.id],
  ['expired', SAMPLE.jobs.expired.id],
  ['in progress', SAMPLE.jobs.inProgress.id],
];

/** Switches the color theme as a person does (Preferences: Color Theme, type its name, choose it) and waits for it. */
async function useTheme(s: UiSession, theme: ThemeChoice): Promise<void> {
  const pattern = new RegExp(`(^|\\s)${theme.bodyClass}(\\s|$)`);
  const classes = async (): Promise<string> =>
    (await s.wb.page.locator('.monaco-workbench').getAttribute('class')) ?? '';
  if (pattern.test(await classes())) return;
  await s.wb.runCommand('Preferences: Color Theme');
  await s.wb.quickInputBox.fill(theme.label);
  const row = s.wb.quickInput
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: s.wb.page.locator('.label-name', { hasText: exactly(theme.label) }) })
    .first();
  await row.waitFor({ timeout: WAIT.short });
  await row.click();
  await waitUntil(async () => pattern.test(await classes()), `the theme "${theme.setting}"`).catch(async () => {
    throw new Error(`the workbench did not switch to "${theme.setting}": classes ${await classes()}`);
  });
}

/** The API key typed into the palette's password box (secrets live in the browser profile of this window). */
async function setApiKey(s: UiSession): Promise<void> {
  await s.wb.reset();
  // The view activates the extension, which makes "Set API Key…" appear in the palette.
  await s.wb.openView();
  await expectVisible(s.wb.treeItem(/no API key/), 'the server row marked "no API key"');
  await s.wb.runCommand('Ops Manager: Set API Key…');
  await s.wb.answerInput(`Set API Key for "${s.serverName}"`, s.sim.key);
  await expectVisible(s.wb.toast(`API key for "${s.serverName}" saved.`), 'the "API key saved" notification');
}

/** `document.activeElement` in the panel's frame, described by its id or its action and label. */
async function focusedControl(frame: Frame): Promise<string> {
  return String(
    await frame.evaluate(`(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return 'body';
      return a.id ? '#' + a.id : (a.dataset.action ?? a.tagName.toLowerCase()) + ':' + (a.dataset.label ?? '');
    })()`),
  );
}

/** Waits until the panel has been updated by `count` more polls (each changes the "Updated" time). */
async function waitForPolls(frame: Frame, count: number): Promise<void> {
  const stamp = (): Promise<unknown> =>
    frame.evaluate(`document.querySelector('#job-header .meta time[data-relative]')?.getAttribute('datetime')`);
  for (let i = 0; i < count; i++) {
    const before = await stamp();
    await waitUntil(async () => (await stamp()) !== before, `poll ${i + 1} of ${count} of the job in progress`);
  }
}

/** Focuses the tree view from the palette and moves its keyboard focus (arrow keys) to the job's row. */
async function focusJobRowByKeyboard(s: UiSession, jobId: string): Promise<void> {
  await expandOrders(s);
  const job = s.sim.job(jobId);
  assert.ok(job, `the simulator has job ${jobId}`);
  await s.wb.runCommand('Ops Manager: Focus on Restore Jobs View');
  // Focus comes back to the row last used; start from the top.
  await s.wb.page.keyboard.press('Home');
  const wanted = new RegExp(`^Restore job created ${escapeRegExp(treeDate(job.created))},`);
  // The row with the tree's keyboard focus (the list element itself holds DOM focus).
  const focusedRow = s.wb.sidebar.locator('.monaco-list:focus .monaco-list-row.focused');
  for (let i = 0; i < 40; i++) {
    const label = (await focusedRow.getAttribute('aria-label', { timeout: WAIT.short }).catch(() => null)) ?? '';
    if (wanted.test(label)) return;
    await s.wb.page.keyboard.press('ArrowDown');
  }
  assert.fail(`the arrow keys never reached the row of job ${jobId}`);
}

/** Shift+F10 on the focused row, then the arrow keys to `item` and Enter: no mouse anywhere. */
async function chooseFromContextMenu(s: UiSession, item: string): Promise<string[]> {
  await s.wb.page.keyboard.press('Shift+F10');
  const menu = s.wb.page.locator('.context-view .monaco-menu');
  await expectVisible(menu, 'the context menu of the focused row', WAIT.short);
  const labels = (await menu.locator('.action-item:not(.disabled) .action-label').allTextContents()).map((t) =>
    t.trim(),
  );
  const focused = menu.locator('.action-item.focused .action-label');
  for (let i = 0; i < labels.length + 1; i++) {
    const current = ((await focused.textContent({ timeout: 500 }).catch(() => '')) ?? '').trim();
    if (current === item) {
      await s.wb.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: WAIT.short });
      return labels;
    }
    await s.wb.page.keyboard.press('ArrowDown');
  }
  await s.wb.page.keyboard.press('Escape');
  assert.fail(`"${item}" is not in the context menu: ${labels.join(' | ')}`);
}

uiSuite(
  'UI, accessibility: axe in every theme, keyboard focus, tree actions from the keyboard',
  { name: 'a11y', theme: 'light', serverInSettings: 'Simulator' },
  (session) => {
    before(async function () {
      this.timeout(WAIT.ui * 3);
      await setApiKey(session());
    });

    for (const theme of THEMES) {
      it(`axe finds no serious or critical violation in the panel of a ready, an expired and an in-progress job, and in the batch panel: ${theme.setting}`, async () => {
        const s = session();
        await s.wb.reset();
        await useTheme(s, theme);
        const found: string[] = [];
        for (const [what, jobId] of JOBS) {
          await openJobFromTree(s, jobId);
          found.push(...(await seriousViolations(s.wb, `${theme.setting}, ${what} job`)));
          // For a person to look at too: the first screen and the Download button (enabled or not) in this theme.
          await s.wb.screenshot(`${theme.setting}, ${what} job`);
        }
        // The batch panel of a sharded restore, in the same theme.
        await openCatalogBatch(s);
        found.push(...(await seriousViolations(s.wb, `${theme.setting}, batch panel`)));
        assert.deepEqual(found, [], `axe found serious or critical violations:\n${found.join('\n')}`);
      });
    }

    it('focus on a copy button and on the Raw JSON toggle survives the polls of a job in progress', async () => {
      const s = session();
      await s.wb.reset();
      await useTheme(s, THEMES[1]);
      const jobId = SAMPLE.jobs.inProgress.id;
      await openJobFromTree(s, jobId);
      const panel = s.wb.panel;
      await expectText(panel.locator('.watching'), /Checking every 2 s/);
      const frame = await webviewFrame(s.wb);

      // The Job ID's copy button, focused and tagged: a re-rendered (replaced) element would lose the tag.
      await panel.locator('#section-raw > summary').click();
      const copy = panel.locator('[data-field="id"] button[data-action="copy"]');
      await copy.focus();
      await frame.evaluate(`document.activeElement.a11yTag = 'original'; true`);
      await waitForPolls(frame, 2);
      assert.equal(await focusedControl(frame), 'copy:Job ID', 'focus is still on the Job ID copy button');
      assert.equal(
        await frame.evaluate(`document.activeElement.a11yTag`),
        'original',
        'the same element, not a re-rendered copy',
      );
      assert.equal(await frame.evaluate(`document.querySelector('#section-raw').open`), true, 'Raw JSON stays open');

      // Now the Raw JSON toggle itself, and the JSON block is a focusable, named region.
      await panel.locator('#section-raw > summary').focus();
      await waitForPolls(frame, 1);
      assert.equal(await focusedControl(frame), 'summary:', 'focus is still on the Raw JSON toggle');
      await s.wb.page.keyboard.press('Tab');
      await s.wb.page.keyboard.press('Tab');
      assert.equal(
        await frame.evaluate(
          `document.activeElement.tagName + ' ' + document.activeElement.getAttribute('aria-label')`,
        ),
        'PRE Raw JSON of the restore job',
        'Tab reaches the Raw JSON block (after its copy button), which says what it is',
      );
    });

    it('Download moves focus to Cancel Download, Enter there cancels, and focus goes back to Download', async () => {
      const s = session();
      await s.wb.reset();
      const job = await servedJob(s.sim, SAMPLE.jobs.pointInTime.id);
      const archive = await s.sim.archive();
      const before = fs.readdirSync(s.downloadDir).sort();
      // 40 % of the archive, then nothing: the download stays running until cancelled.
      const fault = s.sim.faults.add({
        port: 'backup',
        route: job.id,
        stallAfterBytes: Math.floor(archive.sizeBytes * 0.4),
        times: 1,
      });
      try {
        await openJobFromTree(s, job.id);
        const panel = s.wb.panel;
        const frame = await webviewFrame(s.wb);
        // Everything the live region says, in order.
        await frame.evaluate(`(() => {
          const live = document.getElementById('live');
          window.a11ySaid = [];
          new MutationObserver(() => window.a11ySaid.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
          return true;
        })()`);
        await panel.locator('#download-button').focus();
        await s.wb.page.keyboard.press('Enter');

        await expectText(panel.locator('#download-status[data-state="running"] #download-text'), /\((3[5-9]|40)%\)/);
        await waitUntil(
          async () => (await focusedControl(frame)) === '#download-cancel',
          'focus on Cancel Download',
          WAIT.short,
        ).catch(async () => assert.fail(`focus is on ${await focusedControl(frame)}, not Cancel Download`));
        await s.wb.screenshot('focus on cancel download');

        await s.wb.page.keyboard.press('Enter');
        await expectText(
          panel.locator('#download-status[data-state="cancelled"] #download-text'),
          'Download cancelled; nothing was saved.',
        );
        await waitUntil(
          async () => (await focusedControl(frame)) === '#download-button',
          'focus back on Download',
          WAIT.short,
        ).catch(async () => assert.fail(`focus is on ${await focusedControl(frame)}, not Download`));
        assert.equal(await panel.locator('#download-cancel').isVisible(), false, 'Cancel Download is gone');
        assert.deepEqual(fs.readdirSync(s.downloadDir).sort(), before, 'nothing was added to the download folder');

        const said: unknown = await frame.evaluate('window.a11ySaid.filter((t) => t !== "")');
        assert.ok(Array.isArray(said));
        const folder = escapeRegExp(s.downloadDir);
        assert.equal(said.length, 3, `start, 25 %, end; no progress line: ${JSON.stringify(said)}`);
        assert.match(String(said[0]), new RegExp(`^Download started: saving to ${folder}`));
        assert.equal(said[1], 'Download 25% done.');
        assert.equal(said[2], 'Download cancelled; nothing was saved.');
      } finally {
        fault.remove();
      }
    });

    it("a job row's Open, Download and Copy ID are reached from the keyboard: Shift+F10, arrows, Enter", async () => {
      const s = session();
      await s.wb.reset();
      const job = await servedJob(s.sim, SAMPLE.jobs.ready.id);

      await focusJobRowByKeyboard(s, job.id);
      const labels = await chooseFromContextMenu(s, 'Copy ID');
      for (const action of ['Open Restore Job', 'Download Restore Archive', 'Copy ID']) {
        assert.ok(labels.includes(action), `"${action}" is in the menu: ${labels.join(' | ')}`);
      }
      await expectVisible(s.wb.toast(`Copied restore job ID ${job.id}.`), 'the "Copied restore job ID" notification');

      await focusJobRowByKeyboard(s, job.id);
      await chooseFromContextMenu(s, 'Open Restore Job');
      await expectText(s.wb.panel.locator('h1 .mono'), job.id);

      await focusJobRowByKeyboard(s, job.id);
      await chooseFromContextMenu(s, 'Download Restore Archive');
      await expectVisible(
        s.wb.panel.locator('#download-status[data-state="verified"]'),
        'the download started from the context menu, verified',
        WAIT.ui * 2,
      );

      // No Download on a row whose link has expired.
      await focusJobRowByKeyboard(s, SAMPLE.jobs.expired.id);
      const expiredLabels = await chooseFromContextMenu(s, 'Open Restore Job');
      assert.ok(!expiredLabels.includes('Download Restore Archive'), `no Download: ${expiredLabels.join(' | ')}`);
    });
  },
);
