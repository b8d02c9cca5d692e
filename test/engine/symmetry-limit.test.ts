// A symmetry group is read under the 7! limit: up to it the group is the one TLC builds (so the
// distinct-state counts stay TLC's), past it the module is built without its symmetry set and
// says why, and no permutation set or group larger than the limit is ever enumerated.

import type { ExecutableModule } from '../../src/engine/evaluation/module-api.js';
import {
  PERMUTATIONS_LIMIT,
  PermutationsTooLarge,
  withPermutationLimit,
} from '../../src/engine/values/permutation-limit.js';
import {
  SYMMETRY_GROUP_LIMIT,
  buildWithBoundedSymmetry,
} from '../../src/engine/run/symmetry-limit.js';
import { symmetryGroup } from '../../src/engine/evaluation/symmetry.js';
import { permutations } from '../../src/engine/values/value-ops.js';
import {
  makeSet,
  modelValue,
  type ModelValue,
  type SetValue,
} from '../../src/engine/values/values.js';
import type { TlcConfig } from '../../src/tla/tla-ast.js';

function members(prefix: string, n: number): ModelValue[] {
  return Array.from({ length: n }, (_, i) => modelValue(`${prefix}${i + 1}`));
}

function perms(xs: readonly ModelValue[]): SetValue {
  return permutations(makeSet([...xs]) as SetValue);
}

/** A "module" whose symmetry set is `Permutations(A) \cup Permutations(B)`, as the lowering writes it. */
function groupsOf(sizes: readonly number[]): (config: TlcConfig) => ExecutableModule {
  return (config) => {
    if (config.symmetry === undefined)
      return { symmetry: undefined } as unknown as ExecutableModule;
    const union = makeSet(sizes.flatMap((n, k) => perms(members(`g${k}_`, n)).elems));
    return { symmetry: symmetryGroup(union, config.symmetry) } as unknown as ExecutableModule;
  };
}

const CONFIG: TlcConfig = {
  constants: [],
  specification: 'Spec',
  invariants: [],
  properties: [],
  symmetry: 'Symmetry',
  checkDeadlock: true,
};

describe('buildWithBoundedSymmetry', () => {
  test('keeps a group of 7 threads (7! = 5040 permutations, the limit) whole', () => {
    const b = buildWithBoundedSymmetry(groupsOf([7]), CONFIG);
    expect(b.symmetryDropped).toBeUndefined();
    expect(b.module.symmetry).toHaveLength(SYMMETRY_GROUP_LIMIT - 1); // the identity left out
    expect(b.config.symmetry).toBe('Symmetry');
  });

  test('keeps a product under the limit (5! x 3! = 720)', () => {
    const b = buildWithBoundedSymmetry(groupsOf([5, 3]), CONFIG);
    expect(b.symmetryDropped).toBeUndefined();
    expect(b.module.symmetry).toHaveLength(719);
  });

  test('drops a group of 8 threads with a note, without building its 8! permutations', () => {
    const b = buildWithBoundedSymmetry(groupsOf([8]), CONFIG);
    expect(b.module.symmetry).toBeUndefined();
    expect(b.config.symmetry).toBeUndefined();
    expect(b.symmetryDropped).toMatch(
      /^symmetry reduction is off for this check: its `symmetric` threads have 8! = 40320 orderings, more than the 5040 \(7!\) a reduction that lists them may have;/,
    );
  });

  test('drops a product past the limit (6! x 4! = 17280) whose factors are each under it', () => {
    const b = buildWithBoundedSymmetry(groupsOf([6, 4]), CONFIG);
    expect(b.module.symmetry).toBeUndefined();
    expect(b.symmetryDropped).toContain(
      'its `symmetric` threads have more than 5040 orderings, more than the 5040 (7!)',
    );
    expect(b.symmetryDropped).not.toMatch(/Permutations|SUBSET|symmetry set/);
  });

  test('does not blame the symmetry set for a refusal that recurs without it', () => {
    const build = (config: TlcConfig): ExecutableModule => {
      // A constant that needs Permutations of 8 elements whatever the symmetry: the general limit applies.
      const big = perms(members('c', 8));
      return {
        symmetry: config.symmetry === undefined ? undefined : [],
        size: big.elems.length,
      } as unknown as ExecutableModule;
    };
    const b = buildWithBoundedSymmetry(build, CONFIG);
    expect(b.symmetryDropped).toBeUndefined();
    expect(b.module.symmetry).toEqual([]);
    expect((b.module as unknown as { size: number }).size).toBe(40320);
  });
});

describe('Permutations and symmetryGroup under a limit', () => {
  test('Permutations refuses past the general limit (2^20) before building anything', () => {
    expect(perms(members('p', 9)).elems).toHaveLength(362880);
    expect(() => perms(members('p', 11))).toThrow(PermutationsTooLarge);
    expect(() => perms(members('p', 100000))).toThrow(
      /100000! = over 2\^53 members, more than the 1048576/,
    );
    expect(PERMUTATIONS_LIMIT).toBe(1 << 20);
  });

  test('the tighter limit holds only inside withPermutationLimit', () => {
    expect(() => withPermutationLimit(SYMMETRY_GROUP_LIMIT, () => perms(members('p', 8)))).toThrow(
      /8! = 40320/,
    );
    expect(perms(members('p', 8)).elems).toHaveLength(40320);
  });

  test('a group closure stops as soon as it passes the limit', () => {
    const union = makeSet([...perms(members('a', 6)).elems, ...perms(members('b', 4)).elems]);
    expect(() =>
      withPermutationLimit(SYMMETRY_GROUP_LIMIT, () => symmetryGroup(union, 'Sym')),
    ).toThrow(PermutationsTooLarge);
    expect(symmetryGroup(union, 'Sym')).toHaveLength(6 * 5 * 4 * 3 * 2 * 24 - 1);
  });
});
