// Which steps of a counterexample the violation depends on: a dynamic slice of its schedule.
// The state is cut into leaves (a variable, or one entry of a function-valued variable such as
// `cred[caller1]` or `pc[caller2]`). A step uses a leaf when, with the leaf set to the value it
// had before its last change (or, when nothing earlier changed it, to another value it takes
// in the trace), the same action and thread no longer makes the same move: its guard fails, it
// writes something else or goes elsewhere. The step then needs the last earlier step that
// assigned the leaf, even the same value (that is the write it read). A thread's own label is
// not followed back, so its earlier steps are not needed merely because they came first; three
// things bring them in instead (the control dependences):
// - a test (`if`, loop, `either`, a fault point) the step is control dependent on
//   (step-graph.ts), when some earlier write decided which way it went;
// - an earlier step of the same thread that waited on another thread (an `await`, a lock):
//   with that thread's write undone it could not have moved, so neither could what follows;
// - another thread's label the step reads (`alive(t)`): the step that moved it there.
// The slice starts from the violation: the step that breaks the property, each stuck thread's
// last step in a deadlock, and every step whose write the breaking state needs (putting back
// the value before that write makes the invariant hold or lets some thread move).
// A value is not all a step contributes: its timing can be the race. A load of a counter that
// still holds the value the load leaves (`seen := count` with both at 0) writes nothing, yet
// had it run after another thread's store the violation would be gone. So a step that reads
// what a later essential step of another thread writes is essential when moving it to just
// after that write, and nothing else, makes the violation disappear: its thread's steps in
// between go after the write in both replays, so only the step's own timing differs.
// Steps outside the slice are the ones a reader may skip.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { nthInitial, type Schedule, type ViolationTarget } from '../search/schedule.js';
import { NO_THREAD, type ThreadStep, type ThreadTable } from '../search/step-threads.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import {
  functionDomain,
  functionIndex,
  functionValues,
  isFunction,
  statesEqual,
  type Value,
  valueEquals,
} from '../values/values.js';
import { INTERNAL_NAMES, PC_DONE, PC_EXITED, PC_UNBORN } from '../../tla/names.js';
import { type Move, moveOf, reorderedViolates } from './reorder-replay.js';
import type { StepGraph } from './step-graph.js';
import { type Leaf, leavesOf, read, write } from './state-leaves.js';

/** One step of the schedule: the state it starts from and the successor it takes. */
interface Taken {
  readonly before: State;
  readonly step: ThreadStep;
  /** Leaves whose value the step changed, as indices into the leaf list. */
  readonly writes: readonly number[];
  /** The step as a move another order of the schedule can replay. */
  readonly move: Move;
}

/**
 * Whether the schedule's moves, taken in this order (positions) from the state step `from`
 * started in, still violate the target. The recorded steps before `from` are the same in every
 * order tried, so they are not replayed again.
 */
type Reorder = (from: number, order: readonly number[]) => boolean | undefined;

/**
 * The state indices (1 = the first step) of the steps the violation at the schedule's end
 * depends on. Without `graph` (the model's control flow) tests are not followed.
 */
export function essentialSteps(
  threads: ThreadTable,
  target: ViolationTarget,
  schedule: Schedule,
  graph?: StepGraph,
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
  const reorder: Reorder = (from, order) =>
    reorderedViolates(
      threads,
      target,
      (withWrites[from] as Taken).before,
      order.map((k) => (withWrites[k] as Taken).move),
    );
  const slice = new Slice(module, leaves, withWrites, states, graph, reorder);
  return slice.run(target, states[states.length - 1] as State);
}

function replaySteps(threads: ThreadTable, schedule: Schedule): Taken[] {
  let cur = nthInitial(threads.module, schedule.init);
  return schedule.steps.map((j) => {
    const steps = threads.expand(cur).steps;
    const step = steps[j];
    if (step === undefined) throw new Error(`internal error: no successor ${j} to slice`);
    const before = cur;
    cur = step.next;
    return { before, step, writes: [], move: moveOf(steps, step) };
  });
}

/** Values tried for a leaf nothing earlier changed: at most this many. */
const ALTERNATIVES = 3;

