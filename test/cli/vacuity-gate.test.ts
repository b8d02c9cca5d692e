// The vacuity gate of `ci` (on unless `--no-vacuity-gate`): a step, a fault point, the failing
// outcome of a test with no step of its own (an `if` without `else`, a `while`'s exit, a `for`
// entered with nothing to iterate, an `await` that never had to wait) or a cover that no exhaustive check of its spec reached fails the run, with its line, in the table,
// the JUnit report and the SARIF log; a spec whose expectations reach everything passes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { specWorkspaces } from '../support/spec-workspace.js';

// GO enables A.gone, FAULTS the failure of A.bump; total never exceeds 2, so A.never_step and
// the cover three are out of reach whatever the params.
const SPREAD = `spec spread

param GO: bool = false
param FAULTS: bool = false
shared var total: 0..3 = 0

process A[1] {
  bump: total := total + 1 may fail when FAULTS { total := 0 }
  go: if GO {
    gone: total := 0
  }
  odd: if total > 2 {
    never_step: skip
  }
}

cover three: total == 3

expect base: holds
expect base with GO = true: holds
`;

// Every step, the failure of bump and the cover are reached by one of the two checks.
const REACHED = `spec reached

param FAULTS: bool = false
shared var total: 0..3 = 0

process A[1] {
  bump: total := total + 1 may fail when FAULTS { total := 0 }
  again: total := total + 1
}

cover two: total == 2

expect base: holds
expect base with FAULTS = true: holds
`;

// `low` never fails (total starts at 0, and `low` runs first), `spin` always ends, `forever`
// is never left; `go` fails in base and passes with GO = true.
const BRANCHES = `spec branches

param GO: bool = false
shared var total: 0..3 = 0

process A[1] {
  go: if GO {
    gone: total := 1
  }
  low: if total < 3 {
    bump: total := total + 1
  }
  spin: while total < 3 {
    inc: total := total + 1
  }
  forever: while true {
    wait: await total == 3
  }
}

expect base: holds
expect base with GO = true: holds
`;

const WAITS = readFileSync(join(process.cwd(), 'test/fixtures/waits.cred'), 'utf8');

const workspace = specWorkspaces('credspec-vacuity-');

