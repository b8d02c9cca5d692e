// The order a sweep checks parameter sets in: smallest first, so that the first set that breaks
// a property is the smallest configuration that does. Smaller means fewer threads in all (born
// and spare), then fewer switches on (bool params set to true: fault injection, optional
// behaviour), then the values in declaration order compared one by one (false before true,
// lower integers first, enum members in declared order).

import type { ParamSet, ParamValue } from '../model/params.js';

/** A parameter set with what ordering it needs. */
export interface SizedSet {
  readonly params: ParamSet;
  /** Threads of the model this set builds, spare slots included. */
  readonly threads: number;
  /** Each param's position among its declared values, in declaration order. */
  readonly ranks: readonly number[];
  /** The params whose values differ from the variant's defaults (what a table row names). */
  readonly differs?: ParamSet;
}

/** How many bool params the set switches on. */
export function switchesOn(params: ParamSet): number {
  return Object.values(params).filter((v: ParamValue) => v === true).length;
}

/** Negative when `a` is checked before `b`. */
export function compareSets(a: SizedSet, b: SizedSet): number {
  if (a.threads !== b.threads) return a.threads - b.threads;
  const on = switchesOn(a.params) - switchesOn(b.params);
  if (on !== 0) return on;
  for (let i = 0; i < Math.min(a.ranks.length, b.ranks.length); i++) {
    const d = (a.ranks[i] ?? 0) - (b.ranks[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
