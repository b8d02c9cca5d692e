// `--por` against the plain search on 600 random small specs (por-random-specs.ts) from a seed
// that changes with every run, ten times what por-differential.test.ts checks on every test run.

import fc from 'fast-check';
import { bothWays, specText } from './por-random-specs.js';

test('--por agrees with the plain search on 600 random specs from a fresh seed', async () => {
  await fc.assert(fc.asyncProperty(specText, bothWays), { numRuns: 600 });
}, 3_600_000);
