// `sweep` blocks on a spec small enough to work out by hand (test/sweep/sweep.test.ts has the
// same model): the block without a variant narrows every variant, a variant's own block wins
// param by param, a variant an exhaustive expectation says breaks goes on past --max-sets until
// that break, and the checker's errors on bad blocks, with their positions.

import { runCli } from '../../src/cli/commands/main.js';
import { runSweepCommand } from '../../src/cli/commands/sweep.js';
import { memoryIo } from '../../src/cli/io.js';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { planSweep, runSweep, setText } from '../../src/sweep/run-sweep.js';
import { summarise } from '../../src/sweep/summary.js';
import { type SpecWorkspace, specWorkspaces } from '../support/spec-workspace.js';

// As in sweep.test.ts: `small` (total <= 2) breaks as soon as FAULT is on, `few` (total <= 3)
// only with FAULT on and N = 2. The block without a variant keeps N at 1, so base never meets
// `few`; racy's block opens N again, and calm's fixes M at 1 and keeps N = 1 from the first.
const BLOCKY = `spec blocky

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

variant racy {
  param M = 0
}

variant calm {
  param M = 0
}

expect base: holds
expect racy with FAULT = true, N = 2: violates few

sweep { N = 1 }
sweep racy { N in 1..2 }
sweep calm { M in {1} }
`;

const workspaces = specWorkspaces('credspec-sweep-block-');
const workspace = (text: string): SpecWorkspace => workspaces({ 'blocky.cred': text });

test('narrow each variant; a variant expected to break goes on past --max-sets to its first break', async () => {
  const { dir, env } = workspace(BLOCKY);
  const checked = checkProgram(loadSpec('specs/blocky.cred', { cwd: dir, env }));
  const plan = planSweep(checked, {
    variants: [],
    generatedBy: 'credspec test',
    folder: 'blocky',
    maxSets: 1,
  });
  if (!plan.ok) throw new Error('the plan failed');
  const planned = Object.fromEntries(
    plan.variants.map((v) => [v.variant, v.cases.map((c) => setText(c.set.params))]),
  );
  expect(planned).toEqual({
    base: ['FAULT=false M=0 N=1'],
    racy: [
      'FAULT=false M=0 N=1',
      'FAULT=false M=1 N=1',
      'FAULT=true M=0 N=1',
      'FAULT=true M=1 N=1',
      'FAULT=false M=0 N=2',
      'FAULT=false M=1 N=2',
      'FAULT=true M=0 N=2',
      'FAULT=true M=1 N=2',
    ],
    calm: ['FAULT=false M=1 N=1'],
  });
  const sweeps = await runSweep(plan, 'specs/blocky.cred', { cwd: dir, env });
  const racy = sweeps.find((s) => s.variant === 'racy');
  if (racy === undefined) throw new Error('racy was not swept');
  // The first set is the core; the rest are checked until `few` breaks at the seventh.
  expect(racy.outcomes.map((o) => setText(o.set.params))).toEqual(planned.racy?.slice(0, 7) ?? []);
  expect(racy.beyond).toBe(1);
  const summary = summarise(racy);
  expect(summary.breaking.map((b) => `${b.property} ${setText(b.params)}`)).toEqual([
    'small FAULT=true M=0 N=1',
    'few FAULT=true M=0 N=2',
  ]);
  expect(summary.holds.map(setText)).toEqual([
    'FAULT=false M=0 N=1',
    'FAULT=false M=1 N=1',
    'FAULT=false M=0 N=2',
    'FAULT=false M=1 N=2',
  ]);
  expect(sweeps.map((s) => [s.variant, s.outcomes.length, s.beyond])).toEqual([
    ['base', 1, 7],
    ['racy', 7, 1],
    ['calm', 1, 7],
  ]);
});

test('the table of a sweep over the narrowed ranges', async () => {
  const { dir, env } = workspace(BLOCKY);
  const io = memoryIo({ cwd: dir, env });
  // base breaks `small` within its block while an expectation says it holds: a finding.
  expect(await runSweepCommand({ file: 'specs/blocky.cred', variant: [], table: true }, io)).toBe(
    1,
  );
  expect(io.out().split('\n')).toEqual([
    '| variant | property | smallest breaking set (changed from the defaults) | threads | verdict | sets holding | cut off | left out |',
    '|---|---|---|---|---|---|---|---|',
    '| base | small | `FAULT=true` | 2 | **finding** | 2 | 0 | 4 |',
    '| racy | small | `FAULT=true` | 2 | no expectation | 4 | 0 | 0 |',
    '| racy | few | `FAULT=true N=2` | 3 | expected | 4 | 0 | 0 |',
    '| calm | small | `FAULT=true M=1` | 2 | no expectation | 1 | 0 | 6 |',
    '',
  ]);
});

test('the checker refuses unknown params and variants, values outside the range, wrong types, empty ranges and duplicates', async () => {
  const bad = BLOCKY.replace(
    'sweep calm { M in {1} }\n',
    [
      'sweep calm { M in {1}, Q = 1 }',
      'sweep racy { N in 0..3, M in 1 }',
      'sweep nope { N = 1 }',
      'sweep { FAULT in 0..1  M in 1..0  N = true  N = 2  M in FAULT }',
      '',
    ].join('\n'),
  );
  const { dir, env } = workspace(bad);
  const io = memoryIo({ cwd: dir, env });
  expect(await runCli(['check', 'specs/blocky.cred'], io)).toBe(2);
  const errors = io
    .err()
    .split('\n')
    .filter((l) => l.includes(' error '));
  expect(errors).toEqual([
    'specs/blocky.cred:34:24: error CS5006: unknown param `Q`',
    'specs/blocky.cred:35:7: error CS5026: a second `sweep` block for variant `racy`',
    'specs/blocky.cred:35:19: error CS5007: value 0 does not fit param `N` of type 1..2',
    'specs/blocky.cred:35:22: error CS5007: value 3 does not fit param `N` of type 1..2',
    'specs/blocky.cred:35:30: error CS5025: the sweep values of param `M` must be a range `lo..hi`, a set `{a, b}` or `= value`',
    'specs/blocky.cred:36:7: error CS5001: unknown variant `nope`',
    'specs/blocky.cred:37:1: error CS5026: a second `sweep` block for every variant',
    'specs/blocky.cred:37:18: error CS5007: value 0 does not fit param `FAULT` of type bool',
    'specs/blocky.cred:37:21: error CS5007: value 1 does not fit param `FAULT` of type bool',
    'specs/blocky.cred:37:29: error CS5027: the sweep values of param `M` are empty',
    'specs/blocky.cred:37:39: error CS5007: value true does not fit param `N` of type 1..2',
    'specs/blocky.cred:37:45: error CS5014: param `N` is set twice',
    'specs/blocky.cred:37:52: error CS5014: param `M` is set twice',
  ]);
});
