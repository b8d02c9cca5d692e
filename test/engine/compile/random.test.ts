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
import type {
  TlaBinaryOp,
  TlaDef,
  TlaExpr,
  TlaModule,
  TlcConfig,
} from '../../../src/tla/tla-ast.js';
import { loadFresh } from './compiled-fixtures.js';

const N = (value: number): TlaExpr => ({ kind: 'TlaNum', value });
const V = (name: string): TlaExpr => ({ kind: 'TlaName', name });
const B =
  (op: TlaBinaryOp) =>
  ([left, right]: [TlaExpr, TlaExpr]): TlaExpr => ({ kind: 'TlaBinary', op, left, right });
const small = (): fc.Arbitrary<TlaExpr> => fc.integer({ min: -1, max: 3 }).map(N);

/** Random expressions of each sort; bound names are `v` (and shadow each other, as TLA+ allows in this tree). */
const exprs = fc.letrec<{
  int: TlaExpr;
  bool: TlaExpr;
  set: TlaExpr;
  seq: TlaExpr;
  fcn: TlaExpr;
  rec: TlaExpr;
}>((tie) => {
  const int = tie('int');
  const bool = tie('bool');
  const set = tie('set');
  const seq = tie('seq');
  const fcn = tie('fcn');
  const rec = tie('rec');
  return {
    int: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      small(),
      fc.constantFrom(V('x'), V('y')),
      fc.tuple(int, int).map(B('+')),
      fc.tuple(int, int).map(B('-')),
      fc.tuple(int, int).map(B('*')),
      fc.tuple(int, int).map(B('%')),
      fc.tuple(int, int).map(B('\\div')),
      int.map((operand): TlaExpr => ({ kind: 'TlaUnary', op: '-', operand })),
      fc
        .tuple(bool, int, int)
        .map(([cond, then, e]): TlaExpr => ({ kind: 'TlaIf', cond, then, else: e })),
      fc
        .tuple(bool, int, fc.option(int, { nil: undefined }))
        .map(
          ([cond, value, other]): TlaExpr => ({ kind: 'TlaCase', arms: [{ cond, value }], other }),
        ),
      fc.tuple(int, int).map(
        ([a, body]): TlaExpr => ({
          kind: 'TlaLet',
          defs: [{ name: 'w', value: a }],
          body: { kind: 'TlaBinary', op: '+', left: V('w'), right: body },
        }),
      ),
      set.map((s): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Cardinality', args: [s] })),
      seq.map((s): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Len', args: [s] })),
      seq.map((s): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Head', args: [s] })),
      fc.tuple(seq, int).map(([s, i]): TlaExpr => ({ kind: 'TlaFcnApp', fcn: s, arg: i })),
      fc.tuple(fcn, int).map(([f, i]): TlaExpr => ({ kind: 'TlaFcnApp', fcn: f, arg: i })),
      fc
        .tuple(rec, fc.constantFrom('a', 'b', 'c'))
        .map(([r, field]): TlaExpr => ({ kind: 'TlaDot', record: r, field })),
      fc
        .tuple(set, bool)
        .map(([s, pred]): TlaExpr => ({ kind: 'TlaChoose', variable: 'v', set: s, pred })),
    ),
    bool: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.boolean().map((value): TlaExpr => ({ kind: 'TlaBool', value })),
      fc.tuple(int, int).map(B('<')),
      fc.tuple(int, int).map(B('=')),
      fc.tuple(int, int).map(B('#')),
      fc.tuple(bool, bool).map(B('=>')),
      fc.tuple(bool, bool).map(B('<=>')),
      fc.tuple(set, set).map(B('=')),
      fc.tuple(seq, seq).map(B('=')),
      fc.tuple(int, bool).map(B('=')),
      fc.tuple(int, set).map(B('\\in')),
      fc.tuple(int, set).map(B('\\notin')),
      fc.tuple(set, set).map(B('\\subseteq')),
      bool.map((operand): TlaExpr => ({ kind: 'TlaUnary', op: '~', operand })),
      fc
        .array(bool, { minLength: 0, maxLength: 3 })
        .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '/\\', items })),
      fc
        .array(bool, { minLength: 0, maxLength: 3 })
        .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '\\/', items })),
      fc.tuple(fc.constantFrom<'\\A' | '\\E'>('\\A', '\\E'), set, bool).map(
        ([quantifier, s, body]): TlaExpr => ({
          kind: 'TlaQuant',
          quantifier,
          variables: ['v'],
          set: s,
          body,
        }),
      ),
      fc.tuple(int, fcn).map(
        ([i, f]): TlaExpr => ({
          kind: 'TlaBinary',
          op: '\\in',
          left: i,
          right: { kind: 'TlaBuiltin', op: 'DOMAIN', args: [f] },
        }),
      ),
      fc.tuple(bool, fc.constantFrom('boom', 'x too big')).map(
        ([c, msg]): TlaExpr => ({
          kind: 'TlaBuiltin',
          op: 'Assert',
          args: [c, { kind: 'TlaStr', value: msg }],
        }),
      ),
    ),
    set: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .array(int, { maxLength: 3 })
        .map((elements): TlaExpr => ({ kind: 'TlaSetEnum', elements })),
      fc.tuple(small(), small()).map(B('..')),
      fc.tuple(set, set).map(B('\\cup')),
      fc.tuple(set, set).map(B('\\cap')),
      fc.tuple(set, set).map(B('\\')),
      fc
        .tuple(set, bool)
        .map(([s, pred]): TlaExpr => ({ kind: 'TlaSetFilter', variable: 'v', set: s, pred })),
      fc
        .tuple(int, set)
        .map(([expr, s]): TlaExpr => ({ kind: 'TlaSetMap', expr, variable: 'v', set: s })),
      fcn.map((f): TlaExpr => ({ kind: 'TlaBuiltin', op: 'DOMAIN', args: [f] })),
    ),
    seq: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.array(int, { maxLength: 3 }).map((elements): TlaExpr => ({ kind: 'TlaTuple', elements })),
      fc
        .tuple(seq, int)
        .map(([s, e]): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Append', args: [s, e] })),
      seq.map((s): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Tail', args: [s] })),
      fc.tuple(seq, seq).map(B('\\o')),
    ),
    fcn: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .tuple(set, int)
        .map(([s, body]): TlaExpr => ({ kind: 'TlaFcn', variable: 'v', set: s, body })),
      fc.tuple(int, int).map(B(':>')),
      fc.tuple(fcn, fcn).map(B('@@')),
      fc.tuple(fcn, int, int).map(
        ([f, i, add]): TlaExpr => ({
          kind: 'TlaExcept',
          base: f,
          clauses: [
            {
              path: [{ kind: 'index', index: i }],
              value: { kind: 'TlaBinary', op: '+', left: { kind: 'TlaAt' }, right: add },
            },
          ],
        }),
      ),
    ),
    rec: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(int, int).map(
        ([a, b]): TlaExpr => ({
          kind: 'TlaRecord',
          fields: [
            { name: 'b', value: b },
            { name: 'a', value: a },
          ],
        }),
      ),
      fc.tuple(rec, int).map(
        ([r, i]): TlaExpr => ({
          kind: 'TlaExcept',
          base: r,
          clauses: [
            {
              path: [{ kind: 'field', field: 'a' }],
              value: { kind: 'TlaBinary', op: '-', left: { kind: 'TlaAt' }, right: i },
            },
          ],
        }),
      ),
    ),
  };
});

