// The SYMMETRY set a module names is closed under composition, as TLC closes it, so that the
// orbits (and the distinct-state counts) are TLC's also when the set is a union of groups.

import {
  permutationArguments,
  symmetricGroupOf,
  symmetryGroup,
} from '../../src/engine/evaluation/symmetry.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
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

describe('symmetricGroupOf (a set written Permutations(A) \\cup Permutations(B))', () => {
  const name = (n: string): TlaExpr => ({ kind: 'TlaName', name: n });
  const permutationsOf = (x: TlaExpr): TlaExpr => ({
    kind: 'TlaBuiltin',
    op: 'Permutations',
    args: [x],
  });

  it('reads the arguments of Permutations and of a union of them, and nothing else', () => {
    const union: TlaExpr = {
      kind: 'TlaBinary',
      op: '\\cup',
      left: permutationsOf(name('T')),
      right: permutationsOf(name('S')),
    };
    expect(permutationArguments(union)).toEqual([name('T'), name('S')]);
    expect(permutationArguments(permutationsOf(name('T')))).toEqual([name('T')]);
    expect(permutationArguments(name('Perms'))).toBeUndefined();
    expect(permutationArguments({ ...union, op: '\\cap' } as TlaExpr)).toBeUndefined();
  });

  it('is the product of the symmetric groups on disjoint sets, those sharing a member merged', () => {
    const [e, f] = ['e1', 'e2'].map(modelValue) as [typeof a, typeof a];
    expect(symmetricGroupOf([makeSet([a, b]), makeSet([c, d])], 'Sym')).toEqual({
      kind: 'symmetric',
      classes: [
        [a, b],
        [c, d],
      ],
    });
    // Sym({a,b}) and Sym({b,c}) generate Sym({a,b,c}), as closing their union does.
    const merged = symmetricGroupOf([makeSet([a, b]), makeSet([b, c]), makeSet([e, f])], 'Sym');
    expect(merged).toEqual({
      kind: 'symmetric',
      classes: [
        [a, b, c],
        [e, f],
      ],
    });
    expect(
      symmetryGroup(makeSet([...perms(a, b).elems, ...perms(b, c).elems]), 'Sym'),
    ).toHaveLength(5);
    // A set of one member or none moves nothing.
    expect(symmetricGroupOf([makeSet([a]), makeSet([])], 'Sym')).toEqual({
      kind: 'symmetric',
      classes: [],
    });
  });

  it('builds no permutation for 20 threads', () => {
    const many = Array.from({ length: 20 }, (_, i) => modelValue(`t${i + 1}`));
    const g = symmetricGroupOf([makeSet(many)], 'Sym');
    expect(g.kind === 'symmetric' ? g.classes[0] : []).toHaveLength(20);
  });

  it('refuses an argument that is not a set of model values, naming the set', () => {
    expect(() => symmetricGroupOf([3], 'Sym')).toThrow(/Permutations in Sym is not a set/);
    expect(() => symmetricGroupOf([makeSet([1, 2])], 'Sym')).toThrow(
      /symmetry set Sym permutes values that are not model values/,
    );
  });
});
