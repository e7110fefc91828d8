// `npm test`: unit tests (plain Node), then the integration tests inside a real VS Code, then the UI tests when
// they exist, then the demo's smoke run (`bash scripts/dev.sh demo --smoke`; OPSMANAGER_SKIP_DEMO_SMOKE=1 skips it). Shows each stage's own output, its counts, and ends with one line `N passed, N failed` (totals);
// exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const colour = process.stdout.isTTY ? ['--color'] : [];

/** Runs a command, echoing its output live, and returns its exit code and everything it printed. */
function run(command, args, env = {}) {
  const shown = [command === process.execPath ? 'node' : command, ...args.map((a) => a.replace(`${root}/`, ''))];
  console.log(`\n$ ${shown.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('error', (error) => {
      output += String(error);
      resolve({ code: 1, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Counts from mocha's spec reporter summary ("  12 passing (3s)", "  1 failing", "  2 pending"). */
function mochaCounts(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (word) => {
    const all = [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return { passed: count('passing'), failed: count('failing'), pending: count('pending') };
}

/** A results file written by the runner (integration/UI), else the reporter's summary lines. */
function stageCounts(output, resultsFile) {
  if (resultsFile && existsSync(resultsFile)) {
    try {
      const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
      if ([r.passed, r.failed].every(Number.isInteger))
        return { passed: r.passed, failed: r.failed, pending: r.pending ?? 0 };
    } catch {
      // Fall back to the printed summary.
    }
  }
  return mochaCounts(output);
}

const stages = [];
function record(name, counts, code, started) {
  // A stage that failed without a failing test (crash, timeout, compile error) still counts as one failure.
  const failed = counts.failed === 0 && code !== 0 ? 1 : counts.failed;
  const stage = {
    name,
    passed: counts.passed,
    failed,
    pending: counts.pending,
    seconds: (Date.now() - started) / 1000,
  };
  stages.push(stage);
  console.log(
    `\n[${name}] ${stage.passed} passed, ${stage.failed} failed, ${stage.pending} pending (${stage.seconds.toFixed(1)} s)${code !== 0 ? ` — exit ${code}` : ''}`,
  );
}

const temp = mkdtempSync(join(tmpdir(), 'opsm-test-results-'));
try {
  let started = Date.now();
  const compileTests = await run(npm, ['run', '--silent', 'compile-tests']);
  if (compileTests.code !== 0) {
    record('compile-tests', { passed: 0, failed: 1, pending: 0 }, compileTests.code, started);
  }

  started = Date.now();
  const unit = await run(process.execPath, [
    join(root, 'node_modules/mocha/bin/mocha.js'),
    '--config',
    '.mocharc.json',
    ...colour,
  ]);
  record('unit', mochaCounts(unit.output), unit.code, started);

  started = Date.now();
  const compile = await run(npm, ['run', '--silent', 'compile']);
  const integrationResults = join(temp, 'integration.json');
  const integration =
    compile.code === 0
      ? await run(process.execPath, [join(root, 'out/test/integration/runTest.js')], {
          OPSMANAGER_TEST_RESULTS_FILE: integrationResults,
        })
      : compile;
  record('integration', stageCounts(integration.output, integrationResults), integration.code, started);

  const uiRunner = join(root, 'out/test/ui/run.js');
  if (existsSync(uiRunner)) {
    started = Date.now();
    const uiResults = join(temp, 'ui.json');
    const ui = await run(process.execPath, [uiRunner], { OPSMANAGER_TEST_RESULTS_FILE: uiResults });
    record('ui', stageCounts(ui.output, uiResults), ui.code, started);
  }

  // The README's first command in its smoke mode: set-up (already done, so quick), the demo started, the workbench
  // and the extension checked, everything stopped and checked gone. Guards the first thing a newcomer runs.
  if (process.env.OPSMANAGER_SKIP_DEMO_SMOKE !== '1') {
    started = Date.now();
    const smoke = await run('bash', [join(root, 'scripts/dev.sh'), 'demo', '--smoke']);
    record('demo-smoke', { passed: smoke.code === 0 ? 1 : 0, failed: 0, pending: 0 }, smoke.code, started);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

console.log('');
for (const s of stages) {
  console.log(
    `  ${s.name.padEnd(14)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(4)} failed ${String(s.pending).padStart(4)} pending  ${s.seconds.toFixed(1)} s`,
  );
}
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
