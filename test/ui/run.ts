// `node out/test/ui/run.js`: the UI tests (out/test/ui/*.ui.js) with mocha's spec reporter, so scripts/test.mjs
// can read "N passing" / "N failing" (and the counts file it asks for). Packages the .vsix first when it is missing
// or older than the build, since the tests install exactly what `npm run package` produced.
// Environment: OPSMANAGER_TEST_GREP (only matching tests), UPDATE_SCREENSHOTS=1 (rewrite docs/images/*.png),
// OPSMANAGER_UI_TIMEOUT_SECONDS (whole run, default 900), CHROMIUM_PATH.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { collectResults, RESULTS_FILE_ENV, writeResults, type Counts } from '../support/results';
import { chromiumPath } from '../vscode/chromium';
import { stopAllSessions, VSIX } from './session';
import { SCREENSHOT_DIR } from './workbench';

const root = path.resolve(__dirname, '../../..');

/** Newest modification time of what goes into the .vsix. */
function newestInput(): number {
  const inputs = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist', 'media', 'l10n'];
  let newest = 0;
  const visit = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const input of inputs) visit(path.join(root, input));
  return newest;
}

function ensureVsix(): void {
  const fresh =
    fs.existsSync(VSIX) &&
    fs.existsSync(path.join(root, 'dist', 'extension.js')) &&
    fs.statSync(VSIX).mtimeMs >= newestInput();
  if (fresh) return;
  console.log(`Packaging ${path.basename(VSIX)} (npm run package): it is missing or older than the build.`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(VSIX)) {
    throw new Error(`npm run package failed (exit ${result.status ?? result.signal}); the UI tests need the .vsix`);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's "chromium" package or set CHROMIUM_PATH`);
  }
  ensureVsix();
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  // forbidOnly: a stray `.only` must fail the run, not shrink it to one green test.
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.stdout.isTTY === true,
    timeout: 90_000,
    forbidOnly: true,
  });
  const grep = process.env.OPSMANAGER_TEST_GREP;
  if (grep) {
    console.log(`!!! OPSMANAGER_TEST_GREP=${JSON.stringify(grep)}: only the matching UI tests run !!!`);
    mocha.grep(new RegExp(grep));
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ui.js'))
    .sort();
  if (files.length === 0) throw new Error(`no UI tests (*.ui.js) in ${__dirname}`);
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const counts = await new Promise<Counts>((resolve) => {
    const runner = mocha.run(() => {
      const results = finished();
      writeResults(process.env[RESULTS_FILE_ENV], results);
      resolve(results);
    });
    const finished = collectResults(runner, grep);
  });
  console.log(
    `UI tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, SCREENSHOT_DIR)}/`,
  );
  return counts.failed > 0 ? 1 : 0;
}

let exiting = false;
async function exit(code: number, message?: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  if (message) console.error(message);
  await stopAllSessions();
  process.exit(code);
}

const limitSeconds = Number(process.env.OPSMANAGER_UI_TIMEOUT_SECONDS ?? 900);
setTimeout(
  () => void exit(1, `UI tests: gave up after ${limitSeconds} s; stopping VS Code`),
  limitSeconds * 1000,
).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void exit(signal === 'SIGINT' ? 130 : 143, `UI tests: ${signal}; stopping VS Code`));
}

main().then(
  (code) => exit(code),
  (error: unknown) => exit(1, `UI tests could not run: ${error instanceof Error ? error.message : String(error)}`),
);
