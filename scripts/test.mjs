// `npm test`: `npm run lint` (eslint, Prettier, the package boundaries), then unit tests (plain Node), then the integration tests inside a real VS Code, then the UI tests, then
// the demo's smoke run (`bash scripts/dev.sh demo --smoke`; its own stage, `demo-smoke`). Shows each
// stage's own output, its counts, and ends with one line `N passed, N failed, N skipped` (totals);
// exits non-zero when anything failed.
//
// A stage counts only when it proves it ran: each one writes a results file when mocha's run has ended
// (test/support/results.ts), and must reach the minimum number of tests in test/minimums.json. A stage without
// that file (exited midway, crashed, runner not compiled), below its minimum, or with a failing exit code fails
// the run. Under CI (CI=true or 1) the suites listed there must also have run, not been skipped.
// OPSMANAGER_TEST_GREP narrows every stage to the matching tests: the minimums are then not checked, the summary
// says so loudly, and under CI the run fails (a narrowed run proves nothing about the rest). The same goes for
// OPSMANAGER_TEST_STAGES (e.g. `unit` or `unit,integration`), which runs only the stages it names.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const colour = process.stdout.isTTY ? ['--color'] : [];
const ci = process.env.CI === 'true' || process.env.CI === '1';
const grep = process.env.OPSMANAGER_TEST_GREP || undefined;
const ALL_STAGES = ['unit', 'integration', 'ui', 'demo-smoke'];
const only = (process.env.OPSMANAGER_TEST_STAGES || ALL_STAGES.join(',')).split(',').map((s) => s.trim());
const unknownStage = only.find((s) => !ALL_STAGES.includes(s));
if (unknownStage) {
  console.error(`OPSMANAGER_TEST_STAGES: unknown stage "${unknownStage}"; the stages are ${ALL_STAGES.join(', ')}`);
  process.exit(2);
}
const leftOut = ALL_STAGES.filter((s) => !only.includes(s));
const minimums = JSON.parse(readFileSync(join(root, 'test/minimums.json'), 'utf8'));

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

