// The operations generated modules call: TLA+ operators over values.ts values, built on the
// interpreter's own (value-ops.ts), so results and error messages are the same. Handed to a
// generated module as one object (`createModule(runtime)`), so the generated JavaScript has no
// imports and loads from any folder. Pure functions; no ts-morph, no files, no clock.

import { AssertFailure, EvalError } from '../values/eval-error.js';
import { forallInstances } from '../evaluation/action-steps.js';
import {
  applyFcn,
  asBool as bool,
  asFcn,
  asInt as int,
  asSeq as seq,
  asSet as set,
  checkInt as ci,
  fail,
  mergeFcns,
  permutations,
  powerset,
  replaceAt,
  tlcEquals,
  updateFcn,
} from '../values/value-ops.js';
import { boundedInterval, intervalContains } from '../values/interval-limit.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  formatValue,
  functionDomain,
  functionIndex,
  functionValues,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  makeSortedSet,
  setContains,
  valueEquals,
  type Value,
} from '../values/values.js';
import type { SymmetryGroup } from '../evaluation/module-api.js';
import { groupOfSet, symmetricGroupOf } from '../evaluation/symmetry.js';
import { at } from '../../source/checked-index.js';

function app(f: Value, arg: Value): Value {
  return applyFcn(asFcn(f, 'The value applied to an argument'), arg);
}

/** One EXCEPT step: `f` with `arg` mapped to `value(old)`; `f` itself when arg is outside the domain. */
function upd(base: Value, arg: Value, value: (old: Value) => Value): Value {
  const f = asFcn(base, 'The base of EXCEPT');
  const i = functionIndex(f, arg);
  if (i < 0) return f;
  return replaceAt(f, i, value(at(functionValues(f), i, 'a value of a function')));
}

/** `upd` with a value computed beforehand (the generator uses it only for values that cannot fail). */
function updv(base: Value, arg: Value, value: Value): Value {
  return updateFcn(asFcn(base, 'The base of EXCEPT'), arg, value);
}

function dot(r: Value, field: string): Value {
  if (r instanceof RecordValue) {
    const x = r.get(field);
    if (x !== undefined) return x;
  }
  return fail(`Attempted to access field ${field} of ${formatValue(r)}, which has no such field.`);
}

function merge(fv: Value, gv: Value): Value {
  return mergeFcns(asFcn(fv, 'The left side of @@'), asFcn(gv, 'The right side of @@'));
}

const FOUND = { found: true };

/**
 * Every operation a generated module uses. Names are short because generated code calls them
 * in hot loops; each mirrors the interpreter's operator of the same meaning.
 */
