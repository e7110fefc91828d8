// Runs the integration suites (index.ts) inside a real VS Code extension host with @vscode/test-electron.
// Desktop VS Code when it can be downloaded; otherwise, or when VSCODE_EXECUTABLE names an executable, that
// executable: by default test/vscode/code-server-shim.sh, which serves VS Code with code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../../..');
const shim = path.join(root, 'test', 'vscode', 'code-server-shim.sh');
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Desktop VS Code if it can be had quickly (downloaded now or cached in .vscode-test/), else undefined. */
async function tryDesktopVSCode(): Promise<string | undefined> {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    // Desktop VS Code needs a display on Linux (run under `xvfb-run` to use it); code-server does not.
    console.log('No display (DISPLAY is not set): using code-server.');
    return undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({
        version: 'stable',
        timeout: DOWNLOAD_TIMEOUT_MS,
        cachePath: path.join(root, '.vscode-test'),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${DOWNLOAD_TIMEOUT_MS / 1000} s`)),
          DOWNLOAD_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    console.log(
      `Desktop VS Code is not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); using code-server.`,
    );
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const named = process.env.VSCODE_EXECUTABLE;
  const executable = named ? path.resolve(named) : ((await tryDesktopVSCode()) ?? shim);
  console.log(`VS Code executable: ${path.relative(root, executable) || executable}`);

  // A fresh workspace folder and profile for every run; several runs may share this checkout at once.
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsm-integration-'));
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace);
  const started = Date.now();
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index'),
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(temp, 'user-data')}`,
        `--extensions-dir=${path.join(temp, 'extensions')}`,
        '--disable-extensions', // only the extension under test
      ],
      extensionTestsEnv: { OPSMANAGER_TEST_ENV_PROBE: 'reached-extension-host' },
    });
    console.log(`Integration tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(
      `Integration tests failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
