// Runtime values of the embedded engine: booleans, integers, strings, model values, sets and
// functions (records and sequences are functions in canonical form), with a total canonical
// order, structural equality and conversion to TlaValue JSON (fingerprints: fingerprint.ts).
// Values are immutable; composite values cache their fingerprint. Nothing here allocates strings.

import type { TlaValue } from '../../result/tla-value.js';
import { fmix, hashString } from './hash-lanes.js';

/**
 * A TLA+ value. Booleans, integers and strings are JS primitives (a TLA+ string is a JS string);
 * everything else is one of the classes below. Every value has exactly one representation:
 * a function whose domain is `1..n` (or empty) is always a `SeqValue`, a function whose
 * non-empty domain holds only strings is always a `RecordValue`, any other function is a
 * `FcnValue`. So two values are equal exactly when `valueEquals` says so and their
 * fingerprints agree, without conversions.
 */
export type Value =
  | boolean
  | number
  | string
  | ModelValue
  | SetValue
  | SeqValue
  | RecordValue
  | FcnValue;

/** A model value of the configuration (`t1`, `NoThread`). Interned: one object per name. */
export class ModelValue {
  /** Fingerprint halves, fixed per name. */
  readonly h1: number;
  readonly h2: number;
  constructor(
    readonly name: string,
    readonly id: number,
  ) {
    const h = hashString(name);
    this.h1 = fmix(h ^ 0x3c6ef372);
    this.h2 = fmix(Math.imul(h, 0x2545f491) ^ 0x5be0cd19);
  }
}

/** A finite set; `elems` is sorted by `compareValues` and has no duplicates. */
export class SetValue {
  h1 = 0;
  h2 = 0;
  hashed = false;
  constructor(readonly elems: readonly Value[]) {}
}

/** A function with domain `1..n` (n may be 0): a TLA+ sequence or tuple. */
export class SeqValue {
  h1 = 0;
  h2 = 0;
  hashed = false;
  constructor(readonly elems: readonly Value[]) {}
}

/**
 * A function whose domain is a non-empty set of strings: a TLA+ record. `fields` is sorted
 * by code unit order and shared between records of the same shape.
 */
export class RecordValue {
  h1 = 0;
  h2 = 0;
  hashed = false;
  constructor(
    readonly fields: readonly string[],
    readonly values: readonly Value[],
  ) {}

  /** The value of a field, or undefined when the record has no such field. */
  get(field: string): Value | undefined {
    const f = this.fields;
    for (let i = 0; i < f.length; i++) if (f[i] === field) return this.values[i];
    return undefined;
  }
}

/** Any other function: `domain` sorted by `compareValues`, `values[i]` is the image of `domain[i]`. */
export class FcnValue {
  h1 = 0;
  h2 = 0;
  hashed = false;
  constructor(
    readonly domain: readonly Value[],
    readonly values: readonly Value[],
  ) {}
}

/** A state: the value of each variable, in the module's declaration order. */
export type StateValues = readonly Value[];

// ---------------------------------------------------------------------------------------------
// Construction

const modelValues = new Map<string, ModelValue>();

/** The model value with this name (the same object for the same name, in every run). */
export function modelValue(name: string): ModelValue {
  let mv = modelValues.get(name);
  if (mv === undefined) {
    mv = new ModelValue(name, modelValues.size);
    modelValues.set(name, mv);
  }
  return mv;
}

/** The empty set (shared). */
export const EMPTY_SET = new SetValue([]);
/** The empty sequence `<<>>`, which is also the function with an empty domain (shared). */
export const EMPTY_SEQ = new SeqValue([]);

/** Item `i` of `list`, which the caller knows is in range (one helper for the hot loops here). */
function valueAt(list: readonly Value[], i: number): Value {
  const v = list[i];
  if (v === undefined) throw new Error(`internal error: no value ${i} (length ${list.length})`);
  return v;
}

