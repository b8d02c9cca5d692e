// Which outcomes of test steps the search took. An `if` or `while` test is one action whose
// successor's pc is an IF-THEN-ELSE, so "the action was taken" does not say the test ever
// failed; where that outcome has no step of its own (an `if` without `else`, a loop's exit),
// the search looks at the pc value each step of the test moves its thread to. One function
// lookup per successor of a watched action, nothing for the others, no allocation.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { functionIndex, functionValues, isFunction, type Value } from '../values/values.js';

/** The outcomes to watch: a plain object, so it travels to a parallel search's workers. */
export interface BranchWatch {
  /** Index of the pc variable (a function from threads to pc values) in a state. */
  readonly pcVariable: number;
  /** Per watched outcome: the action and sub-action of the test, and the pc value it moves `self` to. */
  readonly outcomes: readonly {
    readonly action: number;
    readonly sub: number;
    readonly pc: string;
  }[];
}

/** Records, per watched outcome, whether a step took it. */
export class BranchRecorder {
  /** Per action: the indices of its watched outcomes (undefined: not watched). */
  private readonly byAction: (number[] | undefined)[];
  /** Per watched outcome: 1 once a step took it. */
  readonly taken: Uint8Array;

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
      if (o !== undefined && o.sub === sub && o.pc === pc) this.taken[k] = 1;
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
