// Takes a state and the SYMMETRY permutations of model values and computes the fingerprint of
// the orbit's canonical representative: the least fingerprint over all permuted copies, which
// is the same for every state of an orbit because the permutations form a group (the set a
// module names is closed under composition first, as TLC does). It never changes the states
// the search keeps (traces show real states).

import { EvalError } from '../values/eval-error.js';
import type { Permutation, State } from './module-api.js';
import { PermutationsTooLarge, permutationLimit } from '../values/permutation-limit.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  compareValues,
  formatValue,
  makeFcn,
  makeSet,
  type Value,
} from '../values/values.js';
import { FP, fingerprintState } from '../values/fingerprint.js';
import { at } from '../../source/checked-index.js';
import {
  fingerprintCanonical,
  type SymmetricClasses,
  symmetricClasses,
} from './symmetry-canonical.js';

/**
 * The group a SYMMETRY set generates, as maps of the model values each permutation moves
 * (the identity left out). TLC closes the set under composition before it reduces states
 * (`Permutations(A) \cup Permutations(B)` becomes every pair of a permutation of A and one of
 * B), so the orbits, and the distinct-state counts, are only TLC's when this one does too.
 * A group larger than the permutation limit in force (permutation-limit.ts) is refused with
 * PermutationsTooLarge as soon as the closure passes it.
 */
export function symmetryGroup(set: Value, name: string): Permutation[] {
  if (!(set instanceof SetValue))
    throw new EvalError(`The symmetry set ${name} is not a set.`, name);
  const max = permutationLimit();
  const identity: Permutation = new Map();
  const elements: Permutation[] = [identity];
  const seen = new Set<string>([permutationKey(identity)]);
  const generators: Permutation[] = [];
  for (const f of set.elems) {
    const p = permutationOf(f, name);
    if (seen.has(permutationKey(p))) continue;
    // A member outside the group so far extends it: every element times every generator,
    // new elements included, until nothing new appears. Only members that grow the group are
    // kept as generators, so `Permutations(S)` with its n! members costs about n! products,
    // not (n!)^2.
    generators.push(p);
    // The loop reaches the elements it appends.
    for (const element of elements) {
      for (const g of generators) {
        const c = compose(g, element);
        const key = permutationKey(c);
        if (seen.has(key)) continue;
        seen.add(key);
        elements.push(c);
        if (elements.length > max)
          throw new PermutationsTooLarge(
            `The group the symmetry set ${name} generates has more than ${max} members`,
            max,
          );
      }
    }
  }
  return elements.slice(1);
}

/** One member of a SYMMETRY set as the map of the model values it moves. */
function permutationOf(f: Value, name: string): Permutation {
  // `Permutations({})` is `{<<>>}`: the empty function, which moves nothing (a group with no
  // spare slots, `spare 0` or a SPARE parameter set to 0).
  if (f instanceof SeqValue && f.elems.length === 0) return new Map();
  if (!(f instanceof FcnValue))
    throw new EvalError(
      `The symmetry set ${name} holds ${formatValue(f)}, not a permutation of model values.`,
      name,
    );
  const m = new Map<ModelValue, ModelValue>();
  f.domain.forEach((d, i) => {
    const img = f.values[i];
    if (!(d instanceof ModelValue) || !(img instanceof ModelValue))
      throw new EvalError(
        `The symmetry set ${name} permutes values that are not model values.`,
        name,
      );
    if (d !== img) m.set(d, img);
  });
  return m;
}

/** `p` after `q`: x goes to p(q(x)). */
function compose(p: Permutation, q: Permutation): Permutation {
  const m = new Map<ModelValue, ModelValue>();
  for (const x of new Set([...q.keys(), ...p.keys()])) {
    const qx = q.get(x) ?? x;
    const img = p.get(qx) ?? qx;
    if (img !== x) m.set(x, img);
  }
  return m;
}

/** A text naming a permutation by what it moves, the same for equal permutations. */
function permutationKey(m: Permutation): string {
  return [...m]
    .map(([a, b]) => `${a.name}>${b.name}`)
    .sort()
    .join(',');
}

/** The image of a value under a permutation of model values. */
export function permuteValue(v: Value, p: Permutation): Value {
  if (typeof v !== 'object') return v;
  if (v instanceof ModelValue) return p.get(v) ?? v;
  if (v instanceof SetValue) return makeSet(v.elems.map((x) => permuteValue(x, p)));
  if (v instanceof SeqValue) return new SeqValue(v.elems.map((x) => permuteValue(x, p)));
  if (v instanceof RecordValue)
    return new RecordValue(
      v.fields,
      v.values.map((x) => permuteValue(x, p)),
    );
  const f = v as FcnValue;
  const pairs = f.domain.map(
    (d, i) =>
      [permuteValue(d, p), permuteValue(at(f.values, i, 'a value of a function'), p)] as const,
  );
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

/** What each group was found to be: a product of full symmetric groups, or any other group. */
const structures = new WeakMap<readonly Permutation[], SymmetricClasses | 'enumerate'>();

/**
 * Writes into `FP` the fingerprint of the orbit of `s` under `perms`: for a product of full
 * symmetric groups (the usual `Permutations(Threads)`) from a canonical renaming found by
 * sorting (symmetry-canonical.ts), otherwise the least, as unsigned (h1, h2), of the
 * fingerprints of all images (the identity is always included). Either way every state of an
 * orbit gets one fingerprint and distinct orbits distinct ones, so the counts are TLC's.
 */
export function fingerprintOrbit(s: State, perms: readonly Permutation[]): void {
  let structure = structures.get(perms);
  if (structure === undefined) {
    structure = symmetricClasses(perms) ?? 'enumerate';
    structures.set(perms, structure);
  }
  if (structure === 'enumerate') fingerprintEnumerated(s, perms);
  else fingerprintCanonical(s, structure, permuteState);
}

/** The least fingerprint over the images of `s` under every member of `perms`. */
export function fingerprintEnumerated(s: State, perms: readonly Permutation[]): void {
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
