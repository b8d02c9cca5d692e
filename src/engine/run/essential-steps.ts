// Which steps of a counterexample the violation depends on: a dynamic slice of its schedule.
// The state is cut into leaves (a variable, or one entry of a function-valued variable such as
// `cred[caller1]`). Control state (pc, the call stack) is not followed back, so a thread's earlier
// steps are not needed just because they came first; but a thread's label is a leaf of the
// breaking state, since an invariant may read it (two threads inside one critical section), and
// there the step that moved the thread there is needed. The slice starts from the violation: the step
// that breaks the property, each stuck thread's last step in a deadlock, and every step whose
// write the breaking state needs (putting back the value the leaf had before that write makes
// the invariant hold or lets some thread move). It then walks back: a step needs the last
// earlier write of a leaf when, with that leaf put back as it was before the write, the same
// action and thread no longer makes the same move (its guard fails or it writes something else).
// Steps outside the slice are the ones a reader may skip.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { nthInitial, type Schedule, type ViolationTarget } from '../search/schedule.js';
import { NO_THREAD, type ThreadStep, type ThreadTable } from '../search/step-threads.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import {
  functionDomain,
  functionValues,
  isFunction,
  makeFcn,
  statesEqual,
  type Value,
  valueEquals,
} from '../values/values.js';
import { INTERNAL_NAMES, PC_DONE, PC_EXITED, PC_UNBORN } from '../../tla/names.js';

/** A piece of state: variable `variable`, or its entry at position `entry` of its (fixed) domain. */
interface Leaf {
  readonly variable: number;
  readonly entry: number | undefined;
  /** A thread's label: read by the breaking state's test, never followed back through a step. */
  readonly control: boolean;
}

/** One step of the schedule: the state it starts from and the successor it takes. */
interface Taken {
  readonly before: State;
  readonly step: ThreadStep;
  /** Leaves whose value the step changed, as indices into the leaf list. */
  readonly writes: readonly number[];
}

/** The state indices (1 = the first step) of the steps the violation at the schedule's end depends on. */
export function essentialSteps(
  threads: ThreadTable,
  target: ViolationTarget,
  schedule: Schedule,
): number[] {
  const module = threads.module;
  const taken = replaySteps(threads, schedule);
  const states = [nthInitial(module, schedule.init), ...taken.map((t) => t.step.next)];
  const leaves = leavesOf(module, states);
  const withWrites = taken.map((t) => ({
    ...t,
    writes: leaves.flatMap((l, i) =>
      valueEquals(read(t.before, l), read(t.step.next, l)) ? [] : [i],
    ),
  }));
  const slice = new Slice(module, leaves, withWrites);
  return slice.run(target, states[states.length - 1] as State);
}

function replaySteps(threads: ThreadTable, schedule: Schedule): Taken[] {
  let cur = nthInitial(threads.module, schedule.init);
  return schedule.steps.map((j) => {
    const step = threads.expand(cur).steps[j];
    if (step === undefined) throw new Error(`internal error: no successor ${j} to slice`);
    const before = cur;
    cur = step.next;
    return { before, step, writes: [] };
  });
}

/** Control state: which statement a thread is at; a call stack is never a leaf. */
const CONTROL: ReadonlySet<string> = new Set([INTERNAL_NAMES.pc, INTERNAL_NAMES.stack]);

/** The leaves of the trace's states: a function with the same domain in every state splits into its entries. */
function leavesOf(module: ExecutableModule, states: readonly State[]): Leaf[] {
  const out: Leaf[] = [];
  module.variables.forEach((name, variable) => {
    if (name === INTERNAL_NAMES.stack) return;
    const control = CONTROL.has(name);
    const values = states.map((s) => s[variable] as Value);
    const first = values[0] as Value;
    if (isFunction(first)) {
      const domain = functionDomain(first);
      const same = values.every(
        (v) =>
          isFunction(v) &&
          functionDomain(v).length === domain.length &&
          functionDomain(v).every((d, i) => valueEquals(d, domain[i] as Value)),
      );
      if (same && domain.length > 0) {
        for (let entry = 0; entry < domain.length; entry++) out.push({ variable, entry, control });
        return;
      }
    }
    out.push({ variable, entry: undefined, control });
  });
  return out;
}

function read(s: State, leaf: Leaf): Value {
  const v = s[leaf.variable] as Value;
  if (leaf.entry === undefined || !isFunction(v)) return v;
  return functionValues(v)[leaf.entry] as Value;
}

function write(s: State, leaf: Leaf, value: Value): State {
  const out = s.slice();
  const v = s[leaf.variable] as Value;
  if (leaf.entry === undefined || !isFunction(v)) out[leaf.variable] = value;
  else {
    const values = functionValues(v).slice();
    values[leaf.entry] = value;
    out[leaf.variable] = makeFcn(functionDomain(v), values);
  }
  return out;
}

