// The test runner VS Code loads in the extension host (`--extensionTestsPath`): runs every compiled
// out/test/integration/**/*.test.js with mocha and rejects when any test fails, which makes VS Code exit non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Where a machine-readable result goes when the caller asks for one (scripts/test.mjs does). */
const RESULTS_FILE_ENV = 'OPSMANAGER_TEST_RESULTS_FILE';
/** Runs only the tests whose full title matches this regular expression. */
const GREP_ENV = 'OPSMANAGER_TEST_GREP';

export interface RunCounts {
  passed: number;
  failed: number;
  pending: number;
}

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
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env[GREP_ENV];
  if (grep) {
    mocha.grep(new RegExp(grep));
  }
  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    throw new Error(`No integration tests (*.test.js) found under ${__dirname}`);
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  const counts = await new Promise<RunCounts>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const stats = runner.stats;
        resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  const resultsFile = process.env[RESULTS_FILE_ENV];
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify(counts));
  }
  console.log(`Integration tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`);
  if (counts.failed > 0) {
    throw new Error(`${counts.failed} integration test(s) failed.`);
  }
}
