// Helpers shared by the tree, command and secret suites: the extension's test API, settings, and walking the tree
// the way VS Code does (getChildren / getTreeItem on the provider the view uses).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/nodes/common';
import type { RestoreJobPanels } from '../../src/jobPanel/index';

export const EXTENSION_ID = 'opsmanager-tools.ops-manager-restore-jobs';

export async function testApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  assert.ok(api?.treeProvider, 'activate() returns the tree provider for tests');
  return api;
}

/** The panel controller activate() hands to tests, checked to have the methods a suite calls. */
export async function testPanels<K extends keyof RestoreJobPanels>(
  ...methods: K[]
): Promise<Pick<RestoreJobPanels, K>> {
  const found: unknown = Reflect.get(await testApi(), 'panels');
  assert.ok(
    hasMethods(found, methods),
    `activate() returns the panel controller as \`panels\`, with ${methods.join(', ')}`,
  );
  return found;
}

function hasMethods<K extends keyof RestoreJobPanels>(
  value: unknown,
  names: readonly K[],
): value is Pick<RestoreJobPanels, K> {
  return (
    typeof value === 'object' && value !== null && names.every((name) => typeof Reflect.get(value, name) === 'function')
  );
}

export async function setServers(servers: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration().update('opsManager.servers', servers, vscode.ConfigurationTarget.Global);
  // The change event reaches the extension asynchronously: refresh explicitly so the next walk sees the settings.
  await vscode.commands.executeCommand('opsManager.refresh');
}

export async function setApiKey(server: string, apiKey: string): Promise<void> {
  const stored = await vscode.commands.executeCommand('opsManager.setApiKey', { server, apiKey });
  assert.equal(stored, true, `setApiKey stored a key for ${server}`);
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  const api = await testApi();
  return api.treeProvider.getChildren(node);
}

export function item(node: TreeNode): vscode.TreeItem {
  return node.getTreeItem();
}

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function tooltipText(node: TreeNode): string {
  const tooltip = node.getTreeItem().tooltip;
  return tooltip === undefined ? '' : typeof tooltip === 'string' ? tooltip : tooltip.value;
}

export async function childLabelled(parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const nodes = await children(parent);
  const found = nodes.find((node) => labelOf(node) === label);
  assert.ok(found, `"${label}" is among ${JSON.stringify(nodes.map(labelOf))}`);
  return found;
}

/** Walks labels from the root: path('Sim', 'Production', 'rs-orders'). */
export async function nodeAt(...labels: string[]): Promise<TreeNode> {
  let node: TreeNode | undefined;
  for (const label of labels) node = await childLabelled(node, label);
  assert.ok(node);
  return node;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The "Ops Manager" output channel files: logs/<time>/exthostN/output_logging_<time>/<n>-Ops Manager.log.
export function findLogFiles(logUri: vscode.Uri): string[] {
  // logUri is logs/<time>/exthost*/<extension id>; the channel files are beside it.
  const hostDir = path.dirname(logUri.fsPath);
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 3) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('Ops Manager.log')) found.push(full);
    }
  };
  walk(hostDir, 0);
  return found;
}

export function readLogs(logUri: vscode.Uri): string {
  return findLogFiles(logUri)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}
