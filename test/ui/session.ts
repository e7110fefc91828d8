// A UI-test session: the simulator (in this process) as Ops Manager, and one real VS Code (Workbench) with the
// packaged extension in a fresh profile, shared by the tests of one mocha suite. The suite helper takes a
// screenshot after every test (marked FAILED on failure) and keeps the extension's log next to failed ones.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../simulator/server';
import { SCREENSHOT_DIR, slug, Workbench, WAIT } from './workbench';

export type Theme = 'dark' | 'light';

export const THEMES: Record<Theme, { setting: string; bodyClass: string }> = {
  dark: { setting: 'Default Dark Modern', bodyClass: 'vs-dark' },
  light: { setting: 'Default Light Modern', bodyClass: 'vs' },
};

export interface SessionOptions {
  /** Used in screenshot names: "dark", "light-fresh", … */
  name: string;
  theme: Theme;
  /** The server entry written into the profile's settings (its API key is never written anywhere). */
  serverInSettings?: string;
  /** Save the README screenshots from this session when UPDATE_SCREENSHOTS=1. */
  readmeShots?: boolean;
}

export interface UiSession {
  options: SessionOptions;
  wb: Workbench;
  sim: Simulator;
  /** opsManager.downloadDirectory */
  downloadDir: string;
  /** The name the server has in the tree (set by the test that adds it when it is not in the settings). */
  serverName: string;
  /** Whether the server is configured with the right API key (see ensureConnected in navigate.ts). */
  connected: boolean;
}

export const VSIX = path.resolve(__dirname, '../../../ops-manager-restore-jobs.vsix');
export const README_IMAGES = path.resolve(__dirname, '../../../docs/images');

/** Sessions not stopped yet, so a signal or the run's time limit can still stop them. */
const active = new Set<UiSession>();

export async function startSession(options: SessionOptions): Promise<UiSession> {
  // IN_PROGRESS jobs stay so unless a test says otherwise: browsing the tree must not start their clock.
  const sim = await startSimulator({ progressAfterMs: 3_600_000 });
  const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), `opsm-ui-downloads-${options.name}-`));
  const settings: Record<string, unknown> = {
    'workbench.colorTheme': THEMES[options.theme].setting,
    'opsManager.downloadDirectory': downloadDir,
    'opsManager.watchIntervalSeconds': 2,
    'opsManager.requestTimeoutSeconds': 15,
  };
  if (options.serverInSettings !== undefined) {
    settings['opsManager.servers'] = [{ name: options.serverInSettings, baseUrl: sim.baseUrl, username: sim.user }];
  }
  try {
    const wb = await Workbench.start({ name: options.name, vsix: VSIX, settings });
    const session: UiSession = {
      options,
      wb,
      sim,
      downloadDir,
      serverName: options.serverInSettings ?? '',
      connected: false,
    };
    active.add(session);
    return session;
  } catch (error) {
    await sim.close();
    fs.rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  }
}

export async function stopSession(session: UiSession): Promise<void> {
  active.delete(session);
  await session.wb.stop();
  await session.sim.close();
  fs.rmSync(session.downloadDir, { recursive: true, force: true, maxRetries: 3 });
}

export async function stopAllSessions(): Promise<void> {
  await Promise.all([...active].map((session) => stopSession(session).catch(() => undefined)));
}

/**
 * With UPDATE_SCREENSHOTS=1, saves the window as docs/images/<name>.png (from the session that makes them);
 * `sidebarOnly` keeps the activity bar and the sidebar down to `height` pixels.
 */
export async function readmeShot(
  session: UiSession,
  name: 'tree' | 'panel' | 'download' | 'batch' | 'restore',
  sidebarOnly?: { height: number },
): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1' || session.options.readmeShots !== true) return;
  fs.mkdirSync(README_IMAGES, { recursive: true });
  // No hover highlight or inline actions on the row that was just clicked: rest the pointer on the status bar.
  await session.wb.page.mouse.move(700, 890);
  const box = sidebarOnly ? await session.wb.sidebar.boundingBox() : null;
  const clip = box
    ? { x: 0, y: 0, width: Math.ceil(box.x + box.width + 4), height: sidebarOnly?.height ?? box.height }
    : undefined;
  await session.wb.page.screenshot({ path: path.join(README_IMAGES, `${name}.png`), timeout: WAIT.short, clip });
}

/** The extension's log ("Ops Manager" output channel) and the extension host's own log, for a failed test. */
export function extensionLog(wb: Workbench): string | undefined {
  const logs = path.join(wb.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const files = fs
    .readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(Ops Manager|remoteexthost)\.log$/.test(name));
  return files.length === 0
    ? undefined
    : files.map((f) => `== ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8')}`).join('\n');
}

/**
 * A mocha suite around one session: started before its tests, stopped after them; a screenshot after every test,
 * and on failure the extension's log beside it.
 */
export function uiSuite(title: string, options: SessionOptions, defineTests: (session: () => UiSession) => void): void {
  describe(title, function () {
    let session: UiSession | undefined;
    let startError: unknown;

    before(async function () {
      this.timeout(WAIT.start * 2);
      const started = Date.now();
      try {
        session = await startSession(options);
      } catch (error) {
        startError = error;
        throw error;
      }
      console.log(
        `      (VS Code ${options.name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${session.wb.server.origin})`,
      );
    });

    after(async function () {
      this.timeout(60_000);
      if (session) await stopSession(session);
    });

    afterEach(async function () {
      const test = this.currentTest;
      if (!session || !test) return;
      const failed = test.state === 'failed';
      const name = `${test.title}${failed ? ' FAILED' : ''}`;
      await session.wb
        .screenshot(name)
        .catch((error: unknown) => console.log(`      (no screenshot: ${String(error)})`));
      if (failed) {
        const log = extensionLog(session.wb);
        if (log !== undefined) {
          fs.writeFileSync(path.join(SCREENSHOT_DIR, `${session.wb.name}-${slug(name)}.log`), log);
        }
      }
    });

    defineTests(() => {
      if (!session) throw new Error(`VS Code did not start: ${String(startError)}`);
      return session;
    });
  });
}
