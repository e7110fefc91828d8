// One real VS Code for the UI tests: code-server with the packaged .vsix installed into a fresh profile, and
// Debian's Chromium (through playwright-core) as the window. Also the few ways a person uses the workbench
// (palette, input boxes, quick picks, the sidebar tree, the panel's webview, notifications), each waiting for
// what it needs to see instead of sleeping.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../vscode/chromium';
import {
  ensureCodeServer,
  quietSettings,
  runCodeServerCli,
  startCodeServer,
  writeUserSettings,
  type CodeServer,
} from '../vscode/codeServer';

/** Bounded waits: generous for a loaded 2-core machine, short enough that a hang fails the test. */
export const WAIT = {
  /** Workbench load, extension activation. */
  start: 90_000,
  /** A network round trip shown on screen (tree load, panel fetch, toast). */
  ui: 20_000,
  /** Something that only takes a moment (a quick pick opening, a validation message). */
  short: 10_000,
};

/** Wide enough for a job row's date and status, and a group's name and ID. */
const SIDEBAR_WIDTH = 470;

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-results/ui');

export interface WorkbenchOptions {
  /** Short name used for the temp folder and the screenshots, e.g. "dark". */
  name: string;
  vsix: string;
  /** User settings of the fresh profile (merged over the quiet defaults). */
  settings: Record<string, unknown>;
}

/** Settings that keep the window predictable for screenshots, on top of the frame's quiet defaults. */
const UI_SETTINGS: Record<string, unknown> = {
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'window.dialogStyle': 'custom',
};

/** Environment variables that would send the extension's loopback requests elsewhere, or reach another VS Code. */
const DROPPED_ENV = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'VSCODE_IPC_HOOK_CLI',
  'VSCODE_IPC_HOOK',
  'ELECTRON_RUN_AS_NODE',
  'VSCODE_PID',
  'VSCODE_CWD',
];

export class Workbench {
  private constructor(
    readonly name: string,
    readonly root: string,
    readonly userDataDir: string,
    readonly workspace: string,
    readonly server: CodeServer,
    readonly browser: BrowserContext,
    readonly page: Page,
  ) {}

