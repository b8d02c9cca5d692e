// Property-based agreement of compiled code and the interpreter: random small expressions
// (integers, booleans, sets, sequences, functions, records, EXCEPT, CHOOSE, CASE, LET) and random
// action formulas (assignments, `\in`, UNCHANGED, guards, junctions, \E and \A, IF), evaluated both ways
// from every initial state: the same successors in the same order, or the same error.

import fc from 'fast-check';
import { constantBindings } from '../../../src/engine/evaluation/constants.js';
import { interpretModule } from '../../../src/engine/evaluation/interpret.js';
import type { ExecutableModule, State } from '../../../src/engine/evaluation/module-api.js';
import { formatValue } from '../../../src/engine/values/values.js';
import { printExpr } from '../../../src/tla/print.js';
import type { TlaDef, TlaExpr, TlaModule, TlcConfig } from '../../../src/tla/tla-ast.js';
import { loadFresh } from './compiled-fixtures.js';
import { actions, exprs, N, V } from './random-tla.js';

const values = [
  ...fc.sample(exprs.int, { seed: 7, numRuns: 150 }),
  ...fc.sample(exprs.bool, { seed: 8, numRuns: 100 }),
  ...fc.sample(exprs.fcn, { seed: 9, numRuns: 40 }),
  ...fc.sample(exprs.rec, { seed: 10, numRuns: 30 }),
];
const acts = fc.sample(actions, { seed: 11, numRuns: 200 });

function buildModule(): {
  module: TlaModule;
  config: TlcConfig;
  cases: { name: string; text: string }[];
} {
  const defs: TlaDef[] = [];
  const cases: { name: string; text: string }[] = [];
  const d = (name: string, body: TlaExpr): void => {
    defs.push({ kind: 'TlaDef', name, params: [], body, comment: [], origin: undefined });
  };
  const init: TlaExpr = {
    kind: 'TlaJunction',
    op: '/\\',
    items: [
      {
        kind: 'TlaBinary',
        op: '\\in',
        left: V('x'),
        right: { kind: 'TlaBinary', op: '..', left: N(-1), right: N(2) },
      },
      {
        kind: 'TlaBinary',
        op: '\\in',
        left: V('y'),
        right: { kind: 'TlaSetEnum', elements: [N(1), N(3)] },
      },
    ],
  };
  d('Init', init);
  const keepY: TlaExpr = { kind: 'TlaUnchanged', variables: ['y'] };
  values.forEach((e, i) => {
    // A value becomes an action: it is assigned to y (and x is kept).
    d(`Val${i}`, {
      kind: 'TlaJunction',
      op: '/\\',
      items: [
        { kind: 'TlaBinary', op: '=', left: { kind: 'TlaPrimed', name: 'y' }, right: e },
        { kind: 'TlaUnchanged', variables: ['x'] },
      ],
    });
    cases.push({ name: `Val${i}`, text: printExpr(e) });
  });
  acts.forEach((e, i) => {
    d(`Act${i}`, { kind: 'TlaJunction', op: '/\\', items: [e, keepY] });
    cases.push({ name: `Act${i}`, text: printExpr(e) });
  });
  const names = cases.map((c) => c.name);
  d('Next', { kind: 'TlaJunction', op: '\\/', items: names.map((n) => V(n)) });
  d('Spec', {
    kind: 'TlaJunction',
    op: '/\\',
    items: [V('Init'), { kind: 'TlaBoxAction', action: V('Next'), vars: 'vars' }],
  });
  const module: TlaModule = {
    kind: 'TlaModule',
    name: 'RandomExprs',
    header: [],
    extends: ['Integers', 'Sequences', 'FiniteSets', 'TLC'],
    constants: [],
    variables: [
      { name: 'x', origin: undefined },
      { name: 'y', origin: undefined },
    ],
    defs: [
      {
        kind: 'TlaDef',
        name: 'vars',
        params: [],
        body: { kind: 'TlaTuple', elements: [V('x'), V('y')] },
        comment: [],
        origin: undefined,
      },
      ...defs,
    ],
    roles: {
      init: 'Init',
      next: 'Next',
      spec: 'Spec',
      vars: 'vars',
      actions: names.map((n) => ({ def: n, param: undefined })),
      terminating: undefined,
      invariants: [],
      actionProperties: [],
      temporalProperties: [],
      covers: [],
      symmetry: undefined,
    },
  };
  return {
    module,
    config: {
      constants: [],
      specification: 'Spec',
      invariants: [],
      properties: [],
      symmetry: undefined,
      checkDeadlock: false,
    },
    cases,
  };
}

function outcome(m: ExecutableModule, ai: number, s: State): string {
  const out: string[] = [];
  try {
    m.successors(ai, s, (t, a, p, sub) =>
      out.push(`${a}/${String(p)}/${sub}: ${t.map(formatValue).join(', ')}`),
    );
    return out.join('\n');
  } catch (err) {
    const e = err as { name: string; message: string; definition?: string; assertMessage?: string };
    return `${out.join('\n')}\n${e.name} in ${e.definition}: ${e.assertMessage ?? e.message}`;
  }
}

test(`${values.length} random expressions and ${acts.length} random actions: compiled and interpreted agree from every initial state`, async () => {
  const { module, config, cases } = buildModule();
  const interpreted = interpretModule(module, config);
  const compiled = (await loadFresh(module)).factory(constantBindings(config), config);
  const inits: State[] = [];
  interpreted.initialStates((s) => inits.push(s));
  const compiledInits: State[] = [];
  compiled.initialStates((s) => compiledInits.push(s));
  expect(compiledInits.map((s) => s.map(formatValue))).toEqual(
    inits.map((s) => s.map(formatValue)),
  );
  expect(inits).toHaveLength(8);
  const mismatches: string[] = [];
  let errors = 0;
  let successors = 0;
  cases.forEach((c, ai) => {
    for (const s of inits) {
      const a = outcome(compiled, ai, s);
      const b = outcome(interpreted, ai, s);
      if (b.includes('Error in')) errors++;
      successors += b.split('\n').filter((l) => l.includes(': ')).length;
      if (a !== b)
        mismatches.push(
          `${c.name} from x=${formatValue(s[0]!)}, y=${formatValue(s[1]!)}: ${c.text}\n  compiled:    ${a}\n  interpreted: ${b}`,
        );
    }
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
  // The sample must exercise both outcomes, or it would prove little.
  expect(errors).toBeGreaterThan(50);
  expect(successors).toBeGreaterThan(500);
});