/** A set from elements in any order, with duplicates: sorts and removes duplicates. */
export function makeSet(elems: Value[]): SetValue {
  if (elems.length === 0) return EMPTY_SET;
  if (elems.length > 1) {
    let sorted = true;
    for (let i = 1; i < elems.length; i++) {
      if (compareValues(valueAt(elems, i - 1), valueAt(elems, i)) >= 0) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      elems.sort(compareValues);
      let w = 1;
      for (let r = 1; r < elems.length; r++) {
        const x = valueAt(elems, r);
        if (compareValues(valueAt(elems, w - 1), x) !== 0) elems[w++] = x;
      }
      elems.length = w;
    }
  }
  return new SetValue(elems);
}

/** A set from elements already sorted by `compareValues` without duplicates (not checked). */
export function makeSortedSet(elems: readonly Value[]): SetValue {
  return elems.length === 0 ? EMPTY_SET : new SetValue(elems);
}

/** `a..b` as a set. */
export function makeInterval(a: number, b: number): SetValue {
  if (b < a) return EMPTY_SET;
  const out: Value[] = new Array(b - a + 1);
  for (let i = a; i <= b; i++) out[i - a] = i;
  return new SetValue(out);
}

/** A sequence `<<e1, ..., en>>`. */
export function makeSeq(elems: readonly Value[]): SeqValue {
  return elems.length === 0 ? EMPTY_SEQ : new SeqValue(elems);
}

const recordShapes = new Map<string, string[]>();

/** A record from field names and values in any order (names must be distinct). */
export function makeRecord(names: readonly string[], values: readonly Value[]): RecordValue {
  let sorted = true;
  let previous: string | undefined;
  for (const name of names) {
    if (previous !== undefined && previous >= name) sorted = false;
    previous = name;
  }
  if (sorted) return new RecordValue(internFields(names), values.slice());
  const fields = names
    .map((name, i) => ({ name, value: valueAt(values, i) }))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
  return new RecordValue(
    internFields(fields.map((f) => f.name)),
    fields.map((f) => f.value),
  );
}

function internFields(names: readonly string[]): string[] {
  const key = names.join('\u0000');
  let shape = recordShapes.get(key);
  if (shape === undefined) {
    shape = names.slice();
    recordShapes.set(key, shape);
  }
  return shape;
}

/**
 * A function from a domain sorted by `compareValues` (no duplicates) and its images, in the
 * one canonical representation (sequence, record or general function).
 */
export function makeFcn(
  domain: readonly Value[],
  values: readonly Value[],
): SeqValue | RecordValue | FcnValue {
  const n = domain.length;
  if (n === 0) return EMPTY_SEQ;
  if (domain[0] === 1 && domain[n - 1] === n && typeof domain[n - 1] === 'number') {
    // Sorted, distinct integers from 1 to n: exactly 1..n.
    return new SeqValue(values.slice());
  }
  if (typeof domain[0] === 'string' && typeof domain[n - 1] === 'string') {
    // Strings sort together, so first and last being strings means all are.
    return new RecordValue(internFields(domain as string[]), values.slice());
  }
  return new FcnValue(domain, values);
}

/** Any function value (sequence, record or general function). */
export type FunctionValue = SeqValue | RecordValue | FcnValue;

/** True for sequences, records and general functions. */
export function isFunction(v: Value): v is FunctionValue {
  return v instanceof SeqValue || v instanceof RecordValue || v instanceof FcnValue;
}

/** The domain of a function as a sorted array (allocates for sequences and records). */
export function functionDomain(f: FunctionValue): readonly Value[] {
  if (f instanceof FcnValue) return f.domain;
  if (f instanceof RecordValue) return f.fields;
  const out: Value[] = new Array(f.elems.length);
  for (let i = 0; i < out.length; i++) out[i] = i + 1;
  return out;
}

/** The images of a function, in domain order. */
export function functionValues(f: FunctionValue): readonly Value[] {
  return f instanceof SeqValue ? f.elems : f.values;
}

