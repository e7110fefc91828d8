// A fresh profile without servers: the view welcomes the user with an "Add Server" button, and adding a server
// through its input boxes (the URL checked as typed, the key in a password box) tests the connection, saves the
// server in the settings (the key elsewhere) and shows its groups in the tree.
import { readSavedSettings } from '../../vscode/codeServer';
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../../simulator/sampleData';
import { SIM_VERSION } from '../../simulator/server';
import { expectText, expectVisible } from '../expect';
import { ADDED_SERVER, escapeRegExp } from '../navigate';
import type { UiSession } from '../session';

export function defineWelcomeTests(session: () => UiSession): void {
  it('with no server configured the view shows the welcome text and an "Add Server" button', async () => {
    const s = session();
    await s.wb.reset();
    const view = await s.wb.openView();
    const welcome = view.locator('.welcome-view-content');
    await expectVisible(welcome, 'the welcome content');
    await expectText(welcome, /No Ops Manager server is configured yet\./);
    await expectText(welcome, /never in settings/);
    await expectVisible(welcome.locator('.monaco-button', { hasText: 'Add Server' }), 'the "Add Server" button');
    assert.equal(await view.locator('[role="treeitem"]').count(), 0, 'no tree rows');
  });

  it('"Add Server" through the input boxes checks the URL, tests the connection and lists the server\'s groups', async () => {
    const s = session();
    await s.wb.reset();
    const view = await s.wb.openView();
    await view.locator('.welcome-view-content .monaco-button', { hasText: 'Add Server' }).click();

    const wb = s.wb;
    await wb.answerInput(/Add Ops Manager Server/, ADDED_SERVER);

    await wb.waitForQuickInputTitle(/Add Ops Manager Server/);
    await expectText(wb.quickInputMessage, /The Ops Manager URL/);
    await wb.quickInputBox.fill('ftp://opsmanager.example.com');
    await expectText(wb.quickInputMessage, /The URL must start with https:\/\/ or http:\/\//);
    await wb.screenshot('add server URL refused');
    await wb.quickInputBox.fill(s.sim.baseUrl);
    await expectText(wb.quickInputMessage, /The Ops Manager URL/);
    await wb.quickInputBox.press('Enter');

    await expectText(wb.quickInputMessage, /The API public key/);
    await wb.quickInputBox.fill(s.sim.user);
    await wb.quickInputBox.press('Enter');

    await expectText(wb.quickInputMessage, /The API private key/);
    assert.equal(await wb.quickInputBox.getAttribute('type'), 'password', 'the key is typed into a password box');
    await wb.quickInputBox.fill(s.sim.key);
    await wb.quickInputBox.press('Enter');

    await expectVisible(
      wb.toast(`Connected to Ops Manager ${SIM_VERSION.versionString}. Server "${ADDED_SERVER}" saved.`),
      'the "Connected to Ops Manager <version>" notification',
    );
    s.serverName = ADDED_SERVER;
    s.connected = true;
    const server = await wb.expand(new RegExp(`^${escapeRegExp(ADDED_SERVER)} `));
    await expectText(server.locator('.label-description'), new URL(s.sim.baseUrl).host);
    await expectVisible(
      wb.treeItem(new RegExp(`^${SAMPLE.groups.production.name} ${SAMPLE.groups.production.id}`)),
      'the Production group',
    );

    const settings = readSavedSettings(wb.userDataDir);
    assert.match(settings, new RegExp(escapeRegExp(s.sim.baseUrl)), 'the server is in settings.json');
    assert.ok(!settings.includes(s.sim.key), 'the API key is not in settings.json');
  });
}