/** What of an essential step matters: all it does, or that it moves (enabled, to the same label) and what it leaves in these leaves. */
type Interest = 'all' | ReadonlySet<number>;

const MOVES: Interest = new Set<number>();

class Slice {
  private readonly essential = new Map<number, Interest>();
  private readonly work: number[] = [];
  private readonly pcVar: number;
  private readonly stackVar: number;
  private readonly assigned = new Map<string, boolean>();
  private readonly waited = new Map<number, boolean>();
  private readonly needed = new Map<string, { step: number; leaf: number }[]>();
  private readonly others = new Map<number, Value[]>();

  constructor(
    private readonly module: ExecutableModule,
    private readonly leaves: readonly Leaf[],
    private readonly taken: readonly Taken[],
    private readonly states: readonly State[],
    private readonly graph: StepGraph | undefined,
    private readonly reorder: Reorder,
  ) {
    this.pcVar = module.variables.indexOf(INTERNAL_NAMES.pc);
    this.stackVar = module.variables.indexOf(INTERNAL_NAMES.stack);
  }

  /** Step positions (0-based into `taken`) the violation needs, as state indices (1-based). */
  run(target: ViolationTarget, last: State): number[] {
    const n = this.taken.length;
    if (n === 0) return [];
    if (target.kind === 'deadlock')
      for (const k of this.stuckThreadsLastSteps(last)) this.add(k, MOVES);
    else this.add(n - 1, target.kind === 'action-property' ? 'all' : MOVES);
    // An action property's breaking step is the seed; the state checks are for state properties.
    if (target.kind !== 'action-property') this.seedFromState(target, last);
    do for (let k = this.work.pop(); k !== undefined; k = this.work.pop()) this.needsOf(k);
    while (this.addRaces());
    return [...this.essential.keys()].sort((a, b) => a - b).map((k) => k + 1);
  }

  /**
   * Marks the steps whose timing the violation needs (the header's race test); each brings in
   * what it read. True when one was found, so the slice grows again.
   */
  private addRaces(): boolean {
    const before = this.essential.size;
    const writers = [...this.essential.keys()].sort((a, b) => a - b);
    for (let k = 0; k < this.taken.length; k++) {
      const thread = this.at(k).step.thread;
      if (this.essential.has(k) || thread === NO_THREAD) continue;
      const j = writers.find(
        (w) => w > k && this.at(w).step.thread !== thread && this.readsWriteOf(k, w),
      );
      if (j !== undefined && this.timingMatters(k, j)) this.add(k, 'all');
    }
    return this.essential.size > before;
  }

  /** Whether step `k` would move differently reading a leaf at the value step `j` (later) leaves in it. */
  private readsWriteOf(k: number, j: number): boolean {
    const t = this.at(k);
    const tj = this.at(j);
    for (let leaf = 0; leaf < this.leaves.length; leaf++) {
      if (!this.followed(leaf, t) || !this.assigns(j, leaf)) continue;
      const l = this.leaf(leaf);
      const v = read(tj.step.next, l);
      if (valueEquals(v, read(t.before, l))) continue;
      if (!this.sameMove(k, write(t.before, l, v), leaf, 'all')) return true;
    }
    return false;
  }

  /**
   * Whether step `k` running just after step `j` instead of before it loses the violation,
   * where the same order with only `k` left in place keeps it. Its thread's steps between
   * the two follow `j` in both, as its own order requires.
   */
  private timingMatters(k: number, j: number): boolean {
    const thread = this.at(k).step.thread;
    const between = Array.from({ length: j - k - 1 }, (_, i) => k + 1 + i);
    const others = between.filter((i) => this.at(i).step.thread !== thread);
    const own = between.filter((i) => this.at(i).step.thread === thread);
    const tail = Array.from({ length: this.taken.length - j - 1 }, (_, i) => j + 1 + i);
    const kept = this.reorder(k, [k, ...others, j, ...own, ...tail]);
    if (kept !== true) return false;
    return this.reorder(k, [...others, j, k, ...own, ...tail]) === false;
  }

