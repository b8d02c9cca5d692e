// Replays a counterexample's moves in another order, for the essential steps' race test: had a
// step run after another thread's write instead of before it, would the violation still
// happen? A move is a thread taking a step of one action (the same outcome, by rank, when the
// action has several); the answer is undefined when the new order cannot be taken as a whole
// (a move is not enabled) or something else breaks first, since then the order says nothing
// about the violation.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import type { ViolationTarget } from '../search/schedule.js';
import type { ThreadStep, ThreadTable } from '../search/step-threads.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';

/** A thread takes a step of an action: outcome `rank` among its outcomes of that action. */
export interface Move {
  readonly thread: number;
  readonly action: number;
  readonly sub: number;
  readonly rank: number;
}

/** The move step `st` of the expansion `steps` makes. */
export function moveOf(steps: readonly ThreadStep[], st: ThreadStep): Move {
  const rank = steps.filter(
    (x) => same(x, st) && x.thread === st.thread && x.ordinal < st.ordinal,
  ).length;
  return { thread: st.thread, action: st.action, sub: st.sub, rank };
}

/**
 * Whether `moves`, taken in order from `start`, still violate `target`: true at the target's
 * violation (a deadlock: no successor after the last move), false when they run through
 * without it, undefined when they cannot all be taken or break another property first.
 */
export function reorderedViolates(
  threads: ThreadTable,
  target: ViolationTarget,
  start: State,
  moves: readonly Move[],
): boolean | undefined {
  try {
    let cur = start;
    for (const move of moves) {
      const options = threads.expand(cur).steps.filter((x) => same(x, move));
      const st = options[move.rank];
      if (st === undefined) return undefined;
      const broken = brokenBy(threads.module, cur, st.next);
      if (broken !== undefined) return target.kind !== 'deadlock' && broken === target.property;
      cur = st.next;
    }
    return target.kind === 'deadlock' && threads.expand(cur).steps.length === 0;
  } catch (err) {
    if (err instanceof EvalError || err instanceof AssertFailure) return undefined;
    throw err;
  }
}

/** The first property a step from `before` to `after` breaks, in the order the search checks them. */
function brokenBy(module: ExecutableModule, before: State, after: State): string | undefined {
  const inv = module.invariants.find((i) => !i.holds(after));
  if (inv !== undefined) return inv.name;
  return module.actionProperties.find((p) => !p.holds(before, after))?.name;
}

function same(x: ThreadStep, m: { thread: number; action: number; sub: number }): boolean {
  return x.thread === m.thread && x.action === m.action && x.sub === m.sub;
}
