// The restore-job panel inside a real VS Code, against the simulator: opened by the palette command with
// arguments, one panel per job, every field in its HTML (hostile values as text), the Download button's reasons,
// the watch turning an IN_PROGRESS job into READY, download progress, and the serializer's restore path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RestoreJobPanels } from '../../src/jobPanel/index';
import type { JobRef } from '../../src/core/services';
import { startSimulator, type Simulator } from '../simulator/server';
import { SAMPLE } from '../simulator/sampleData';
import { setApiKey, setServers, testPanels, waitFor } from './uiSupport';

const J = SAMPLE.jobs;
const SERVER = 'Panel Sim';
const VIEW_TYPE = 'opsManager.restoreJob';
const WATCH_SECONDS = 2;

const PANEL_METHODS = [
  'getState',
  'refresh',
  'restore',
  'postDownloadProgress',
  'postDownloadState',
  'openRefs',
] as const;
type Panels = Pick<RestoreJobPanels, (typeof PANEL_METHODS)[number]>;

function refOf(job: { id: string; groupId: string; clusterId: string }): JobRef {
  return { server: SERVER, groupId: job.groupId, clusterId: job.clusterId, jobId: job.id };
}

async function fetchInPanel(ref: JobRef): Promise<void> {
  await vscode.commands.executeCommand('opsManager.fetchRestoreJob', { ...ref });
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

/** The panel's rendered job (header + fields) as last sent to the webview. */
function jobHtml(panels: Panels, ref: JobRef): string {
  const state = panels.getState(ref);
  assert.ok(state?.lastJobMessage, `a job was rendered into the panel of ${ref.jobId}`);
  return state.lastJobMessage.headerHtml + state.lastJobMessage.bodyHtml;
}

function downloadButtonTag(html: string): string {
  const tag = /<button[^>]*data-action="download"[^>]*>/.exec(html)?.[0];
  assert.ok(tag, 'the Download button is rendered');
  return tag;
}

describe('Restore job panel', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let panels: Panels;

  before(async () => {
    sim = await startSimulator({ hostile: true, progressAfterMs: 2500 });
    await vscode.workspace
      .getConfiguration('opsManager')
      .update('watchIntervalSeconds', WATCH_SECONDS, vscode.ConfigurationTarget.Global);
    await setServers([{ name: SERVER, baseUrl: sim.baseUrl, username: sim.user }]);
    await setApiKey(SERVER, sim.key);
    panels = await testPanels(...PANEL_METHODS);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('opsManager')
      .update('watchIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await setServers([]);
    await sim?.close();
  });

  it('opens from the fetch command with every field of the job', async () => {
    const ref = refOf(J.ready);
    await fetchInPanel(ref);
    const state = panels.getState(ref);
    assert.ok(state, 'a panel is open for the job');
    assert.equal(state.job?.id, J.ready.id);
    await waitFor('the panel tab', () => (panelTabs().length > 0 ? true : undefined));
    assert.equal(panelTabs().length, 1);
    const html = jobHtml(panels, ref);
    for (const field of [
      'statusName',
      'created',
      'snapshotId',
      'pointInTime',
      'encryptionEnabled',
      'masterKeyUUID',
      'id',
      'groupId',
      'clusterId',
      'hostId',
      'batchId',
      'delivery.methodName',
      'delivery.statusName',
      'delivery.url',
      'delivery.expires',
      'delivery.expirationHours',
      'delivery.maxDownloads',
      'timestamp.date',
      'timestamp.increment',
    ]) {
      assert.ok(html.includes(`data-field="${field}"`), `field ${field} is shown`);
    }
    assert.ok(html.includes(J.ready.id) && html.includes(J.ready.groupId) && html.includes(J.ready.clusterId));
    assert.match(html, /Only present for a restore of a mirrored config server \(SCCC\)\./);
    assert.doesNotMatch(downloadButtonTag(html), /disabled/);
    // The document itself: strict CSP, the nonce'd bundle, theme stylesheet and codicons from the extension.
    assert.match(state.html, /default-src 'none'|default-src &#39;none&#39;/);
    assert.doesNotMatch(state.html, /unsafe-inline/);
    assert.match(state.html, /<script nonce="[^"]+" src="[^"]*dist\/webview\.js"><\/script>/);
    assert.match(state.html, /codicon\.css/);
    // The webview's script loads under that CSP and starts the handshake.
    await waitFor(
      'the webview script to say ready',
      () => ((panels.getState(ref)?.readyCount ?? 0) > 0 ? true : undefined),
      20_000,
    );
    // The title gets the cluster's name once it is looked up.
    await waitFor('the cluster name in the title', () =>
      panels.getState(ref)?.title.includes('rs-orders') ? true : undefined,
    );
    const title = panels.getState(ref)?.title ?? '';
    assert.match(title, /^rs-orders · .*\d\d:\d\d:\d\d/, 'cluster and created time');
    assert.ok(!title.includes(J.ready.id.slice(0, 8)), title);
    // The header names the group and the cluster once Ops Manager has told them (the palette knew only IDs),
    // with the IDs on hover.
    const context = await waitFor('the group and cluster names in the header', () => {
      const header = panels.getState(ref)?.lastJobMessage?.headerHtml ?? '';
      const line = /<p class="context">([\s\S]*?)<\/p>/.exec(header)?.[1] ?? '';
      return line.includes('Group Production') && line.includes('Cluster rs-orders') ? line : undefined;
    });
    assert.ok(context.includes(`title="Group ID ${J.ready.groupId}"`), context);
    assert.ok(context.includes(`title="Cluster ID ${J.ready.clusterId}"`), context);
  });

  it('focuses the open panel on a second open instead of opening another', async () => {
    const ref = refOf(J.ready);
    const before = panels.getState(ref)?.updates ?? 0;
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    assert.equal(
      panelTabs().some((tab) => tab.isActive),
      false,
    );
    await fetchInPanel(ref);
    const tabs = panelTabs();
    assert.equal(tabs.length, 1, 'still one panel for the job');
    await waitFor('the panel tab to be active', () => (panelTabs()[0]?.isActive ? true : undefined));
    assert.ok((panels.getState(ref)?.updates ?? 0) > before, 'the second open updated the job');
    assert.ok(panels.openRefs().some((open) => open.jobId === J.ready.id));
  });

  it('shows hostile values from the server only as text', async () => {
    const ref = refOf(J.hostile);
    await fetchInPanel(ref);
    const html = jobHtml(panels, ref);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the snapshot ID is shown, escaped');
    assert.ok(!html.includes('<script'), 'no script element from the server');
    assert.ok(!/<(img|svg)\b/i.test(html), 'no markup from unknown field names or values');
    assert.ok(html.includes('&lt;img src=x onerror=alert(2)&gt;'), 'the unknown field is listed, escaped');
    assert.ok(!/href="javascript:/i.test(html), 'a javascript: URL is never a link');
    assert.match(downloadButtonTag(html), /disabled/);
    assert.match(html, /javascript: scheme/);
    const documentHtml = panels.getState(ref)?.html ?? '';
    assert.equal((documentHtml.match(/<script\b/g) ?? []).length, 1, 'only the extension’s own script in the document');
  });

  const blocked: Array<[string, { id: string; groupId: string; clusterId: string }, RegExp]> = [
    ['EXPIRED', J.expired, /The download link has expired\. Start a new restore job/],
    ['MAX_DOWNLOADS_EXCEEDED', J.maxDownloadsExceeded, /maximum number of times/],
    ['the delivery is being prepared', J.notStarted, /available when the archive is ready/],
    ['a method other than HTTP', J.query, /delivered by QUERY/],
  ];
  for (const [name, job, reason] of blocked) {
    it(`disables Download and says why: ${name}`, async () => {
      const ref = refOf(job);
      await fetchInPanel(ref);
      const html = jobHtml(panels, ref);
      assert.match(downloadButtonTag(html), /disabled/);
      const note = /<p id="download-note"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
      assert.match(note, reason);
      assert.equal(panels.getState(ref)?.lastJobMessage?.job.downloadable, false);
    });
  }

  it('warns before using up a one-use link', async () => {
    const ref = refOf(J.readyLastUse);
    await fetchInPanel(ref);
    const html = jobHtml(panels, ref);
    assert.doesNotMatch(downloadButtonTag(html), /disabled/);
    assert.match(html, /can be used only once/);
  });

  it('watches a job in progress and shows it READY when it is', async () => {
    const ref = refOf(J.inProgress);
    const jobPath = `/restoreJobs/${J.inProgress.id}`;
    sim.clearLog();
    await fetchInPanel(ref);
    const first = panels.getState(ref);
    assert.equal(first?.job?.statusName, 'IN_PROGRESS');
    assert.equal(first?.watching, true, 'the job is watched while in progress');
    assert.match(first?.lastJobMessage?.headerHtml ?? '', new RegExp(`Checking every ${WATCH_SECONDS} s`));
    const ready = await waitFor(
      'the watch to see the job READY',
      () => {
        const state = panels.getState(ref);
        return state?.job?.delivery?.statusName === 'READY' ? state : undefined;
      },
      20_000,
    );
    assert.equal(ready.job?.statusName, 'FINISHED');
    assert.equal(ready.lastJobMessage?.job.downloadable, true);
    assert.doesNotMatch(downloadButtonTag(jobHtml(panels, ref)), /disabled/);
    assert.equal(ready.watching, false, 'the watch stops once the job is done');
    const polls = sim.log.filter((entry) => entry.port === 'api' && entry.url.includes(jobPath));
    const answered = polls.filter((entry) => entry.status === 200).length;
    assert.ok(answered >= 2, `fetched, then polled (${answered} answers)`);
    // Nonce reuse: after the first challenge, each poll is a single request.
    assert.ok(
      polls.filter((entry) => entry.status === 401).length <= 1,
      `at most one digest challenge: ${JSON.stringify(polls.map((p) => p.status))}`,
    );
    // No further polls once READY.
    const count = polls.length;
    await new Promise((resolve) => setTimeout(resolve, WATCH_SECONDS * 1000 + 500));
    assert.equal(sim.log.filter((entry) => entry.port === 'api' && entry.url.includes(jobPath)).length, count);
  });

  it('refreshes on request', async () => {
    const ref = refOf(J.ready);
    await fetchInPanel(ref);
    const before = panels.getState(ref)?.updates ?? 0;
    sim.clearLog();
    await panels.refresh(ref);
    assert.ok((panels.getState(ref)?.updates ?? 0) > before, 'refresh sent the job again');
    assert.ok(
      sim.log.some((e) => e.port === 'api' && e.status === 200 && e.url.includes(`/restoreJobs/${J.ready.id}`)),
      'after reading it from Ops Manager again',
    );
  });

  // Progress posted straight to the panel, as the download command posts it; a real download through the panel is
  // in download.test.ts and the UI tests.
  it('renders download progress and outcome posted to it, with Download disabled meanwhile', async () => {
    const ref = refOf(J.ready);
    await fetchInPanel(ref);
    panels.postDownloadProgress(ref, { received: 1024, total: 4096, percent: 25, bytesPerSecond: 2048, etaSeconds: 2 });
    let state = panels.getState(ref);
    assert.equal(state?.downloadState?.state, 'running');
    assert.equal(state?.downloadProgress?.received, 1024);
    assert.match(downloadButtonTag(jobHtml(panels, ref)), /disabled/, 'one download per job at a time');
    assert.match(jobHtml(panels, ref), /download of this archive is running/);
    panels.postDownloadState(ref, { state: 'verified', message: 'Saved and verified.' });
    state = panels.getState(ref);
    assert.deepEqual(state?.downloadState, { state: 'verified', message: 'Saved and verified.' });
    assert.doesNotMatch(downloadButtonTag(jobHtml(panels, ref)), /disabled/);
  });

  it("says a download's start, each quarter and its end to screen readers, once each", async () => {
    const ref = refOf(J.ready);
    await fetchInPanel(ref);
    const before = panels.getState(ref)?.announcements.length ?? 0;
    panels.postDownloadState(ref, { state: 'running', message: '/downloads/x.tar.gz' }, () => undefined);
    for (const percent of [0, 5, 20, 26, 30, 49, 51, 80, 99, 100, 100]) {
      panels.postDownloadProgress(ref, { received: percent, total: 100, percent, bytesPerSecond: 10 });
    }
    panels.postDownloadState(ref, { state: 'verified', message: 'Saved and verified.' });
    // Sent again (as after a webview reload): shown, not said again.
    panels.postDownloadState(ref, { state: 'verified', message: 'Saved and verified.' });
    assert.deepEqual(panels.getState(ref)?.announcements.slice(before), [
      'Download started: saving to /downloads/x.tar.gz.',
      'Download 25% done.',
      'Download 50% done.',
      'Download 75% done.',
      'Saved and verified.',
    ]);
  });

  it('restores a panel from the identity its webview saved', async () => {
    const ref = refOf(J.encrypted);
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await panels.restore(panel, { ref });
    await waitFor('the restored title', () => (/^rs-orders · .*\d\d:\d\d:\d\d/.test(panel.title) ? true : undefined));
    const state = panels.getState(ref);
    assert.equal(state?.job?.id, J.encrypted.id);
    assert.equal(state?.job?.encryptionEnabled, true);
    assert.match(jobHtml(panels, ref), /data-field="masterKeyUUID"/);

    const stray = vscode.window.createWebviewPanel(VIEW_TYPE, 'stray', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await waitFor('the stray panel to open', () =>
      panelTabs().some((tab) => tab.label === 'stray') ? true : undefined,
    );
    let disposed = false;
    stray.onDidDispose(() => (disposed = true));
    await panels.restore(stray, { something: 'else' });
    assert.equal(disposed, true, 'a panel whose state names no job is closed');
  });

  it('explains a job that cannot be fetched', async () => {
    const ref: JobRef = { ...refOf(J.ready), jobId: 'ffffffffffffffffffffffff' };
    await vscode.commands.executeCommand('opsManager.openRestoreJob', { ...ref });
    const state = await waitFor('the fetch error', () => panels.getState(ref)?.error);
    assert.ok(state.length > 0);
    assert.match(panels.getState(ref)?.html ?? '', /could not be loaded/);
  });
});
