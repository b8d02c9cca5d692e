// `credspec sweep` on a spec small enough to work out by hand: the order sets are checked in
// (threads, then switches on, then declaration order), the smallest set that breaks each
// property with its trace (a property hidden behind another's violation in the same set
// included), the sets that hold, findings against the spec's expectations and the exit code,
// a budget that cuts the sweep off, the thread and set limits, the Markdown table, and the JSON
// report against its schema.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSweepCommand } from '../../src/cli/commands/sweep.js';
import { memoryIo } from '../../src/cli/io.js';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { planSweep, runSweep, setText } from '../../src/sweep/run-sweep.js';
import { summarise } from '../../src/sweep/summary.js';
import { type SpecWorkspace, specWorkspaces } from '../support/spec-workspace.js';
import { schemaValidator } from '../support/schemas.js';

// FAULT lets B add 2 at once: with A's increments the total passes 2 (small) as soon as FAULT is
// on, and passes 3 (few) only with FAULT on and two A threads (1 + 1 + 2). Every search reaches
// total = 3 before total = 4, so at FAULT=true N=2 `small` breaks first and `few` is only found
// when the set is checked again without `small`.
// M changes nothing; it is there so that "fewer switches on" and "declaration order" disagree:
// (M=1, FAULT=false) comes before (M=0, FAULT=true) although FAULT is declared first.
const SWEEPY = `spec sweepy

param FAULT: bool = false
param M: 0..1 = 0
param N: 1..2 = 1
shared var total: 0..5 = 0

process A[N] {
  bump: total := total + 1
}

process B[1] {
  hit: if FAULT {
    twice: total := total + 2
  }
}

invariant small: total <= 2
invariant few: total <= 3

expect base: holds
`;

const workspaces = specWorkspaces('credspec-sweep-');
const workspace = (text: string): SpecWorkspace => workspaces({ 'sweepy.cred': text });

const ORDER = [
  'FAULT=false M=0 N=1',
  'FAULT=false M=1 N=1',
  'FAULT=true M=0 N=1',
  'FAULT=true M=1 N=1',
  'FAULT=false M=0 N=2',
  'FAULT=false M=1 N=2',
  'FAULT=true M=0 N=2',
  'FAULT=true M=1 N=2',
];

describe('credspec sweep', () => {
  test('checks every set smallest first and names the smallest that breaks; a variant expected to hold exits 1', async () => {
    const { dir, env } = workspace(SWEEPY);
    const io = memoryIo({ cwd: dir, env });
    const code = await runSweepCommand(
      { file: 'specs/sweepy.cred', variant: [], json: 'sweep.json' },
      io,
    );
    expect(code).toBe(1);
    const progress = io
      .err()
      .split('\n')
      .filter((l) => l.startsWith('  base '));
    expect(progress).toEqual([
      '  base FAULT=false M=0 N=1: holds',
      '  base FAULT=false M=1 N=1: holds',
      '  base FAULT=true M=0 N=1: breaks small',
      '  base FAULT=true M=1 N=1: breaks small',
      '  base FAULT=false M=0 N=2: holds',
      '  base FAULT=false M=1 N=2: holds',
      '  base FAULT=true M=0 N=2: breaks small, few',
      '  base FAULT=true M=1 N=2: breaks small, few',
    ]);
    expect(io.out()).toContain(
      'base (expected to hold): 4 sets hold, 2 properties break, 0 cut off, 0 failed',
    );
    expect(io.out()).toContain(
      '  small breaks first at FAULT=true M=0 N=1 (2 threads): unexpected',
    );
    expect(io.out()).toContain('  few breaks first at FAULT=true M=0 N=2 (3 threads): unexpected');
    // The trace is check's: B's double step is in it.
    expect(io.out()).toContain('B.twice');
    const report = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    const validate = schemaValidator('sweep');
    expect(validate(report)).toBe(true);
    expect(
      report.variants[0].breaking.map((b: { property: string; params: object }) => [
        b.property,
        b.params,
      ]),
    ).toEqual([
      ['small', { FAULT: true, M: 0, N: 1 }],
      ['few', { FAULT: true, M: 0, N: 2 }],
    ]);
    expect(report.variants[0].breaking[1].changed).toEqual({ FAULT: true, N: 2 });
    expect(report.variants[0].breaking[1].result.property).toBe('few');
    expect(report.variants[0].holds).toHaveLength(4);
    expect(report.variants[0].leftOut).toBe(0);
  });

  test('a variant expected to hold that also has expected breaks: only the other properties are findings', async () => {
    const both = `${SWEEPY}expect base with FAULT = true: violates small\n`;
    const { dir, env } = workspace(both);
    const io = memoryIo({ cwd: dir, env });
    expect(await runSweepCommand({ file: 'specs/sweepy.cred', variant: [], table: true }, io)).toBe(
      1,
    );
    expect(io.out().split('\n')).toEqual([
      '| variant | property | smallest breaking set (changed from the defaults) | threads | verdict | sets holding | cut off | left out |',
      '|---|---|---|---|---|---|---|---|',
      '| base | small | `FAULT=true` | 2 | expected | 4 | 0 | 0 |',
      '| base | few | `FAULT=true N=2` | 3 | **finding** | 4 | 0 | 0 |',
      '',
    ]);
    // With the only finding out of reach (one A thread), the exit code is 0.
    const small = memoryIo({ cwd: dir, env });
    expect(
      await runSweepCommand({ file: 'specs/sweepy.cred', variant: [], maxThreads: 2 }, small),
    ).toBe(0);
    expect(small.out()).toContain(
      'base (expected to hold): 2 sets hold, 1 property breaks, 0 cut off, 0 failed, 4 of the declared sets not checked',
    );
    expect(small.out()).toContain(
      '  small breaks first at FAULT=true M=0 N=1 (2 threads): expected',
    );
  });
});