/** The position of `arg` in the function's domain, or -1 when it is not in the domain. */
export function functionIndex(f: FunctionValue, arg: Value): number {
  if (f instanceof SeqValue) {
    return typeof arg === 'number' && arg >= 1 && arg <= f.elems.length && Number.isInteger(arg)
      ? arg - 1
      : -1;
  }
  if (f instanceof RecordValue) {
    if (typeof arg !== 'string') return -1;
    const fs = f.fields;
    for (let i = 0; i < fs.length; i++) if (fs[i] === arg) return i;
    return -1;
  }
  const d = f.domain;
  // Model values are interned, so the usual argument (a thread) is found by identity.
  if (d.length <= 8) for (let i = 0; i < d.length; i++) if (d[i] === arg) return i;
  return sortedIndexOf(d, arg);
}

/** Binary search in an array sorted by `compareValues`; -1 when absent. */
export function sortedIndexOf(arr: readonly Value[], v: Value): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareValues(valueAt(arr, mid), v);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** `v \in s` for a set value. */
export function setContains(s: SetValue, v: Value): boolean {
  const e = s.elems;
  if (e.length < 8) {
    for (const x of e) if (valueEquals(x, v)) return true;
    return false;
  }
  return sortedIndexOf(e, v) >= 0;
}

// ---------------------------------------------------------------------------------------------
// Order and equality

/** Rank of a value's kind in the canonical order: booleans < integers < strings < model values < sets < functions. */
export function kindRank(v: Value): number {
  switch (typeof v) {
    case 'boolean':
      return 0;
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      if (v instanceof ModelValue) return 3;
      if (v instanceof SetValue) return 4;
      if (v instanceof SeqValue) return 5;
      if (v instanceof RecordValue) return 6;
      return 7;
  }
}

/**
 * The canonical total order. Within a kind it follows TLC where TLC prints or enumerates
 * in order: integers numerically, strings and model values by name (code units), sets and
 * sequences by size first and then element by element, records by field names then values.
 * Across kinds it is fixed by `kindRank` (TLC would refuse to compare; the evaluator reports
 * that before it gets here where TLC does).
 */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  const ta = typeof a;
  if (ta === 'number' && typeof b === 'number') return (a as number) - b;
  if (ta === 'string' && typeof b === 'string') return (a as string) < b ? -1 : 1;
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return a ? 1 : -1;
    case 3:
      return (a as ModelValue).name < (b as ModelValue).name
        ? -1
        : (a as ModelValue).name > (b as ModelValue).name
          ? 1
          : 0;
    case 4:
      return compareArrays((a as SetValue).elems, (b as SetValue).elems);
    case 5:
      return compareArrays((a as SeqValue).elems, (b as SeqValue).elems);
    case 6: {
      const ra6 = a as RecordValue;
      const rb6 = b as RecordValue;
      if (ra6.fields !== rb6.fields) {
        const c = compareArrays(ra6.fields, rb6.fields);
        if (c !== 0) return c;
      }
      return compareArrays(ra6.values, rb6.values);
    }
    default: {
      const fa = a as FcnValue;
      const fb = b as FcnValue;
      const c = compareArrays(fa.domain, fb.domain);
      return c !== 0 ? c : compareArrays(fa.values, fb.values);
    }
  }
}

function compareArrays(x: readonly Value[], y: readonly Value[]): number {
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const c = compareValues(valueAt(x, i), valueAt(y, i));
    if (c !== 0) return c;
  }
  return 0;
}

/** Structural equality (same as `compareValues(a, b) === 0`, but cheaper on unequal values). */
export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a.constructor !== b.constructor) return false;
  if (a instanceof ModelValue) return false;
  // Cached fingerprints that differ prove inequality.
  const ha = a as SetValue;
  const hb = b as SetValue;
  if (ha.hashed && hb.hashed && (ha.h1 !== hb.h1 || ha.h2 !== hb.h2)) return false;
  if (a instanceof SetValue) return arraysEqual(a.elems, (b as SetValue).elems);
  if (a instanceof SeqValue) return arraysEqual(a.elems, (b as SeqValue).elems);
  if (a instanceof RecordValue) {
    const rb = b as RecordValue;
    return (
      (a.fields === rb.fields || arraysEqual(a.fields, rb.fields)) &&
      arraysEqual(a.values, rb.values)
    );
  }
  const fa = a as FcnValue;
  const fb = b as FcnValue;
  return arraysEqual(fa.domain, fb.domain) && arraysEqual(fa.values, fb.values);
}

