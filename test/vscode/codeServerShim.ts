// A stand-in for the VS Code executable that `@vscode/test-electron`'s runTests() launches, for machines that
// cannot download desktop VS Code. It accepts the same argv (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a folder; other flags are ignored), runs the tests in code-server's real
// extension host with Chromium as the window, prints the extension host's output and exits with its result.
// The comments below say why each step is needed; the README has the overview.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import { ensureCodeServer, quietSettings, startCodeServer, writeUserSettings, type CodeServer } from './codeServer';

const TIMEOUT_ENV = 'OPSMANAGER_VSCODE_TIMEOUT_SECONDS';
const DEBUG_ENV = 'OPSMANAGER_VSCODE_DEBUG';

/**
 * Workbench start-up chatter that arrives through the same channel as the extension host's console (each
 * message whole, stack included). Shown with OPSMANAGER_VSCODE_DEBUG=1.
 */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Timed out waiting for authentication provider)/;

interface ShimArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

export function parseArgs(argv: string[]): ShimArgs {
  const parsed: ShimArgs = { extensionDevelopmentPaths: [] };
  const valued = new Set(['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir', '--extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    } else if (valued.has(arg)) {
      value = argv[++i];
    }
    if (!arg.startsWith('-')) {
      parsed.folder ??= path.resolve(arg);
      continue;
    }
    if (value === undefined) continue; // a flag this shim has no use for
    switch (name) {
      case '--extensionDevelopmentPath':
        parsed.extensionDevelopmentPaths.push(path.resolve(value));
        break;
      case '--extensionTestsPath':
        parsed.extensionTestsPath = path.resolve(value);
        break;
      case '--user-data-dir':
        parsed.userDataDir = path.resolve(value);
        break;
      case '--extensions-dir':
        parsed.extensionsDir = path.resolve(value);
        break;
    }
  }
  return parsed;
}

/** What the workbench reads from `?payload=` (the way @vscode/test-web passes test paths). */
function payloadUrl(server: CodeServer, folder: string, args: ShimArgs, testsPath: string): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(p).pathname}`;
  const payload: [string, string][] = [
    ...args.extensionDevelopmentPaths.map((p): [string, string] => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)],
  ];
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const testsPath = args.extensionTestsPath;
  if (args.extensionDevelopmentPaths.length === 0 || !testsPath) {
    console.error(
      'usage: code-server-shim.sh --extensionDevelopmentPath=DIR --extensionTestsPath=PATH [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]',
    );
    return 2;
  }
  const timeoutSeconds = Number(process.env[TIMEOUT_ENV] ?? 600);
  const debug = process.env[DEBUG_ENV] === '1';

  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'opsm-vscode-'));
  const dir = (name: string): string => {
    const d = path.join(tempRoot, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
  };

  // Every way out (result, failure, timeout, signal) goes through cleanup before the exit.
  let finish: (code: number, message?: string) => void = () => undefined;
  const finished = new Promise<number>((resolve) => {
    let done = false;
    finish = (code, message) => {
      if (done) return; // only the first outcome counts (cleanup itself closes Chromium and code-server)
      done = true;
      if (message) console.error(`[code-server-shim] ${message}`);
      resolve(code);
    };
  });
  const timer = setTimeout(
    () => finish(1, `timed out after ${timeoutSeconds} s; stopping VS Code`),
    timeoutSeconds * 1000,
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => finish(signal === 'SIGINT' ? 130 : 143, `${signal} received; stopping VS Code`));
  }

  const run = async (): Promise<void> => {
    ensureCodeServer();
    const env: NodeJS.ProcessEnv = {
      ...process.env, // includes runTests' extensionTestsEnv, which must reach the extension host
      HOME: dir('home'),
      TMPDIR: dir('tmp'),
      XDG_CONFIG_HOME: dir('home/.config'),
      XDG_CACHE_HOME: dir('home/.cache'),
      XDG_DATA_HOME: dir('home/.local/share'),
    };
    // Left over when the tests are started from a VS Code terminal; they would point at that other instance.
    for (const key of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_IPC_HOOK', 'ELECTRON_RUN_AS_NODE', 'VSCODE_PID', 'VSCODE_CWD']) {
      delete env[key];
    }
    const userDataDir = args.userDataDir ?? dir('data');
    const extensionsDir = args.extensionsDir ?? dir('extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    const folder = args.folder ?? dir('workspace');
    writeUserSettings(userDataDir, quietSettings);

    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      env,
      // Without the smoke-test driver the built workbench ignores the test payload and the run hangs.
      args: ['--vscode-option', 'enable-smoke-test-driver'],
    });
    const running = server;
    void running.exited.then((how) =>
      finish(1, `code-server exited (${how}) before the tests finished:\n${running.output().slice(-3000)}`),
    );

    browser = await launchChromium(dir('chromium'), env);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.exposeFunction('codeAutomationLog', (type: unknown, message: unknown) => {
      const text = Array.isArray(message) ? message.map(String).join(' ') : String(message);
      if (!debug && WORKBENCH_NOISE.test(text)) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      finish(typeof code === 'number' ? code : 1);
    });
    page.on('crash', () => finish(1, 'the workbench page crashed'));
    browser.on('close', () => finish(1, 'Chromium closed before the tests finished'));
    if (debug) {
      page.on('console', (m) => console.error(`[page ${m.type()}] ${m.text()}`));
    }
    await page.goto(payloadUrl(running, folder, args, testsPath), { timeout: 120_000 });
  };
  run().catch((error: unknown) => finish(1, error instanceof Error ? error.message : String(error)));

  const code = await finished;
  clearTimeout(timer);
  if (debug && server) console.error(server.output());
  await cleanup();
  return code;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('[code-server-shim]', error);
      process.exit(1);
    },
  );
}
