// A jest reporter that writes the run's own counts to .jest-counts.json, so .ci/run can print
// the "N passed, N failed, N skipped" line CI reads from the runner's numbers, not its prose.
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites,
      skippedTests: [],
    };
    for (const suite of results.testResults) {
      for (const test of suite.testResults) {
        if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
          counts.skippedTests.push(`${path.relative(this.rootDir, suite.testFilePath)}: ${test.fullName}`);
        }
      }
    }
    fs.writeFileSync(path.join(this.rootDir, '.jest-counts.json'), JSON.stringify(counts, null, 2) + '\n');
  }
}

module.exports = CountReporter;
