// Random small specs written in the language (a few threads, shared and thread-local variables,
// a spinlock, awaits, assertions and an invariant) and the comparison of `--por` with the plain
// search on one of them: the verdicts must agree, the reduced search may only find fewer
// states, and every counterexample it reports must replay on the module. Shared by
// por-differential.test.ts and its longer run, por-differential.full.test.ts.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkProgram } from '../../src/check/check.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { buildCase } from '../../src/emit/build-case.js';
import { checkCases } from '../../src/emit/cases.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { explore } from '../../src/engine/search/explore.js';
import { porPlan } from '../../src/engine/search/por/plan.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

const step = (vars: number): fc.Arbitrary<string> => {
  const g = fc.integer({ min: 0, max: vars - 1 }).map((i) => `g${i}`);
  const c = fc.integer({ min: 0, max: 2 });
  return fc.oneof(
    g.map((x) => `t := ${x}`),
    fc.tuple(g, c).map(([x, k]) => `${x} := ${k}`),
    g.map((x) => `if t < 3 { ${x} := t + 1 } else { skip }`),
    fc.tuple(g, c).map(([x, k]) => `await ${x} != ${k}`),
    fc.tuple(g, c).map(([x, k]) => `assert ${x} != ${k} || t == 0, "odd"`),
    fc.constant('spin_lock(m)'),
    fc.constant('spin_unlock(m)'),
    c.map((k) => `t := ${k}`),
    fc.tuple(g, g).map(([x, y]) => `atomic { ${x} := t; ${y} := 0 }`),
  );
};

const processDecl = (vars: number, name: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 1, max: 2 }), fc.array(step(vars), { minLength: 1, maxLength: 4 }))
    .map(
      ([n, steps]) =>
        `process ${name}[${n}] {\n  var t: 0..3 = 0\n${steps.map((s, i) => `  ${name.toLowerCase()}${i}: ${s}`).join('\n')}\n}\n`,
    );

/** A random spec's text. */
export const specText: fc.Arbitrary<string> = fc.integer({ min: 1, max: 3 }).chain((vars) =>
  fc
    .tuple(
      processDecl(vars, 'P'),
      fc.option(processDecl(vars, 'Q'), { nil: undefined }),
      fc.option(fc.tuple(fc.integer({ min: 0, max: vars - 1 }), fc.integer({ min: 1, max: 3 })), {
        nil: undefined,
      }),
    )
    .map(([p, q, inv]) =>
      [
        'spec r',
        'import kernel',
        ...Array.from({ length: vars }, (_, i) => `shared var g${i}: 0..3 = 0`),
        'shared var m: Spinlock = SPINLOCK_INIT',
        p,
        q ?? '',
        inv === undefined ? '' : `invariant low: g${inv[0]} < ${inv[1]}`,
      ].join('\n'),
    ),
);

export async function bothWays(text: string): Promise<void> {
  const dir = scratch('por-diff');
  const file = join(dir, 'r.cred');
  writeFileSync(file, text);
  const program = loadSpec(file, { cwd: dir, env: process.env });
  const checked = checkProgram(program);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return;
  const c = checkCases(program, { variants: [], params: [] }).cases[0];
  if (c === undefined) return;
  const built = buildCase(checked, c, 'credspec test');
  if (!built.ok) return;
  const { module: tla, config } = built.built.emitted;
  const plain = await explore(interpretModule(tla, config), config, { maxStates: 50_000 });
  const exe = interpretModule(tla, config);
  const plan = porPlan(tla, exe);
  if (plan.kind !== 'reduce') throw new Error(plan.why);
  const reduced = await explore(exe, config, { maxStates: 50_000, ample: plan.ample });
  expect({ text, verdict: reduced.verdict }).toEqual({ text, verdict: plain.verdict });
  // Whole states in the visited set take no fingerprint from the ample-set check: the same
  // states must be found, so the fingerprints reused from that check are the states' own.
  const exactPlan = porPlan(tla, exe);
  if (exactPlan.kind !== 'reduce') throw new Error(exactPlan.why);
  const exact = await explore(exe, config, {
    maxStates: 50_000,
    ample: exactPlan.ample,
    exact: true,
  });
  expect({
    text,
    states: exact.stats.distinctStates,
    generated: exact.stats.statesGenerated,
  }).toEqual({
    text,
    states: reduced.stats.distinctStates,
    generated: reduced.stats.statesGenerated,
  });
  // A search that stops at a violation may meet states in another order; a full one finds no more.
  if (plain.verdict === 'holds')
    expect(reduced.stats.distinctStates).toBeLessThanOrEqual(plain.stats.distinctStates);
  if (reduced.trace !== null && (reduced.verdict === 'violated' || reduced.verdict === 'deadlock'))
    expect(
      replayTrace(exe, reduced.trace, {
        loopsBackTo: null,
        stuttering: false,
        property: reduced.property,
        deadlock: reduced.verdict === 'deadlock',
      }),
    ).toEqual([]);
}
