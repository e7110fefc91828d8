// `npm run demo`: the extension against the Ops Manager simulator in a real VS Code, configured and ready.
// 1. starts the simulator with its sample data on loopback and prints where it listens;
// 2. makes a throwaway profile: the server in its settings, downloads into a folder of its own;
// 3. opens VS Code with the extension loaded: desktop `code` (on PATH) with --extensionDevelopmentPath, else
//    code-server (installed into .cache/ by scripts/setup-vscode.sh when missing), printing the URL to open;
// 4. a demo-only companion extension (seed-extension/) puts the API key into secret storage through the
//    extension's own "Set API Key" command: the key is never written into settings.
// Ctrl-C (or SIGTERM) stops the simulator, VS Code and everything they started, and removes the profile.
//
// Options: --port N (simulator API port; default: a free one), --archive-mb M (archive size, default 64),
//          --code-server (use code-server even when `code` is on PATH),
//          --smoke (CI: code-server, then open the URL in headless Chromium, wait until the workbench answers and
//          the extension is active with its key stored, stop, and check that nothing is left running; exit 0/1).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE } from '../simulator/sampleData';
import { launchChromium } from '../vscode/chromium';
import { startSimulator, type Simulator } from '../simulator/server';
import {
  ensureCodeServer,
  quietSettings,
  startCodeServer,
  writeUserSettings,
  type CodeServer,
} from '../vscode/codeServer';

const root = path.resolve(__dirname, '../../..');
const SERVER_NAME = 'Demo (simulator)';
const SEED_FILE_ENV = 'OPSMANAGER_DEMO_SEED_FILE';
const MAIN_ID = 'opsmanager-tools.ops-manager-restore-jobs';
const SEED_ID = 'opsmanager-tools.ops-manager-demo-seed';
/** What the packaged extension holds (.vscodeignore), copied as an installed extension for code-server. */
const EXTENSION_FILES = [
  'package.json',
  'package.nls.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist',
  'media',
  'l10n',
];

interface Options {
  port: number;
  archiveMb: number;
  forceCodeServer: boolean;
  smoke: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { port: 0, archiveMb: 64, forceCodeServer: false, smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number`);
      return value;
    };
    if (arg === '--port') options.port = number();
    else if (arg === '--archive-mb') options.archiveMb = number();
    else if (arg === '--code-server') options.forceCodeServer = true;
    else if (arg === '--smoke') options.smoke = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run demo -- [--port N] [--archive-mb M] [--code-server] [--smoke]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  // The smoke run checks what a fresh machine gets (code-server) and needs no big archive.
  if (options.smoke) {
    options.forceCodeServer = true;
    if (!argv.includes('--archive-mb')) options.archiveMb = 1;
  }
  return options;
}

/** `code` on PATH (desktop VS Code), unless code-server was asked for. */
function findDesktopCode(options: Options): string | undefined {
  if (options.forceCodeServer) return undefined;
  const which = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.split(/\r?\n/)[0]?.trim() : undefined;
  return found ? found : undefined;
}

function copyInto(source: string, target: string): void {
  if (fs.existsSync(source)) fs.cpSync(source, target, { recursive: true });
}

/** The companion extension: its manifest and its compiled script, in a folder of the profile. */
function assembleSeedExtension(target: string): void {
  const compiled = path.join(__dirname, 'seed-extension', 'extension.js');
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run compile-tests`);
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(root, 'test', 'demo', 'seed-extension', 'package.json'), path.join(target, 'package.json'));
  fs.copyFileSync(compiled, path.join(target, 'extension.js'));
}

/** Processes whose command line names the profile folder (VS Code, its helpers): what stopping must end. */
function processesUsing(folder: string): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder)) pids.push(pid);
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return pids;
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

