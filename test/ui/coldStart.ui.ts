// A cold start: a fresh profile with a server already in the settings (settings sync, a colleague's configuration)
// and a window where nothing has activated the extension; the first thing touched is the command palette. Every
// command is listed there, and each flow works when it is the first thing run after a reload (cold again). Also the
// ways a flow used to end in a dead end: a refused key (Set API Key and Add Server), a job ID that is not found,
// the panel's 401 banner, and the tree's 403 "not on the access list".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { SAMPLE } from '../simulator/sampleData';
import { SIM_VERSION } from '../simulator/server';
import { expectText, expectVisible, sha1File } from './expect';
import { escapeRegExp, ORDERS, PRODUCTION, startPaletteLookup, waitForPanel } from './navigate';
import { uiSuite, type UiSession } from './session';
import { waitUntil, WAIT } from './workbench';
import { readSavedSettings } from '../vscode/codeServer';

const SERVER = 'Simulator';
const SECOND = 'Second';

/** Every command the palette offers (the tree-only ones are hidden on purpose). */
const PALETTE_COMMANDS = [
  'Ops Manager: Add Server…',
  'Ops Manager: Set API Key…',
  'Ops Manager: Remove Server',
  'Ops Manager: Refresh',
  'Ops Manager: Fetch Restore Job by ID…',
  'Ops Manager: Download Restore Archive',
  'Ops Manager: Show Log',
];

/** How many times the extension activated in this profile (each window load logs once, in a folder of its own). */
function activations(s: UiSession): number {
  const logs = path.join(s.wb.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return 0;
  return fs
    .readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('Ops Manager.log'))
    .map((f) => fs.readFileSync(path.join(logs, f), 'utf8').split('\n'))
    .flat()
    .filter((line) => line.includes('Ops Manager extension activated')).length;
}

/**
 * Reloads the window so nothing has activated the extension: no panel open (its serializer would activate it) and
 * the Explorer rather than the Ops Manager view in the sidebar. Returns the activation count to compare with.
 */
async function coldReload(s: UiSession): Promise<number> {
  await s.wb.reset();
  await s.wb.runCommand('View: Show Explorer');
  await s.wb.open();
  const before = activations(s);
  // Give a stray activation the time to show before calling the window cold.
  await s.wb.page.waitForTimeout(1000);
  assert.equal(activations(s), before, 'nothing activated the extension after the reload');
  return before;
}

async function expectActivatedOnce(s: UiSession, before: number): Promise<void> {
  await waitUntil(async () => activations(s) === before + 1, 'the extension to activate', WAIT.start);
}

function dialog(s: UiSession): Locator {
  return s.wb.page.locator('.monaco-dialog-box');
}

async function clickDialogButton(s: UiSession, label: string): Promise<void> {
  await dialog(s).locator('.dialog-buttons .monaco-button', { hasText: label }).first().click();
  // Another dialog may follow at once; callers wait for what they expect next.
  await dialog(s)
    .waitFor({ state: 'hidden', timeout: 2000 })
    .catch(() => undefined);
}

