// The option parser fuzzed through processes of the built CLI, a few vectors (a node start each;
// option-parser-fuzz.ts says what is checked, option-parser.fuzz.test.ts runs many in process).

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { join } from 'node:path';
import { argv, expectWellBehaved, fuzzFolder, REPO, SEED } from './option-parser-fuzz.js';

const folder = fuzzFolder();

test('any argument vector, as a process of the built CLI: the same', () => {
  fc.assert(
    fc.property(argv, (args) => {
      const { dir, env } = folder();
      const r = spawnSync(
        process.execPath,
        [join(REPO, 'bin', 'credspec.js'), ...args.filter((a) => !a.includes('\u0000'))],
        { cwd: dir, env, encoding: 'utf8', timeout: 60_000 },
      );
      expectWellBehaved(args, r.status, r.stdout, r.stderr);
    }),
    { seed: SEED + 1, numRuns: 12 },
  );
}, 240_000);
