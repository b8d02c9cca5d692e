// How many members an integer interval `a..b` may have before the engine refuses to build it.
// Building `0..2000000000` as an array exhausts V8's heap and kills the process with a native
// stack (exit 134) before any run limit is looked at; refusing with an evaluation error ends the
// check with a located message instead. The limit is the general enumeration limit (as SUBSET
// and Permutations: 2^20 members). Membership `x \in a..b` never builds the interval and works
// for any size (intervalContains).

import { INTERVAL_LIMIT, intervalSize } from '../../limits/interval.js';
import { EvalError } from './eval-error.js';
import { EMPTY_SET, makeInterval, type SetValue, type Value } from './values.js';

/** An interval with more members than INTERVAL_LIMIT. */
export class IntervalTooLarge extends EvalError {
  constructor(
    readonly low: number,
    readonly high: number,
  ) {
    super(
      `The interval ${low}..${high} has ${intervalSize(low, high)} members, more than the ${INTERVAL_LIMIT} the engine enumerates.`,
    );
  }
}

/** `a..b` as a set, refused (IntervalTooLarge) past INTERVAL_LIMIT members. */
export function boundedInterval(a: number, b: number): SetValue {
  if (b < a) return EMPTY_SET;
  if (intervalSize(a, b) > INTERVAL_LIMIT) throw new IntervalTooLarge(a, b);
  return makeInterval(a, b);
}

/** `x \in a..b` without building the interval (only integers are members). */
export function intervalContains(a: number, b: number, x: Value): boolean {
  return typeof x === 'number' && a <= x && x <= b;
}