/** Counts from mocha's spec reporter summary, shown only when a stage left no results file. */
function mochaCounts(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (word) => {
    const all = [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return { passed: count('passing'), failed: count('failing'), pending: count('pending') };
}

/** The stage's results file, or undefined when it is missing or not what results.ts writes. */
function readResults(file) {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const valid =
      [r.passed, r.failed, r.pending].every(Number.isInteger) &&
      Array.isArray(r.skipped) &&
      typeof r.suites === 'object' &&
      r.suites !== null;
    return valid ? r : undefined;
  } catch {
    return undefined;
  }
}

const stages = [];
/** Reasons the run fails that no failing test accounts for; printed before the final line. */
const problems = [];

/** Records a stage from its results file, and checks that it ran to the end and ran enough tests. */
function record(name, { code, output }, resultsFile, started) {
  const results = resultsFile ? readResults(resultsFile) : undefined;
  const counts = results ?? mochaCounts(output);
  const stageProblems = [];
  if (!results) {
    stageProblems.push(
      `no results file: the stage ended before mocha finished (crash, process.exit midway, runner missing)` +
        ` (counts from its printed summary, if any)`,
    );
  } else if (code !== 0 && results.failed === 0) {
    stageProblems.push(`exit code ${code} without a failing test`);
  }
  const total = counts.passed + counts.failed + counts.pending;
  const minimum = minimums.stages[name];
  if (!Number.isInteger(minimum)) {
    stageProblems.push(`no minimum count for this stage in test/minimums.json`);
  } else if (!grep && total < minimum) {
    stageProblems.push(
      `${total} tests, fewer than the ${minimum} in test/minimums.json (a stray .only, a test file not compiled or` +
        ` not found, a suite deleted?)`,
    );
  }
  if (results && ci && !grep) {
    for (const required of minimums.ciMustRun.filter((r) => r.stage === name)) {
      const suite = results.suites[required.suite];
      const passed = suite?.passed ?? 0;
      if (passed < required.passed) {
        const why = results.skipped
          .filter((s) => s.title.includes(required.suite))
          .map((s) => s.reason ?? 'no reason given');
        stageProblems.push(
          `CI must run "${required.suite}": ${passed} of its ${required.passed} tests passed` +
            (suite ? `, ${suite.pending} skipped` : ', suite not found') +
            (why.length ? ` (${[...new Set(why)].join('; ')})` : ''),
        );
      }
    }
  }
  // A stage that failed without a failing test (crash, timeout, missing results, too few tests) counts as one.
  const failed = counts.failed === 0 && (code !== 0 || stageProblems.length > 0) ? 1 : counts.failed;
  const stage = {
    name,
    passed: counts.passed,
    failed,
    pending: counts.pending,
    seconds: (Date.now() - started) / 1000,
  };
  stages.push(stage);
  problems.push(...stageProblems.map((p) => `[${name}] ${p}`));
  console.log(
    `\n[${name}] ${stage.passed} passed, ${stage.failed} failed, ${stage.pending} pending (${stage.seconds.toFixed(1)} s)${code !== 0 ? ` — exit ${code}` : ''}`,
  );
  for (const p of stageProblems) console.log(`[${name}] FAILED: ${p}`);
  for (const s of results?.skipped ?? [])
    console.log(`[${name}] skipped: ${s.title} — ${s.reason ?? 'no reason given'}`);
}

/** A stage whose compiled runner is not there fails (it used to be dropped, which looked like a pass). */
function missing(file) {
  const message = `${file.replace(`${root}/`, '')} is missing: did compile-tests fail?`;
  console.error(message);
  return { code: 1, output: message };
}

/** Runs a compiled runner, or fails the stage at once when it is not there. */
async function runCompiled(runner, env) {
  return existsSync(runner) ? run(process.execPath, [runner], env) : missing(runner);
}

if (leftOut.length) {
  console.log(
    `\n!!! OPSMANAGER_TEST_STAGES=${only.join(',')}: the ${leftOut.join(', ')} stage(s) do not run${ci ? '; under CI this fails the run' : ''} !!!`,
  );
}
if (grep) {
  console.log(
    `\n!!! OPSMANAGER_TEST_GREP=${JSON.stringify(grep)}: only matching tests run in every stage; minimum counts are not checked${ci ? '; under CI this fails the run' : ''} !!!`,
  );
}

const temp = mkdtempSync(join(tmpdir(), 'opsm-test-results-'));
try {
  let started = Date.now();
  // The package boundaries (dependency-cruiser), eslint and Prettier: a failure fails the run like a failing test.
  const lint = await run(npm, ['run', '--silent', 'lint']);
  if (lint.code !== 0) problems.push(`[lint] npm run lint failed (exit ${lint.code})`);

  const compileTests = await run(npm, ['run', '--silent', 'compile-tests']);
  if (compileTests.code !== 0) problems.push(`[compile-tests] exit ${compileTests.code}`);

  if (only.includes('unit')) {
    started = Date.now();
    const unitResults = join(temp, 'unit.json');
    const reporter = join(root, 'out/test/support/resultsReporter.js');
    const unit = existsSync(reporter)
      ? await run(
          process.execPath,
          [
            join(root, 'node_modules/mocha/bin/mocha.js'),
            ...['--config', '.mocharc.json', '--reporter', reporter, ...(grep ? ['--grep', grep] : []), ...colour],
          ],
          { OPSMANAGER_TEST_RESULTS_FILE: unitResults },
        )
      : missing(reporter);
    record('unit', unit, unitResults, started);
  }

  if (only.includes('integration')) {
    started = Date.now();
    const compile = await run(npm, ['run', '--silent', 'compile']);
    const integrationResults = join(temp, 'integration.json');
    if (compile.code !== 0)
      console.log(`[integration] npm run compile failed (exit ${compile.code}): no extension to test`);
    const integration =
      compile.code === 0
        ? await runCompiled(join(root, 'out/test/integration/runTest.js'), {
            OPSMANAGER_TEST_RESULTS_FILE: integrationResults,
          })
        : compile;
    record('integration', integration, integrationResults, started);
  }

  if (only.includes('ui')) {
    started = Date.now();
    const uiResults = join(temp, 'ui.json');
    const ui = await runCompiled(join(root, 'out/test/ui/run.js'), { OPSMANAGER_TEST_RESULTS_FILE: uiResults });
    record('ui', ui, uiResults, started);
  }

  // The README's first command in its smoke mode: set-up (already done, so quick), the demo started, the workbench
  // and the extension checked, everything stopped and checked gone. Guards the first thing a newcomer runs.
  if (only.includes('demo-smoke')) {
    started = Date.now();
    const smoke = await run('bash', [join(root, 'scripts/dev.sh'), 'demo', '--smoke']);
    // One check, no mocha: it passes when the smoke run exits 0 (it checks the workbench, the extension and that
    // nothing is left running), and counts as one failure otherwise.
    const ok = smoke.code === 0;
    stages.push({
      name: 'demo-smoke',
      passed: ok ? 1 : 0,
      failed: ok ? 0 : 1,
      pending: 0,
      seconds: (Date.now() - started) / 1000,
    });
    console.log(`\n[demo-smoke] ${ok ? '1 passed, 0 failed' : `0 passed, 1 failed — exit ${smoke.code}`}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

if (leftOut.length && ci) problems.push(`OPSMANAGER_TEST_STAGES is set under CI: ${leftOut.join(', ')} did not run`);
// A pattern that matched nothing would otherwise total green with nothing it names tested (demo-smoke ignores the
// pattern and always counts one, so it does not count here).
const grepped = stages.filter((s) => s.name !== 'demo-smoke');
if (grep && grepped.length > 0 && grepped.every((s) => s.passed + s.failed + s.pending === 0)) {
  problems.push(`OPSMANAGER_TEST_GREP=${JSON.stringify(grep)} matched no test in any stage that ran`);
}
if (grep && ci) problems.push(`OPSMANAGER_TEST_GREP is set under CI: the run was narrowed to ${JSON.stringify(grep)}`);

console.log('');
for (const s of stages) {
  console.log(
    `  ${s.name.padEnd(14)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(4)} failed ${String(s.pending).padStart(4)} pending  ${s.seconds.toFixed(1)} s`,
  );
}
for (const p of problems) console.log(`FAILED: ${p}`);
if (leftOut.length) console.log(`!!! NARROWED RUN: the ${leftOut.join(', ')} stage(s) did not run !!!`);
if (grep) console.log(`!!! NARROWED RUN: only tests matching OPSMANAGER_TEST_GREP=${JSON.stringify(grep)} ran !!!`);
const passed = stages.reduce((n, s) => n + s.passed, 0);
// Problems outside any stage (lint, compile-tests, a narrowed CI run) count as one failure each.
const failed =
  stages.reduce((n, s) => n + s.failed, 0) + problems.filter((p) => !/^\[(unit|integration|ui)\]/.test(p)).length;
const skipped = stages.reduce((n, s) => n + s.pending, 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
