// How many permutations the engine builds before it refuses: `Permutations(S)` and the group a
// SYMMETRY set generates both grow as |S|!, and past a few members that alone exhausts the time
// and memory of any run. The limit is the general enumeration limit (the same 2^20 members
// SUBSET allows) except while a module's symmetry set is read, when the tighter symmetry limit
// applies (symmetry-limit.ts): a group that large costs more per state than it saves.

import { EvalError } from './eval-error.js';

/** The most members `Permutations` enumerates anywhere (as SUBSET: 2^20). */
export const PERMUTATIONS_LIMIT = 1 << 20;

/** A set of permutations, or a group they generate, larger than the limit in force. */
export class PermutationsTooLarge extends EvalError {
  /**
   * @param description the set or group and its size (`Permutations of a set with 9 elements has 9! = 362880 members`)
   * @param limit the limit in force
   */
  constructor(
    readonly description: string,
    readonly limit: number,
  ) {
    super(`${description}, more than the ${limit} the engine enumerates.`);
  }
}

let limit = PERMUTATIONS_LIMIT;

/** The limit in force. */
export function permutationLimit(): number {
  return limit;
}

/** Runs `f` with at most `max` permutations built by any one `Permutations` or group. */
export function withPermutationLimit<T>(max: number, f: () => T): T {
  const before = limit;
  limit = Math.min(before, max);
  try {
    return f();
  } finally {
    limit = before;
  }
}

/** n!, or Infinity once it passes `cap` (so the caller never computes huge factorials). */
export function factorialUpTo(n: number, cap: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) {
    f *= k;
    if (f > cap) return Infinity;
  }
  return f;
}
