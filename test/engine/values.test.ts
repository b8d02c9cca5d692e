// Property-based tests of the value layer: fingerprints are equal exactly when values are
// equal, the canonical order is a total order consistent with equality, and JSON round-trips.

import fc from 'fast-check';
import {
  FP,
  compareValues,
  fingerprintValue,
  fromTlaValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  modelValue,
  toTlaValue,
  valueEquals,
  type Value,
} from '../../src/engine/values.js';

const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'b', 'ab'),
  fc.constantFrom('t1', 't2', 'NoThread').map(modelValue),
);

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }).map((xs) => makeSet(xs)),
    fc.array(tie('value'), { maxLength: 3 }).map((xs) => makeSeq(xs)),
    fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('value'), { minKeys: 1, maxKeys: 3 }).map((d) => makeRecord(Object.keys(d), Object.values(d))),
    fc.array(fc.tuple(leaf, tie('value')), { maxLength: 3 }).map((pairs) => {
      const m = new Map<string, [Value, Value]>();
      for (const [k, v] of pairs) m.set(JSON.stringify(toTlaValue(k)), [k, v]);
      const sorted = [...m.values()].sort((p, q) => compareValues(p[0], q[0]));
      return makeFcn(sorted.map((p) => p[0]), sorted.map((p) => p[1]));
    }),
  ),
}));

function fp(v: Value): string {
  fingerprintValue(v);
  return `${FP.h1}:${FP.h2}`;
}

describe('values', () => {
  test('fingerprints are equal exactly when values are equal', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(fp(a) === fp(b)).toBe(valueEquals(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  test('a value rebuilt from its JSON is equal and has the same fingerprint', () => {
    fc.assert(
      fc.property(value, (a) => {
        const b = fromTlaValue(toTlaValue(a));
        expect(valueEquals(a, b)).toBe(true);
        expect(fp(b)).toBe(fp(a));
      }),
      { numRuns: 2000 },
    );
  });

  test('the canonical order is antisymmetric, transitive and agrees with equality', () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(Math.sign(compareValues(a, b)) + Math.sign(compareValues(b, a))).toBe(0);
        expect(compareValues(a, b) === 0).toBe(valueEquals(a, b));
        if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0) expect(compareValues(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('fingerprints are fixed between runs', () => {
    expect(fp(makeSet([modelValue('t2'), modelValue('t1')]))).toBe(fp(makeSet([modelValue('t1'), modelValue('t2')])));
    // A fixed value: changing the hash changes this number, which would change stored results.
    expect(fp(makeRecord(['uid', 'gen'], [1000, 0]))).toBe('923432667:-1154228971');
  });

  test('a function over 1..n is a sequence and one over strings a record', () => {
    expect(valueEquals(makeFcn([1, 2], ['a', 'b']), makeSeq(['a', 'b']))).toBe(true);
    expect(valueEquals(makeFcn(['gen', 'uid'], [0, 1000]), makeRecord(['uid', 'gen'], [1000, 0]))).toBe(true);
    expect(toTlaValue(makeFcn([modelValue('t1')], [0]))).toEqual({ '#map': [[{ '#mv': 't1' }, 0]] });
  });
});
