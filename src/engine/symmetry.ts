// Takes a state and the SYMMETRY permutations of model values and computes the fingerprint of
// the orbit's canonical representative: the least fingerprint over all permuted copies, which
// is the same for every state of an orbit because the permutations form a group. It never
// changes the states the search keeps (traces show real states).

import type { Permutation, State } from './module-api.js';
import {
  FP,
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  compareValues,
  fingerprintState,
  makeFcn,
  makeSet,
  type Value,
} from './values.js';

/** The image of a value under a permutation of model values. */
export function permuteValue(v: Value, p: Permutation): Value {
  if (typeof v !== 'object') return v;
  if (v instanceof ModelValue) return p.get(v) ?? v;
  if (v instanceof SetValue) return makeSet(v.elems.map((x) => permuteValue(x, p)));
  if (v instanceof SeqValue) return new SeqValue(v.elems.map((x) => permuteValue(x, p)));
  if (v instanceof RecordValue) return new RecordValue(v.fields, v.values.map((x) => permuteValue(x, p)));
  const f = v as FcnValue;
  const pairs = f.domain.map((d, i) => [permuteValue(d, p), permuteValue(f.values[i]!, p)] as const);
  pairs.sort((a, b) => compareValues(a[0], b[0]));
  return makeFcn(
    pairs.map((x) => x[0]),
    pairs.map((x) => x[1]),
  );
}

/** The image of a state under a permutation. */
export function permuteState(s: State, p: Permutation): Value[] {
  return s.map((v) => permuteValue(v, p));
}

/**
 * Writes into `FP` the fingerprint of the orbit of `s` under `perms` (the least, as unsigned
 * (h1, h2), of the fingerprints of all images; the identity is always included).
 */
export function fingerprintOrbit(s: State, perms: readonly Permutation[]): void {
  fingerprintState(s);
  let b1 = FP.h1 >>> 0;
  let b2 = FP.h2 >>> 0;
  for (const p of perms) {
    if (p.size === 0) continue;
    fingerprintState(permuteState(s, p));
    const c1 = FP.h1 >>> 0;
    const c2 = FP.h2 >>> 0;
    if (c1 < b1 || (c1 === b1 && c2 < b2)) {
      b1 = c1;
      b2 = c2;
    }
  }
  FP.h1 = b1 | 0;
  FP.h2 = b2 | 0;
}
