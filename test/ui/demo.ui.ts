// `npm run demo` for real (its compiled script, with --code-server): the URL it prints answers, the window it
// serves shows the tree with the simulator's jobs (so the server and the key were set up), the key is not in the
// settings, and Ctrl-C (SIGINT) ends it with nothing left running and its profile removed.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { DEFAULT_KEY, SAMPLE } from '../simulator/sampleData';
import { launchChromium } from '../vscode/chromium';
import { SCREENSHOT_DIR, waitUntil, WAIT } from './workbench';

const demoScript = path.resolve(__dirname, '../demo/demo.js');

/** Processes whose command line names this folder. */
function processesUsing(folder: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** "Stored the API key" lines in the extension's logs (one log folder per window load). */
function storedKeyLines(profile: string): number {
  const logs = path.join(profile, 'user-data', 'logs');
  return fs
    .readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('Ops Manager.log'))
    .map(
      (f) =>
        fs
          .readFileSync(path.join(logs, f), 'utf8')
          .split('\n')
          .filter((line) => line.includes('Stored the API key')).length,
    )
    .reduce((a, b) => a + b, 0);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('npm run demo', function () {
  let demo: ChildProcess | undefined;
  let output = '';
  let browser: BrowserContext | undefined;
  let browserDir: string | undefined;
  let profile = '';
  // If the runner is stopped mid-test, the demo must still clean up after itself: Ctrl-C it.
  const interruptDemo = (): void => {
    if (demo?.exitCode === null) demo.kill('SIGINT');
  };
  before(() => process.once('exit', interruptDemo));

  afterEach(async function () {
    const page = browser?.pages()[0];
    if (this.currentTest?.state !== 'failed') return;
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page?.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-FAILED.png') }).catch(() => undefined);
    // The extension's log, before the demo removes its profile.
    const logs = path.join(profile, 'user-data', 'logs');
    if (profile !== '' && fs.existsSync(logs)) {
      const files = fs
        .readdirSync(logs, { recursive: true, encoding: 'utf8' })
        .filter((f) => /(Ops Manager|remoteexthost)\.log$/.test(f));
      fs.writeFileSync(
        path.join(SCREENSHOT_DIR, 'demo-FAILED.log'),
        files.map((f) => `== ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8')}`).join('\n'),
      );
    }
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    if (demo?.exitCode === null && demo.pid !== undefined) {
      demo.kill('SIGINT');
      await new Promise((resolve) => demo?.once('exit', resolve));
    }
    process.removeListener('exit', interruptDemo);
    if (browserDir !== undefined) fs.rmSync(browserDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('starts the simulator and a configured VS Code, shows the jobs, and Ctrl-C leaves nothing behind', async function () {
    this.timeout(WAIT.start * 2 + 60_000);
    const child = spawn(process.execPath, [demoScript, '--code-server', '--archive-mb', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo = child;
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    let url = '';
    await waitUntil(
      async () => {
        url = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output)?.[1] ?? '';
        return url !== '' || child.exitCode !== null;
      },
      'the demo to print the URL to open',
      WAIT.start,
    ).catch(() => assert.fail(`no URL printed:\n${output}`));
    assert.ok(url, `the demo stopped early:\n${output}`);
    profile = /throwaway profile in (\S+)/.exec(output)?.[1] ?? '';
    const simPort = Number(/simulator listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    assert.ok(
      profile.startsWith(os.tmpdir()) && fs.existsSync(profile),
      `the demo names its profile folder:\n${output}`,
    );
    assert.ok(simPort > 0, 'the demo prints the simulator port');

    const health = await fetch(new URL('/healthz', url));
    assert.equal(health.status, 200, 'code-server answers /healthz');
    const settings = fs.readFileSync(path.join(profile, 'user-data', 'User', 'settings.json'), 'utf8');
    assert.match(settings, /"opsManager\.servers"/, 'the server is in the profile settings');
    assert.ok(!settings.includes(DEFAULT_KEY), 'the API key is not in the settings');

    browserDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsm-ui-demo-browser-'));
    browser = await launchChromium(browserDir, { ...process.env, HOME: browserDir, TMPDIR: browserDir });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(WAIT.ui);
    await page.goto(url, { timeout: WAIT.start });
    const sidebar = page.locator('#workbench\\.parts\\.sidebar');
    const expand = async (name: RegExp): Promise<void> => {
      const item = sidebar.getByRole('treeitem', { name }).first();
      await item.waitFor({ state: 'visible', timeout: WAIT.start });
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
    };
    // The companion extension stored the key through the extension's command and opened the view: the server row no
    // longer says "no API key".
    const serverRow = sidebar.getByRole('treeitem', { name: /^Demo \(simulator\) 127\.0\.0\.1:\d+(, has actions)?$/ });
    await serverRow.waitFor({ state: 'visible', timeout: WAIT.start });
    await waitUntil(async () => storedKeyLines(profile) === 1, 'the extension\'s log line "Stored the API key"').catch(
      () => assert.fail(`the Ops Manager extension did not log storing the key (${storedKeyLines(profile)} lines)`),
    );
    // Reload, as a user coming back: the key is still in this browser's secret storage, so the companion does not
    // store it again (and the tree is not refreshed under the test's clicks by that change).
    await page.reload({ timeout: WAIT.start });
    await serverRow.waitFor({ state: 'visible', timeout: WAIT.start });
    await expand(/^Demo \(simulator\) /);
    await expand(new RegExp(`^${SAMPLE.groups.production.name} `));
    await expand(new RegExp(`^${SAMPLE.clusters.orders.name} `));
    await sidebar
      .getByRole('treeitem', { name: /^Restore job created .*, Ready/ })
      .first()
      .waitFor({ state: 'visible', timeout: WAIT.ui });
    assert.equal(
      storedKeyLines(profile),
      1,
      'after the reload the key came from secret storage, not from the companion again',
    );
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-tree.png') });
    await browser.close();
    browser = undefined;

    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
    ]);
    assert.equal(code, 0, `the demo exits 0 after Ctrl-C:\n${output.slice(-2000)}`);
    assert.match(output, /Demo stopped/);
    assert.equal(fs.existsSync(profile), false, 'the profile folder is removed');
    assert.deepEqual(processesUsing(profile), [], 'no process of the demo is left');
    assert.equal(await portAnswers(simPort), false, 'the simulator no longer listens');
    assert.equal(await portAnswers(Number(new URL(url).port)), false, 'code-server no longer listens');
  });
});
