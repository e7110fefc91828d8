// Mocha's spec reporter plus a results file (see results.ts) for the unit stage, which runs through mocha's CLI:
// `mocha --reporter out/test/support/resultsReporter.js` with OPSMANAGER_TEST_RESULTS_FILE set.
import Mocha from 'mocha';
import { collectResults, RESULTS_FILE_ENV, writeResults } from './results';

class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const grep = options?.grep === undefined ? undefined : String(options.grep);
    const results = collectResults(runner, grep);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { skipped } = results();
      if (skipped.length > 0) {
        console.log(`  Skipped (${skipped.length}):`);
        for (const s of skipped) console.log(`    - ${s.title}: ${s.reason ?? 'no reason given'}`);
        console.log('');
      }
      writeResults(process.env[RESULTS_FILE_ENV], results());
    });
  }
}

export default ResultsReporter;
