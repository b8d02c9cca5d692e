// Symmetry by canonical form: for `Permutations(Threads)` (and products of such groups) the
// orbit fingerprint comes from sorting threads, not from n! permuted copies. It must name orbits
// exactly as brute force does: two states share a fingerprint exactly when some permutation maps
// one onto the other. Random small states with threads inside function domains, values, sets,
// sequences and records (cross-references such as "thread a waits for b" included) check that.

import fc from 'fast-check';
import type { Permutation, State } from '../../src/engine/evaluation/module-api.js';
import {
  fingerprintEnumerated,
  fingerprintOrbit,
  permuteState,
  symmetryGroup,
} from '../../src/engine/evaluation/symmetry.js';
import {
  incompleteCanonicalForms,
  symmetricClasses,
} from '../../src/engine/evaluation/symmetry-canonical.js';
import { FP } from '../../src/engine/values/fingerprint.js';
import { permutations } from '../../src/engine/values/value-ops.js';
import {
  formatValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  modelValue,
  type ModelValue,
  type SetValue,
  type Value,
} from '../../src/engine/values/values.js';

const threads = ['t1', 't2', 't3', 't4'].map(modelValue);
const slots = ['s1', 's2'].map(modelValue);
const none = modelValue('NoThread');

function group(...classes: ModelValue[][]): Permutation[] {
  const members = classes.flatMap((c) => permutations(makeSet(c) as SetValue).elems);
  return symmetryGroup(makeSet(members), 'Symmetry');
}

/** A state over the first `n` threads and both slots, from small random choices. */
function stateArb(n: number): fc.Arbitrary<State> {
  const ts = threads.slice(0, n);
  const thread = fc.constantFrom<Value>(...ts, none);
  const pc = fc.constantFrom<Value>('idle', 'wait', 'done');
  return fc
    .record({
      pcs: fc.array(pc, { minLength: n, maxLength: n }),
      waitsFor: fc.array(thread, { minLength: n, maxLength: n }),
      owner: fc.array(thread, { minLength: 2, maxLength: 2 }),
      held: fc.subarray([...ts]),
      queue: fc.array(thread, { maxLength: 3 }),
      counter: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ pcs, waitsFor, owner, held, queue, counter }) => [
      makeFcn(ts, pcs),
      makeFcn(ts, waitsFor),
      makeFcn(slots, owner),
      makeSet(held),
      makeSeq(queue),
      makeRecord(['count', 'last'], [counter, queue[0] ?? none]),
    ]);
}

function orbitFingerprint(s: State, perms: readonly Permutation[]): string {
  const classes = symmetricClasses(perms);
  if (classes === undefined) throw new Error('not a product of symmetric groups');
  fingerprintOrbit(s, { kind: 'symmetric', classes });
  return `${FP.h1}:${FP.h2}`;
}

/** The orbit by brute force: the least printed image over the whole group. */
function bruteOrbit(s: State, perms: readonly Permutation[]): string {
  let best = s.map(formatValue).join('|');
  for (const p of perms) {
    const image = permuteState(s, p).map(formatValue).join('|');
    if (image < best) best = image;
  }
  return best;
}

/** Whether the fingerprints partition `states` exactly as brute-force orbits do. */
function sameOrbits(states: readonly State[], perms: readonly Permutation[]): boolean {
  const fpOfOrbit = new Map<string, string>();
  const orbitOfFp = new Map<string, string>();
  for (const s of states) {
    const o = bruteOrbit(s, perms);
    const f = orbitFingerprint(s, perms);
    if ((fpOfOrbit.get(o) ?? f) !== f || (orbitOfFp.get(f) ?? o) !== o) return false;
    fpOfOrbit.set(o, f);
    orbitOfFp.set(f, o);
  }
  return true;
}

