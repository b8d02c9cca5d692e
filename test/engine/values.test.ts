// Property-based tests of the value layer: fingerprints are equal exactly when values are
// equal, the canonical order is a total order consistent with equality, JSON round-trips, and a
// successor's fingerprint from its parent's sums is the one computed from scratch.

import fc from 'fast-check';
import {
  compareValues,
  fromTlaValue,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  modelValue,
  toTlaValue,
  valueEquals,
  type Value,
} from '../../src/engine/values/values.js';
import { value } from '../support/value-arbitrary.js';
import {
  FP,
  FP_SUM,
  fingerprintState,
  fingerprintSuccessor,
  fingerprintValue,
} from '../../src/engine/values/fingerprint.js';

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
        if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0)
          expect(compareValues(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  test("a successor's fingerprint from the parent's sums equals the full one; states differ as their values do", () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.array(fc.option(value, { nil: undefined })),
        (parent, changes) => {
          // Unchanged positions share the parent's objects, as successors do.
          const child = parent.map((v, i) => (changes[i] === undefined ? v : changes[i]!));
          fingerprintState(parent);
          const [s1, s2] = [FP_SUM.s1, FP_SUM.s2];
          const pfp = `${FP.h1}:${FP.h2}`;
          fingerprintSuccessor(parent, s1, s2, child);
          const inc = `${FP.h1}:${FP.h2}`;
          fingerprintState(child);
          expect(inc).toBe(`${FP.h1}:${FP.h2}`);
          expect(inc === pfp).toBe(parent.every((v, i) => valueEquals(v, child[i]!)));
        },
      ),
      { numRuns: 2000 },
    );
    // Position matters: swapping two different values gives another state.
    fingerprintState([1, 2]);
    const a = `${FP.h1}:${FP.h2}`;
    fingerprintState([2, 1]);
    expect(`${FP.h1}:${FP.h2}`).not.toBe(a);
  });

  test('fingerprints are fixed between runs', () => {
    expect(fp(makeSet([modelValue('t2'), modelValue('t1')]))).toBe(
      fp(makeSet([modelValue('t1'), modelValue('t2')])),
    );
    // A fixed value: changing the hash changes this number, which would change stored results.
    expect(fp(makeRecord(['uid', 'gen'], [1000, 0]))).toBe('923432667:-1154228971');
  });

  test('a function over 1..n is a sequence and one over strings a record', () => {
    expect(valueEquals(makeFcn([1, 2], ['a', 'b']), makeSeq(['a', 'b']))).toBe(true);
    expect(
      valueEquals(makeFcn(['gen', 'uid'], [0, 1000]), makeRecord(['uid', 'gen'], [1000, 0])),
    ).toBe(true);
    expect(toTlaValue(makeFcn([modelValue('t1')], [0]))).toEqual({
      '#map': [[{ '#mv': 't1' }, 0]],
    });
  });
});
