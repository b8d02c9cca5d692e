// A behaviour as the choices that make it: which initial state, then which successor at each
// step (numbers in the module's enumeration order), and the violation it is meant to end in.
// Takes a module and such a schedule and returns the TLA+ trace, or counts its preemptions;
// the searches that pick schedules (preemption-search.ts, shrink.ts) share these.

import type { TlaTraceStep } from '../../result/check-result.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { nthSuccessor, toTlaState, traceStep } from './explore.js';
import { NO_THREAD, preempts, type ThreadTable } from './step-threads.js';
import { stateFromJson } from './state-json.js';
import { fromTlaValue, statesEqual, valueEquals } from '../values/values.js';

/** What a counterexample violates, as far as its schedule is concerned. */
export type ViolationTarget =
  | { readonly kind: 'invariant' | 'action-property'; readonly property: string }
  | { readonly kind: 'deadlock' };

/** Choices of one behaviour: initial state number `init`, then successor numbers. */
export interface Schedule {
  readonly init: number;
  readonly steps: readonly number[];
}

/** Initial state number `n` (in the order the module enumerates them, duplicates included). */
export function nthInitial(module: ExecutableModule, n: number): State {
  const all: State[] = [];
  module.initialStates((s) => all.push(s));
  const s = all[n];
  if (s === undefined) throw new Error(`internal error: no initial state ${n}`);
  return s;
}

/** The TLA+ trace a schedule makes. */
export function scheduleTrace(module: ExecutableModule, schedule: Schedule): TlaTraceStep[] {
  let cur = nthInitial(module, schedule.init);
  const out: TlaTraceStep[] = [{ action: null, state: toTlaState(module, cur) }];
  for (const j of schedule.steps) {
    const st = nthSuccessor(module, cur, j);
    out.push(traceStep(module, st));
    cur = st.next;
  }
  return out;
}

/** Preemptions along a schedule: steps that switch away from a thread that could have gone on. */
export function countPreemptions(threads: ThreadTable, schedule: Schedule): number {
  let cur = nthInitial(threads.module, schedule.init);
  let last = NO_THREAD;
  let count = 0;
  for (const j of schedule.steps) {
    const { steps, enabled } = threads.expand(cur);
    const st = steps[j];
    if (st === undefined) throw new Error(`internal error: no successor ${j} to count`);
    if (preempts(last, st.thread, enabled)) count++;
    if (st.thread !== NO_THREAD) last = st.thread;
    cur = st.next;
  }
  return count;
}

/**
 * The schedule of a recorded trace (from either engine): the initial state equal to its first
 * state, then at each step the first successor equal to the next state by the named action and
 * parameters. Undefined when the trace is not a behaviour of the module.
 */
export function scheduleOf(
  threads: ThreadTable,
  trace: readonly TlaTraceStep[],
): Schedule | undefined {
  const module = threads.module;
  const states = trace.map((st) => stateFromJson(module, st.state));
  const first = states[0];
  if (first === undefined) return undefined;
  let init = -1;
  let n = 0;
  module.initialStates((s) => {
    if (init < 0 && statesEqual(s, first)) init = n;
    n++;
  });
  if (init < 0) return undefined;
  const steps: number[] = [];
  for (let k = 1; k < trace.length; k++) {
    const before = states[k - 1] as State;
    const after = states[k] as State;
    const named = trace[k]?.action ?? null;
    // TLC may name a step without its parameters: then any step to the same state will do.
    const equal = threads.expand(before).steps.filter((st) => statesEqual(st.next, after));
    const found =
      equal.find((st) => named === null || sameAction(traceStep(module, st).action, named)) ??
      equal[0];
    if (found === undefined) return undefined;
    steps.push(found.ordinal);
  }
  return { init, steps };
}

function sameAction(a: TlaTraceStep['action'], b: NonNullable<TlaTraceStep['action']>): boolean {
  if (a === null || a.name !== b.name) return false;
  const keys = Object.keys(b.params);
  if (keys.length !== Object.keys(a.params).length) return keys.length === 0;
  return keys.every((k) => {
    const x = a.params[k];
    const y = b.params[k];
    return x !== undefined && y !== undefined && valueEquals(fromTlaValue(x), fromTlaValue(y));
  });
}