/** Lines of the Ops Manager extension's logs (one log folder per window load) that contain `text`. */
function extensionLogLines(userDataDir: string, text: string): number {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return 0;
  return fs
    .readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('Ops Manager.log'))
    .map(
      (f) =>
        fs
          .readFileSync(path.join(logs, f), 'utf8')
          .split('\n')
          .filter((l) => l.includes(text)).length,
    )
    .reduce((a, b) => a + b, 0);
}

async function waitFor(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`smoke: gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The smoke run's middle: the printed URL in headless Chromium (Debian's, as in the tests) until the workbench
 * shows and the extension is active with the simulator's key stored (so the tree can list jobs), then closed.
 */
async function smokeCheck(url: string, profile: string, userDataDir: string): Promise<void> {
  const started = Date.now();
  const browserDir = path.join(profile, 'smoke-browser');
  fs.mkdirSync(browserDir, { recursive: true });
  const browser = await launchChromium(browserDir, { ...process.env, HOME: browserDir, TMPDIR: browserDir });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const response = await page.goto(url, { timeout: 60_000 });
    if (response?.ok() !== true) throw new Error(`smoke: ${url} answered HTTP ${response?.status() ?? '?'}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    console.log(`smoke: the workbench answers (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    await waitFor(
      'the extension to activate',
      120_000,
      () => extensionLogLines(userDataDir, 'Ops Manager extension activated') > 0,
    );
    await waitFor(
      'the API key to be stored through "Set API Key"',
      60_000,
      () => extensionLogLines(userDataDir, 'Stored the API key') > 0,
    );
    console.log(`smoke: the extension is active and has its key (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await browser.close();
  }
}

function printTryThis(sim: Simulator): void {
  const J = SAMPLE.jobs;
  console.log(
    [
      '',
      'Try:',
      `  • the Ops Manager view: ${SERVER_NAME} → ${SAMPLE.groups.production.name} → ${SAMPLE.clusters.orders.name}, click a job`,
      `  • F1 → "Ops Manager: Fetch Restore Job by ID…" with ${J.ready.id} (READY), ${J.inProgress.id} (turns READY after 20 s), ${J.expired.id} (EXPIRED)`,
      "  • Download in a READY job's panel (saved into the profile's downloads folder, verified with SHA-1)",
      `Simulator: ${sim.baseUrl} (API ${sim.apiUrl}, backup host ${sim.backupUrl}), user ${sim.user}`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'opsm-demo-'));
  const dir = (name: string): string => {
    const d = path.join(profile, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  let sim: Simulator | undefined;
  let codeServer: CodeServer | undefined;
  let desktop: ChildProcess | undefined;

  let stopping: Promise<void> | undefined;
  const stop = (reason: string, code: number): Promise<void> =>
    (stopping ??= (async () => {
      console.log(`\n${reason}: stopping the demo…`);
      if (desktop?.pid !== undefined) {
        try {
          process.kill(-desktop.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await codeServer?.stop();
      // Desktop VS Code detaches from its launcher: end whatever still runs on this profile.
      for (const pid of processesUsing(profile)) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await sim?.close();
      const ports = [sim?.baseUrl, codeServer?.origin].flatMap((u) =>
        u === undefined ? [] : [Number(new URL(u).port)],
      );
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      if (options.smoke) {
        // What the smoke run proves last: stopping leaves no process, port or folder behind.
        const left = processesUsing(profile);
        const listening = (await Promise.all(ports.map(async (p) => ((await portAnswers(p)) ? [p] : [])))).flat();
        const problems = [
          left.length > 0 ? `processes still running: ${left.join(', ')}` : '',
          listening.length > 0 ? `ports still answering: ${listening.join(', ')}` : '',
          fs.existsSync(profile) ? `profile folder still there: ${profile}` : '',
        ].filter((p) => p !== '');
        if (problems.length > 0) {
          console.error(`smoke: FAILED after stopping: ${problems.join('; ')}`);
          process.exit(1);
        }
        if (code === 0) console.log('smoke: passed; nothing left running, ports closed, profile removed.');
        process.exit(code);
      }
      console.log('Demo stopped; nothing left running, profile removed.');
      process.exit(code);
    })());
  process.once('SIGINT', () => void stop('Ctrl-C', 0));
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGHUP', () => void stop('SIGHUP', 0));

  try {
    sim = await startSimulator({ port: options.port, archiveMb: options.archiveMb, archiveDir: dir('archive') });
    console.log(`Ops Manager simulator listening on ${sim.baseUrl} (port ${new URL(sim.baseUrl).port})`);

    const userDataDir = dir('user-data');
    const extensionsDir = dir('extensions');
    const workspace = dir('workspace');
    const downloads = dir('downloads');
    writeUserSettings(userDataDir, {
      ...quietSettings,
      'opsManager.servers': [{ name: SERVER_NAME, baseUrl: sim.baseUrl, username: sim.user }],
      'opsManager.downloadDirectory': downloads,
      'opsManager.watchIntervalSeconds': 5,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.commandCenter.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
    });
    // The key for the companion extension, readable by this user only, removed with the profile.
    const seedFile = path.join(profile, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify({ server: SERVER_NAME, apiKey: sim.key }), { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      [SEED_FILE_ENV]: seedFile,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    };
    for (const key of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_IPC_HOOK', 'ELECTRON_RUN_AS_NODE', 'VSCODE_PID', 'VSCODE_CWD'])
      delete env[key];

    const code = findDesktopCode(options);
    if (code !== undefined) {
      const seedDir = path.join(profile, 'seed-extension');
      assembleSeedExtension(seedDir);
      console.log(`Opening desktop VS Code (${code}) with a throwaway profile in ${profile}`);
      desktop = spawn(
        code,
        [
          '--new-window',
          '--wait',
          `--user-data-dir=${userDataDir}`,
          `--extensions-dir=${extensionsDir}`,
          `--extensionDevelopmentPath=${root}`,
          `--extensionDevelopmentPath=${seedDir}`,
          workspace,
        ],
        { env, stdio: 'inherit', detached: true },
      );
      printTryThis(sim);
      console.log('\nClose the window or press Ctrl-C to stop.');
      desktop.once('exit', () => void stop('VS Code closed', 0));
      desktop.once('error', (error) => void stop(`Could not start ${code}: ${error.message}`, 1));
      return;
    }

    ensureCodeServer();
    const version = String(
      Reflect.get(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')), 'version'),
    );
    for (const file of EXTENSION_FILES)
      copyInto(path.join(root, file), path.join(extensionsDir, `${MAIN_ID}-${version}`, file));
    if (!fs.existsSync(path.join(root, 'dist', 'extension.js')))
      throw new Error('dist/extension.js is missing: run npm run compile');
    assembleSeedExtension(path.join(extensionsDir, `${SEED_ID}-0.0.1`));
    Object.assign(env, {
      HOME: dir('home'),
      TMPDIR: dir('tmp'),
      XDG_CONFIG_HOME: dir('home/.config'),
      XDG_CACHE_HOME: dir('home/.cache'),
      XDG_DATA_HOME: dir('home/.local/share'),
    });
    codeServer = await startCodeServer({ userDataDir, extensionsDir, env, folder: workspace });
    const running = codeServer;
    void running.exited.then((how) => void stop(`code-server exited (${how})`, 1));
    console.log(`VS Code (code-server) is running with a throwaway profile in ${profile}`);
    printTryThis(sim);
    const url = `${codeServer.origin}/?folder=${encodeURIComponent(workspace)}`;
    console.log(`\nOpen in Chromium, Chrome, Edge or Firefox:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
    if (options.smoke) {
      await smokeCheck(url, profile, userDataDir);
      await stop('smoke: checks passed', 0);
    }
  } catch (error) {
    console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop('Failed', 1);
  }
}

void main();