describe('the vacuity gate of ci', () => {
  test('fails on each place no check reached, with its line, in the table, JUnit and SARIF', async () => {
    const { dir, env } = workspace({ 'spread.cred': SPREAD });
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCi({ dir: 'specs', vacuityGate: true, junit: 'ci.xml', sarif: 'ci.sarif' }, io),
    ).toBe(1);
    const failures = io
      .out()
      .split('\n')
      .filter((l) => l.startsWith('FAIL'));
    expect(failures).toEqual([
      'FAIL specs/spread.cred:8:3: fault point of step A.bump never taken in any of the 2 exhaustive checks of specs/spread.cred',
      'FAIL specs/spread.cred:13:5: step A.never_step never enabled in any of the 2 exhaustive checks of specs/spread.cred',
      'FAIL specs/spread.cred:17:1: cover three never reached in any of the 2 exhaustive checks of specs/spread.cred',
    ]);
    expect(io.out()).toContain(
      '2 checks: 2 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 3 places no check reached',
    );
    const junit = readFileSync(join(dir, 'ci.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="vacuity gate"');
    expect(junit.match(/type="NeverReached"/g)).toHaveLength(3);
    const sarif = JSON.parse(readFileSync(join(dir, 'ci.sarif'), 'utf8'));
    const gate = sarif.runs[0].results.filter(
      (r: { ruleId: string }) => r.ruleId === 'never-reached',
    );
    expect(
      gate.map(
        (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
          r.locations[0]?.physicalLocation.region.startLine,
      ),
    ).toEqual([8, 13, 17]);
  });

  test('passes when the expectations reach every step, fault point and cover', async () => {
    const { dir, env } = workspace({ 'reached.cred': REACHED });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', vacuityGate: true }, io)).toBe(0);
    expect(io.out()).not.toContain('FAIL');
  });

  test('the gate is on by default', async () => {
    const { dir, env } = workspace({ 'spread.cred': SPREAD });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(1);
    expect(io.out()).toContain('3 places no check reached');
  });
});

describe('the vacuity gate on the failing outcomes of tests', () => {
  // The same outcomes on two workers: test/engine/branch-outcomes.test.ts.
  test('an else never taken and a loop never left fail at the test', async () => {
    const { dir, env } = workspace({ 'branches.cred': BRANCHES });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', junit: 'ci.xml' }, io)).toBe(1);
    expect(
      io
        .out()
        .split('\n')
        .filter((l) => l.startsWith('FAIL')),
    ).toEqual([
      'FAIL specs/branches.cred:10:3: branch else of if A.low never taken in any of the 2 exhaustive checks of specs/branches.cred',
      'FAIL specs/branches.cred:16:3: exit of while A.forever never taken (its test never failed) in any of the 2 exhaustive checks of specs/branches.cred',
      'FAIL specs/branches.cred:17:5: await A.wait never had to wait (its condition held whenever a thread reached it) in any of the 2 exhaustive checks of specs/branches.cred',
    ]);
    expect(io.out()).toContain('3 places no check reached');
    const junit = readFileSync(join(dir, 'ci.xml'), 'utf8');
    expect(junit.match(/type="NeverReached"/g)).toHaveLength(3);
  });
});

describe('the vacuity gate on awaits and for loops', () => {
  test('an await never waited at and a for never entered empty fail ci', async () => {
    const { dir, env } = workspace({ 'waits.cred': WAITS });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', junit: 'ci.xml' }, io)).toBe(1);
    expect(
      io
        .out()
        .split('\n')
        .filter((l) => l.startsWith('FAIL')),
    ).toEqual([
      'FAIL specs/waits.cred:19:3: await Waiter.sure never had to wait (its condition held whenever a thread reached it) in any of the 1 exhaustive check of specs/waits.cred',
      'FAIL specs/waits.cred:20:3: for Waiter.each never reached with nothing to iterate in any of the 1 exhaustive check of specs/waits.cred',
    ]);
    expect(io.out()).toContain('2 places no check reached');
    expect(readFileSync(join(dir, 'ci.xml'), 'utf8').match(/type="NeverReached"/g)).toHaveLength(2);
  });

  test('`else unreachable` on an await and a for excuses them; on an await that waits it is a broken mark', async () => {
    const marked = WAITS.replace(
      'sure: await n <= 2',
      'sure: await n <= 2 else unreachable "n never exceeds 2"',
    ).replace(
      '    touch: n := 1\n  }',
      '    touch: n := 1\n  } else unreachable "there is always one setter"',
    );
    const excused = workspace({ 'waits.cred': marked });
    const io = memoryIo({ cwd: excused.dir, env: excused.env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(0);
    expect(
      io
        .out()
        .split('\n')
        .filter((l) => l.includes('marked unreachable (')),
    ).toEqual([
      'ok   specs/waits.cred:19:3: await Waiter.sure never had to wait (its condition held whenever a thread reached it) in any of the 1 exhaustive check of specs/waits.cred; marked unreachable (specs/waits.cred:19:27): "n never exceeds 2"',
      'ok   specs/waits.cred:20:3: for Waiter.each never reached with nothing to iterate in any of the 1 exhaustive check of specs/waits.cred; marked unreachable (specs/waits.cred:22:10): "there is always one setter"',
    ]);
    const wrong = workspace({
      'waits.cred': marked.replace(
        'wait_set: await ready',
        'wait_set: await ready else unreachable "never waits"',
      ),
    });
    const io2 = memoryIo({ cwd: wrong.dir, env: wrong.env });
    expect(await runCi({ dir: 'specs' }, io2)).toBe(1);
    expect(io2.out()).toContain(
      'FAIL specs/waits.cred:18:30: the else of step Waiter.wait_set is marked unreachable ("never waits") but 1 of the 1 exhaustive check of specs/waits.cred took it',
    );
  });
});

describe('the vacuity gate over several checks', () => {
  test('an else one check takes passes, though the other never takes it', async () => {
    const { dir, env } = workspace({ 'branches.cred': BRANCHES });
    const io = memoryIo({ cwd: dir, env });
    await runCi({ dir: 'specs', json: 'out.json' }, io);
    expect(io.out()).not.toContain('A.go ');
    expect(io.out()).not.toContain('A.spin');
    // The check with GO = true never fails `go`: its result file says so. `wait` runs only
    // once total is 3 (one thread): it never waits in either.
    const file = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(
      file.results.map((r: { unreached: { branches?: unknown } }) => r.unreached.branches),
    ).toEqual([
      [
        { step: 'A.low', test: 'if' },
        { step: 'A.forever', test: 'while' },
        { step: 'A.wait', test: 'await' },
      ],
      [
        { step: 'A.go', test: 'if' },
        { step: 'A.low', test: 'if' },
        { step: 'A.forever', test: 'while' },
        { step: 'A.wait', test: 'await' },
      ],
    ]);
  });

  test('with --no-vacuity-gate the same places are warnings and ci passes', async () => {
    const { dir, env } = workspace({ 'spread.cred': SPREAD });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', vacuityGate: false }, io)).toBe(0);
    expect(io.out()).toContain(
      '  warning: step A.never_step never enabled in any of the 2 exhaustive checks of specs/spread.cred (specs/spread.cred:13:5)',
    );
  });
});
