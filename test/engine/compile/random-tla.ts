// Random TLA+ trees for the property-based agreement of compiled code and the interpreter: small
// expressions of each sort, and action formulas over x built from them.

import fc from 'fast-check';
import type { TlaBinaryOp, TlaExpr } from '../../../src/tla/tla-ast.js';

export const N = (value: number): TlaExpr => ({ kind: 'TlaNum', value });
export const V = (name: string): TlaExpr => ({ kind: 'TlaName', name });
const B =
  (op: TlaBinaryOp) =>
  ([left, right]: [TlaExpr, TlaExpr]): TlaExpr => ({ kind: 'TlaBinary', op, left, right });
const small = (): fc.Arbitrary<TlaExpr> => fc.integer({ min: -1, max: 3 }).map(N);

type Sort = 'int' | 'bool' | 'set' | 'seq' | 'fcn' | 'rec';

/** The expressions of each sort, as `fc.letrec` hands them over before they are defined. */
type Ties = Record<Sort, fc.Arbitrary<TlaExpr>>;

/** Integers: arithmetic, IF, CASE, LET, sizes and heads, application, fields and CHOOSE. */
function intExprs({ int, bool, set, seq, fcn, rec }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
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
  );
}

/** Booleans: comparisons, connectives, membership, quantifiers, DOMAIN and Assert. */
function boolExprs({ int, bool, set, seq, fcn }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
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
  );
}

/** Sets: enumerations, ranges, set operators, filters, maps and DOMAIN. */
function setExprs({ int, bool, set, fcn }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(int, { maxLength: 3 }).map((elements): TlaExpr => ({ kind: 'TlaSetEnum', elements })),
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
  );
}

/** Sequences: tuples, Append, Tail and concatenation. */
function seqExprs({ int, seq }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(int, { maxLength: 3 }).map((elements): TlaExpr => ({ kind: 'TlaTuple', elements })),
    fc
      .tuple(seq, int)
      .map(([s, e]): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Append', args: [s, e] })),
    seq.map((s): TlaExpr => ({ kind: 'TlaBuiltin', op: 'Tail', args: [s] })),
    fc.tuple(seq, seq).map(B('\\o')),
  );
}

/** Functions: constructions, :>, @@ and EXCEPT. */
function fcnExprs({ int, set, fcn }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
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
  );
}

/** Records and EXCEPT on a field. */
function recExprs({ int, rec }: Ties): fc.Arbitrary<TlaExpr> {
  return fc.oneof(
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
  );
}

/** Random expressions of each sort; bound names are `v` (and shadow each other, as TLA+ allows in this tree). */
export const exprs = fc.letrec<Record<Sort, TlaExpr>>((tie) => {
  const t: Ties = {
    int: tie('int'),
    bool: tie('bool'),
    set: tie('set'),
    seq: tie('seq'),
    fcn: tie('fcn'),
    rec: tie('rec'),
  };
  return {
    int: intExprs(t),
    bool: boolExprs(t),
    set: setExprs(t),
    seq: seqExprs(t),
    fcn: fcnExprs(t),
    rec: recExprs(t),
  };
});

const xp: TlaExpr = { kind: 'TlaPrimed', name: 'x' };

/** Random action formulas over x (y is left alone: UNCHANGED y is added around each). */
export const actions: fc.Arbitrary<TlaExpr> = fc.letrec<{ act: TlaExpr }>((tie) => {
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
