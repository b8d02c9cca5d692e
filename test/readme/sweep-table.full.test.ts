// The README's sweep table is what `npm run sweep-table` produces today: the shipped specs swept
// with the work budget of src/sweep/readme-table.ts (the first sets of each variant, a state
// limit per check), which makes the table the same on any machine. Runs the built command
// (bin/credspec.js over dist/): after changing src/, `npm run build` first.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  extractSweepSection,
  readmeSweepArgs,
  renderSweepSection,
} from '../../src/sweep/readme-table.js';
import { ROOT, requireBuiltCli, runBuiltCli } from '../support/built-cli.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

test('the README sweep table matches fresh sweeps of the shipped specs', async () => {
  requireBuiltCli();
  const home = scratch('credspec-sweep-readme-');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, CI: 'true', HOME: home };
  const specs = readdirSync(join(ROOT, 'specs'))
    .filter((f) => f.endsWith('.cred'))
    .sort()
    .map((f) => `specs/${f}`);
  const tables = [];
  for (const spec of specs) {
    const run = await runBuiltCli(readmeSweepArgs(spec), env);
    // 0: nothing unexpected; 1: a finding, which the table shows. Bad input or a failed engine is neither.
    expect({ spec, code: run.code === 0 || run.code === 1 ? 'ran' : run.code, err: '' }).toEqual({
      spec,
      code: 'ran',
      err: run.code === 0 || run.code === 1 ? '' : run.stderr,
    });
    tables.push({ spec, table: run.stdout });
  }
  const fresh = renderSweepSection(tables);
  const committed = extractSweepSection(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  if (committed === null)
    throw new Error("README.md has no sweep table between the table's markers");
  if (committed !== fresh)
    throw new Error(
      `README.md's sweep table is stale: run \`npm run sweep-table\`.\nExpected:\n${fresh}`,
    );
  // About 4 minutes of CPU (14 minutes on a loaded 2-core machine); the README states the budget.
}, 3_600_000);