uiSuite(
  'UI, cold start: server in the settings, nothing activated, the palette first',
  { name: 'cold', theme: 'dark', serverInSettings: SERVER },
  (session) => {
    it('before anything activated the extension, the palette lists every Ops Manager command', async () => {
      const s = session();
      await s.wb.page.waitForTimeout(1000);
      assert.equal(activations(s), 0, 'a fresh window has not activated the extension');
      await s.wb.dismissQuickInput();
      await s.wb.page.keyboard.press('F1');
      await s.wb.quickInputBox.waitFor({ state: 'visible', timeout: WAIT.short });
      await s.wb.quickInputBox.fill('>Ops Manager:');
      const rows = s.wb.quickInput.locator('.quick-input-list .monaco-list-row .label-name');
      await rows.first().waitFor({ state: 'visible', timeout: WAIT.short });
      let listed: string[] = [];
      await waitUntil(
        async () => {
          listed = (await rows.allTextContents()).map((t) => t.trim());
          return PALETTE_COMMANDS.every((title) => listed.includes(title));
        },
        'every Ops Manager command in the palette',
        WAIT.short,
      ).catch(() => undefined);
      await s.wb.screenshot('palette before activation');
      for (const title of PALETTE_COMMANDS)
        assert.ok(listed.includes(title), `"${title}" listed: ${listed.join(' | ')}`);
      assert.equal(activations(s), 0, 'listing the commands did not need the extension');
      await s.wb.dismissQuickInput();
    });

    it('palette first: Set API Key… tests the typed key and says Ops Manager accepted it', async () => {
      const s = session();
      const before = await coldReload(s);
      await s.wb.runCommand('Ops Manager: Set API Key…');
      await s.wb.answerInput(`Set API Key for "${SERVER}"`, s.sim.key);
      await expectVisible(
        s.wb.toast(`API key for "${SERVER}" saved. Ops Manager ${SIM_VERSION.versionString} accepted it.`),
        'the notification that the key was tested and accepted',
      );
      await expectActivatedOnce(s, before);
    });

    it('palette first: Fetch Restore Job by ID…, a wrong ID reopens the ID step with it, the corrected one opens', async () => {
      const s = session();
      const before = await coldReload(s);
      const unknown = '65e0f1a2b3c4d5e6f7a8b9fe';
      await startPaletteLookup(s);
      await s.wb.answerInput('Fetch Restore Job by ID', unknown);
      await expectText(s.wb.quickInputMessage, new RegExp(`Ops Manager has no restore job ${unknown} in ${ORDERS.id}`));
      assert.equal(await s.wb.quickInputBox.inputValue(), unknown, 'the typed ID is back in the box');
      await s.wb.quickInputBox.fill(SAMPLE.jobs.ready.id);
      await s.wb.quickInputBox.press('Enter');
      await waitForPanel(s, SAMPLE.jobs.ready.id);
      await expectActivatedOnce(s, before);
    });

    it('the panel\'s 401 banner has "Set API Key…", and a right key there brings the job back', async () => {
      const s = session();
      // A panel open with a good key, then a wrong key saved anyway (the test says it was refused).
      await s.wb.reset();
      await startPaletteLookup(s);
      await s.wb.answerInput('Fetch Restore Job by ID', SAMPLE.jobs.ready.id);
      await waitForPanel(s, SAMPLE.jobs.ready.id);
      await s.wb.runCommand('Ops Manager: Set API Key…');
      await s.wb.answerInput(`Set API Key for "${SERVER}"`, 'a-key-ops-manager-refuses');
      await expectText(dialog(s), new RegExp(`refused this API key for "${SERVER}"`));
      await clickDialogButton(s, 'Save Anyway');

      const panel = s.wb.panel;
      await panel.locator('#refresh-button').click();
      const banner = panel.locator('#banner');
      await expectText(banner.locator('#banner-text'), /API key|401|rejected/i);
      const fix = banner.locator('#banner-fix');
      await expectVisible(fix, 'the banner\'s "Set API Key…" button');
      await expectText(fix, 'Set API Key…');
      await s.wb.screenshot('401 banner with Set API Key');
      await fix.click();
      await s.wb.answerInput(`Set API Key for "${SERVER}"`, s.sim.key);
      // What the user needs from the banner's button: the banner gone and the job back. (That Set API Key says the
      // key was accepted is the palette test's; its toast can be gone before a loaded machine looks here.)
      await banner.waitFor({ state: 'hidden', timeout: WAIT.ui * 2 });
      await expectText(panel.locator('h1 .mono'), SAMPLE.jobs.ready.id);
    });

    it('a group behind the API access list (403) names the address, explains the list and links the documentation', async () => {
      const s = session();
      await s.wb.reset();
      await s.wb.openView();
      await s.wb.expand(new RegExp(`^${SERVER} `));
      const group = SAMPLE.groups.restricted;
      await s.wb.expand(new RegExp(`^${escapeRegExp(group.name)} `));
      // The row's accessible name is its label and the explanation (the tooltip's text).
      const error = s.wb.treeItem(
        /^IP address 127\.0\.0\.1 not on the API access list \(403\)\. Ops Manager accepts this API key only from the addresses on the key's API access list/,
      );
      await expectVisible(error, 'the error row with the address and the explanation');
      const label = await error.first().getAttribute('aria-label');
      assert.match(label ?? '', /No setting in VS Code can change that/);
      await expectVisible(
        s.wb.treeItem(/^Ask an organization owner to add 127\.0\.0\.1 to the key's API access list/),
        'the line saying who can add the address',
      );
      await expectVisible(s.wb.treeItem(/^Open Documentation/), 'the "Open Documentation" action under it');
      assert.equal(await s.wb.treeItem(/^Open Settings/).count(), 0, 'no "Open Settings", which cannot fix it');
      await s.wb.screenshot('access list explained');
    });

    it('palette first: Add Server… completes https://, a refused key is not "could not connect", Retry and Edit ask for the key', async () => {
      const s = session();
      const before = await coldReload(s);
      const wb = s.wb;
      const hostPort = new URL(s.sim.baseUrl).host;
      await wb.runCommand('Ops Manager: Add Server…');
      await wb.answerInput(/Add Ops Manager Server/, SECOND);

      // The URL without a scheme is completed (and the simulator, plain HTTP, cannot be reached over https://).
      await wb.waitForQuickInputTitle(/Add Ops Manager Server/);
      await expectText(wb.quickInputMessage, /The Ops Manager URL/);
      await wb.quickInputBox.fill(hostPort);
      await expectText(wb.quickInputMessage, `Will use https://${hostPort}`);
      await wb.quickInputBox.press('Enter');
      await expectText(wb.quickInputMessage, /The API public key/);
      await wb.quickInputBox.fill(s.sim.user);
      await wb.quickInputBox.press('Enter');
      await expectText(wb.quickInputMessage, /The API private key/);
      await wb.quickInputBox.fill('a-wrong-private-key');
      await wb.quickInputBox.press('Enter');

      // Same URL and user as "Simulator" once the URL is fixed; first the https:// attempt fails to connect.
      await expectText(dialog(s), new RegExp(`Could not connect to https://${escapeRegExp(hostPort)}`));
      await clickDialogButton(s, 'Edit');
      await expectText(wb.quickInputMessage, /The Ops Manager URL/);
      assert.equal(await wb.quickInputBox.inputValue(), `https://${hostPort}`, 'Edit on a connection failure: the URL');
      await wb.quickInputBox.fill(s.sim.baseUrl);
      await wb.quickInputBox.press('Enter');
      await expectText(wb.quickInputMessage, /The API public key/);
      await wb.quickInputBox.press('Enter');
      await expectText(wb.quickInputMessage, /The API private key/);
      await wb.quickInputBox.press('Enter');

      await expectText(
        dialog(s),
        new RegExp(
          escapeRegExp(`Server "${SERVER}" already uses ${s.sim.baseUrl} with the public key "${s.sim.user}"`),
        ),
      );
      await wb.screenshot('add server duplicate warning');
      await clickDialogButton(s, 'Add Anyway');

      await expectText(dialog(s), new RegExp(escapeRegExp(`Ops Manager at ${s.sim.baseUrl} refused the API key`)));
      const text = (await dialog(s).innerText()).replace(/\s+/g, ' ');
      assert.doesNotMatch(text, /could not connect/i, 'a refused key is not a connection failure');
      assert.doesNotMatch(text, /Set API Key/, 'no "Set API Key…" for a server that is not saved');
      await wb.screenshot('add server key refused');

      // Retry asks for the key again instead of resending it.
      await clickDialogButton(s, 'Retry');
      await expectText(wb.quickInputMessage, /Ops Manager refused the last key/);
      assert.equal(await wb.quickInputBox.getAttribute('type'), 'password');
      await wb.quickInputBox.fill('another-wrong-key');
      await wb.quickInputBox.press('Enter');
      await expectText(dialog(s), new RegExp(escapeRegExp(`Ops Manager at ${s.sim.baseUrl} refused the API key`)));

      // Edit returns to the key step, not the URL.
      await clickDialogButton(s, 'Edit');
      await expectText(wb.quickInputMessage, /The API private key/);
      await wb.quickInputBox.fill(s.sim.key);
      await wb.quickInputBox.press('Enter');
      await expectVisible(
        wb.toast(`Connected to Ops Manager ${SIM_VERSION.versionString}. Server "${SECOND}" saved.`),
        'the server saved after the right key',
      );
      await expectActivatedOnce(s, before);
    });

    it('palette first: Remove Server asks which server and for confirmation, then removes it', async () => {
      const s = session();
      const before = await coldReload(s);
      await s.wb.runCommand('Ops Manager: Remove Server');
      await s.wb.pick(/Remove Server/, SECOND);
      await expectText(dialog(s), new RegExp(escapeRegExp(`Remove the Ops Manager server "${SECOND}"?`)));
      await clickDialogButton(s, 'Remove');
      await waitUntil(async () => {
        // User and machine settings: on a remote (code-server), the machine-scoped list lives in the latter.
        const settings = readSavedSettings(s.wb.userDataDir);
        return !settings.includes(`"${SECOND}"`) && settings.includes(`"${SERVER}"`);
      }, `"${SECOND}" gone from the settings, "${SERVER}" kept`);
      await s.wb.openView();
      await expectVisible(s.wb.treeItem(new RegExp(`^${SERVER} `)), `"${SERVER}" still in the tree`);
      assert.equal(await s.wb.treeItem(new RegExp(`^${SECOND} `)).count(), 0, `"${SECOND}" no longer in the tree`);
      await expectActivatedOnce(s, before);
    });

    it('palette first: Download Restore Archive asks for the job, then saves and verifies its archive', async () => {
      const s = session();
      const before = await coldReload(s);
      const archive = await s.sim.archive();
      await s.wb.runCommand('Ops Manager: Download Restore Archive');
      await s.wb.pick(/Fetch Restore Job: group/, PRODUCTION.name);
      await s.wb.pick(/Fetch Restore Job: cluster/, ORDERS.name);
      await s.wb.answerInput('Fetch Restore Job by ID', SAMPLE.jobs.ready.id);
      // The panel's download line, not the notification: toasts can be stacked away by others (the archive
      // inspection's progress), the panel keeps the outcome.
      await expectVisible(
        s.wb.panel.locator('#download-status[data-state="verified"]'),
        'the download saved and verified',
        WAIT.ui * 2,
      );
      await waitUntil(
        async () => fs.readdirSync(s.downloadDir).some((f) => f.endsWith('.tar.gz')),
        'the archive in the download folder',
      );
      const saved = fs.readdirSync(s.downloadDir).filter((f) => f.endsWith('.tar.gz'));
      assert.deepEqual(
        saved.map((f) => sha1File(path.join(s.downloadDir, f))),
        [archive.sha1],
        "one archive, with the simulator's SHA-1",
      );
      await expectActivatedOnce(s, before);
    });

    it('palette first: Refresh and Show Log work without the view having been opened', async () => {
      const s = session();
      const before = await coldReload(s);
      await s.wb.runCommand('Ops Manager: Refresh');
      await expectActivatedOnce(s, before);
      await s.wb.runCommand('Ops Manager: Show Log');
      const output = s.wb.page.locator('.part.panel');
      await expectText(output.locator('.monaco-editor .view-lines'), /Ops Manager extension activated/);
      // Nothing went wrong on the way: no error dialog or notification.
      assert.equal(await dialog(s).count(), 0);
      assert.equal(await s.wb.page.locator('.notifications-toasts .notification-list-item .codicon-error').count(), 0);
    });
  },
);
