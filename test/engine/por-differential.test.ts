// Partial-order reduction (`--por`, src/engine/search/por/) against the plain search on random
// small specs written in the language (por-random-specs.ts): the verdicts must agree, the
// reduced search may only find fewer states, and every counterexample it reports must replay on
// the module. por-differential.full.test.ts runs ten times as many specs.

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
import { scratchDirs } from '../support/scratch-dirs.js';
import { bothWays, specText } from './por-random-specs.js';

const scratch = scratchDirs();

describe('--por against the plain search', () => {
  it('agrees on the verdict of random small specs and its traces replay', async () => {
    await fc.assert(fc.asyncProperty(specText, bothWays), { numRuns: 60, seed: 16 });
  }, 600_000);

  it('takes a step that may fail an assertion alone when only its own thread meets it', async () => {
    const text = [
      'spec asserts',
      'process P[3] {',
      '  var t: 0..3 = 0',
      '  a: t := 1',
      '  b: assert t == 1, "set"',
      '}',
    ].join('\n');
    const { plain, reduced } = await plainAndReduced('asserts', text);
    expect([plain.verdict, reduced.verdict]).toEqual(['holds', 'holds']);
    expect([plain.stats.distinctStates, reduced.stats.distinctStates]).toEqual([27, 11]);
  });

  it('finds fewer states on independent threads and still the same deadlock', async () => {
    const text = [
      'spec ind',
      'process P[3] {',
      '  var t: 0..3 = 0',
      '  a: t := 1',
      '  b: t := 2',
      '  c: await t == 0',
      '}',
    ].join('\n');
    const { plain, reduced } = await plainAndReduced('ind', text);
    expect([plain.verdict, reduced.verdict]).toEqual(['deadlock', 'deadlock']);
    expect(plain.stats.distinctStates).toBe(27);
    expect(reduced.stats.distinctStates).toBeLessThan(10);
  });
});

/** Checks a spec's default case twice: without and with the reduction --por plans for it. */
async function plainAndReduced(name: string, text: string) {
  const dir = scratch(`por-${name}`);
  const file = join(dir, `${name}.cred`);
  writeFileSync(file, text);
  const program = loadSpec(file, { cwd: dir, env: process.env });
  const checked = checkProgram(program);
  const c = checkCases(program, { variants: [], params: [] }).cases[0];
  if (c === undefined) throw new Error('no case');
  const built = buildCase(checked, c, 'credspec test');
  if (!built.ok) throw new Error('does not build');
  const { module: tla, config } = built.built.emitted;
  const plain = await explore(interpretModule(tla, config), config);
  const exe = interpretModule(tla, config);
  const plan = porPlan(tla, exe);
  if (plan.kind !== 'reduce') throw new Error(plan.why);
  const reduced = await explore(exe, config, { ample: plan.ample });
  return { plain, reduced };
}
