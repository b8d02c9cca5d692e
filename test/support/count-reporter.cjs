// A jest reporter that writes the run's own counts to a JSON file (`.jest-counts.json`, or the
// `file` option), so .ci/run can print the "N passed, N failed, N skipped" line CI reads from the
// runner's numbers, not its prose.
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  constructor(globalConfig, options) {
    this.rootDir = globalConfig.rootDir;
    this.file = (options && options.file) || '.jest-counts.json';
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
          counts.skippedTests.push(
            `${path.relative(this.rootDir, suite.testFilePath)}: ${test.fullName}`,
          );
        }
      }
    }
    fs.writeFileSync(path.join(this.rootDir, this.file), JSON.stringify(counts, null, 2) + '\n');
  }
}

module.exports = CountReporter;