  /** Each leaf the breaking state needs: its last assignment. */
  private seedFromState(target: ViolationTarget, last: State): void {
    const n = this.taken.length;
    for (let leaf = 0; leaf < this.leaves.length; leaf++) {
      // A deadlock's labels are left out: putting back any thread's last move lets it move again.
      if (this.leaf(leaf).control && target.kind === 'deadlock') continue;
      // Other values than the one before the last change could let anything move in a deadlock.
      const values = this.candidates(leaf, n, target.kind !== 'deadlock');
      if (values.every((v) => this.stillViolates(target, write(last, this.leaf(leaf), v))))
        continue;
      const w = this.lastAssignment(leaf, n);
      if (w !== undefined) this.add(w, new Set([leaf]));
    }
  }

  private leaf(i: number): Leaf {
    return this.leaves[i] as Leaf;
  }

  private at(k: number): Taken {
    return this.taken[k] as Taken;
  }

  /** Marks step `k` essential for `interest`; a step whose interest grows is looked at again. */
  private add(k: number, interest: Interest): void {
    const had = this.essential.get(k);
    let now: Interest = interest;
    if (had === 'all') return;
    if (had !== undefined && interest !== 'all') {
      if (isSubset(interest, had)) return;
      now = new Set([...had, ...interest]);
    }
    this.essential.set(k, now);
    this.work.push(k);
  }

  /** The last step before position `before` that changed `leaf`. */
  private lastChange(leaf: number, before: number): number | undefined {
    for (let k = before - 1; k >= 0; k--) if (this.taken[k]?.writes.includes(leaf)) return k;
    return undefined;
  }

  /** The last step before position `before` that changed `leaf` from `value`. */
  private lastChangeFrom(leaf: number, before: number, value: Value): number | undefined {
    const l = this.leaf(leaf);
    for (let k = before - 1; k >= 0; k--) {
      const t = this.at(k);
      if (t.writes.includes(leaf) && valueEquals(read(t.before, l), value)) return k;
    }
    return undefined;
  }

  /** The last step before position `before` that assigned `leaf`, changing it or not. */
  private lastAssignment(leaf: number, before: number): number | undefined {
    const change = this.lastChange(leaf, before) ?? -1;
    for (let k = before - 1; k > change; k--) if (this.assigns(k, leaf)) return k;
    return change < 0 ? undefined : change;
  }

  /**
   * The values to try `leaf` at in the state before position `k`: the one before its last
   * change, then (with `others`) other values it takes in the trace and, for data, the values
   * of its variable's other entries: whether the move depends on the leaf, not only on its
   * last change (a copy of a stale value reads the same before and after).
   */
  private candidates(leaf: number, k: number, others: boolean): Value[] {
    const l = this.leaf(leaf);
    const change = this.lastChange(leaf, k);
    const out = change === undefined ? [] : [read(this.at(change).before, l)];
    if (!others) return out;
    const now = read(this.states[k] as State, l);
    for (const v of this.otherValues(leaf)) {
      if (out.length > ALTERNATIVES) break;
      if (!valueEquals(v, now) && !out.some((x) => valueEquals(x, v))) out.push(v);
    }
    return out;
  }

  /** Distinct values of `leaf` over the trace, then of its variable's other entries. */
  private otherValues(leaf: number): Value[] {
    const known = this.others.get(leaf);
    if (known !== undefined) return known;
    const l = this.leaf(leaf);
    const out: Value[] = [];
    const note = (v: Value): void => {
      if (!out.some((x) => valueEquals(x, v))) out.push(v);
    };
    for (const s of this.states) note(read(s, l));
    if (l.entry !== undefined && !l.control)
      for (const s of this.states) {
        const v = s[l.variable] as Value;
        if (isFunction(v)) for (const x of functionValues(v)) note(x);
      }
    // A flag or a counter that keeps one value all along: its neighbours.
    if (out.length === 1 && !l.control) {
      const only = out[0];
      if (typeof only === 'boolean') note(!only);
      if (typeof only === 'number') for (const x of [only + 1, only - 1]) note(x);
    }
    this.others.set(leaf, out);
    return out;
  }

