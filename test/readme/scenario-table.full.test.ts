// The README's scenario table is what `credspec ci specs` reports today: every column but the
// time must match. Regenerate with `npm run scenario-table`. Runs the built command
// (bin/credspec.js over dist/, which `npm ci` builds through `prepare`): compiled, the run takes
// a fraction of the time it takes under ts-jest. After changing src/, `npm run build` first.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  extractScenarioTable,
  maskTimes,
  renderScenarioTable,
} from '../../src/cli/reports/scenario-table.js';
import { ROOT, requireBuiltCli, runBuiltCli } from '../support/built-cli.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

test('the README scenario table matches a fresh ci run (times aside)', async () => {
  requireBuiltCli();
  const home = scratch('credspec-readme-');
  const out = join(home, 'ci.json');
  // Only what the command needs: a home of its own (for its cache) and CI set, as the in-process run had.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, CI: 'true', HOME: home };
  const run = await runBuiltCli(['ci', 'specs', '--json', out], env);
  expect(existsSync(out)).toBe(true);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const fresh = maskTimes(renderScenarioTable(report.results, report.catalogueReplays ?? []));
  const committed = extractScenarioTable(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  if (committed === null)
    throw new Error("README.md has no scenario table between the table's markers");
  if (maskTimes(committed) !== fresh) {
    throw new Error(
      `README.md's scenario table is stale: run \`npm run build && npm run scenario-table\`.\nExpected:\n${fresh}`,
    );
  }
  // The README's first command must succeed: every shipped scenario meets its expectation.
  expect({ exitCode: run.code, output: run.code === 0 ? '' : run.stdout + run.stderr }).toEqual({
    exitCode: 0,
    output: '',
  });
  // Every shipped check, the largest 1.4 million states: about 5 minutes on an idle 2-core
  // machine, over 10 beside the other full-suite files.
}, 1_800_000);
