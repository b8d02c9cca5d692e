// Random engine values for property tests: booleans, small integers, strings, model values, and
// sets, sequences, records and functions of them, nested a few levels.

import fc from 'fast-check';
import {
  compareValues,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  modelValue,
  toTlaValue,
  type Value,
} from '../../src/engine/values/values.js';

export const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'b', 'ab'),
  fc.constantFrom('t1', 't2', 'NoThread').map(modelValue),
);

export const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }).map((xs) => makeSet(xs)),
    fc.array(tie('value'), { maxLength: 3 }).map((xs) => makeSeq(xs)),
    fc
      .dictionary(fc.constantFrom('x', 'y', 'z'), tie('value'), { minKeys: 1, maxKeys: 3 })
      .map((d) => makeRecord(Object.keys(d), Object.values(d))),
    fc.array(fc.tuple(leaf, tie('value')), { maxLength: 3 }).map((pairs) => {
      const m = new Map<string, [Value, Value]>();
      for (const [k, v] of pairs) m.set(JSON.stringify(toTlaValue(k)), [k, v]);
      const sorted = [...m.values()].sort((p, q) => compareValues(p[0], q[0]));
      return makeFcn(
        sorted.map((p) => p[0]),
        sorted.map((p) => p[1]),
      );
    }),
  ),
}));