describe('symmetry by canonical form', () => {
  it('recognises full symmetric groups and their products, and nothing else', () => {
    expect(symmetricClasses(group(threads))).toEqual([threads]);
    expect(symmetricClasses(group(threads.slice(0, 3), slots))).toHaveLength(2);
    const cycle = makeFcn(threads.slice(0, 3), [threads[1], threads[2], threads[0]] as Value[]);
    expect(symmetricClasses(symmetryGroup(makeSet([cycle]), 'Symmetry'))).toBeUndefined();
  });

  it('gives every state of an orbit one fingerprint and each orbit its own (4 threads)', () => {
    const perms = group(threads);
    fc.assert(
      fc.property(fc.array(stateArb(4), { minLength: 1, maxLength: 12 }), (states) => {
        // Each state together with a few of its images, so orbits do repeat.
        const all = states.flatMap((s, i) => [
          s,
          permuteState(s, perms[(i * 7) % perms.length] as Permutation),
        ]);
        return sameOrbits(all, perms);
      }),
      { numRuns: 150 },
    );
  });

  it('does the same for a product of two groups (3 threads x 2 slots)', () => {
    const perms = group(threads.slice(0, 3), slots);
    expect(perms).toHaveLength(11);
    fc.assert(
      fc.property(fc.array(stateArb(3), { minLength: 1, maxLength: 12 }), (states) => {
        const all = states.flatMap((s, i) => [
          s,
          permuteState(s, perms[(i * 5) % perms.length] as Permutation),
        ]);
        return sameOrbits(all, perms);
      }),
      { numRuns: 150 },
    );
  });

  it('counts as many orbits as enumerating the group on a ring of threads (ties that sorting cannot break)', () => {
    const perms = group(threads);
    const [a, b, c, d] = threads as [ModelValue, ModelValue, ModelValue, ModelValue];
    const ring = (next: Value[]): State => [makeFcn(threads, next)];
    // A 4-cycle, two 2-cycles, and their images: two orbits, every thread coloured alike.
    const states = [ring([b, c, d, a]), ring([c, d, b, a]), ring([b, a, d, c]), ring([c, d, a, b])];
    const canonical = new Set(states.map((s) => orbitFingerprint(s, perms)));
    const enumerated = new Set(
      states.map((s) => {
        fingerprintEnumerated(s, perms);
        return `${FP.h1}:${FP.h2}`;
      }),
    );
    expect(canonical.size).toBe(2);
    expect(enumerated.size).toBe(2);
  });
});

describe('symmetry by canonical form, threads that point at each other', () => {
  it('names orbits exactly on 6 threads that point at each other (maps refinement alone cannot split)', () => {
    const six = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map(modelValue);
    const perms = group(six);
    const target = fc.constantFrom<Value>(...six);
    const stateOf = (next: Value[], held: Value[]): State => [makeFcn(six, next), makeSet(held)];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            next: fc.array(target, { minLength: 6, maxLength: 6 }),
            held: fc.subarray(six as Value[]),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (raw) => {
          const states = raw.flatMap(({ next, held }, i) => {
            const s = stateOf(next, held);
            return [s, permuteState(s, perms[(i * 37) % perms.length] as Permutation)];
          });
          return sameOrbits(states, perms);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('settles a ring of 8 threads within the copy limit and gives its renamings one fingerprint', () => {
    const eight = Array.from({ length: 8 }, (_, i) => modelValue(`r${i + 1}`));
    const classes = [eight];
    const ring = (order: readonly ModelValue[]): State => {
      const next = eight.map((x) => order[(order.indexOf(x) + 1) % order.length] as Value);
      return [makeFcn(eight, next)];
    };
    const fp = (s: State): string => {
      fingerprintOrbit(s, { kind: 'symmetric', classes });
      return `${FP.h1}:${FP.h2}`;
    };
    const before = incompleteCanonicalForms();
    const base = fp(ring(eight));
    // Rings in other orders are the same orbit (a single 8-cycle); two 4-cycles are another.
    const shuffled = [3, 7, 1, 0, 5, 2, 6, 4].map((i) => eight[i] as ModelValue);
    expect(fp(ring(shuffled))).toBe(base);
    expect(fp(ring([...eight].reverse()))).toBe(base);
    const twoRings: Value[] = eight.map(
      (_, i) => eight[i < 4 ? (i + 1) % 4 : 4 + ((i + 1) % 4)] as Value,
    );
    expect(fp([makeFcn(eight, twoRings)])).not.toBe(base);
    expect(incompleteCanonicalForms()).toBe(before);
  });

  it('counts a state whose ties need more than the bound of copies, and still fingerprints it the same way each time', () => {
    // 10 threads in 5 pairs that wait on each other: singling out one thread at a time needs
    // 10 x 8 x 6 x 4 x 2 = 3840 copies, past the bound of 720.
    const ten = Array.from({ length: 10 }, (_, i) => modelValue(`p${i + 1}`));
    const pairs: State = [
      makeFcn(
        ten,
        ten.map((_, i) => ten[i ^ 1] as Value),
      ),
    ];
    const before = incompleteCanonicalForms();
    fingerprintOrbit(pairs, { kind: 'symmetric', classes: [ten] });
    const first = `${FP.h1}:${FP.h2}`;
    expect(incompleteCanonicalForms()).toBe(before + 1);
    fingerprintOrbit(pairs, { kind: 'symmetric', classes: [ten] });
    expect(`${FP.h1}:${FP.h2}`).toBe(first);
  });
});
