// The sidebar tree against the simulator, walked the way VS Code walks it: servers → groups → clusters (sharded
// members tucked under their parent) → restore jobs newest first, the explanatory error nodes with their fixes,
// stable ids, getParent for reveal, and partial refresh.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import type { TreeNode } from '../../src/explorer/nodes/common';
import {
  children,
  item,
  labelOf,
  nodeAt,
  readLogs,
  setApiKey,
  setServers,
  testApi,
  tooltipText,
  waitFor,
} from './uiSupport';

const G = SAMPLE.groups;
const C = SAMPLE.clusters;
const J = SAMPLE.jobs;
const MISSING_GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaa';

function commandOf(node: TreeNode): vscode.Command | undefined {
  return item(node).command;
}

async function errorNodeUnder(parent: TreeNode): Promise<TreeNode> {
  const nodes = await children(parent);
  assert.equal(nodes.length, 1, `one error node under ${labelOf(parent)}: ${JSON.stringify(nodes.map(labelOf))}`);
  assert.equal(item(nodes[0]).contextValue, 'error');
  return nodes[0];
}

async function actionCommands(errorNode: TreeNode): Promise<string[]> {
  return (await children(errorNode)).map((action) => commandOf(action)?.command ?? '');
}

describe('Tree', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
    await setServers([
      { name: 'Sim', baseUrl: sim.baseUrl, username: sim.user },
      { name: 'No Key', baseUrl: sim.baseUrl, username: 'someone-else' },
      { name: 'Wrong Key', baseUrl: `${sim.baseUrl}/api/public/v1.0/`, username: 'wrong-user' },
      {
        name: 'Configured',
        baseUrl: `${sim.baseUrl}/`,
        username: sim.user,
        groups: [
          { id: G.staging.id, name: 'Staging (configured)', clusters: [{ id: C.staging.id, name: 'staging rs' }] },
          { id: MISSING_GROUP, name: 'Gone' },
          { id: G.notInGroup.id },
        ],
      },
      { name: 'Broken entry', baseUrl: 'ftp://example.invalid', username: '' },
    ]);
    await setApiKey('Sim', sim.key);
    await setApiKey('Wrong Key', 'not-the-right-key-1234');
  });

  after(async () => {
    await setServers([]);
    await sim?.close();
  });

  it('lists servers in settings order, and an invalid entry as an explanation', async () => {
    const roots = await children();
    assert.deepEqual(roots.map(labelOf), [
      'Sim',
      'No Key',
      'Wrong Key',
      'Configured',
      'Invalid server entry "Broken entry"',
    ]);
    assert.equal(item(roots[0]).contextValue, 'server');
    assert.equal(item(roots[1]).contextValue, 'server noApiKey');
    const invalid = roots[4];
    const problems = (await children(invalid)).map(labelOf);
    assert.ok(
      problems.some((p) => p.includes('https://')),
      `explains the URL: ${problems.join(' | ')}`,
    );
    assert.ok(
      problems.some((p) => p.includes('"username"')),
      `explains the user name: ${problems.join(' | ')}`,
    );
    assert.equal(commandOf(invalid)?.command, 'opsManager.openSettings');
  });

  it('discovers groups, sorted by name, with stable ids', async () => {
    const server = await nodeAt('Sim');
    const groups = await children(server);
    assert.deepEqual(groups.map(labelOf), [G.restricted.name, G.production.name, G.sandbox.name, G.staging.name]);
    const production = groups[1];
    assert.equal(item(production).contextValue, 'group');
    assert.equal(item(production).id, `server:Sim/group:${G.production.id}`);
    assert.equal(item(production).description, G.production.id);
    // Not listed: a group the key is not a member of.
    assert.ok(!groups.map(labelOf).includes(G.notInGroup.name));
  });

  it('shows top-level clusters, with shards and config server under the sharded cluster', async () => {
    const clusters = await children(await nodeAt('Sim', G.production.name));
    assert.deepEqual(clusters.map(labelOf), ['catalog', 'legacy-events', 'rs-orders']);
    for (const cluster of clusters) assert.equal(item(cluster).contextValue, 'cluster');
    const catalog = clusters[0];
    assert.equal(item(catalog).id, `server:Sim/group:${G.production.id}/cluster:${C.catalog.id}`);
    const catalogChildren = await children(catalog);
    const members = catalogChildren[0];
    assert.equal(item(members).contextValue, 'clusterMembers');
    const memberNodes = await children(members);
    assert.deepEqual(memberNodes.map(labelOf), ['catalog_shard_0', 'catalog_shard_1', 'catalog_config']);
    assert.ok(tooltipText(memberNodes[2]).includes(C.catalogConfig.id));
    assert.deepEqual(catalogChildren.slice(1).map(labelOf), ['Restore Jobs', 'Snapshots']);
    // Restore jobs are asked of the top-level cluster; a sharded restore's jobs sit under one batch node.
    const batches = (await children(catalogChildren[1])).filter((node) =>
      /^restoreBatch\b/.test(item(node).contextValue ?? ''),
    );
    assert.deepEqual(
      batches.map((node) => item(node).contextValue),
      ['restoreBatch downloadable', 'restoreBatch downloadable'],
    );
    const batch = batches.find((node) => (item(node).id ?? '').endsWith(`/batch:${SAMPLE.batchIds.catalog}`));
    assert.ok(batch, JSON.stringify(batches.map((node) => item(node).id)));
    assert.equal(item(batch).description, '3 parts · ready');
    const later = batches.find((node) => node !== batch);
    assert.ok(later);
    assert.equal(item(later).description, '4 parts · 3 of 4 ready');
    const listedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const parts = await children(batch);
    // Expanded later, a part still says when its job was listed (the panel fetches an old copy again).
    const partListedAt: unknown = item(parts[0]).command?.arguments?.[3];
    assert.ok(typeof partListedAt === 'number' && partListedAt <= listedAt, `listed with the cluster's jobs`);
    assert.deepEqual(parts.map(labelOf), ['catalog_shard_0', 'catalog_shard_1', 'catalog_config']);
    assert.ok(String(item(parts[2]).description).startsWith('Config server'));
    assert.ok((item(parts[0]).id ?? '').endsWith(`/job:${J.sharded.id}`));
    assert.ok(
      sim.log.every((entry) => !entry.url.includes(`/clusters/${C.catalogShard0.id}/restoreJobs`)),
      'never asks a shard for restore jobs',
    );
  });

  it('lists restore jobs newest first, labelled, described, iconed and clickable', async () => {
    const jobs = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
    const ids = jobs.map((node) => (item(node).id ?? '').replace(/^.*\/job:/, ''));
    assert.deepEqual(ids.slice(0, 3), [J.inProgress.id, J.notStarted.id, J.ready.id]);
    assert.equal(ids[ids.length - 1], J.expired.id);
    const ready = jobs[2];
    const readyItem = item(ready);
    assert.equal(readyItem.description, 'Ready');
    assert.match(readyItem.contextValue ?? '', /^restoreJob\b/);
    assert.ok(readyItem.iconPath instanceof vscode.ThemeIcon && readyItem.iconPath.id === 'pass-filled');
    assert.doesNotMatch(labelOf(ready), /^[0-9a-f]{24}$/, 'label is the created time, not the ID');
    // Short (month, day, hours and minutes) so the status in the description is not cut at the default width.
    assert.match(labelOf(ready), /^\w+ \d{1,2}, \d\d:\d\d( [AP]M)?$/);
    const tooltip = tooltipText(ready);
    for (const id of [J.ready.id, C.orders.id, G.production.id]) assert.ok(tooltip.includes(id), `tooltip names ${id}`);
    // Statuses in the panel's words with the value the API sent beside them; dates formatted, the sent text kept.
    assert.ok(tooltip.includes('Status: `Finished (FINISHED)`'), tooltip);
    assert.ok(tooltip.includes('Delivery: `HTTP · Ready (READY)`'), tooltip);
    assert.match(
      tooltip,
      /Expires: `[^`(]*\d{4}[^`(]* \(\d{4}-\d\d-\d\dT[\d:.]+Z\)`/,
      'the expiry formatted, then as sent',
    );
    assert.equal(readyItem.command?.command, 'opsManager.openRestoreJob');
    assert.deepEqual(readyItem.command?.arguments?.[0], {
      server: 'Sim',
      groupId: G.production.id,
      clusterId: C.orders.id,
      jobId: J.ready.id,
    });
    const broken = jobs.find((node) => (item(node).id ?? '').endsWith(J.broken.id));
    assert.ok(broken);
    assert.equal(item(broken).description, 'Broken · Failed');
    const expired = jobs[jobs.length - 1];
    assert.equal(item(expired).description, 'Expired');
  });

  it('offers Download (through the contextValue its when clause reads) only on a job that can be downloaded', async () => {
    const jobs = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
    const contextOf = (id: string): string =>
      item(jobs.find((node) => (item(node).id ?? '').endsWith(id)) ?? assert.fail(id)).contextValue ?? '';
    assert.equal(contextOf(J.ready.id), 'restoreJob downloadable');
    for (const id of [J.expired.id, J.inProgress.id, J.notStarted.id, J.maxDownloadsExceeded.id]) {
      assert.equal(contextOf(id), 'restoreJob', id);
    }
    const manifest = fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8');
    const raw = /"command": "opsManager\.downloadRestoreArchive",\s*"when": "((?:[^"\\]|\\.)*)"/.exec(manifest)?.[1];
    const when: unknown = JSON.parse(`"${raw ?? ''}"`);
    const pattern = typeof when === 'string' ? (/viewItem =~ \/(.*)\//.exec(when)?.[1] ?? '') : '';
    assert.ok(new RegExp(pattern).test('restoreJob downloadable'), String(when));
    assert.ok(!new RegExp(pattern).test('restoreJob'), String(when));
  });

  it('says when a group has no clusters and a cluster no restore jobs', async () => {
    const sandbox = await children(await nodeAt('Sim', G.sandbox.name));
    assert.deepEqual(sandbox.map(labelOf), ['No clusters in this group']);
    const scratch = await children(await nodeAt('Sim', G.staging.name, 'rs-scratch', 'Restore Jobs'));
    assert.deepEqual(scratch.map(labelOf), ['No restore jobs']);
    const noSnapshots = await children(await nodeAt('Sim', G.staging.name, 'rs-scratch', 'Snapshots'));
    assert.deepEqual(noSnapshots.map(labelOf), ['No snapshots']);
  });

  it('parents lead back to the server, so reveal works', async () => {
    const api = await testApi();
    const jobs = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
    const chain: string[] = [];
    for (let node: TreeNode | undefined = jobs[0]; node !== undefined; node = api.treeProvider.getParent(node))
      chain.push(labelOf(node));
    assert.deepEqual(chain.slice(1), ['Restore Jobs', 'rs-orders', G.production.name, 'Sim']);
    await api.treeView.reveal(jobs[0], { select: true, focus: false, expand: false });
    // The selection comes back from the workbench after reveal() resolves: wait for it rather than race it.
    const selected = () => (api.treeView.selection[0] as TreeNode | undefined)?.id;
    await waitFor('the revealed job to be selected', () => (selected() === jobs[0].id ? true : undefined));
    assert.equal(selected(), jobs[0].id);
  });

  it('runs Copy ID and Open on the selected job when a keybinding gives the command no argument', async () => {
    const api = await testApi();
    const jobs = await children(await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs'));
    const ready = jobs.find((node) => (item(node).id ?? '').endsWith(J.ready.id)) ?? assert.fail('the READY job');
    await api.treeView.reveal(ready, { select: true, focus: true, expand: false });
    await waitFor('the READY job to be selected', () =>
      (api.treeView.selection[0] as TreeNode | undefined)?.id === ready.id ? true : undefined,
    );
    assert.equal(await vscode.commands.executeCommand('opsManager.copyId'), J.ready.id);
    await vscode.commands.executeCommand('opsManager.openRestoreJob');
    const ref = { server: 'Sim', groupId: J.ready.groupId, clusterId: J.ready.clusterId, jobId: J.ready.id };
    assert.equal(api.panels.getState(ref)?.job?.id, J.ready.id, 'the selected job opened in its panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('explains a missing API key, with "Set API Key…" as the fix', async () => {
    const error = await errorNodeUnder(await nodeAt('No Key'));
    assert.equal(labelOf(error), 'No API key set');
    const actions = await children(error);
    assert.equal(commandOf(actions[0])?.command, 'opsManager.setApiKey');
    assert.deepEqual(commandOf(actions[0])?.arguments, [{ server: 'No Key' }]);
  });

  it('explains a rejected key (401) and retries when clicked', async () => {
    const server = await nodeAt('Wrong Key');
    const error = await errorNodeUnder(server);
    assert.equal(labelOf(error), 'API key rejected (401)');
    assert.ok((await actionCommands(error)).includes('opsManager.setApiKey'));
    const retry = commandOf(error);
    assert.equal(retry?.command, 'opsManager.refresh');
    const before = sim.log.length;
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    const again = await errorNodeUnder(server);
    assert.equal(labelOf(again), 'API key rejected (401)');
    assert.ok(sim.log.length > before, 'clicking the error asked the server again');
  });

  it('uses configured groups and clusters, and explains a missing group (404) and NOT_IN_GROUP', async () => {
    const groups = await children(await nodeAt('Configured'));
    assert.deepEqual(groups.map(labelOf), ['Staging (configured)', 'Gone', G.notInGroup.id]);
    const clusters = await children(groups[0]);
    assert.deepEqual(clusters.map(labelOf), ['staging rs']);
    assert.ok((await children(clusters[0])).length > 0);

    const gone = await errorNodeUnder(groups[1]);
    assert.equal(labelOf(gone), 'Group not found (404)');
    assert.deepEqual(await actionCommands(gone), ['opsManager.openSettings']);

    const notInGroup = await errorNodeUnder(groups[2]);
    assert.match(labelOf(notInGroup), /401/);
  });

  it('explains an IP address missing from the access list (403): the address, the list, the documentation', async () => {
    const error = await errorNodeUnder(await nodeAt('Sim', G.restricted.name));
    assert.equal(labelOf(error), 'IP address 127.0.0.1 not on the API access list (403)');
    assert.match(tooltipText(error), /only from the addresses on the key's API access list/);
    assert.match(tooltipText(error), /No setting in VS Code can change that/);
    const actions = await children(error);
    assert.equal(labelOf(actions[0]), "Ask an organization owner to add 127.0.0.1 to the key's API access list");
    const docs = actions.map(commandOf).find((c) => c?.command === 'vscode.open');
    assert.match(String(docs?.arguments?.[0]), /^https:\/\/www\.mongodb\.com\/docs\/ops-manager\//);
    const commands = await actionCommands(error);
    // Settings cannot fix an access list, so they are not offered.
    assert.ok(
      !commands.includes('opsManager.openSettings') && commands.includes('opsManager.showLog'),
      commands.join(),
    );
  });

  it('refreshes one node without reloading the others', async () => {
    const api = await testApi();
    const orders = await nodeAt('Sim', G.production.name, 'rs-orders', 'Restore Jobs');
    const first = await children(orders);
    sim.clearLog();
    api.treeProvider.refresh(orders);
    const second = await children(orders);
    assert.deepEqual(
      second.map((n) => n.id),
      first.map((n) => n.id),
      'same stable ids after refresh',
    );
    const requests = sim.log.filter((entry) => entry.status !== 401).map((entry) => entry.url);
    assert.ok(
      requests.length >= 1 && requests.every((url) => url.includes(`/clusters/${C.orders.id}/restoreJobs`)),
      requests.join('\n'),
    );
    // The sibling cluster kept its children: no request for it.
    sim.clearLog();
    await children(await nodeAt('Sim', G.production.name, 'catalog'));
    assert.equal(sim.log.length, 0);
  });
  it('shows hostile names as sent but safe: one line, bounded, nothing reordered or clickable; a repeated ID once', async () => {
    const api = await testApi();
    const sandbox = sim.data.groups.find((g) => g.id === G.sandbox.id);
    assert.ok(sandbox);
    const savedName = sandbox.name;
    const clusterCount = sim.data.clusters.length;
    const link = '[Open](command:workbench.action.terminal.new)';
    sandbox.name = `Sandbox\u202Egnp.exe\n${link} ${'x'.repeat(100_000)}`;
    const hostileCluster = {
      id: '60a1b2c3d4e5f60718293aff',
      groupId: G.sandbox.id,
      clusterName: `rs\u2066-evil\r\nsecond line ${link}`,
      typeName: 'NEW_TYPE\u202E',
      lastHeartbeat: new Date().toISOString(),
    };
    // The same cluster twice, as a server paging while clusters change can list it: the view needs unique IDs.
    sim.data.clusters.push(hostileCluster, { ...hostileCluster });
    const server = await nodeAt('Sim');
    try {
      api.treeProvider.refresh(server);
      const group = (await children(server)).find((node) => item(node).id === `server:Sim/group:${G.sandbox.id}`);
      assert.ok(group);
      const clusters = await children(group);
      assert.equal(clusters.length, 1, JSON.stringify(clusters.map(labelOf)));
      const lines = [labelOf(group), labelOf(clusters[0]), String(item(clusters[0]).description)];
      for (const text of [...lines, tooltipText(group), tooltipText(clusters[0])]) {
        assert.doesNotMatch(text, /[\u202E\u2066]/u, text.slice(0, 300));
        assert.ok(!text.includes('](command:'), text.slice(0, 300));
      }
      for (const text of lines) assert.doesNotMatch(text, /[\r\n]/u, text.slice(0, 300));
      assert.ok(labelOf(group).length < 400, `label of ${labelOf(group).length} characters`);
      assert.ok(labelOf(group).startsWith('Sandbox\\u202egnp.exe [Open] (command:'), labelOf(group).slice(0, 80));
      assert.equal(labelOf(clusters[0]), 'rs\\u2066-evil second line [Open] (command:workbench.action.terminal.new)');
      assert.equal(item(clusters[0]).description, 'NEW_TYPE\\u202e');
    } finally {
      sandbox.name = savedName;
      sim.data.clusters.length = clusterCount;
      api.treeProvider.refresh(server);
    }
  });

  it('a hostile ID listed by the server cannot forge lines in the log', async () => {
    const api = await testApi();
    const sandbox = sim.data.groups.find((g) => g.id === G.sandbox.id);
    assert.ok(sandbox);
    const forged = '2026-01-01 00:00:00.000 [error] FORGED';
    sandbox.id = `bad\n${forged}`;
    const server = await nodeAt('Sim');
    try {
      api.treeProvider.refresh(server);
      const group = (await children(server)).find((node) => labelOf(node) === G.sandbox.name);
      assert.ok(group);
      await children(group); // refused before any request: not an ID
      const line = await waitFor('the failure in the log', () =>
        readLogs(api.logUri)
          .split('\n')
          .find((l) => l.includes('Loading server:Sim/group:bad')),
      );
      assert.ok(line.includes(`bad\\n${forged}`), line);
      assert.ok(
        !readLogs(api.logUri)
          .split('\n')
          .some((l) => l.startsWith(forged)),
        'no forged line',
      );
    } finally {
      sandbox.id = G.sandbox.id;
      api.treeProvider.refresh(server);
    }
  });
});