class Slice {
  private readonly essential = new Set<number>();
  private readonly work: number[] = [];

  constructor(
    private readonly module: ExecutableModule,
    private readonly leaves: readonly Leaf[],
    private readonly taken: readonly Taken[],
  ) {}

  /** Step positions (0-based into `taken`) the violation needs, as state indices (1-based). */
  run(target: ViolationTarget, last: State): number[] {
    const n = this.taken.length;
    if (n === 0) return [];
    if (target.kind === 'deadlock') for (const k of this.stuckThreadsLastSteps(last)) this.add(k);
    else this.add(n - 1);
    // An action property's breaking step is the seed; the state checks are for state properties.
    // A deadlock's labels are left out: putting back any thread's last move lets it move again.
    for (let leaf = 0; target.kind !== 'action-property' && leaf < this.leaves.length; leaf++) {
      const l = this.leaf(leaf);
      if (l.control && target.kind === 'deadlock') continue;
      const w = this.lastWriter(leaf, n);
      if (w === undefined) continue;
      const undone = write(last, l, read((this.taken[w] as Taken).before, l));
      if (!this.stillViolates(target, undone)) this.add(w);
    }
    for (let k = this.work.pop(); k !== undefined; k = this.work.pop()) this.needsOf(k);
    return [...this.essential].sort((a, b) => a - b).map((k) => k + 1);
  }

  private leaf(i: number): Leaf {
    return this.leaves[i] as Leaf;
  }

  private add(k: number): void {
    if (this.essential.has(k)) return;
    this.essential.add(k);
    this.work.push(k);
  }

  /** The last step before position `before` that changed `leaf`. */
  private lastWriter(leaf: number, before: number): number | undefined {
    for (let k = before - 1; k >= 0; k--) if (this.taken[k]?.writes.includes(leaf)) return k;
    return undefined;
  }

  /** In a deadlock: the last step of each thread still in the middle of its body. */
  private stuckThreadsLastSteps(last: State): number[] {
    const pcIndex = this.module.variables.indexOf(INTERNAL_NAMES.pc);
    const pc = last[pcIndex];
    const out = new Map<number, number>();
    this.taken.forEach((t, k) => {
      if (t.step.thread !== NO_THREAD) out.set(t.step.thread, k);
    });
    return [...out.values()].filter((k) => {
      const param = this.taken[k]?.step.param;
      if (pc === undefined || param === undefined || !isFunction(pc)) return true;
      const i = functionDomain(pc).findIndex((d) => valueEquals(d, param));
      const at = functionValues(pc)[i];
      return !(typeof at === 'string' && [PC_DONE, PC_EXITED, PC_UNBORN].includes(at));
    });
  }

  /** Whether `s`, the breaking state with one write undone, still breaks the property. */
  private stillViolates(target: ViolationTarget, s: State): boolean {
    try {
      if (target.kind === 'deadlock') return !this.hasSuccessor(s);
      const inv = this.module.invariants.find((i) => i.name === target.property);
      return inv === undefined || !inv.holds(s);
    } catch (err) {
      if (err instanceof EvalError || err instanceof AssertFailure) return false;
      throw err;
    }
  }

  private hasSuccessor(s: State): boolean {
    for (let a = 0; a < this.module.actions.length; a++)
      if (this.module.successors(a, s, () => {}) > 0) return true;
    return false;
  }

  /** Adds the last earlier writer of every leaf step `k` needs. */
  private needsOf(k: number): void {
    const t = this.taken[k] as Taken;
    for (let leaf = 0; leaf < this.leaves.length; leaf++) {
      const l = this.leaf(leaf);
      if (l.control) continue;
      const w = this.lastWriter(leaf, k);
      if (w === undefined || this.essential.has(w)) continue;
      const undone = write(t.before, l, read((this.taken[w] as Taken).before, l));
      if (!this.sameMove(t, undone, leaf)) this.add(w);
    }
  }

  /** Whether step `t`'s action and thread, from `s` (its start with `leaf` undone), make the same move. */
  private sameMove(t: Taken, s: State, leaf: number): boolean {
    const expected = t.writes.includes(leaf)
      ? t.step.next
      : write(t.step.next, this.leaf(leaf), read(s, this.leaf(leaf)));
    let same = false;
    try {
      this.module.successors(t.step.action, s, (next, _action, param) => {
        const mine =
          param === undefined
            ? t.step.param === undefined
            : t.step.param !== undefined && valueEquals(param, t.step.param);
        if (mine && statesEqual(next, expected)) same = true;
      });
    } catch (err) {
      if (!(err instanceof EvalError || err instanceof AssertFailure)) throw err;
    }
    return same;
  }
}
