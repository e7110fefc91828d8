// What a test stage reports to scripts/test.mjs: counts, which tests were skipped and why, and per-suite counts,
// written to a file when mocha's run has ended. The file is the proof that the stage ran to the end: a stage that
// exits midway (a stray process.exit, a crashed extension host) leaves no file, and the runner fails it.
// Shared by the unit stage (as a reporter, resultsReporter.ts), the integration runner and the UI runner.
import * as fs from 'node:fs';
import Mocha from 'mocha';

/** Where a stage writes its results when the caller asks for them (scripts/test.mjs does). */
export const RESULTS_FILE_ENV = 'OPSMANAGER_TEST_RESULTS_FILE';

export interface Counts {
  passed: number;
  failed: number;
  pending: number;
}

export interface SkippedTest {
  title: string;
  reason?: string;
}

export interface StageResults extends Counts {
  /** Every test that did not run, with the reason given to skipWithReason. */
  skipped: SkippedTest[];
  /** Counts by suite title, for every suite a test sits in (nested suites count for their parents too). */
  suites: Record<string, Counts>;
  /** The --grep pattern that narrowed the run, if any. */
  grep?: string;
}

const REASON = Symbol('opsManager.skipReason');
type WithReason = { [REASON]?: string; parent?: WithReason };

/**
 * Skips the current test, or the whole suite when called in a `before` hook, and records why: the reason shows
 * in the spec output and in the runner's summary, so a skip never looks like a pass.
 */
export function skipWithReason(context: Mocha.Context, reason: string): never {
  const runnable = context.test;
  // In a hook the skip covers the hook's suite (mocha sets currentTest in hooks too, so ask the runnable's type).
  const inHook = runnable !== undefined && Reflect.get(runnable, 'type') === 'hook';
  const target: WithReason | undefined = inHook ? runnable.parent : runnable;
  if (target) target[REASON] = reason;
  console.log(`      (skipped: ${reason})`);
  context.skip();
}

function reasonOf(test: Mocha.Runnable): string | undefined {
  for (let node: WithReason | undefined = test; node; node = node.parent) {
    if (node[REASON] !== undefined) return node[REASON];
  }
  return undefined;
}

function suiteTitles(test: Mocha.Runnable): string[] {
  const titles: string[] = [];
  for (let suite = test.parent; suite; suite = suite.parent) {
    if (suite.title) titles.push(suite.title);
  }
  return titles;
}

/** Listens to a runner from its start; call the returned function once it has ended. */
export function collectResults(runner: Mocha.Runner, grep?: string): () => StageResults {
  const results: StageResults = { passed: 0, failed: 0, pending: 0, skipped: [], suites: {} };
  if (grep) results.grep = grep;
  const count = (test: Mocha.Runnable, key: keyof Counts): void => {
    results[key]++;
    for (const title of suiteTitles(test)) {
      const suite = (results.suites[title] ??= { passed: 0, failed: 0, pending: 0 });
      suite[key]++;
    }
  };
  runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => count(test, 'passed'));
  // Hook failures too: a failing `before` fails its suite without any test failing.
  runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test) => count(test, 'failed'));
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => {
    count(test, 'pending');
    results.skipped.push({ title: test.fullTitle(), reason: reasonOf(test) });
  });
  return () => results;
}

export function writeResults(file: string | undefined, results: StageResults): void {
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}