describe('credspec sweep limits and input', () => {
  test('--max-sets keeps the first sets of each variant in sweep order', async () => {
    const { dir, env } = workspace(SWEEPY);
    const checked = checkProgram(loadSpec('specs/sweepy.cred', { cwd: dir, env }));
    const plan = planSweep(checked, {
      variants: [],
      generatedBy: 'credspec test',
      folder: 'sweepy',
      maxSets: 3,
    });
    if (!plan.ok) throw new Error('the plan failed');
    expect(plan.variants[0]?.cases.map((c) => setText(c.set.params))).toEqual(ORDER.slice(0, 3));
    expect(plan.variants[0]?.declared).toBe(8);
    const [sweep] = await runSweep(plan, 'specs/sweepy.cred', { cwd: dir, env });
    if (sweep === undefined) throw new Error('no variant swept');
    expect(sweep.beyond).toBe(5);
    const summary = summarise(sweep);
    expect(summary.holds.map(setText)).toEqual(ORDER.slice(0, 2));
    expect(summary.breaking.map((b) => `${b.property} ${setText(b.params)}`)).toEqual([
      'small FAULT=true M=0 N=1',
    ]);
  });

  test('a variant expected to break exits 0, and --table prints the Markdown row', async () => {
    const { dir, env } = workspace(
      SWEEPY.replace('expect base: holds', 'expect base with FAULT = true: violates small'),
    );
    const io = memoryIo({ cwd: dir, env });
    expect(await runSweepCommand({ file: 'specs/sweepy.cred', variant: [], table: true }, io)).toBe(
      0,
    );
    expect(io.out().split('\n')).toContain(
      '| base | small | `FAULT=true` | 2 | expected | 4 | 0 | 0 |',
    );
    // No expectation names few: it breaks, but nothing said it holds.
    expect(io.out().split('\n')).toContain(
      '| base | few | `FAULT=true N=2` | 3 | no expectation | 4 | 0 | 0 |',
    );
  });

  test('a spent budget lists the sets not checked as cut off, in sweep order', async () => {
    const { dir, env } = workspace(SWEEPY);
    const checked = checkProgram(loadSpec('specs/sweepy.cred', { cwd: dir, env }));
    const plan = planSweep(checked, {
      variants: [],
      generatedBy: 'credspec test',
      folder: 'sweepy',
    });
    if (!plan.ok) throw new Error('the plan failed');
    expect(plan.variants[0]?.cases.map((c) => setText(c.set.params))).toEqual(ORDER);
    const [sweep] = await runSweep(plan, 'specs/sweepy.cred', { cwd: dir, env, budgetSeconds: 0 });
    if (sweep === undefined) throw new Error('no variant swept');
    const summary = summarise(sweep);
    expect(summary.cutOff.map((c) => `${c.by} ${setText(c.params)}`)).toEqual(
      ORDER.map((s) => `budget ${s}`),
    );
    expect(summary.holds).toEqual([]);
  });

  test('an unknown variant is bad input', async () => {
    const { dir, env } = workspace(SWEEPY);
    const io = memoryIo({ cwd: dir, env });
    expect(await runSweepCommand({ file: 'specs/sweepy.cred', variant: ['nope'] }, io)).toBe(2);
    expect(io.err()).toContain('no variant `nope`');
  });
});
