// The built-in and binary operators of the closure compiler (eval.ts), one handler per operator
// over operands that are already compiled, grouped by family (comparison, arithmetic, logic,
// sets, sequences and functions). Messages match TLC's.

import { AssertFailure } from '../values/eval-error.js';
import type { ValueFn } from './eval-scope.js';
import { boundedInterval } from '../values/interval-limit.js';
import {
  asBool,
  asFcn,
  asInt,
  asSeq,
  asSet,
  checkInt,
  fail,
  mergeFcns,
  permutations,
  powerset,
  tlcEquals,
} from '../values/value-ops.js';
import {
  SeqValue,
  formatValue,
  functionDomain,
  makeFcn,
  makeSeq,
  makeSet,
  makeSortedSet,
  setContains,
} from '../values/values.js';

/** Builds the closure of one binary operator from its compiled operands. */
type BinaryHandler = (l: ValueFn, r: ValueFn) => ValueFn;

const comparison: Record<string, BinaryHandler> = {
  '=': (l, r) => (ctx) => tlcEquals(l(ctx), r(ctx)),
  '#': (l, r) => (ctx) => !tlcEquals(l(ctx), r(ctx)),
  '<': (l, r) => (ctx) =>
    asInt(l(ctx), 'The left side of <') < asInt(r(ctx), 'The right side of <'),
  '<=': (l, r) => (ctx) =>
    asInt(l(ctx), 'The left side of <=') <= asInt(r(ctx), 'The right side of <='),
  '>': (l, r) => (ctx) =>
    asInt(l(ctx), 'The left side of >') > asInt(r(ctx), 'The right side of >'),
  '>=': (l, r) => (ctx) =>
    asInt(l(ctx), 'The left side of >=') >= asInt(r(ctx), 'The right side of >='),
};

const arithmetic: Record<string, BinaryHandler> = {
  '+': (l, r) => (ctx) =>
    checkInt(asInt(l(ctx), 'The left side of +') + asInt(r(ctx), 'The right side of +')),
  '-': (l, r) => (ctx) =>
    checkInt(asInt(l(ctx), 'The left side of -') - asInt(r(ctx), 'The right side of -')),
  '*': (l, r) => (ctx) =>
    checkInt(asInt(l(ctx), 'The left side of *') * asInt(r(ctx), 'The right side of *')),
  '\\div': (l, r) => (ctx) => {
    const x = asInt(l(ctx), 'The left side of \\div');
    const y = asInt(r(ctx), 'The right side of \\div');
    if (y === 0) fail('The second argument of \\div is 0.');
    return Math.floor(x / y);
  },
  '%': (l, r) => (ctx) => {
    const x = asInt(l(ctx), 'The left side of %');
    const y = asInt(r(ctx), 'The right side of %');
    if (y <= 0)
      fail(`The second argument of % should be a positive number, but instead it is: ${y}`);
    return ((x % y) + y) % y;
  },
  '..': (l, r) => (ctx) =>
    boundedInterval(asInt(l(ctx), 'The left side of ..'), asInt(r(ctx), 'The right side of ..')),
};

const logic: Record<string, BinaryHandler> = {
  '=>': (l, r) => (ctx) =>
    !asBool(l(ctx), 'The left side of =>') || asBool(r(ctx), 'The right side of =>'),
  '<=>': (l, r) => (ctx) =>
    asBool(l(ctx), 'The left side of <=>') === asBool(r(ctx), 'The right side of <=>'),
  '~>': () => () => fail('A temporal formula (~>) cannot be evaluated in a state.'),
};

const sets: Record<string, BinaryHandler> = {
  '\\in': (l, r) => (ctx) => {
    const v = l(ctx);
    return setContains(asSet(r(ctx), 'The right side of \\in'), v);
  },
  '\\notin': (l, r) => (ctx) => {
    const v = l(ctx);
    return !setContains(asSet(r(ctx), 'The right side of \\notin'), v);
  },
  '\\subseteq': (l, r) => (ctx) => {
    const a = asSet(l(ctx), 'The left side of \\subseteq');
    const b = asSet(r(ctx), 'The right side of \\subseteq');
    for (const x of a.elems) if (!setContains(b, x)) return false;
    return true;
  },
  '\\cup': (l, r) => (ctx) => {
    const a = asSet(l(ctx), 'The left side of \\cup');
    const b = asSet(r(ctx), 'The right side of \\cup');
    if (a.elems.length === 0) return b;
    if (b.elems.length === 0) return a;
    return makeSet([...a.elems, ...b.elems]);
  },
  '\\cap': (l, r) => (ctx) => {
    const a = asSet(l(ctx), 'The left side of \\cap');
    const b = asSet(r(ctx), 'The right side of \\cap');
    return makeSortedSet(a.elems.filter((x) => setContains(b, x)));
  },
  '\\': (l, r) => (ctx) => {
    const a = asSet(l(ctx), 'The left side of \\');
    const b = asSet(r(ctx), 'The right side of \\');
    if (b.elems.length === 0) return a;
    return makeSortedSet(a.elems.filter((x) => !setContains(b, x)));
  },
};

