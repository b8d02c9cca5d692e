// Which outcomes of test steps the search took. An `if` or `while` test is one action whose
// successor's pc is an IF-THEN-ELSE, so "the action was taken" does not say the test ever
// failed; where that outcome has no step of its own (an `if` without `else`, a loop's exit),
// the search looks at the pc value each step of the test moves its thread to. One function
// lookup per successor of a watched action, nothing for the others, no allocation. An `await`'s
// failing outcome is a wait, not a step: a state where a thread stands at the await and the
// await's action gives that thread no successor; the search tells the recorder when it starts
// and ends expanding a state, and it looks at the pc of each thread then, until every await
// watched has been seen waiting.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { functionIndex, functionValues, isFunction, type Value } from '../values/values.js';

/** The outcomes to watch: a plain object, so it travels to a parallel search's workers. */
export interface BranchWatch {
  /** Index of the pc variable (a function from threads to pc values) in a state. */
  readonly pcVariable: number;
  /**
   * Per watched outcome: the action and sub-action of the test, and the pc value it moves `self`
   * to; with `waits`, the await's own pc value, where a thread the action cannot move waits.
   */
  readonly outcomes: readonly {
    readonly action: number;
    readonly sub: number;
    readonly pc: string;
    readonly waits?: true;
  }[];
}

/** Records, per watched outcome, whether a step took it. */
export class BranchRecorder {
  /** Per action: the indices of its watched outcomes (undefined: not watched). */
  private readonly byAction: (number[] | undefined)[];
  /** Per watched outcome: 1 once a step took it (an await: once a thread waited at it). */
  readonly taken: Uint8Array;
  /** The watched awaits, and per await the threads (by pc index) it moved in the state being expanded. */
  private readonly waits: number[];
  private readonly moved: Set<number>[];

  constructor(
    module: ExecutableModule,
    private readonly watch: BranchWatch,
  ) {
    this.byAction = module.actions.map(() => undefined);
    watch.outcomes.forEach((o, k) => {
      const list = this.byAction[o.action];
      if (list === undefined) this.byAction[o.action] = [k];
      else list.push(k);
    });
    this.taken = new Uint8Array(watch.outcomes.length);
    this.waits = watch.outcomes.flatMap((o, k) => (o.waits === true ? [k] : []));
    this.moved = watch.outcomes.map(() => new Set<number>());
  }

  /** The search starts expanding a state: no await has moved a thread yet. */
  enter(): void {
    // An await already seen waiting needs no more bookkeeping on any later state.
    for (const k of this.waits) if (this.taken[k] !== 1) this.moved[k]?.clear();
  }

  /** The search has expanded `s`: a thread at an await that did not move it waits there. */
  leave(s: State): void {
    const pcs = s[this.watch.pcVariable];
    if (pcs === undefined || !isFunction(pcs)) return;
    const values = functionValues(pcs);
    for (const k of this.waits) {
      const o = this.watch.outcomes[k];
      const moved = this.moved[k];
      if (o === undefined || moved === undefined || this.taken[k] === 1) continue;
      for (let i = 0; i < values.length; i++) {
        if (values[i] === o.pc && !moved.has(i)) {
          this.taken[k] = 1;
          break;
        }
      }
    }
  }

  /** A step of action `action` (sub-action `sub`, parameter `param`) to `t`. */
  record(t: State, action: number, param: Value | undefined, sub: number): void {
    const list = this.byAction[action];
    if (list === undefined || param === undefined) return;
    const pcs = t[this.watch.pcVariable];
    if (pcs === undefined || !isFunction(pcs)) return;
    const i = functionIndex(pcs, param);
    if (i < 0) return;
    const pc = functionValues(pcs)[i];
    for (const k of list) {
      const o = this.watch.outcomes[k];
      if (o === undefined || o.sub !== sub) continue;
      // The thread's pc index is the same in every state: the domain is the fixed thread set.
      if (o.waits === true) this.moved[k]?.add(i);
      else if (o.pc === pc) this.taken[k] = 1;
    }
  }

  /** Adds the outcomes another recorder (a worker's) saw taken. */
  merge(taken: Uint8Array): void {
    taken.forEach((b, k) => {
      if (b === 1) this.taken[k] = 1;
    });
  }

  /** The sub-action names of the tests whose watched outcome no step took. */
  untaken(module: ExecutableModule): string[] {
    const out: string[] = [];
    this.watch.outcomes.forEach((o, k) => {
      if (this.taken[k] === 1) return;
      const name = module.actions[o.action]?.subActions[o.sub];
      if (name === undefined)
        throw new Error(`internal error: no sub-action ${o.sub} of action ${o.action}`);
      out.push(name);
    });
    return out;
  }
}

/**
 * What the one-worker and the sharded search note of every successor before they look it up:
 * its action and sub-action reached, and the branches it took when they are recorded. The
 * successor comes as separate arguments, not an object, on this hot path.
 */
export function noteReached(
  actionReached: readonly boolean[][],
  branchTaken: BranchRecorder | undefined,
  t: State,
  action: number,
  param: Value | undefined,
  sub: number,
): void {
  const reached = actionReached[action];
  if (reached === undefined) throw new Error(`internal error: no action ${action}`);
  reached[sub] = true;
  branchTaken?.record(t, action, param, sub);
}