const xp: TlaExpr = { kind: 'TlaPrimed', name: 'x' };

/** Random action formulas over x (y is left alone: UNCHANGED y is added around each). */
const actions: fc.Arbitrary<TlaExpr> = fc.letrec<{ act: TlaExpr }>((tie) => {
  const act = tie('act');
  return {
    act: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      exprs.int.map((e): TlaExpr => ({ kind: 'TlaBinary', op: '=', left: xp, right: e })),
      exprs.set.map((e): TlaExpr => ({ kind: 'TlaBinary', op: '\\in', left: xp, right: e })),
      fc.constant<TlaExpr>({ kind: 'TlaUnchanged', variables: ['x'] }),
      exprs.bool,
      fc
        .tuple(exprs.int, exprs.int)
        .map(([a, b]): TlaExpr => ({ kind: 'TlaBinary', op: '<', left: a, right: b })),
      // Reads x' (an error where x' is not yet assigned).
      exprs.int.map(
        (e): TlaExpr => ({
          kind: 'TlaBinary',
          op: '=',
          left: { kind: 'TlaBinary', op: '+', left: xp, right: N(1) },
          right: e,
        }),
      ),
      fc
        .array(act, { minLength: 1, maxLength: 3 })
        .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '/\\', items })),
      fc
        .array(act, { minLength: 1, maxLength: 3 })
        .map((items): TlaExpr => ({ kind: 'TlaJunction', op: '\\/', items })),
      fc.tuple(fc.constantFrom<'\\A' | '\\E'>('\\A', '\\E'), exprs.set, act).map(
        ([quantifier, s, body]): TlaExpr => ({
          kind: 'TlaQuant',
          quantifier,
          variables: ['v'],
          set: s,
          body,
        }),
      ),
      fc
        .tuple(exprs.bool, act, act)
        .map(([cond, then, e]): TlaExpr => ({ kind: 'TlaIf', cond, then, else: e })),
    ),
  };
}).act;

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
