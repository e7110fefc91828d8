// The test runner VS Code loads in the extension host (`--extensionTestsPath`): runs every compiled
// out/test/integration/**/*.test.js with mocha and rejects when any test fails, which makes VS Code exit non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { collectResults, RESULTS_FILE_ENV, writeResults, type Counts } from '../support/results';

/** Runs only the tests whose full title matches this regular expression. */
const GREP_ENV = 'OPSMANAGER_TEST_GREP';

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

export async function run(): Promise<void> {
  // The reporters log printf-style (`'%d passing', 3`); the extension host forwards console output as one joined
  // string, so format here or the counts arrive as "%d passing 3".
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));
  // forbidOnly: a stray `.only` must fail the run, not shrink it to one green test.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', forbidOnly: true });
  const grep = process.env[GREP_ENV];
  if (grep) {
    console.log(`!!! ${GREP_ENV}=${JSON.stringify(grep)}: only the matching integration tests run !!!`);
    mocha.grep(new RegExp(grep));
  }
  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    throw new Error(`No integration tests (*.test.js) found under ${__dirname}`);
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  const counts = await new Promise<Counts>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const results = finished();
        writeResults(process.env[RESULTS_FILE_ENV], results);
        resolve(results);
      });
      const finished = collectResults(runner, grep);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  console.log(`Integration tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`);
  if (counts.failed > 0) {
    throw new Error(`${counts.failed} integration test(s) failed.`);
  }
}
