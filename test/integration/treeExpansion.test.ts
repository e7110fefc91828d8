// The tree keeps what the user expanded across a window reload. A reload cannot happen inside this test run, so
// the suite checks the two halves in the real VS Code: expanding and collapsing in the view is recorded in the
// extension's workspaceState (what the next window's activation reads), and the tree shows nodes from that record
// once they are built anew (as after a reload). The UI suite reloads a real window (test/ui/flows/treeState.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ExpansionMemory } from '../../src/explorer/expansionMemory';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { children, nodeAt, setApiKey, setServers, testApi, waitFor } from './uiSupport';

const SERVER = 'Expansion Sim';
const OTHER = 'Expansion Other';
const PRODUCTION = SAMPLE.groups.production.name;
const { Expanded, Collapsed } = vscode.TreeItemCollapsibleState;

describe('Tree expansion across reloads', function () {
  this.timeout(60_000);
  let sim: Simulator;

  async function stateOf(...labels: string[]): Promise<vscode.TreeItemCollapsibleState | undefined> {
    const api = await testApi();
    return api.treeProvider.getTreeItem(await nodeAt(...labels)).collapsibleState;
  }

  /** What a new window would read: a fresh memory over the same workspaceState. */
  async function stored(...labels: string[]): Promise<boolean | undefined> {
    const api = await testApi();
    return new ExpansionMemory(api.workspaceState).stateOf((await nodeAt(...labels)).id);
  }

  before(async () => {
    sim = await startSimulator();
    await setServers([
      { name: SERVER, baseUrl: sim.baseUrl, username: sim.user },
      { name: OTHER, baseUrl: sim.baseUrl, username: sim.user },
    ]);
    await setApiKey(SERVER, sim.key);
    await setApiKey(OTHER, sim.key);
  });

  after(async () => {
    await setServers([]);
    await sim?.close();
  });

  it('records the server, group and cluster the user expanded, and shows them expanded when built anew', async () => {
    const api = await testApi();
    assert.equal(await stateOf(SERVER), Collapsed, 'collapsed until expanded');
    const cluster = await nodeAt(SERVER, PRODUCTION, 'rs-orders');
    // Reveal with expand: VS Code expands the cluster and its parents, as clicks on their twisties would.
    await api.treeView.reveal(cluster, { expand: true });
    for (const labels of [[SERVER], [SERVER, PRODUCTION], [SERVER, PRODUCTION, 'rs-orders']]) {
      await waitFor(`${labels.join(' › ')} recorded as expanded`, async () =>
        (await stored(...labels)) === true ? true : undefined,
      );
    }
    // A full refresh builds every node anew, as activation after a reload does.
    await vscode.commands.executeCommand('opsManager.refresh');
    assert.equal(await stateOf(SERVER), Expanded);
    assert.equal(await stateOf(SERVER, PRODUCTION), Expanded);
    assert.equal(await stateOf(SERVER, PRODUCTION, 'rs-orders'), Expanded);
    assert.equal(await stateOf(OTHER), Collapsed, 'a server never expanded stays collapsed');
    assert.equal(await stateOf(SERVER, SAMPLE.groups.staging.name), Collapsed, 'so does a sibling group');
  });

  it('records a collapse: a collapsed node stays collapsed', async () => {
    const api = await testApi();
    await api.treeView.reveal(await nodeAt(SERVER, PRODUCTION, 'rs-orders'), { expand: true });
    await vscode.commands.executeCommand('workbench.actions.treeView.opsManager.clusters.collapseAll');
    await waitFor('the collapse recorded', async () => ((await stored(SERVER)) === false ? true : undefined));
    await vscode.commands.executeCommand('opsManager.refresh');
    assert.equal(await stateOf(SERVER), Collapsed);
  });

  it('forgets a server removed from the settings', async () => {
    const api = await testApi();
    await api.treeView.reveal(await nodeAt(OTHER, PRODUCTION), { expand: true });
    await waitFor('the other server recorded', async () => ((await stored(OTHER)) === true ? true : undefined));
    const id = (await nodeAt(OTHER)).id;
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await children(); // the view lists the roots again
    assert.equal(new ExpansionMemory(api.workspaceState).stateOf(id), undefined);
  });
});
