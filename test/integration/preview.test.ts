// Preview panels inside a real VS Code, through the tree's own click command: a single click shows the job in the
// preview panel and the next single click reuses it; a double click (a second click on the same row at once),
// "Keep Open" or a download pins it; a job already open is revealed, never duplicated; the palette opens pinned
// panels; `workbench.editor.enablePreview: false` pins everything; the serializer brings the preview back; a row's
// copy of the job is fetched again when it is old.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RestoreJobPanels } from '../../src/jobPanel/index';
import type { JobRef } from '../../src/core/services';
import type { TreeNode } from '../../src/explorer/nodes/common';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { children, item, nodeAt, setApiKey, setServers, testPanels, waitFor } from './uiSupport';

const J = SAMPLE.jobs;
const SERVER = 'Preview Sim';
const VIEW_TYPE = 'opsManager.restoreJob';
/** Longer than the double-click interval (src/explorer/repeatActivation.ts): the next click is a new one. */
const PAUSE_MS = 600;

const PANEL_METHODS = ['getState', 'restore', 'postDownloadState', 'keepOpen', 'previewRef', 'refresh'] as const;
type Panels = Pick<RestoreJobPanels, (typeof PANEL_METHODS)[number]>;

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

function pause(ms = PAUSE_MS): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function refOf(job: { id: string; groupId: string; clusterId: string }): JobRef {
  return { server: SERVER, groupId: job.groupId, clusterId: job.clusterId, jobId: job.id };
}