  /** Whether step `k` sets `leaf`: with the leaf at another value before it, it still leaves the same value. */
  private assigns(k: number, leaf: number): boolean {
    const t = this.at(k);
    if (t.writes.includes(leaf)) return true;
    const l = this.leaf(leaf);
    if (l.control) return false;
    const key = `${k}:${leaf}`;
    const known = this.assigned.get(key);
    if (known !== undefined) return known;
    const now = read(t.before, l);
    const other = this.otherValues(leaf).find((v) => !valueEquals(v, now));
    let result = false;
    if (other !== undefined) {
      const after = read(t.step.next, l);
      const nexts = this.movesOf(t, write(t.before, l, other));
      result = nexts.length > 0 && nexts.every((s) => valueEquals(read(s, l), after));
    }
    this.assigned.set(key, result);
    return result;
  }

  /** In a deadlock: the last step of each thread still in the middle of its body. */
  private stuckThreadsLastSteps(last: State): number[] {
    const out = new Map<number, number>();
    this.taken.forEach((t, k) => {
      if (t.step.thread !== NO_THREAD) out.set(t.step.thread, k);
    });
    return [...out.values()].filter((k) => {
      const at = this.pcOf(last, this.at(k).step.param);
      return !(at !== undefined && [PC_DONE, PC_EXITED, PC_UNBORN].includes(at));
    });
  }

  /** Whether `s`, the breaking state with one leaf changed, still breaks the property. */
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

  /** Adds what step `k` needs: the writes it read, the tests that led to it, the waits before it. */
  private needsOf(k: number): void {
    const interest = this.essential.get(k) ?? MOVES;
    for (const w of this.writesNeeded(k, interest)) this.add(w.step, new Set([w.leaf]));
    for (const j of this.governors(k))
      if (this.writesNeeded(j, MOVES).length > 0) this.add(j, MOVES);
    const thread = this.at(k).step.thread;
    if (thread === NO_THREAD) return;
    for (let j = 0; j < k; j++)
      if (this.at(j).step.thread === thread && this.waitedOnAnother(j)) this.add(j, MOVES);
  }

  /** The writes step `k` read (which step, which leaf): without them it would not make the same move. */
  private writesNeeded(k: number, interest: Interest): { step: number; leaf: number }[] {
    const key = interest === 'all' ? `${k}:all` : `${k}:${[...interest].join(',')}`;
    const known = this.needed.get(key);
    if (known !== undefined) return known;
    const t = this.at(k);
    const out: { step: number; leaf: number }[] = [];
    for (let leaf = 0; leaf < this.leaves.length; leaf++) {
      if (!this.followed(leaf, t)) continue;
      const w = this.lastAssignment(leaf, k);
      if (w === undefined) continue;
      const l = this.leaf(leaf);
      const saving = this.candidates(leaf, k, true).find(
        (v) => !this.sameMove(k, write(t.before, l, v), leaf, interest),
      );
      if (saving === undefined) continue;
      // The step that took the leaf away from a value that would have changed the move, when
      // that was earlier than its last write. For another thread's label it is the one that
      // counts (its birth, not the steps it took since, even when its birth is its last move:
      // a clone child that has taken no step yet); for data, both.
      const away = this.lastChangeFrom(leaf, k, saving);
      if (away === undefined || !l.control) out.push({ step: w, leaf });
      if (away !== undefined && (away !== w || l.control)) out.push({ step: away, leaf });
    }
    this.needed.set(key, out);
    return out;
  }

  /** Leaves a step's needs are followed through: data, and other threads' labels. */
  private followed(leaf: number, t: Taken): boolean {
    const l = this.leaf(leaf);
    if (!l.control) return true;
    if (l.variable !== this.pcVar || l.entry === undefined || t.step.param === undefined)
      return false;
    const pc = t.before[this.pcVar] as Value;
    if (!isFunction(pc)) return false;
    return !valueEquals(functionDomain(pc)[l.entry] as Value, t.step.param);
  }

