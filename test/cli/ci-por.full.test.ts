// `credspec ci --por` in process on a shipped spec, the full suite's part of ci-por.test.ts:
// partial-order reduction keeps every expectation (holds and the named violations).

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { ROOT } from './locked-spec.js';

const scratch = scratchDirs();

describe('credspec ci --por', () => {
  test('every expectation of exectime.cred holds as without it', async () => {
    const dir = scratch('credspec-ci-por-');
    mkdirSync(join(dir, 'specs'));
    copyFileSync(join(ROOT, 'specs', 'exectime.cred'), join(dir, 'specs', 'exectime.cred'));
    const env = {
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      CI: 'true',
      CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
      CREDSPEC_INTERPRET: '1',
    };
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', por: true }, io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(
      /^ok {3}\[E-1\] specs\/exectime\.cred nnp_unless_cap .*: violates ex_nnp_sticky, expected violates ex_nnp_sticky;/m,
    );
    expect(out).toMatch(/(\d+) checks: \1 as expected, 0 not as expected/);
  }, 600_000);
});
