// `unreachable "reason"`: a place the spec marks is excused by `ci --vacuity-gate` (an ok line
// with the reason, a skipped JUnit case, a SARIF result suppressed in source); a marked place an
// exhaustive check does reach fails `ci` at the mark, gate or not; a mark without a reason, or
// where no check counts a place, is a checker error.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { lintInWorkspace, specWorkspaces } from '../support/spec-workspace.js';

// total never exceeds 2 and FAULTS is never switched on: A.never_step, the failure of A.bump,
// the whole step A.reset (and so its failure) and the cover three are out of reach.
const body = (marks: { step: string; fault: string; reset: string; cover: string }): string =>
  `spec spread

param FAULTS: bool = false
shared var total: 0..3 = 0

process A[1] {
  bump: total := total + 1 may fail when FAULTS ${marks.fault}{ total := 0 }
  odd: if total > 2 {
    ${marks.step}never_step: skip
    ${marks.reset}reset: total := 0 may fail { total := 1 }
  }
}

${marks.cover}cover three: total == 3

expect base: holds
`;

const UNMARKED = body({ step: '', fault: '', reset: '', cover: '' });
const MARKED = body({
  step: 'unreachable "total stays below 3" ',
  fault: 'unreachable "no expectation switches FAULTS on" ',
  reset: 'unreachable "inside odd as well" ',
  cover: 'unreachable "total never exceeds 2"\n',
});

// `bump` runs in every check, yet it is marked.
const FALSE_MARK = `spec lying

shared var total: 0..3 = 0

process A[1] {
  unreachable "claimed, but every check runs it"
  bump: total := total + 1
}

expect base: holds
`;

// `low` never fails (total is 0 when it runs): its else is rightly marked; `spin` always ends,
// so the mark on its exit is false.
const ELSE_MARKS = `spec elses

shared var total: 0..3 = 0

process A[1] {
  low: if total < 3 {
    bump: total := total + 1
  } else unreachable "low runs first, with total at 0"
  spin: while total < 3 {
    inc: total := total + 1
  } else unreachable "claimed, but spin always ends"
}

expect base: holds
`;

const workspace = specWorkspaces('credspec-unreachable-');

const gateLines = (out: string): string[] =>
  out.split('\n').filter((l) => /^(FAIL |ok {3})specs\/\w+\.cred:\d+:\d+: /.test(l));

describe('ci --vacuity-gate and unreachable marks', () => {
  test('an unmarked place no check reached fails the gate', async () => {
    const { dir, env } = workspace({ 'spread.cred': UNMARKED });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', vacuityGate: true }, io)).toBe(1);
    expect(gateLines(io.out())).toContain(
      'FAIL specs/spread.cred:9:5: step A.never_step never enabled in any of the 1 exhaustive check of specs/spread.cred',
    );
    expect(io.out()).toContain('  warning: cover three: never reached (specs/spread.cred:14:1)\n');
  });

  test('marked places are excused with their reasons, in the table and JUnit, and are no SARIF alert', async () => {
    const { dir, env } = workspace({ 'spread.cred': MARKED });
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCi({ dir: 'specs', vacuityGate: true, junit: 'ci.xml', sarif: 'ci.sarif' }, io),
    ).toBe(0);
    expect(gateLines(io.out())).toEqual([
      'ok   specs/spread.cred:7:3: fault point of step A.bump never taken in any of the 1 exhaustive check of specs/spread.cred; marked unreachable (specs/spread.cred:7:49): "no expectation switches FAULTS on"',
      'ok   specs/spread.cred:9:39: step A.never_step never enabled in any of the 1 exhaustive check of specs/spread.cred; marked unreachable (specs/spread.cred:9:5): "total stays below 3"',
      'ok   specs/spread.cred:10:38: step A.reset never enabled in any of the 1 exhaustive check of specs/spread.cred; marked unreachable (specs/spread.cred:10:5): "inside odd as well"',
      // A step's mark covers its fault point: never taken when the step is never enabled.
      'ok   specs/spread.cred:10:38: fault point of step A.reset never taken in any of the 1 exhaustive check of specs/spread.cred; marked unreachable (specs/spread.cred:10:5): "inside odd as well"',
      'ok   specs/spread.cred:15:1: cover three never reached in any of the 1 exhaustive check of specs/spread.cred; marked unreachable (specs/spread.cred:14:1): "total never exceeds 2"',
    ]);
    // The result's own line for the cover is a note with the reason, not a warning.
    expect(io.out()).toContain(
      '  note: cover three: never reached (specs/spread.cred:15:1); marked unreachable: "total never exceeds 2"\n',
    );
    expect(io.out()).toContain(
      '1 checks: 1 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 5 marked unreachable',
    );
    const junit = readFileSync(join(dir, 'ci.xml'), 'utf8');
    expect(junit).toContain(
      '<testsuite name="vacuity gate" tests="5" failures="0" errors="0" skipped="5">',
    );
    expect(junit).toContain('"total never exceeds 2"');
    const sarif = JSON.parse(readFileSync(join(dir, 'ci.sarif'), 'utf8'));
    // Excused places are as expected: code scanning gets no alert for them.
    expect(sarif.runs[0].results).toEqual([]);
  });

  test('a marked place a check reaches fails ci at the mark, with the gate and without it', async () => {
    for (const vacuityGate of [true, false]) {
      const { dir, env } = workspace({ 'lying.cred': FALSE_MARK });
      const io = memoryIo({ cwd: dir, env });
      expect(await runCi({ dir: 'specs', vacuityGate, sarif: 'ci.sarif' }, io)).toBe(1);
      expect(gateLines(io.out())).toEqual([
        'FAIL specs/lying.cred:6:3: step A.bump is marked unreachable ("claimed, but every check runs it") but 1 of the 1 exhaustive check of specs/lying.cred enabled it',
      ]);
      expect(io.out()).toContain(', 1 unreachable mark reached');
      const sarif = JSON.parse(readFileSync(join(dir, 'ci.sarif'), 'utf8'));
      expect(
        sarif.runs[0].results
          .filter((r: { ruleId: string }) => r.ruleId === 'unreachable-reached')
          .map(
            (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
              r.locations[0]?.physicalLocation.region.startLine,
          ),
      ).toEqual([6]);
    }
  });
});