  /** Whether step `j` could move only thanks to another thread: undoing that thread's last change of a leaf disables it. */
  private waitedOnAnother(j: number): boolean {
    const known = this.waited.get(j);
    if (known !== undefined) return known;
    const t = this.at(j);
    let result = false;
    for (let leaf = 0; leaf < this.leaves.length && !result; leaf++) {
      if (!this.followed(leaf, t)) continue;
      const c = this.lastChange(leaf, j);
      if (c === undefined || this.at(c).step.thread === t.step.thread) continue;
      const undone = write(t.before, this.leaf(leaf), read(this.at(c).before, this.leaf(leaf)));
      result = this.movesOf(t, undone).length === 0;
    }
    this.waited.set(j, result);
    return result;
  }

  /**
   * The tests step `k` is control dependent on, nearest first: each the last earlier step of
   * the same thread, in the same call, that decided whether the thread reaches the one after
   * it; a step in a called procedure goes through the call that entered it.
   */
  private governors(k: number): number[] {
    const t = this.at(k);
    const param = t.step.param;
    if (this.graph === undefined || param === undefined) return [];
    let ref = this.pcOf(t.before, param);
    let depth = this.depthOf(t.before, param);
    const out: number[] = [];
    for (let j = k - 1; j >= 0 && ref !== undefined; j--) {
      const tj = this.at(j);
      if (tj.step.thread !== t.step.thread) continue;
      const d = this.depthOf(tj.before, param);
      if (d > depth) continue;
      const from = this.pcOf(tj.before, param);
      if (d < depth) {
        ref = from;
        depth = d;
        continue;
      }
      const to = this.pcOf(tj.step.next, param);
      if (from === undefined || to === undefined || this.depthOf(tj.step.next, param) !== d)
        continue;
      if (this.graph.decides(from, to, ref)) {
        out.push(j);
        ref = from;
      }
    }
    return out;
  }

  private pcOf(s: State, param: Value | undefined): string | undefined {
    const pc = s[this.pcVar] as Value | undefined;
    if (param === undefined || pc === undefined || !isFunction(pc)) return undefined;
    const at = functionValues(pc)[functionIndex(pc, param)];
    return typeof at === 'string' ? at : undefined;
  }

  /** How many calls deep the thread is: the length of its call stack. */
  private depthOf(s: State, param: Value): number {
    const stack = s[this.stackVar] as Value | undefined;
    if (stack === undefined || !isFunction(stack)) return 0;
    const frames = functionValues(stack)[functionIndex(stack, param)];
    return frames !== undefined && isFunction(frames) ? functionValues(frames).length : 0;
  }

  /** The successors of step `t`'s action for its thread from `s`. */
  private movesOf(t: Taken, s: State): State[] {
    const out: State[] = [];
    try {
      this.module.successors(t.step.action, s, (next, _action, param) => {
        const mine =
          param === undefined
            ? t.step.param === undefined
            : t.step.param !== undefined && valueEquals(param, t.step.param);
        if (mine) out.push(next);
      });
    } catch (err) {
      if (!(err instanceof EvalError || err instanceof AssertFailure)) throw err;
    }
    return out;
  }

  /**
   * Whether step `k`'s action and thread, from `s` (its start with `leaf` changed), make the
   * same move: go to the same label and leave the same values in the leaves of `interest`.
   */
  private sameMove(k: number, s: State, leaf: number, interest: Interest): boolean {
    const t = this.at(k);
    const l = this.leaf(leaf);
    const expected = this.assigns(k, leaf) ? t.step.next : write(t.step.next, l, read(s, l));
    const moves = this.movesOf(t, s);
    if (interest === 'all') return moves.some((next) => statesEqual(next, expected));
    const own = this.ownLabel(t);
    const compared = own === undefined ? [...interest] : [own, ...interest];
    return moves.some((next) =>
      compared.every((i) => valueEquals(read(next, this.leaf(i)), read(expected, this.leaf(i)))),
    );
  }

  /** The leaf of the acting thread's own label. */
  private ownLabel(t: Taken): number | undefined {
    if (t.step.param === undefined) return undefined;
    const i = this.leaves.findIndex(
      (l, i) => l.variable === this.pcVar && l.entry !== undefined && !this.followed(i, t),
    );
    return i < 0 ? undefined : i;
  }
}

function isSubset(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
