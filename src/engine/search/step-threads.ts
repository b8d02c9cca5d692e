// Which thread takes a step, and which threads could have: the facts a preemption count needs.
// A thread is the value of an action's parameter (`self`, as the trace mapper names the mover);
// the same value under two actions is the same thread (a procedure runs as its caller). A
// parameterless action (the terminating stutter) belongs to no thread. Takes a module and
// states; returns numbers, never a CheckResult.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { type Value, valueEquals } from '../values/values.js';
import { at } from '../../source/checked-index.js';
import { paramIndex } from './step-places.js';

/** No thread: a step of a parameterless action, or the start of a behaviour. */
export const NO_THREAD = -1;

/** One successor with the thread that takes it and its number in the module's enumeration order. */
export interface ThreadStep {
  readonly next: State;
  readonly action: number;
  readonly param: Value | undefined;
  readonly sub: number;
  readonly thread: number;
  /** The successor's number among all successors of its state (what `nthSuccessor` takes). */
  readonly ordinal: number;
}

/** The successors of one state and the threads that have at least one. */
export interface Expansion {
  readonly steps: readonly ThreadStep[];
  readonly enabled: ReadonlySet<number>;
}

/** Numbers the threads of a module's actions. */
export class ThreadTable {
  /** Per action, per parameter index: the thread number. */
  private readonly ids: number[][];
  /** Thread number -> the parameter value. */
  readonly values: Value[] = [];

  constructor(readonly module: ExecutableModule) {
    this.ids = module.actions.map((a) =>
      a.paramName === undefined ? [] : a.paramValues.map((v) => this.intern(v)),
    );
  }

  private intern(v: Value): number {
    const k = this.values.findIndex((w) => valueEquals(v, w));
    if (k >= 0) return k;
    this.values.push(v);
    return this.values.length - 1;
  }

  /** The thread of a step by `action` with `param`. */
  threadOf(action: number, param: Value | undefined): number {
    const ids = at(this.ids, action, 'the threads of an action');
    if (param === undefined || ids.length === 0) return NO_THREAD;
    const a = at(this.module.actions, action, 'an action');
    return at(ids, paramIndex(a.paramValues, param), 'the thread of a parameter');
  }

  /** Every successor of `s` in the module's order, with its thread, and the enabled threads. */
  expand(s: State): Expansion {
    const steps: ThreadStep[] = [];
    const enabled = new Set<number>();
    const m = this.module;
    for (let a = 0; a < m.actions.length; a++) {
      m.successors(a, s, (next, action, param, sub) => {
        const thread = this.threadOf(action, param);
        enabled.add(thread);
        steps.push({ next, action, param, sub, thread, ordinal: steps.length });
      });
    }
    return { steps, enabled };
  }
}

/**
 * Whether a step by `thread` preempts `last`: it switches away from a thread that took the
 * step before and could still have taken one (`enabled`, in the state the step leaves).
 */
export function preempts(last: number, thread: number, enabled: ReadonlySet<number>): boolean {
  return last !== NO_THREAD && thread !== NO_THREAD && thread !== last && enabled.has(last);
}