describe('Preview panels', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let panels: Panels;
  let rows: Map<string, TreeNode>;

  /** What VS Code does when the job's row is clicked: runs the row's command with the row's arguments. */
  async function click(jobId: string): Promise<void> {
    const row = rows.get(jobId);
    assert.ok(row, `a row for ${jobId}`);
    const command = item(row).command;
    assert.ok(command, 'a job row has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  }

  async function tabCount(count: number): Promise<void> {
    await waitFor(`${count} panel tab(s), not ${panelTabs().length}`, () =>
      panelTabs().length === count ? true : undefined,
    );
  }

  function title(job: { id: string; groupId: string; clusterId: string }): string {
    return panels.getState(refOf(job))?.title ?? '';
  }

  before(async () => {
    sim = await startSimulator();
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey(SERVER, sim.key);
    panels = await testPanels(...PANEL_METHODS);
    const jobs = await children(await nodeAt(SERVER, SAMPLE.groups.production.name, 'rs-orders', 'Restore Jobs'));
    rows = new Map(jobs.map((node) => [(item(node).id ?? '').replace(/^.*\/job:/, ''), node]));
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await tabCount(0);
    // Each test starts with no click just before it.
    await pause();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('workbench.editor')
      .update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    await setServers([]);
    await sim?.close();
  });

  it('a single click shows the job in a preview panel, and the next single click reuses it', async () => {
    await click(J.ready.id);
    await tabCount(1);
    assert.equal(panels.getState(refOf(J.ready))?.preview, true);
    assert.ok(title(J.ready).endsWith(' (Preview)'), `the tab says it is the preview: ${title(J.ready)}`);
    // The cluster's name replaces its ID once the background lookup has answered.
    await waitFor(`the cluster's name in the title, not "${title(J.ready)}"`, () =>
      /^rs-orders · .* \(Preview\)$/.test(title(J.ready)) ? true : undefined,
    );
    assert.match(panels.getState(refOf(J.ready))?.html ?? '', /data-action="keepOpen"/, 'with Keep Open inside');

    await pause();
    await click(J.expired.id);
    await tabCount(1);
    assert.equal(panels.getState(refOf(J.ready)), undefined, 'the first job is no longer shown');
    const state = await waitFor('the second job in the preview', () => {
      const s = panels.getState(refOf(J.expired));
      return s?.job?.id === J.expired.id ? s : undefined;
    });
    assert.equal(state.preview, true);
    assert.deepEqual(panels.previewRef(), refOf(J.expired));
    assert.ok(panelTabs()[0].label.endsWith('(Preview)'), panelTabs()[0].label);
  });

  it('a double click pins the panel: the next single click opens a new preview beside it', async () => {
    await click(J.ready.id);
    await click(J.ready.id); // the double click's second activation, at once
    await tabCount(1);
    const pinned = panels.getState(refOf(J.ready));
    assert.equal(pinned?.preview, false, 'pinned');
    assert.doesNotMatch(pinned?.title ?? '', /Preview/);
    assert.equal(panels.previewRef(), undefined);

    await pause();
    await click(J.expired.id);
    await tabCount(2);
    assert.equal(panels.getState(refOf(J.ready))?.preview, false, 'the pinned panel is not replaced');
    assert.equal(panels.getState(refOf(J.expired))?.preview, true);
  });

  it('a job already open is revealed, not opened twice, pinned or preview', async () => {
    await click(J.ready.id);
    await click(J.ready.id);
    await pause();
    await click(J.expired.id);
    await tabCount(2);
    await pause();
    await click(J.ready.id); // pinned: revealed
    await pause();
    await click(J.expired.id); // the preview: revealed, still the preview
    await tabCount(2);
    assert.equal(panels.getState(refOf(J.ready))?.preview, false);
    assert.equal(panels.getState(refOf(J.expired))?.preview, true);
    await waitFor('the preview tab to be active', () =>
      panelTabs()
        .find((tab) => tab.isActive)
        ?.label.endsWith('(Preview)')
        ? true
        : undefined,
    );
  });

  it('the palette opens pinned panels, and pins the preview when it shows that job', async () => {
    await click(J.ready.id);
    await tabCount(1);
    await vscode.commands.executeCommand('opsManager.fetchRestoreJob', { ...refOf(J.expired) });
    await tabCount(2);
    assert.equal(panels.getState(refOf(J.expired))?.preview, false, 'the palette opens a pinned panel');
    assert.equal(panels.getState(refOf(J.ready))?.preview, true, 'and leaves the preview alone');
    await vscode.commands.executeCommand('opsManager.fetchRestoreJob', { ...refOf(J.ready) });
    await tabCount(2);
    assert.equal(panels.getState(refOf(J.ready))?.preview, false, 'fetched by ID: kept open');
  });

  it('Keep Open and a download pin the preview', async () => {
    await click(J.ready.id);
    await tabCount(1);
    assert.equal(panels.keepOpen(refOf(J.ready)), true);
    assert.equal(panels.getState(refOf(J.ready))?.preview, false);
    assert.ok(panels.getState(refOf(J.ready))?.announcements.includes('This panel is kept open.'));
    assert.equal(panels.keepOpen(refOf(J.ready)), false, 'already kept open');

    await pause();
    await click(J.expired.id);
    await tabCount(2);
    panels.postDownloadState(refOf(J.expired), { state: 'running' }, () => undefined);
    assert.equal(panels.getState(refOf(J.expired))?.preview, false, 'a download in the panel pins it');
    panels.postDownloadState(refOf(J.expired), { state: 'cancelled', message: 'Cancelled.' });
    await pause();
    await click(J.notStarted.id);
    await tabCount(3);
  });

  it('with workbench.editor.enablePreview off, every click opens a pinned panel; turning it off pins the preview', async () => {
    await click(J.ready.id);
    await tabCount(1);
    const config = vscode.workspace.getConfiguration('workbench.editor');
    await config.update('enablePreview', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the preview to be pinned', () =>
        panels.getState(refOf(J.ready))?.preview === false ? true : undefined,
      );
      await pause();
      await click(J.expired.id);
      await tabCount(2);
      assert.equal(panels.getState(refOf(J.expired))?.preview, false);
      await pause();
      await click(J.notStarted.id);
      await tabCount(3);
    } finally {
      await config.update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a preview panel restored after a reload is the preview again', async () => {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await panels.restore(panel, { ref: refOf(J.ready), preview: true });
    assert.equal(panels.getState(refOf(J.ready))?.preview, true);
    await waitFor('the restored title', () => (panel.title.endsWith('(Preview)') ? true : undefined));
    await pause();
    await click(J.expired.id);
    await tabCount(1);
    assert.equal(panels.getState(refOf(J.ready)), undefined, 'the restored preview was reused');
    assert.equal(panels.getState(refOf(J.expired))?.preview, true);
  });

  it("a row's copy of the job is shown at once; an old one is fetched again, a fresh one costs no request", async () => {
    const row = rows.get(J.readyV2.id);
    assert.ok(row, 'a row for the job');
    const command = item(row).command;
    assert.ok(command?.arguments, 'the row has a command with arguments');
    const [ref, copy, how, listedAt] = command.arguments as unknown[];
    assert.equal(typeof listedAt, 'number', 'the row tells when its copy was listed');
    const served = sim.job(J.readyV2.id);
    assert.ok(served, 'the simulator has the job');
    const asked = (): number =>
      sim.log.filter((r) => r.port === 'api' && r.url.includes(`/restoreJobs/${J.readyV2.id}`)).length;
    const shown = (): string | undefined => panels.getState(refOf(J.readyV2))?.job?.delivery?.statusName;
    // The link expires on the server after the tree listed it.
    served.delivery.statusName = 'EXPIRED';
    try {
      const before = asked();
      await vscode.commands.executeCommand(command.command, ref, copy, how, Date.now());
      await tabCount(1);
      await pause(1000);
      assert.equal(shown(), 'READY', 'a copy listed just now is shown as it is');
      assert.equal(asked(), before, 'and costs no request');

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await tabCount(0);
      await pause();
      await vscode.commands.executeCommand(command.command, ref, copy, how, Date.now() - 60_000);
      await waitFor('the panel shows the job as the server has it now', () =>
        shown() === 'EXPIRED' ? true : undefined,
      );
      assert.ok(asked() > before, 'a copy listed a minute ago was fetched again');

      // The panel now holds a newer copy than the row: clicking the row again does not take it back, and (the
      // panel's own copy being fresh) asks nothing. show() runs within the command, so this is checked at once.
      await pause();
      const updates = panels.getState(refOf(J.readyV2))?.updates;
      const askedBefore = asked();
      await vscode.commands.executeCommand(command.command, ref, copy, how, Date.now() - 60_000);
      assert.equal(shown(), 'EXPIRED', 'an older copy does not replace a newer one');
      assert.equal(panels.getState(refOf(J.readyV2))?.updates, updates, 'nothing new was shown');
      await pause(500);
      assert.equal(asked(), askedBefore, 'and nothing was asked');
    } finally {
      served.delivery.statusName = 'READY';
    }
  });

  it("a row's copy listed before the panel's last fetch failed does not hide that error", async () => {
    const row = rows.get(J.readyV2.id);
    const command = row === undefined ? undefined : item(row).command;
    assert.ok(command?.arguments, 'the row has a command with arguments');
    const [ref, copy, how] = command.arguments as unknown[];
    await vscode.commands.executeCommand(command.command, ref, copy, how, Date.now());
    await tabCount(1);
    const listedAt = Date.now();
    const fault = sim.faults.add({ port: 'api', route: `/restoreJobs/${J.readyV2.id}`, status: 500 });
    try {
      await panels.refresh(refOf(J.readyV2));
      await waitFor('the failed fetch shows its error', () =>
        panels.getState(refOf(J.readyV2))?.error !== undefined ? true : undefined,
      );
      await pause();
      await vscode.commands.executeCommand(command.command, ref, copy, how, listedAt);
      assert.ok(panels.getState(refOf(J.readyV2))?.error !== undefined, 'the error banner stays');
    } finally {
      fault.remove();
    }
  });
});
