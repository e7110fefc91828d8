// The API key, entered as a user does: the tree explains a missing key, a wrong key typed into the palette's
// password box is tested and reported as refused (saved anyway, the tree explains it as rejected), and the right key typed from the tree's own "Set API Key…" action
// makes the groups appear.
import { readSavedSettings } from '../../vscode/codeServer';
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../../simulator/sampleData';
import { expectText, expectVisible } from '../expect';
import { escapeRegExp, showServer } from '../navigate';
import type { UiSession } from '../session';

export function defineApiKeyTests(session: () => UiSession): void {
  const serverItem = (s: UiSession): RegExp => new RegExp(`^${escapeRegExp(s.serverName)} `);

  it('a server without an API key says so in the tree and offers "Set API Key…"', async () => {
    const s = session();
    await s.wb.reset();
    await s.wb.openView();
    await expectVisible(s.wb.treeItem(/no API key/), 'the server row marked "no API key"');
    await s.wb.expand(serverItem(s));
    await expectVisible(s.wb.treeItem(/^No API key set/), 'the "No API key set" node');
    await expectVisible(s.wb.treeItem(/^Set API Key…/), 'the "Set API Key…" action under it');
  });

  it('a wrong API key typed into the password box is reported as refused, and once saved anyway the tree says so', async () => {
    const s = session();
    await s.wb.reset();
    await showServer(s);
    await s.wb.runCommand('Ops Manager: Set API Key…');
    await s.wb.waitForQuickInputTitle(`Set API Key for "${s.serverName}"`);
    assert.equal(await s.wb.quickInputBox.getAttribute('type'), 'password', 'the key is typed into a password box');
    await s.wb.answerInput(`Set API Key for "${s.serverName}"`, 'not-the-right-key');
    const dialog = s.wb.page.locator('.monaco-dialog-box');
    await expectText(dialog, new RegExp(`refused this API key for "${escapeRegExp(s.serverName)}"`));
    await s.wb.screenshot('wrong key refused');
    await dialog.locator('.monaco-button', { hasText: 'Save Anyway' }).click();
    s.connected = false;
    await expectVisible(s.wb.toast(`API key for "${s.serverName}" saved.`), 'the "API key saved" notification');
    await s.wb.openView();
    await s.wb.expand(serverItem(s));
    await expectVisible(s.wb.treeItem(/^API key rejected \(401\)/), 'the "API key rejected (401)" node');
    await expectVisible(s.wb.treeItem(/^Set API Key…/), 'the "Set API Key…" fix under it');
    // Nothing of the key reaches the settings.
    const settings = readSavedSettings(s.wb.userDataDir);
    assert.ok(!settings.includes('not-the-right-key'), 'the API key is not in settings.json');
  });

  it('the right key typed from the tree\'s "Set API Key…" action lists the groups', async () => {
    const s = session();
    await s.wb.reset();
    await s.wb.openView();
    await s.wb.expand(serverItem(s));
    await s.wb
      .treeItem(/^Set API Key…/)
      .first()
      .click();
    await s.wb.answerInput(`Set API Key for "${s.serverName}"`, s.sim.key);
    await expectVisible(
      s.wb.toast(new RegExp(`API key for "${escapeRegExp(s.serverName)}" saved\\. Ops Manager .+ accepted it\\.`)),
      'the notification that the key was tested, accepted and saved',
    );
    s.connected = true;
    await s.wb.expand(serverItem(s));
    for (const group of [SAMPLE.groups.production, SAMPLE.groups.staging, SAMPLE.groups.sandbox]) {
      await expectVisible(
        s.wb.treeItem(new RegExp(`^${escapeRegExp(group.name)} ${group.id}`)),
        `group ${group.name} with its ID`,
      );
    }
    await expectText(s.wb.treeItem(serverItem(s)).first().locator('.label-description'), new URL(s.sim.baseUrl).host);
    const settings = readSavedSettings(s.wb.userDataDir);
    assert.ok(!settings.includes(s.sim.key), 'the API key is not in settings.json');
  });
}