const sequencesAndFunctions: Record<string, BinaryHandler> = {
  '\\o': (l, r) => (ctx) => {
    const a = asSeq(l(ctx), 'The left side of \\o');
    const b = asSeq(r(ctx), 'The right side of \\o');
    return makeSeq([...a.elems, ...b.elems]);
  },
  ':>': (l, r) => (ctx) => makeFcn([l(ctx)], [r(ctx)]),
  '@@': (l, r) => (ctx) =>
    mergeFcns(asFcn(l(ctx), 'The left side of @@'), asFcn(r(ctx), 'The right side of @@')),
};

const binaryHandlers: ReadonlyMap<string, BinaryHandler> = new Map(
  [comparison, arithmetic, logic, sets, sequencesAndFunctions].flatMap((t) => Object.entries(t)),
);

/** The closure of `l op r`; an unknown operator is an error at compile time. */
export function binaryOperator(op: string, l: ValueFn, r: ValueFn): ValueFn {
  const h = binaryHandlers.get(op);
  if (h === undefined) return fail(`Unknown operator ${op}.`);
  return h(l, r);
}

/** Builds the closure of one built-in operator from its compiled arguments. */
type BuiltinHandler = (a: ValueFn, b: ValueFn) => ValueFn;

const builtinHandlers: ReadonlyMap<string, BuiltinHandler> = new Map<string, BuiltinHandler>([
  ['Len', (a) => (ctx) => asSeq(a(ctx), 'The argument of Len').elems.length],
  [
    'Append',
    (a, b) => (ctx) => {
      const s = asSeq(a(ctx), 'The first argument of Append');
      const out = s.elems.slice();
      out.push(b(ctx));
      return new SeqValue(out);
    },
  ],
  [
    'Head',
    (a) => (ctx) => {
      const s = asSeq(a(ctx), 'The argument of Head');
      const first = s.elems[0];
      if (first === undefined) fail('Attempted to apply Head to the empty sequence.');
      return first;
    },
  ],
  [
    'Tail',
    (a) => (ctx) => {
      const s = asSeq(a(ctx), 'The argument of Tail');
      if (s.elems.length === 0) fail('Attempted to apply Tail to the empty sequence.');
      return makeSeq(s.elems.slice(1));
    },
  ],
  ['Cardinality', (a) => (ctx) => asSet(a(ctx), 'The argument of Cardinality').elems.length],
  [
    'DOMAIN',
    (a) => (ctx) => makeSortedSet(functionDomain(asFcn(a(ctx), 'The argument of DOMAIN'))),
  ],
  ['SUBSET', (a) => (ctx) => powerset(asSet(a(ctx), 'The argument of SUBSET'))],
  ['Permutations', (a) => (ctx) => permutations(asSet(a(ctx), 'The argument of Permutations'))],
  [
    'Assert',
    (a, b) => (ctx) => {
      if (asBool(a(ctx), 'The first argument of Assert')) return true;
      const m = b(ctx);
      throw new AssertFailure(typeof m === 'string' ? m : formatValue(m));
    },
  ],
]);

/** Reached only if a built-in gets fewer arguments than it reads; the front end rules that out. */
const missingArgument: ValueFn = () => fail('A built-in operator is missing an argument.');

/** The closure of built-in `op` applied to its compiled arguments. */
export function builtinOperator(op: string, args: readonly ValueFn[]): ValueFn {
  const h = builtinHandlers.get(op);
  if (h === undefined) return fail(`Unknown built-in operator ${op}.`);
  return h(args[0] ?? missingArgument, args[1] ?? missingArgument);
}
