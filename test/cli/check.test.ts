// `credspec check` in process, on small specs in a temporary folder: the verdicts and counts a
// user reads and the exit codes. The trace and result file of a violation are in
// check-violation.test.ts, `credspec ci` in ci.test.ts; the seeded simulation of a shipped spec
// (tens of seconds) in check.full.test.ts.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { lockedWorkspace } from './locked-spec.js';

const scratch = scratchDirs();
const workspace = () => lockedWorkspace(scratch);

describe('credspec check', () => {
  test('a holding variant: exit 0, one line with TLC-meaning counts', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: ['base'], param: [] }, io),
    ).toBe(0);
    expect(io.out()).toMatch(
      /^specs\/locked\.cred base: holds {2}\(\d+ distinct states, \d+ generated, depth \d+, [0-9.]+ s\)$/m,
    );
  });

  test('--param changes the model; an unknown variant or parameter is bad input (exit 2)', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['base'], param: ['THREADS=3'] },
        io,
      ),
    ).toBe(0);
    expect(io.out()).toContain('base (THREADS=3): holds');
    const bad = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/locked.cred'], variant: ['v9'], param: [] }, bad)).toBe(
      2,
    );
    expect(bad.err()).toContain(
      'specs/locked.cred:1:6: error CS5016: no variant `v9` in this spec (it has: base, racy)',
    );
    const badParam = memoryIo({ cwd: dir, env });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: [], param: ['NOPE=1'] }, badParam),
    ).toBe(2);
    expect(badParam.err()).toContain('CS5006');
    // A value out of range is one mistake, said once for all the variants it applies to.
    const outOfRange = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: [], param: ['THREADS=7'] },
        outOfRange,
      ),
    ).toBe(2);
    expect(outOfRange.err().match(/CS5007/g)).toHaveLength(1);
    expect(outOfRange.err()).toContain('value 7 does not fit param `THREADS` of type 1..3');
  });

  test('a state limit ends inconclusive (exit 4) with the statistics so far', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCheck(
        { inputs: ['specs/locked.cred'], variant: ['base'], param: ['THREADS=3'], maxStates: 3 },
        io,
      ),
    ).toBe(4);
    expect(io.out()).toMatch(/base \(THREADS=3\): inconclusive {2}\([3-9]\d* distinct states/);
  });

  test('a module that cannot be evaluated: exit 3, the error names the expression and the step it came from', async () => {
    const { dir, env } = workspace();
    writeFileSync(
      join(dir, 'specs', 'evalerr.cred'),
      'spec evalerr\nshared var m: map<0..2, bool> = [ i in 0..2 |-> false ]\nshared var k: 0..5 = 0\nshared var v: bool = false\nprocess P[1] {\n  pick: k := 4\n  read: v := m[k]\n}\n',
    );
    const io = memoryIo({ cwd: dir, env });
    expect(await runCheck({ inputs: ['specs/evalerr.cred'], variant: [], param: [] }, io)).toBe(3);
    expect(io.out()).toContain(
      'error: an index outside the keys of the map or sequence: `m[k]` at specs/evalerr.cred:7:14; ' +
        'm is [0 |-> false, 1 |-> false, 2 |-> false]; k is 4 (in step P.read, specs/evalerr.cred:7:3, thread p1)',
    );
  });

  test('--engine tlc with no Java or jar: exit 3 and one paragraph saying what to do', async () => {
    const { dir, env } = workspace();
    const io = memoryIo({
      cwd: dir,
      env: { ...env, PATH: '/nonexistent', JAVA_HOME: '/nonexistent' },
    });
    expect(
      await runCheck({ inputs: ['specs/locked.cred'], variant: [], param: [], engine: 'tlc' }, io),
    ).toBe(3);
    expect(io.err()).toMatch(/embedded engine/);
    expect(io.out()).toBe('');
  });
});
