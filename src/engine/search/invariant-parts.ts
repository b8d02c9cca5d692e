// Invariants on a successor, evaluated only where the step could have changed them: a compiled
// module lists each invariant's conjuncts with the variables they read (`StatePredicate.parts`),
// and a conjunct over variables the step left as they were (the very same value objects) is
// TRUE again, since the parent passed the invariant before it was queued.

import type { State, StatePredicate } from '../evaluation/module-api.js';

/**
 * Whether `inv` holds in `t`, a successor of `s` (which satisfies it). `holds` judges as soon as
 * one evaluated conjunct is not TRUE (false, not a boolean, or an error), so the verdict and any
 * error message are exactly those of evaluating the whole invariant.
 */
export function holdsAfterStep(inv: StatePredicate, s: State, t: State): boolean {
  const parts = inv.parts;
  if (parts === undefined) return inv.holds(t);
  for (const part of parts) {
    if (!changedAny(part.reads, s, t)) continue;
    let ok = false;
    try {
      ok = part.holds(t);
    } catch {
      ok = false;
    }
    if (!ok) return inv.holds(t);
  }
  return true;
}

function changedAny(reads: readonly number[], s: State, t: State): boolean {
  for (const r of reads) if (t[r] !== s[r]) return true;
  return false;
}
