// The canonical fingerprint of a state's orbit when the symmetry group is a product of full
// symmetric groups (`Permutations(Threads)`, or `Permutations(A) \cup Permutations(B)` closed
// under composition): the members of each class are ordered by a colour that does not depend on
// their names, and the state is renamed so the k-th member in that order becomes the class's k-th
// model value. That costs a few hashes of the state per member instead of one permuted copy per
// group member (n! of them), and no group member is ever built, so 8, 10 or 20 interchangeable
// threads cost what 4 do per thread. Members the colours cannot tell apart (a ring of threads
// pointing at each other) are singled out one at a time and the colours refined again, but only
// when swapping them changes the state: identical idle threads cost one copy.
//
// Why this is canonical: every step below commutes with renaming (the colour of x in s is the
// colour of π(x) in π(s), and the member runs branched on are chosen by colour), so the set of
// renamed copies tried is the same for every state of an orbit and its least fingerprint names
// the orbit, as TLC's least fingerprint over the whole group does; the distinct-state counts are
// the same.

import { fmix, step1 } from '../values/hash-lanes.js';
import { FP, fingerprintState, fingerprintValue } from '../values/fingerprint.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  statesEqual,
  type Value,
} from '../values/values.js';
import type { Permutation, State } from './module-api.js';
import { at } from '../../source/checked-index.js';

/** The classes of model values a product of full symmetric groups permutes, each in name order. */
export type SymmetricClasses = readonly (readonly ModelValue[])[];

/**
 * The classes when `perms` (a group without its identity) is the product of the full symmetric
 * groups on the orbits of the values it moves, else undefined. A group inside that product with
 * as many members is the product itself.
 */
export function symmetricClasses(perms: readonly Permutation[]): SymmetricClasses | undefined {
  const parent = new Map<ModelValue, ModelValue>();
  const root = (x: ModelValue): ModelValue => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    parent.set(x, r);
    return r;
  };
  for (const p of perms)
    for (const [a, b] of p) {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      parent.set(root(a), root(b));
    }
  const byRoot = new Map<ModelValue, ModelValue[]>();
  for (const x of parent.keys()) {
    const r = root(x);
    const members = byRoot.get(r) ?? [];
    members.push(x);
    byRoot.set(r, members);
  }
  let size = 1;
  for (const members of byRoot.values()) for (let k = 2; k <= members.length; k++) size *= k;
  if (size !== perms.length + 1) return undefined;
  return [...byRoot.values()].map((c) => c.sort((a, b) => a.id - b.id));
}

/** A 32-bit hash of `v` in which each class member counts only by its colour (name-blind). */
function colourHash(v: Value, colour: ReadonlyMap<ModelValue, number>): number {
  if (typeof v !== 'object') {
    fingerprintValue(v);
    return FP.h1;
  }
  if (v instanceof ModelValue) return colour.get(v) ?? v.h1;
  if (v instanceof SetValue) {
    // A sum of mixed element hashes: the order the elements are stored in follows names.
    let h = 0x5e7;
    for (const x of v.elems) h = (h + fmix(colourHash(x, colour) ^ 0x2545f491)) | 0;
    return fmix(step1(h, v.elems.length));
  }
  if (v instanceof SeqValue || v instanceof RecordValue) {
    const elems = v instanceof SeqValue ? v.elems : v.values;
    let h = v instanceof SeqValue ? 0x5e9 : 0x7ec;
    for (const x of elems) h = step1(h, colourHash(x, colour));
    return fmix(h ^ elems.length);
  }
  let h = 0xfc7;
  const f = v as FcnValue;
  f.domain.forEach((d, i) => {
    const image = at(f.values, i, 'a value of a function');
    const pair = step1(step1(0x9e3779b9, colourHash(d, colour)), colourHash(image, colour));
    h = (h + fmix(pair)) | 0;
  });
  return fmix(step1(h, f.domain.length));
}

function stateColourHash(s: State, colour: ReadonlyMap<ModelValue, number>): number {
  let h = 0x57a7e;
  for (const v of s) h = step1(h, colourHash(v, colour));
  return fmix(h);
}

/** The colour an individualised member takes on top of its own (the same for every member). */
const SINGLED_OUT = 0x1b873593;

/**
 * Refines `start` by how the state uses each class member: repeatedly hash the state with one
 * member singled out, until the number of colours stops growing.
 */
function refine(
  s: State,
  members: readonly ModelValue[],
  start: ReadonlyMap<ModelValue, number>,
): Map<ModelValue, number> {
  let colour = new Map(start);
  let distinct = new Set(colour.values()).size;
  for (let round = 0; round < members.length; round++) {
    const next = new Map<ModelValue, number>();
    for (const x of members) {
      const own = colour.get(x) ?? 0;
      colour.set(x, fmix(own ^ 0x7f4a7c15));
      next.set(x, step1(own, stateColourHash(s, colour)));
      colour.set(x, own);
    }
    const count = new Set(next.values()).size;
    colour = next;
    if (count === distinct || count === members.length) break;
    distinct = count;
  }
  return colour;
}