export const runtime = {
  EvalError,
  AssertFailure,
  FOUND,
  ModelValue,
  SetValue,
  FcnValue,
  formatValue,
  valueEquals,
  makeSet,
  makeSortedSet,
  makeSeq,
  makeRecord,
  makeFcn,
  fail,
  bool,
  int,
  set,
  ci,
  app,
  upd,
  updv,
  dot,
  eq: tlcEquals,
  /** `a = "lit"`: a string compares by identity of text; anything else by TLC's rules. */
  eqs: (a: Value, lit: string) => (typeof a === 'string' ? a === lit : tlcEquals(a, lit)),
  /** `"lit" = a` (operand order kept for the error message). */
  eqsl: (lit: string, a: Value) => (typeof a === 'string' ? a === lit : tlcEquals(lit, a)),
  /** The interned, sorted field list of a record shape (for `rec`). */
  recordShape: (names: readonly string[]) =>
    makeRecord(
      names,
      names.map(() => 0),
    ).fields,
  /** A record of a known shape: `values` in the shape's (sorted) field order. */
  rec: (shape: readonly string[], values: Value[]) => new RecordValue(shape, values),
  /** A record from values in written order; `order[i]` is the written position of the shape's i-th field. */
  recp(shape: readonly string[], order: readonly number[], written: readonly Value[]): RecordValue {
    const values: Value[] = new Array(order.length);
    let i = 0;
    for (const position of order) {
      const v = written[position];
      if (v === undefined)
        throw new Error(`internal error: a record has no field value ${position}`);
      values[i++] = v;
    }
    return new RecordValue(shape, values);
  },
  neg: (a: Value) => ci(-int(a, 'The argument of unary -')),
  not: (a: Value) => !bool(a, 'The argument of ~'),
  lt: (a: Value, b: Value) => int(a, 'The left side of <') < int(b, 'The right side of <'),
  le: (a: Value, b: Value) => int(a, 'The left side of <=') <= int(b, 'The right side of <='),
  gt: (a: Value, b: Value) => int(a, 'The left side of >') > int(b, 'The right side of >'),
  ge: (a: Value, b: Value) => int(a, 'The left side of >=') >= int(b, 'The right side of >='),
  add: (a: Value, b: Value) => ci(int(a, 'The left side of +') + int(b, 'The right side of +')),
  sub: (a: Value, b: Value) => ci(int(a, 'The left side of -') - int(b, 'The right side of -')),
  mul: (a: Value, b: Value) => ci(int(a, 'The left side of *') * int(b, 'The right side of *')),
  div(a: Value, b: Value): number {
    const x = int(a, 'The left side of \\div');
    const y = int(b, 'The right side of \\div');
    if (y === 0) fail('The second argument of \\div is 0.');
    return Math.floor(x / y);
  },
  mod(a: Value, b: Value): number {
    const x = int(a, 'The left side of %');
    const y = int(b, 'The right side of %');
    if (y <= 0)
      fail(`The second argument of % should be a positive number, but instead it is: ${y}`);
    return ((x % y) + y) % y;
  },
  implies: (a: Value, b: () => Value) =>
    !bool(a, 'The left side of =>') || bool(b(), 'The right side of =>'),
  equiv: (a: Value, b: Value) =>
    bool(a, 'The left side of <=>') === bool(b, 'The right side of <=>'),
  in: (a: Value, s: Value) => setContains(set(s, 'The right side of \\in'), a),
  /** `x \in lo..hi` without the interval: the same answer and errors as `in(x, range(lo, hi))`. */
  inRange: (x: Value, lo: Value, hi: Value): boolean => {
    const a = int(lo, 'The left side of ..');
    const b = int(hi, 'The right side of ..');
    return intervalContains(a, b, x);
  },
  notin: (a: Value, s: Value) => !setContains(set(s, 'The right side of \\notin'), a),
  subseteq(a: Value, b: Value): boolean {
    const x = set(a, 'The left side of \\subseteq');
    const y = set(b, 'The right side of \\subseteq');
    for (const e of x.elems) if (!setContains(y, e)) return false;
    return true;
  },
  cup(a: Value, b: Value): Value {
    const x = set(a, 'The left side of \\cup');
    const y = set(b, 'The right side of \\cup');
    if (x.elems.length === 0) return y;
    if (y.elems.length === 0) return x;
    return makeSet([...x.elems, ...y.elems]);
  },
  cap(a: Value, b: Value): Value {
    const x = set(a, 'The left side of \\cap');
    const y = set(b, 'The right side of \\cap');
    return makeSortedSet(x.elems.filter((e) => setContains(y, e)));
  },
  minus(a: Value, b: Value): Value {
    const x = set(a, 'The left side of \\');
    const y = set(b, 'The right side of \\');
    if (y.elems.length === 0) return x;
    return makeSortedSet(x.elems.filter((e) => !setContains(y, e)));
  },
  range: (a: Value, b: Value) =>
    boundedInterval(int(a, 'The left side of ..'), int(b, 'The right side of ..')),
  concat: (a: Value, b: Value) =>
    makeSeq([...seq(a, 'The left side of \\o').elems, ...seq(b, 'The right side of \\o').elems]),
  single: (a: Value, b: Value) => makeFcn([a], [b]),
  merge,
  len: (a: Value) => seq(a, 'The argument of Len').elems.length,
  append(a: Value, b: Value): Value {
    const out = seq(a, 'The first argument of Append').elems.slice();
    out.push(b);
    return new SeqValue(out);
  },
  head(a: Value): Value {
    const s = seq(a, 'The argument of Head');
    const first = s.elems[0];
    if (first === undefined) fail('Attempted to apply Head to the empty sequence.');
    return first;
  },
  tail(a: Value): Value {
    const s = seq(a, 'The argument of Tail');
    if (s.elems.length === 0) fail('Attempted to apply Tail to the empty sequence.');
    return makeSeq(s.elems.slice(1));
  },
  card: (a: Value) => set(a, 'The argument of Cardinality').elems.length,
  domain: (a: Value) => makeSortedSet(functionDomain(asFcn(a, 'The argument of DOMAIN'))),
  subset: (a: Value) => powerset(set(a, 'The argument of SUBSET')),
  perms: (a: Value) => permutations(set(a, 'The argument of Permutations')),
  assert(c: Value, msg: () => Value): boolean {
    if (bool(c, 'The first argument of Assert')) return true;
    const m = msg();
    throw new AssertFailure(typeof m === 'string' ? m : formatValue(m));
  },
  elems: (s: Value, what: string) => set(s, what).elems,
  forallInstances,
  filter(s: Value, pred: (x: Value) => Value): Value {
    const e = set(s, 'The set of a set filter').elems;
    const out: Value[] = [];
    for (const x of e) if (bool(pred(x), 'The predicate of a set filter')) out.push(x);
    return makeSortedSet(out);
  },
  map(s: Value, f: (x: Value) => Value): Value {
    const e = set(s, 'The set of a set map').elems;
    const out: Value[] = new Array(e.length);
    let i = 0;
    for (const x of e) out[i++] = f(x);
    return makeSet(out);
  },
  fcn(s: Value, f: (x: Value) => Value): Value {
    const e = set(s, 'The domain of a function').elems;
    const out: Value[] = new Array(e.length);
    let i = 0;
    for (const x of e) out[i++] = f(x);
    return makeFcn(e, out);
  },
  choose(s: Value, pred: (x: Value) => Value): Value {
    const sv = set(s, 'The set of CHOOSE');
    const e = sv.elems;
    for (const x of e) if (bool(pred(x), 'The predicate of CHOOSE')) return x;
    return fail(
      `Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.\nS = ${formatValue(sv)}`,
    );
  },
  /** Reads `x'` (or, in Init, `x`) that may not be assigned yet. */
  next(v: Value | undefined, name: string, init: boolean): Value {
    if (v === undefined)
      fail(
        init
          ? `The variable ${name} is read in Init before it is assigned.`
          : `The variable ${name}' is read before it is assigned.`,
      );
    return v;
  },
  /** `ENABLED A`: runs A's enumeration, which throws FOUND on its first successor. */
  enabled(run: () => void): boolean {
    try {
      run();
      return false;
    } catch (err) {
      if (err === FOUND) return true;
      throw err;
    }
  },
  /** Names the definition in an evaluation error that does not name one yet, and rethrows it. */
  named(err: unknown, def: string): unknown {
    if ((err instanceof EvalError || err instanceof AssertFailure) && err.definition === undefined)
      err.definition = def;
    return err;
  },
  /** A constant's value from the configuration, or the error TLC gives when it has none. */
  constant(constants: ReadonlyMap<string, Value>, name: string): Value {
    const v = constants.get(name);
    if (v === undefined)
      throw new EvalError(
        `The constant parameter ${name} is not assigned a value by the configuration file.`,
      );
    return v;
  },
  /**
   * The compiled form of a definition a configuration names, or the error the interpreter
   * gives for a name the module does not define (or one its roles did not list, so it was not compiled).
   */
  pick<T>(
    table: Readonly<Record<string, T>>,
    name: string,
    what: string,
    moduleName: string,
    defined: readonly string[],
  ): T {
    const found = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (found !== undefined) return found;
    if (!defined.includes(name))
      throw new EvalError(`The ${what} ${name} is not defined in module ${moduleName}.`);
    throw new EvalError(
      `The ${what} ${name} was not compiled into module ${moduleName}: its roles do not list it.`,
      name,
    );
  },
  /** The group a symmetry set generates, with the interpreter's checks. */
  symmetryOf(p: Value, name: string): SymmetryGroup {
    return groupOfSet(p, name);
  },
  /** The group of `Permutations(S1) \cup ...` from S1..Sk, without building a permutation. */
  symmetryOfPermutations(sets: readonly Value[], name: string): SymmetryGroup {
    return symmetricGroupOf(sets, name);
  },
};

/** The runtime's type, which generated TypeScript names as its parameter type. */
export type CompiledRuntime = typeof runtime;

/** Which definitions of a compiled module a configuration selects (the TlcConfig fields that name them). */
export interface CompiledSelection {
  readonly specification: string;
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly symmetry: string | undefined;
}
