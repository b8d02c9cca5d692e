// The SYMMETRY set a module names is closed under composition, as TLC closes it, so that the
// orbits (and the distinct-state counts) are TLC's also when the set is a union of groups.

import { symmetryGroup } from '../../src/engine/evaluation/symmetry.js';
import { permutations } from '../../src/engine/values/value-ops.js';
import { makeFcn, makeSet, modelValue, type SetValue } from '../../src/engine/values/values.js';

const [a, b, c, d] = ['a1', 'a2', 'b1', 'b2'].map(modelValue) as [
  ReturnType<typeof modelValue>,
  ReturnType<typeof modelValue>,
  ReturnType<typeof modelValue>,
  ReturnType<typeof modelValue>,
];

function perms(...xs: ReturnType<typeof modelValue>[]): SetValue {
  return permutations(makeSet(xs) as SetValue);
}

describe('symmetryGroup', () => {
  it('keeps a full symmetric group as it is (the identity left out)', () => {
    expect(symmetryGroup(perms(a, b, c), 'Symmetry')).toHaveLength(5);
  });

  it('closes a union of two groups into their product', () => {
    const union = makeSet([...perms(a, b).elems, ...perms(c, d).elems]);
    expect(union.elems).toHaveLength(4);
    const group = symmetryGroup(union, 'Symmetry');
    // {id, (a b)} x {id, (c d)} without the identity: (a b), (c d) and (a b)(c d).
    expect(group).toHaveLength(3);
    const both = group.find((p) => p.size === 4);
    expect(both?.get(a)).toBe(b);
    expect(both?.get(c)).toBe(d);
  });

  it('generates the whole group from a single cycle', () => {
    const cycle = makeFcn([a, b, c], [b, c, a]);
    const group = symmetryGroup(makeSet([cycle]), 'Symmetry');
    expect(group).toHaveLength(2);
  });

  it('takes the empty function (Permutations of no spare slots) for the identity', () => {
    const noSpares = permutations(makeSet([]) as SetValue);
    expect(noSpares.elems).toHaveLength(1);
    expect(
      symmetryGroup(makeSet([...perms(a, b).elems, ...noSpares.elems]), 'Symmetry'),
    ).toHaveLength(1);
  });

  it('refuses a member that is not a permutation of model values, naming the set', () => {
    expect(() => symmetryGroup(makeSet([makeFcn([a, b], [1, 2])]), 'Sym')).toThrow(
      /symmetry set Sym permutes values that are not model values/,
    );
    expect(() => symmetryGroup(3, 'Sym')).toThrow(/symmetry set Sym is not a set/);
  });
});
