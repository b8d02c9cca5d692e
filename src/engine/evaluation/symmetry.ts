// Takes a state and the SYMMETRY permutations of model values and computes the fingerprint of
// the orbit's canonical representative: the least fingerprint over all permuted copies, which
// is the same for every state of an orbit because the permutations form a group (the set a
// module names is closed under composition first, as TLC does). It never changes the states
// the search keeps (traces show real states).

import { EvalError } from '../values/eval-error.js';
import type { Permutation, State, SymmetryGroup } from './module-api.js';
import type { TlaExpr } from '../../tla/tla-ast.js';
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
import { fingerprintCanonical, symmetricClasses } from './symmetry-canonical.js';

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

/**
 * The arguments of a symmetry set written `Permutations(A) \cup Permutations(B) \cup ...` (the
 * form the lowering emits), else undefined. Such a set is read from its arguments alone
 * (symmetricGroupOf), so no permutation is ever built, however many threads there are.
 */
export function permutationArguments(body: TlaExpr): readonly TlaExpr[] | undefined {
  if (body.kind === 'TlaBuiltin' && body.op === 'Permutations' && body.args.length === 1)
    return body.args;
  if (body.kind !== 'TlaBinary' || body.op !== '\\cup') return undefined;
  const left = permutationArguments(body.left);
  const right = permutationArguments(body.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}

/**
 * The group `Permutations(S1) \cup ... \cup Permutations(Sk)` generates, from the sets S1..Sk:
 * the product of the full symmetric groups on the classes their members form (sets that share a
 * member merge, as the group they generate together is the symmetric group on their union).
 * The same group symmetryGroup builds by closing the enumerated set, without the n! members.
 */
export function symmetricGroupOf(sets: readonly Value[], name: string): SymmetryGroup {
  const classes: ModelValue[][] = [];
  for (const set of sets) {
    if (!(set instanceof SetValue))
      throw new EvalError(`The argument of Permutations in ${name} is not a set.`, name);
    const members = set.elems.map((x) => {
      if (!(x instanceof ModelValue))
        throw new EvalError(
          `The symmetry set ${name} permutes values that are not model values.`,
          name,
        );
      return x;
    });
    const overlapping = classes.filter((c) => members.some((x) => c.includes(x)));
    const merged = [...new Set([...overlapping.flat(), ...members])];
    for (const c of overlapping) classes.splice(classes.indexOf(c), 1);
    classes.push(merged);
  }
  const moved = classes.filter((c) => c.length > 1).map((c) => c.sort((a, b) => a.id - b.id));
  moved.sort((x, y) => at(x, 0, 'a class member').id - at(y, 0, 'a class member').id);
  return { kind: 'symmetric', classes: moved };
}

/** The group a SYMMETRY set value generates (symmetryGroup), by its classes when it has them. */
export function groupOfSet(set: Value, name: string): SymmetryGroup {
  const members = symmetryGroup(set, name);
  const classes = symmetricClasses(members);
  return classes === undefined ? { kind: 'enumerated', members } : { kind: 'symmetric', classes };
}

/** Work per fingerprint under `g`, in plain fingerprints (for the clock checks of a search). */
export function symmetryCost(g: SymmetryGroup | undefined): number {
  if (g === undefined) return 1;
  if (g.kind === 'enumerated') return 1 + g.members.length;
  const n = g.classes.reduce((k, c) => k + c.length, 0);
  return 1 + n * n;
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

/**
 * Writes into `FP` the fingerprint of the orbit of `s` under `g`: for a product of full
 * symmetric groups (the usual `Permutations(Threads)`) from a canonical renaming found by
 * sorting (symmetry-canonical.ts), otherwise the least, as unsigned (h1, h2), of the
 * fingerprints of all images (the identity is always included). Either way every state of an
 * orbit gets one fingerprint and distinct orbits distinct ones, so the counts are TLC's.
 */
export function fingerprintOrbit(s: State, g: SymmetryGroup): void {
  if (g.kind === 'enumerated') fingerprintEnumerated(s, g.members);
  else fingerprintCanonical(s, g.classes, permuteState);
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
