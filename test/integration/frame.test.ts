// The frame the features live in: the extension is found and activates, everything package.json promises is
// really there (commands, the tree view, setting defaults), and the test environment reaches the extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testApi, waitFor } from './uiSupport';

/** What these tests need from package.json, read with checks (a broken manifest fails here, clearly). */
interface Manifest {
  name: string;
  publisher: string;
  commands: string[];
  viewContainer: string;
  views: string[];
  settings: Map<string, unknown>;
}

const root = path.resolve(__dirname, '../../..');
/** The tree view's ID, part of the extension's contract (design.md). */
const VIEW_ID = 'opsManager.clusters';

function objectAt(value: unknown, where: string): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is an object`);
  return Object.fromEntries(Object.entries(value));
}

function arrayAt(value: unknown, where: string): unknown[] {
  assert.ok(Array.isArray(value), `${where} is an array`);
  return value;
}

function stringAt(value: unknown, where: string): string {
  assert.ok(typeof value === 'string', `${where} is a string`);
  return value;
}

function readManifest(): Manifest {
  const json = objectAt(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), 'package.json');
  const contributes = objectAt(json.contributes, 'contributes');
  const containers = arrayAt(objectAt(contributes.viewsContainers, 'viewsContainers').activitybar, 'activitybar');
  const viewContainer = stringAt(objectAt(containers[0], 'activitybar[0]').id, 'activitybar[0].id');
  const views = arrayAt(objectAt(contributes.views, 'views')[viewContainer], `views.${viewContainer}`);
  const properties = objectAt(objectAt(contributes.configuration, 'configuration').properties, 'properties');
  return {
    name: stringAt(json.name, 'name'),
    publisher: stringAt(json.publisher, 'publisher'),
    commands: arrayAt(contributes.commands, 'commands').map((c, i) =>
      stringAt(objectAt(c, `commands[${i}]`).command, `commands[${i}].command`),
    ),
    viewContainer,
    views: views.map((v, i) => stringAt(objectAt(v, `view ${i}`).id, `view ${i} id`)),
    settings: new Map(Object.entries(properties).map(([key, p]) => [key, objectAt(p, key).default])),
  };
}

const manifest = readManifest();
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is installed in the extension host`);
  await extension.activate();
  return extension;
}

describe('Extension frame', () => {
  it('is the extension under development and activates', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
    assert.equal(path.resolve(extension.extensionPath), root);
  });

  it('registers every command package.json contributes', async () => {
    await activatedExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = manifest.commands;
    assert.ok(declared.length > 0, 'package.json contributes commands');
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('shows the tree view and refreshes it without an error', async () => {
    const api = await testApi();
    assert.deepEqual(manifest.views, [VIEW_ID], `the view contributed to ${manifest.viewContainer}`);
    await vscode.commands.executeCommand(`workbench.view.extension.${manifest.viewContainer}`);
    // VS Code registers `<view>.focus` for every contributed view; focusing makes the view ask its provider.
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await waitFor('the tree view to be visible', () => (api.treeView.visible ? true : undefined));
    const refreshed = new Promise<void>((resolve) => {
      const listener = api.treeProvider.onDidChangeTreeData(() => {
        listener.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('opsManager.refresh');
    await refreshed; // the view was told to reload: without this event the tree would keep stale nodes
    assert.ok(Array.isArray(await api.treeProvider.getChildren()), 'and its provider answers the reload');
  });

  it('declares setting defaults that VS Code reports as the defaults', () => {
    assert.ok(manifest.settings.size > 0, 'settings are contributed');
    for (const [key, declared] of manifest.settings) {
      assert.ok(key.startsWith('opsManager.'), `${key} is in the opsManager section`);
      const inspected = vscode.workspace.getConfiguration('opsManager').inspect(key.slice('opsManager.'.length));
      assert.ok(inspected, `VS Code knows the setting ${key}`);
      assert.deepEqual(inspected.defaultValue, declared, `default of ${key}`);
    }
  });

  it('receives the environment the test runner passes (extensionTestsEnv)', () => {
    // runTest.ts sets this; other suites rely on the same route for the simulator's address.
    assert.equal(process.env.OPSMANAGER_TEST_ENV_PROBE, 'reached-extension-host');
  });
});
