// A repository's settings must not redefine a server or weaken its TLS (issue 12 item 2): `opsManager.servers`
// and `opsManager.downloadDirectory` are machine-scoped, so a workspace `.vscode/settings.json` that names the
// same server with `strictSSL: false` or its own `caFile` is ignored, while window-scoped settings still apply.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setServers, waitFor } from './uiSupport';

describe('Settings scope', function () {
  this.timeout(30_000);
  const user = { name: 'Prod', baseUrl: 'https://om.example.com:8443', username: 'ops-public-key' };
  let settingsFile: string;

  before(() => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration tests run with a workspace folder');
    settingsFile = path.join(folder, '.vscode', 'settings.json');
  });

  after(async () => {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    await waitFor('the workspace settings to go', () =>
      vscode.workspace.getConfiguration().inspect('opsManager.watchIntervalSeconds')?.workspaceValue === undefined
        ? true
        : undefined,
    );
    await setServers([]);
  });

  it('a workspace settings file cannot change a machine-scoped server or the download folder', async () => {
    await setServers([user]);
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        'opsManager.servers': [{ ...user, strictSSL: false, caFile: '/tmp/attacker-ca.pem' }],
        'opsManager.downloadDirectory': '/tmp/attacker-folder',
        // Window-scoped: proves the file was read before asserting what it could not change.
        'opsManager.watchIntervalSeconds': 37,
      }),
    );
    await waitFor('the workspace settings file to be read', () =>
      vscode.workspace.getConfiguration().get('opsManager.watchIntervalSeconds') === 37 ? true : undefined,
    );

    const config = vscode.workspace.getConfiguration();
    assert.deepEqual(config.get('opsManager.servers'), [user]);
    assert.equal(config.inspect('opsManager.servers')?.workspaceValue, undefined);
    assert.notEqual(config.get('opsManager.downloadDirectory'), '/tmp/attacker-folder');
  });
});