function arraysEqual(x: readonly Value[], y: readonly Value[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!valueEquals(valueAt(x, i), valueAt(y, i))) return false;
  return true;
}

/** Equality of two states, variable by variable. */
export function statesEqual(a: StateValues, b: StateValues): boolean {
  return arraysEqual(a, b);
}

// ---------------------------------------------------------------------------------------------
// Conversion and printing

/** The JSON form of a value for a CheckResult (see src/result/tla-value.ts). */
export function toTlaValue(v: Value): TlaValue {
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      return v;
    default:
      break;
  }
  if (v instanceof ModelValue) return { '#mv': v.name };
  if (v instanceof SetValue) return { '#set': v.elems.map(toTlaValue) };
  if (v instanceof SeqValue) return v.elems.map(toTlaValue);
  if (v instanceof RecordValue) {
    const out: Record<string, TlaValue> = {};
    v.fields.forEach((field, i) => {
      out[field] = toTlaValue(valueAt(v.values, i));
    });
    return out;
  }
  const f = v as FcnValue;
  return {
    '#map': f.domain.map((d, i) => [toTlaValue(d), toTlaValue(valueAt(f.values, i))] as const),
  };
}

/** A value from its JSON form (model values by name); the inverse of `toTlaValue`. */
export function fromTlaValue(j: TlaValue): Value {
  if (typeof j === 'boolean' || typeof j === 'number' || typeof j === 'string') return j;
  if (Array.isArray(j)) return makeSeq((j as readonly TlaValue[]).map(fromTlaValue));
  const o = j as Record<string, unknown>;
  if ('#mv' in o) return modelValue(o['#mv'] as string);
  if ('#bigint' in o) return Number(o['#bigint']);
  if ('#set' in o) return makeSet((o['#set'] as TlaValue[]).map(fromTlaValue));
  if ('#map' in o) {
    const pairs = (o['#map'] as [TlaValue, TlaValue][]).map(
      ([k, x]) => [fromTlaValue(k), fromTlaValue(x)] as const,
    );
    pairs.sort((p, q) => compareValues(p[0], q[0]));
    return makeFcn(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }
  const names = Object.keys(o);
  if (names.length === 0) return EMPTY_SEQ;
  return makeRecord(
    names,
    names.map((k) => fromTlaValue(o[k] as TlaValue)),
  );
}

/** A value in TLA+ syntax as TLC prints it (`(t1 :> 0 @@ t2 :> 1)`, `[a |-> 1]`, `{t1, t2}`). */
export function formatValue(v: Value): string {
  switch (typeof v) {
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'number':
      return String(v);
    case 'string':
      return JSON.stringify(v);
    default:
      break;
  }
  if (v instanceof ModelValue) return v.name;
  if (v instanceof SetValue) return `{${v.elems.map(formatValue).join(', ')}}`;
  if (v instanceof SeqValue) return `<<${v.elems.map(formatValue).join(', ')}>>`;
  if (v instanceof RecordValue)
    return `[${v.fields.map((f, i) => `${f} |-> ${formatValue(valueAt(v.values, i))}`).join(', ')}]`;
  const f = v as FcnValue;
  return `(${f.domain.map((d, i) => `${formatValue(d)} :> ${formatValue(valueAt(f.values, i))}`).join(' @@ ')})`;
}

/** What kind of value this is, in TLC's words for error messages ("integer", "string", ...). */
export function describeKind(v: Value): string {
  switch (kindRank(v)) {
    case 0:
      return 'boolean';
    case 1:
      return 'integer';
    case 2:
      return 'string';
    case 3:
      return 'model value';
    case 4:
      return 'set';
    case 5:
      return 'sequence';
    case 6:
      return 'record';
    default:
      return 'function';
  }
}
