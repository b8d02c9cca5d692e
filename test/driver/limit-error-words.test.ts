// The engine's refusals to enumerate (a range, the subsets of a set, the orderings of a
// `symmetric` group's threads) and its wrong-type errors for them reach the user in the
// language's words (src/driver/error-in-spec.ts): none of TLA+'s names (SUBSET, Permutations,
// interval, symmetry set) survive. Each message is the one the engine itself throws.

import { errorWords } from '../../src/driver/error-in-spec.js';
import { boundedInterval } from '../../src/engine/values/interval-limit.js';
import { symmetryGroup } from '../../src/engine/evaluation/symmetry.js';
import { asSet, permutations, powerset } from '../../src/engine/values/value-ops.js';
import { makeInterval, modelValue, makeSet } from '../../src/engine/values/values.js';
import { withPermutationLimit } from '../../src/engine/values/permutation-limit.js';

/** The engine's message for what `f` refuses. */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the engine to refuse');
}

const TLA_WORDS = /SUBSET|Permutations|interval|symmetry set|elements|the engine/;

test.each([
  [
    'a range past the enumeration limit',
    () => boundedInterval(0, 2000000000),
    'the range 0..2000000000 has 2000000001 members, more than the 1048576 a check enumerates',
  ],
  [
    'the subsets of a set of 21 members',
    () => powerset(makeInterval(1, 21)),
    'the subsets of a set of 21 members number 2^21, more than a check enumerates',
  ],
  [
    'the orderings of 10 threads',
    () => permutations(makeSet(Array.from({ length: 10 }, (_, i) => modelValue(`worker${i + 1}`)))),
    'the 10 threads of a `symmetric` group have 10! = 3628800 orderings, more than the 1048576 a check enumerates',
  ],
  [
    'a symmetry group past its limit',
    () => {
      const all = permutations(makeSet([modelValue('a'), modelValue('b'), modelValue('c')]));
      return withPermutationLimit(5, () => symmetryGroup(all, 'Symmetry'));
    },
    'the threads of the `symmetric` groups have more than 5 orderings, more than a check enumerates',
  ],
  [
    'the subsets of a number',
    () => asSet(3, 'The argument of SUBSET'),
    'the subsets of a value that is not a set: the integer 3',
  ],
  [
    'the orderings of a number',
    () => asSet(3, 'The argument of Permutations'),
    'the threads of a `symmetric` group are not a set: the integer 3',
  ],
  [
    'a symmetry set that is not one',
    () => symmetryGroup(3, 'Symmetry'),
    'symmetry reduction applies only to the threads of `symmetric` process groups',
  ],
])('%s', (_what, refuse, words) => {
  const message = thrown(refuse);
  expect(errorWords(message)).toBe(words);
  expect(errorWords(message)).not.toMatch(TLA_WORDS);
});