describe('else unreachable on a test', () => {
  test('excuses an else never taken, and fails at a mark whose else a check took', async () => {
    const { dir, env } = workspace({ 'elses.cred': ELSE_MARKS });
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs' }, io)).toBe(1);
    expect(gateLines(io.out())).toEqual([
      'ok   specs/elses.cred:6:3: branch else of if A.low never taken in any of the 1 exhaustive check of specs/elses.cred; marked unreachable (specs/elses.cred:8:10): "low runs first, with total at 0"',
      'FAIL specs/elses.cred:11:10: the else of step A.spin is marked unreachable ("claimed, but spin always ends") but 1 of the 1 exhaustive check of specs/elses.cred took it',
    ]);
    expect(io.out()).toContain('1 marked unreachable, 1 unreachable mark reached');
  });
});

describe('the checker on unreachable marks', () => {
  const lint = (text: string) => lintInWorkspace(workspace, text);

  test('a mark without a reason is CS4020 at the mark', async () => {
    const { code, lines } = await lint(`spec m
shared var n: 0..2 = 0
process A[1] {
  unreachable "  " s: n := 1
}
unreachable ""
cover two: n == 2
`);
    expect(code).toBe(2);
    expect(lines).toEqual([
      'specs/m.cred:4:3: error CS4020: an `unreachable` mark needs a reason: say why no check reaches this place',
      'specs/m.cred:6:1: error CS4020: an `unreachable` mark needs a reason: say why no check reaches this place',
    ]);
  });

  test('a mark where no check counts a place is CS4021 at the mark', async () => {
    const { code, lines } = await lint(`spec m
shared var n: 0..2 = 0
macro bump(x) {
  x := x + 1 may fail unreachable "never" { x := 0 }
}
process A[1] {
  atomic {
    unreachable "inside" n := 1
  }
  t: n := 0 may fail { unreachable "handler" n := 1 }
  loop: while n < 2 {
    unreachable "not a step" break
  }
  u: bump(n)
}
`);
    expect(code).toBe(2);
    const tail = ': the vacuity gate counts steps, fault points and covers';
    expect(lines).toEqual([
      `specs/m.cred:4:23: error CS4021: \`unreachable\` cannot mark the failure of a fault point inside a macro body${tail}`,
      `specs/m.cred:8:5: error CS4021: \`unreachable\` cannot mark a statement inside an \`atomic\` block${tail}`,
      `specs/m.cred:10:24: error CS4021: \`unreachable\` cannot mark a statement inside a fault handler${tail}`,
      `specs/m.cred:12:5: error CS4021: \`unreachable\` cannot mark \`break\`, which is not a step${tail}`,
    ]);
  });

  test('an else mark on a test inside an atomic block is CS4021 at the mark', async () => {
    const { code, lines } = await lint(`spec m
shared var n: 0..2 = 0
process A[1] {
  s: atomic {
    if n < 2 { n := n + 1 } else unreachable "inside"
  }
}
`);
    expect(code).toBe(2);
    expect(lines).toEqual([
      'specs/m.cred:5:34: error CS4021: `unreachable` cannot mark the else of an `if` inside an `atomic` block: the vacuity gate counts steps, fault points and covers',
    ]);
  });

  test('an else mark on a for or an await inside an atomic block is CS4021 at the mark', async () => {
    const { code, lines } = await lint(`spec m
shared var n: 0..2 = 0
thread var m: 0..1 = 0
process A[1] {
  s: atomic {
    await n < 3 else unreachable "always"
    for t in snapshot A { m[t] := 1 } else unreachable "one thread"
  }
}
`);
    expect(code).toBe(2);
    expect(lines).toEqual([
      'specs/m.cred:6:22: error CS4021: `unreachable` cannot mark the else of an `await` inside an `atomic` block: the vacuity gate counts steps, fault points and covers',
      'specs/m.cred:7:44: error CS4021: `unreachable` cannot mark the else of a `for` inside an `atomic` block: the vacuity gate counts steps, fault points and covers',
    ]);
  });

  test('among the declarations a mark stands only before a cover: CS1043 at the mark', async () => {
    const { code, lines } = await lint(`spec m
shared var n: 0..2 = 0
process A[1] {
  s: n := 1
}
unreachable "n stays below 3"
invariant small: n < 3
unreachable "n never reaches 2"
cover two: n == 2
unreachable "left over"
`);
    expect(code).toBe(2);
    expect(lines).toEqual([
      'specs/m.cred:6:1: error CS1043: `unreachable` at the top level marks a `cover`; here it stands before `invariant`',
      'specs/m.cred:10:1: error CS1043: `unreachable` at the top level marks a `cover`; here it stands before the end of the file',
    ]);
  });
});