  /** Fresh profile, the .vsix installed with `--install-extension`, code-server and Chromium started, workbench loaded. */
  static async start(options: WorkbenchOptions): Promise<Workbench> {
    ensureCodeServer();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `opsm-ui-${options.name}-`));
    const dir = (name: string): string => {
      const d = path.join(root, name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: dir('home'),
      TMPDIR: dir('tmp'),
      XDG_CONFIG_HOME: dir('home/.config'),
      XDG_CACHE_HOME: dir('home/.cache'),
      XDG_DATA_HOME: dir('home/.local/share'),
      // Dates in the tree are formatted by the extension host in its local time zone: make it known.
      TZ: 'UTC',
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    };
    for (const key of DROPPED_ENV) delete env[key];
    const userDataDir = dir('data');
    const extensionsDir = dir('extensions');
    const workspace = dir('workspace');
    writeUserSettings(userDataDir, { ...quietSettings, ...UI_SETTINGS, ...options.settings });
    let server: CodeServer | undefined;
    let browser: BrowserContext | undefined;
    try {
      runCodeServerCli(['--install-extension', options.vsix], { userDataDir, extensionsDir, env });
      server = await startCodeServer({ userDataDir, extensionsDir, env, startTimeoutMs: WAIT.start });
      browser = await launchChromium(dir('chromium'), env);
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(WAIT.ui);
      const wb = new Workbench(options.name, root, userDataDir, workspace, server, browser, page);
      await wb.open();
      return wb;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      throw error;
    }
  }

  get url(): string {
    return `${this.server.origin}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  /** Loads the workbench and waits for the extension's activity-bar entry (F1 before that may miss its commands). */
  async open(): Promise<void> {
    await this.page.goto(this.url, { timeout: WAIT.start });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: WAIT.start });
    await this.activityBarEntry().waitFor({ timeout: WAIT.start });
    await this.widenSidebar(SIDEBAR_WIDTH);
  }

  /** Drags the sash between the sidebar and the editor so tree rows show their descriptions (and read well in screenshots). */
  async widenSidebar(width: number): Promise<void> {
    const sidebar = await this.page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    if (!sidebar || sidebar.width >= width) return;
    const right = sidebar.x + sidebar.width;
    const sashes = this.page.locator('.monaco-sash.vertical');
    for (let i = 0; i < (await sashes.count()); i++) {
      const box = await sashes.nth(i).boundingBox();
      if (!box || Math.abs(box.x + box.width / 2 - right) > 6 || box.height < sidebar.height / 2) continue;
      const y = box.y + box.height / 2;
      await this.page.mouse.move(box.x + box.width / 2, y);
      await this.page.mouse.down();
      await this.page.mouse.move(sidebar.x + width, y, { steps: 5 });
      await this.page.mouse.up();
      return;
    }
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }

  // ---- screenshots ---------------------------------------------------------------------------------------------

  /** Saves the whole window under test-results/ui/. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${this.name}-${slug(name)}.png`);
    await this.page.screenshot({ path: file, timeout: WAIT.short });
    return file;
  }

  // ---- the command palette and the quick-input widget ------------------------------------------------------------

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /** The prompt or validation message under the input box. */
  get quickInputMessage(): Locator {
    return this.quickInput.locator('.quick-input-message');
  }

  quickPickRow(label: string | RegExp): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ hasText: label });
  }

  /** Runs a command from the palette by its full title, e.g. "Ops Manager: Fetch Restore Job by ID…". */
  async runCommand(title: string): Promise<void> {
    await this.dismissQuickInput();
    await this.openPalette();
    await this.quickInputBox.fill(`>${title}`);
    const row = this.quickInput
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first();
    await row.waitFor({ timeout: WAIT.short });
    await row.click();
  }

  /** F1, once more if the first press went to a webview that kept it (keyboard focus inside the panel's iframe). */
  private async openPalette(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.evaluate("document.activeElement?.tagName === 'IFRAME' && document.activeElement.blur()");
      await this.page.keyboard.press('F1');
      try {
        await this.quickInputBox.waitFor({ state: 'visible', timeout: attempt === 1 ? 3000 : WAIT.short });
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  }

  /** Waits for a quick input whose title contains `title`, then types `value` and presses Enter. */
  async answerInput(title: string | RegExp, value: string): Promise<void> {
    await this.waitForQuickInputTitle(title);
    await this.quickInputBox.fill(value);
    await this.quickInputBox.press('Enter');
  }

  async waitForQuickInputTitle(title: string | RegExp): Promise<void> {
    await this.quickInput
      .locator('.quick-input-title')
      .filter({ hasText: title })
      .waitFor({ state: 'visible', timeout: WAIT.ui });
    await this.quickInputBox.waitFor({ state: 'visible', timeout: WAIT.short });
  }

  /** Waits for a quick pick titled `title` to have loaded an item with `label`, and chooses it. */
  async pick(title: string | RegExp, label: string | RegExp): Promise<void> {
    await this.waitForQuickInputTitle(title);
    const row = this.quickPickRow(label).first();
    await row.waitFor({ state: 'visible', timeout: WAIT.ui });
    await row.click();
  }

  /** Closes whatever quick input is open (palette, pick, input box) with Escape. */
  async dismissQuickInput(): Promise<void> {
    for (let i = 0; i < 3 && (await this.quickInput.isVisible()); i++) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
    }
  }

  // ---- the sidebar ---------------------------------------------------------------------------------------------

  activityBarEntry(): Locator {
    return this.page
      .locator('.activitybar .action-item')
      .filter({ has: this.page.locator('[aria-label^="Ops Manager"]') })
      .first();
  }

  /** The Ops Manager view container in the sidebar. */
  get sidebar(): Locator {
    return this.page.locator('#workbench\\.parts\\.sidebar');
  }

  /** Opens the Ops Manager view (when it is not open already) and returns its tree. */
  async openView(): Promise<Locator> {
    const view = this.sidebar
      .locator('.pane')
      .filter({ has: this.page.locator('.pane-header', { hasText: /Restore Jobs/i }) });
    if (!(await view.isVisible())) {
      await this.activityBarEntry().click();
    }
    await view.waitFor({ state: 'visible', timeout: WAIT.ui });
    return view;
  }

  treeItem(name: string | RegExp): Locator {
    return this.sidebar.getByRole('treeitem', { name });
  }

  /** Expands a collapsed tree item (clicking it) and waits until it says it is expanded. */
  /** Expands the first tree row with this name (the last, when several clusters show the same group name). */
  async expand(name: string | RegExp, which: 'first' | 'last' = 'first'): Promise<Locator> {
    const rows = this.treeItem(name);
    const item = which === 'first' ? rows.first() : rows.last();
    await item.waitFor({ state: 'visible', timeout: WAIT.ui });
    if ((await item.getAttribute('aria-expanded')) !== 'true') {
      await item.locator('.monaco-tl-twistie').click();
    }
    await waitForAttribute(item, 'aria-expanded', 'true');
    return item;
  }

  // ---- the restore-job panel (webview) ------------------------------------------------------------------------

  /** The content of the visible webview (the panel of the active editor). */
  get panel(): FrameLocator {
    return this.page
      .locator('iframe.webview.ready:visible')
      .last()
      .contentFrame()
      .locator('iframe#active-frame')
      .contentFrame();
  }

  /** The editor tab of a panel, by its title (e.g. "rs-orders · 26 Nov, 18:33:05"). */
  editorTab(title: string | RegExp): Locator {
    return this.page.locator('.tabs-container .tab').filter({ hasText: title });
  }

  // ---- notifications -------------------------------------------------------------------------------------------

  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text });
  }

  /** Back to an empty window between tests: no quick input, no editors, no notifications. */
  async reset(): Promise<void> {
    await this.dismissQuickInput();
    // A modal dialog (an error from a command, a confirmation) would block everything else.
    const dialog = this.page.locator('.monaco-dialog-box');
    if (await dialog.isVisible()) {
      await this.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => undefined);
    }
    await this.runCommand('View: Close All Editors');
    await this.page
      .locator('.tabs-container .tab')
      .first()
      .waitFor({ state: 'detached', timeout: WAIT.short })
      .catch(() => undefined);
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page
      .locator('.notifications-toasts .notification-list-item')
      .first()
      .waitFor({ state: 'detached', timeout: WAIT.short })
      .catch(() => undefined);
  }
}

/** A RegExp matching exactly this text. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Polls an attribute until it has the value (Playwright's expect is not part of playwright-core). */
export async function waitForAttribute(
  locator: Locator,
  name: string,
  value: string,
  timeoutMs = WAIT.ui,
): Promise<void> {
  await waitUntil(
    async () => (await locator.getAttribute(name, { timeout: timeoutMs })) === value,
    `${name}="${value}" on ${String(locator)}`,
    timeoutMs,
  );
}

/** Polls `check` (every 100–500 ms) until it is true; fails with `what` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = WAIT.ui): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pause = 100;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 500);
  }
}