/** The starting colours: each class its own. */
function classColours(classes: SymmetricClasses): Map<ModelValue, number> {
  const colour = new Map<ModelValue, number>();
  classes.forEach((c, k) => {
    for (const x of c) colour.set(x, fmix(0x3c6ef372 + k));
  });
  return colour;
}

function transposition(a: ModelValue, b: ModelValue): Permutation {
  return new Map([
    [a, b],
    [b, a],
  ]);
}

/** Whether every order of `run` gives the same state: each adjacent swap leaves `s` unchanged. */
function runIsFixed(s: State, run: readonly ModelValue[], permute: PermuteState): boolean {
  for (let i = 0; i + 1 < run.length; i++)
    if (
      !statesEqual(permute(s, transposition(at(run, i, 'a member'), at(run, i + 1, 'a member'))), s)
    )
      return false;
  return true;
}

type PermuteState = (s: State, p: Permutation) => State;

/** Each class's members in colour order (name order within a colour). */
function colourOrders(
  classes: SymmetricClasses,
  colour: ReadonlyMap<ModelValue, number>,
): ModelValue[][] {
  return classes.map((c) => [...c].sort((a, b) => (colour.get(a) ?? 0) - (colour.get(b) ?? 0)));
}

/**
 * The first run of members sharing a colour (in class order, then colour order) whose orders
 * give different states, or undefined when every run is a single member or fixed by `s`.
 */
function firstOpenCell(
  s: State,
  orders: readonly (readonly ModelValue[])[],
  colour: ReadonlyMap<ModelValue, number>,
  permute: PermuteState,
): readonly ModelValue[] | undefined {
  for (const order of orders)
    for (let i = 0; i < order.length; ) {
      const c = colour.get(at(order, i, 'a member'));
      let j = i + 1;
      while (j < order.length && colour.get(at(order, j, 'a member')) === c) j++;
      if (j - i > 1) {
        const run = order.slice(i, j);
        if (!runIsFixed(s, run, permute)) return run;
      }
      i = j;
    }
  return undefined;
}

/**
 * The most renamed copies one state's canonical form tries (6!: 8 threads in 4 pairs that wait
 * on each other need 384; each copy costs a refinement, so a state at the bound already costs
 * about what 7! permuted copies did). Past it the least copy found so far is taken: still sound
 * (an orbit may then get more than one fingerprint, never two orbits one), counted in
 * `incompleteCanonicalForms` and reported after the search.
 */
const LEAF_LIMIT = 720;

let incomplete = 0;

/** How many states so far had more ties than LEAF_LIMIT copies could settle. */
export function incompleteCanonicalForms(): number {
  return incomplete;
}

/**
 * Writes into `FP` the orbit fingerprint of `s` under the product of the full symmetric groups
 * on `classes`, permuting states with `permute`. Members the colours cannot tell apart are
 * tried one at a time as singled out (individualised) and the colours refined again, as
 * canonical graph labelling does, rather than in every order: a ring of n threads costs n copies,
 * not n!. A run of members whose every order gives the same state (identical idle threads) is
 * never branched on.
 */
export function fingerprintCanonical(
  s: State,
  classes: SymmetricClasses,
  permute: PermuteState,
): void {
  const members = classes.flat();
  let b1 = 0;
  let b2 = 0;
  let leaves = 0;
  let cut = false;
  const leaf = (orders: readonly (readonly ModelValue[])[]): void => {
    const p = new Map<ModelValue, ModelValue>();
    orders.forEach((order, k) => {
      const target = at(classes, k, 'a class');
      order.forEach((x, i) => {
        const y = at(target, i, 'a class member');
        if (x !== y) p.set(x, y);
      });
    });
    if (p.size === 0) fingerprintState(s);
    else fingerprintState(permute(s, p));
    const c1 = FP.h1 >>> 0;
    const c2 = FP.h2 >>> 0;
    if (leaves === 0 || c1 < b1 || (c1 === b1 && c2 < b2)) {
      b1 = c1;
      b2 = c2;
    }
    leaves++;
  };
  const search = (colour: ReadonlyMap<ModelValue, number>): void => {
    const orders = colourOrders(classes, colour);
    const cell = firstOpenCell(s, orders, colour, permute);
    if (cell === undefined) {
      leaf(orders);
      return;
    }
    for (const x of cell) {
      if (leaves >= LEAF_LIMIT) {
        cut = true;
        return;
      }
      const singled = new Map(colour);
      singled.set(x, fmix((colour.get(x) ?? 0) ^ SINGLED_OUT));
      search(refine(s, members, singled));
    }
  };
  search(refine(s, members, classColours(classes)));
  if (cut) incomplete++;
  FP.h1 = b1 | 0;
  FP.h2 = b2 | 0;
}
