// Takes values.ts values and gives the TLA+ operations the interpreter (eval.ts) and the
// compiled runtime (compile/runtime.ts) both evaluate with: kind checks, integer overflow,
// equality, function application and update, SUBSET, Permutations and @@, each failing with
// TLC's message as an EvalError. Pure functions; no syntax, no state, no files (Permutations
// reads the enumeration limit in force, permutation-limit.ts).

import { at } from '../../source/checked-index.js';
import { EvalError } from './eval-error.js';
import { PermutationsTooLarge, factorialUpTo, permutationLimit } from './permutation-limit.js';
import {
  FcnValue,
  RecordValue,
  SeqValue,
  SetValue,
  compareValues,
  describeKind,
  formatValue,
  functionDomain,
  functionIndex,
  functionValues,
  isFunction,
  kindRank,
  makeFcn,
  makeSet,
  makeSortedSet,
  valueEquals,
  type FunctionValue,
  type Value,
} from './values.js';

/** Stops evaluation with TLC's message for the failure. */
export function fail(msg: string): never {
  throw new EvalError(msg);
}

/** `v` as a boolean, or TLC's error naming `what` should have been one. */
export function asBool(v: Value, what: string): boolean {
  if (typeof v !== 'boolean')
    fail(`${what} should be a boolean, but is the ${describeKind(v)} ${formatValue(v)}.`);
  return v;
}

/** `v` as an integer, or TLC's error naming `what` should have been one. */
export function asInt(v: Value, what: string): number {
  if (typeof v !== 'number')
    fail(`${what} should be an integer, but is the ${describeKind(v)} ${formatValue(v)}.`);
  return v;
}

/** `v` as a set, or TLC's error naming `what` should have been one. */
export function asSet(v: Value, what: string): SetValue {
  if (!(v instanceof SetValue))
    fail(`${what} should be a set, but is the ${describeKind(v)} ${formatValue(v)}.`);
  return v;
}

/** `v` as a sequence, or TLC's error naming `what` should have been one. */
export function asSeq(v: Value, what: string): SeqValue {
  if (!(v instanceof SeqValue))
    fail(`${what} should be a sequence, but is the ${describeKind(v)} ${formatValue(v)}.`);
  return v;
}

/** `v` as a function (records and sequences are functions too), or TLC's error. */
export function asFcn(v: Value, what: string): FunctionValue {
  if (!isFunction(v))
    fail(`${what} should be a function, but is the ${describeKind(v)} ${formatValue(v)}.`);
  return v;
}

/** `n` when it fits TLC's 32-bit integers; TLC's overflow error otherwise. */
export function checkInt(n: number): number {
  if (n > 2147483647 || n < -2147483648) fail(`Overflow: the integer ${n} is outside TLC's range.`);
  return n;
}

/** Equality as TLC allows it: values of different kinds are an error unless one is a model value. */
export function tlcEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) {
    const fa = ra >= 5;
    const fb = rb >= 5;
    if (ra === 3 || rb === 3) return false;
    if (fa && fb) return false; // different canonical forms of functions are different functions
    // An empty set and an empty function are both written {} / <<>>; TLC compares them as unequal.
    const ka = describeKind(a);
    const kb = describeKind(b);
    fail(
      `Attempted to check equality of ${ka} ${formatValue(a)} with non-${ka}:\n${formatValue(b)}` +
        (kb ? '' : ''),
    );
  }
  return valueEquals(a, b);
}

/** `f[arg]`, or TLC's error for an argument outside the domain. */
export function applyFcn(f: FunctionValue, arg: Value): Value {
  const i = functionIndex(f, arg);
  if (i < 0) {
    fail(
      `Attempted to apply function:\n${formatValue(f)}\nto argument ${formatValue(arg)}, which is not in the domain of the function.`,
    );
  }
  const v = functionValues(f)[i];
  if (v === undefined) throw new Error(`internal error: a function has no value ${i}`);
  return v;
}

/** `f` with its `i`-th value (in domain order) replaced by `v`, of the same kind as `f`. */
export function replaceAt(f: FunctionValue, i: number, v: Value): FunctionValue {
  if (f instanceof SeqValue) {
    const e = f.elems.slice();
    e[i] = v;
    return new SeqValue(e);
  }
  const e = f.values.slice();
  e[i] = v;
  return f instanceof RecordValue ? new RecordValue(f.fields, e) : new FcnValue(f.domain, e);
}

/** The function with `arg` mapped to `v` (unchanged when arg is outside the domain, as in TLA+). */
export function updateFcn(f: FunctionValue, arg: Value, v: Value): FunctionValue {
  const i = functionIndex(f, arg);
  return i < 0 ? f : replaceAt(f, i, v);
}

/** SUBSET s; refuses sets too large to enumerate rather than exhausting memory. */
export function powerset(s: SetValue): SetValue {
  const n = s.elems.length;
  if (n > 20) fail(`SUBSET of a set with ${n} elements is too large to enumerate.`);
  const out: Value[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const sub: Value[] = [];
    let i = 0;
    for (const x of s.elems) if (mask & (1 << i++)) sub.push(x);
    out.push(makeSortedSet(sub));
  }
  return makeSet(out);
}

/**
 * Permutations(s): every bijection of s onto itself, as functions. Refuses (before building any)
 * when there are more than the limit in force: |s|! grows past any memory within a few members.
 */
export function permutations(s: SetValue): SetValue {
  const elems = s.elems;
  const max = permutationLimit();
  const count = factorialUpTo(elems.length, max);
  if (count > max) {
    const exact = factorialUpTo(elems.length, Number.MAX_SAFE_INTEGER);
    throw new PermutationsTooLarge(
      `Permutations of a set with ${elems.length} elements has ${elems.length}! = ${Number.isFinite(exact) ? exact : 'over 2^53'} members`,
      max,
    );
  }
  const out: Value[] = [];
  const perm: Value[] = [];
  const used = new Array<boolean>(elems.length).fill(false);
  const rec = (): void => {
    if (perm.length === elems.length) {
      out.push(makeFcn(elems, perm.slice()));
      return;
    }
    for (let i = 0; i < elems.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      perm.push(at(elems, i, 'a member of the set'));
      rec();
      perm.pop();
      used[i] = false;
    }
  };
  rec();
  return makeSet(out);
}

/** f @@ g: f's mapping where both are defined, g's elsewhere (a merge of the sorted domains). */
export function mergeFcns(f: FunctionValue, g: FunctionValue): Value {
  const df = functionDomain(f);
  const dg = functionDomain(g);
  const vf = functionValues(f);
  const vg = functionValues(g);
  const dom: Value[] = [];
  const vals: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < df.length || j < dg.length) {
    const c =
      i >= df.length
        ? 1
        : j >= dg.length
          ? -1
          : compareValues(at(df, i, 'the domain of f'), at(dg, j, 'the domain of g'));
    if (c <= 0) {
      dom.push(at(df, i, 'the domain of f'));
      vals.push(at(vf, i, 'a value of f'));
      i++;
      if (c === 0) j++;
    } else {
      dom.push(at(dg, j, 'the domain of g'));
      vals.push(at(vg, j, 'a value of g'));
      j++;
    }
  }
  return makeFcn(dom, vals);
}
