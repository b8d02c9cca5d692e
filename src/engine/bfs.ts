// Takes an ExecutableModule and search options and explores its states breadth-first, as TLC
// does with one worker: a fingerprint set in typed arrays, a FIFO queue of states, parent
// links (so every counterexample is a shortest one), invariants on new states, action
// properties on every step, deadlock. Returns why it stopped plus the data traces and
// liveness need; it never builds a CheckResult and never reads the clock except through
// the `now` it is given.

import { AssertFailure, EvalError } from './eval-error.js';
import { FingerprintSet, IntVec } from './fingerprint-set.js';
import type { ExecutableModule, State } from './module-api.js';
import { fingerprintOrbit } from './symmetry.js';
import { FP, fingerprintState, statesEqual, type Value } from './values.js';

/** Why the search stopped. State indices refer to the order of discovery (0 = first initial state). */
export type SearchStop =
  | { readonly kind: 'done' }
  | { readonly kind: 'invariant'; readonly property: string; readonly state: number }
  | { readonly kind: 'init-invariant'; readonly property: string; readonly initState: State }
  | { readonly kind: 'action-property'; readonly property: string; readonly from: number; readonly step: StepRecord }
  | { readonly kind: 'deadlock'; readonly state: number }
  | { readonly kind: 'assert'; readonly message: string; readonly definition: string | undefined; readonly state: number; readonly inInvariant: boolean }
  | { readonly kind: 'error'; readonly message: string; readonly definition: string | undefined; readonly state: number }
  | { readonly kind: 'limit'; readonly reason: 'max-states' | 'memory' };

/** One step as a successor sink saw it. */
export interface StepRecord {
  readonly next: State;
  readonly action: number;
  readonly param: Value | undefined;
  readonly sub: number;
}

/** Options of one search. */
export interface BfsOptions {
  readonly checkDeadlock: boolean;
  /** Stop (inconclusive) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Record the state graph for liveness checking. */
  readonly collectGraph: boolean;
}

/** Per-state and per-edge data for liveness, filled while states are expanded. */
export interface StateGraph {
  /** Words per state in `predBits` (temporal predicates) and `enabledBits` (fairness). */
  readonly predWords: number;
  readonly fairWords: number;
  readonly predBits: IntVec;
  readonly enabledBits: IntVec;
  /** Edges of state i are edgeTarget[edgeStart[i] .. edgeStart[i+1]). */
  readonly edgeStart: IntVec;
  readonly edgeTarget: IntVec;
  /** Per edge, `fairWords` words: which fairness instances the step is an `<<A>>_vars` step of. */
  readonly edgeStepBits: IntVec;
  /** The state predicates, in bit order (`p` then `q` of each instance, in property order). */
  readonly predicates: readonly ((s: State) => boolean)[];
}

const STOP = { stop: true };

/** Breadth-first search state; `run` advances it for a bounded number of expansions. */
export class Bfs {
  readonly seen: FingerprintSet;
  /** Parent index per state (-1 for initial states). */
  readonly parent = new IntVec(1 << 12);
  readonly fpHi = new IntVec(1 << 12);
  readonly fpLo = new IntVec(1 << 12);
  /** Queue of states to expand: queue[k] is state index `queueBase + k`. */
  private queue: (State | undefined)[] = [];
  private head = 0;
  statesGenerated = 0;
  /** Depth of the deepest state found, 1 for initial states (TLC's "depth"). */
  depth = 0;
  private levelEnd = 0;
  private currentLevel = 1;
  stop: SearchStop | undefined;
  /** Per action and sub-action (`subActions`): did any step take it? Per cover: did any state satisfy it? */
  readonly actionReached: boolean[][];
  readonly coverReached: boolean[];
  readonly graph: StateGraph | undefined;

  private current = -1;
  private currentState: State = [];
  private successorCount = 0;
  private readonly sink: (t: State, action: number, param: Value | undefined, sub: number) => void;

  constructor(
    readonly module: ExecutableModule,
    readonly options: BfsOptions,
  ) {
    this.seen = new FingerprintSet(1 << 14);
    this.actionReached = module.actions.map((a) => a.subActions.map(() => false));
    this.coverReached = module.covers.map(() => false);
    if (options.collectGraph) {
      const predicates: ((s: State) => boolean)[] = [];
      for (const tp of module.temporalProperties) {
        for (const inst of tp.instances) {
          predicates.push(inst.form.p);
          if (inst.form.kind === 'leads-to') predicates.push(inst.form.q);
        }
      }
      const fairWords = Math.max(1, Math.ceil(module.fairness.length / 32));
      this.graph = {
        predWords: Math.max(1, Math.ceil(predicates.length / 32)),
        fairWords,
        predBits: new IntVec(),
        enabledBits: new IntVec(),
        edgeStart: new IntVec(),
        edgeTarget: new IntVec(),
        edgeStepBits: new IntVec(),
        predicates,
      };
    }
    this.sink = (t, action, param, sub) => this.onSuccessor(t, action, param, sub);
  }

  /** Distinct states found. */
  get distinct(): number {
    return this.seen.size;
  }

  /** States found but not yet expanded. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  private fingerprint(s: State): void {
    const sym = this.module.symmetry;
    if (sym === undefined) fingerprintState(s);
    else fingerprintOrbit(s, sym);
  }

  /** Adds a new state; returns its index, or -1 when it was seen before. */
  private add(s: State, parent: number): number {
    this.fingerprint(s);
    const index = this.seen.size;
    const found = this.seen.lookupOrInsert(FP.h1, FP.h2, index);
    if (found >= 0) return -1;
    this.parent.push(parent);
    this.fpHi.push(FP.h1);
    this.fpLo.push(FP.h2);
    this.queue.push(s);
    return index;
  }

  /** Generates the initial states, checking invariants on each new one. */
  init(): void {
    try {
      this.module.initialStates((s) => {
        this.statesGenerated++;
        const i = this.add(s, -1);
        if (i < 0) return;
        this.depth = 1;
        this.checkCovers(s);
        for (const inv of this.module.invariants) {
          if (!inv.holds(s)) {
            this.stop = { kind: 'init-invariant', property: inv.name, initState: s };
            throw STOP;
          }
        }
      });
      this.levelEnd = this.queue.length;
    } catch (err) {
      this.handle(err, -1, false);
    }
  }

  private checkCovers(s: State): void {
    const covers = this.module.covers;
    for (let c = 0; c < covers.length; c++) {
      if (!this.coverReached[c] && covers[c]!.holds(s)) this.coverReached[c] = true;
    }
  }

  private handle(err: unknown, state: number, inInvariant: boolean): void {
    if (err === STOP) return;
    if (err instanceof AssertFailure) {
      this.stop = { kind: 'assert', message: err.assertMessage, definition: err.definition, state, inInvariant };
      return;
    }
    if (err instanceof EvalError) {
      this.stop = { kind: 'error', message: err.message, definition: err.definition, state };
      return;
    }
    throw err;
  }

  private invariantState = -1;

  private onSuccessor(t: State, action: number, param: Value | undefined, sub: number): void {
    this.statesGenerated++;
    this.successorCount++;
    this.actionReached[action]![sub] = true;
    const m = this.module;
    const j = this.add(t, this.current);
    const g = this.graph;
    if (g !== undefined) {
      const target = j >= 0 ? j : this.seen.lookup(FP.h1, FP.h2);
      g.edgeTarget.push(target);
      const fair = m.fairness;
      const s = this.currentState;
      for (let w = 0; w < g.fairWords; w++) {
        let bits = 0;
        for (let f = w * 32; f < Math.min(fair.length, w * 32 + 32); f++) {
          const fi = fair[f]!;
          const hint = fi.action;
          let step: boolean;
          if (hint !== undefined && hint.index === action && hint.param === param) step = !sameState(s, t);
          else step = fi.isStep(s, t);
          if (step) bits |= 1 << (f - w * 32);
        }
        g.edgeStepBits.push(bits);
      }
    }
    if (j >= 0) {
      const level = this.currentLevel + 1;
      if (level > this.depth) this.depth = level;
      if (m.covers.length > 0) this.checkCovers(t);
      const invs = m.invariants;
      this.invariantState = j;
      for (let k = 0; k < invs.length; k++) {
        if (!invs[k]!.holds(t)) {
          this.stop = { kind: 'invariant', property: invs[k]!.name, state: j };
          this.queue.pop(); // TLC enqueues a new state only after its checks pass
          throw STOP;
        }
      }
      this.invariantState = -1;
    }
    const aps = m.actionProperties;
    for (let k = 0; k < aps.length; k++) {
      if (!aps[k]!.holds(this.currentState, t)) {
        this.stop = { kind: 'action-property', property: aps[k]!.name, from: this.current, step: { next: t, action, param, sub } };
        if (j >= 0) this.queue.pop();
        throw STOP;
      }
    }
  }

  /**
   * Expands up to `budget` states. Returns true when the search is over (`stop` is set).
   */
  run(budget: number): boolean {
    if (this.stop !== undefined) return true;
    const m = this.module;
    const nActions = m.actions.length;
    const g = this.graph;
    for (let n = 0; n < budget; n++) {
      if (this.head >= this.queue.length) {
        this.stop = { kind: 'done' };
        return true;
      }
      if (this.options.maxStates !== undefined && this.seen.size >= this.options.maxStates) {
        this.stop = { kind: 'limit', reason: 'max-states' };
        return true;
      }
      const index = this.head;
      if (index >= this.levelEnd) {
        this.currentLevel++;
        this.levelEnd = this.queue.length;
      }
      const s = this.queue[index]!;
      this.queue[index] = undefined;
      this.head++;
      this.current = index;
      this.currentState = s;
      let total = 0;
      try {
        if (g !== undefined) this.recordState(s, index);
        for (let a = 0; a < nActions; a++) {
          this.successorCount = 0;
          m.successors(a, s, this.sink);
          total += this.successorCount;
        }
      } catch (err) {
        if (this.invariantState >= 0 && !(err === STOP)) {
          const st = this.invariantState;
          this.invariantState = -1;
          this.queue.pop();
          this.handle(err, st, true);
        } else {
          this.handle(err, index, false);
        }
        if (this.stop !== undefined) return true;
        throw err;
      }
      if (total === 0 && this.options.checkDeadlock) {
        this.stop = { kind: 'deadlock', state: index };
        return true;
      }
    }
    return false;
  }

  private recordState(s: State, index: number): void {
    const g = this.graph!;
    while (g.edgeStart.length < index) g.edgeStart.push(g.edgeTarget.length);
    g.edgeStart.push(g.edgeTarget.length);
    const preds = g.predicates;
    for (let w = 0; w < g.predWords; w++) {
      let bits = 0;
      for (let p = w * 32; p < Math.min(preds.length, w * 32 + 32); p++) if (preds[p]!(s)) bits |= 1 << (p - w * 32);
      g.predBits.push(bits);
    }
    const fair = this.module.fairness;
    for (let w = 0; w < g.fairWords; w++) {
      let bits = 0;
      for (let f = w * 32; f < Math.min(fair.length, w * 32 + 32); f++) if (fair[f]!.enabled(s)) bits |= 1 << (f - w * 32);
      g.enabledBits.push(bits);
    }
  }

  /** Closes the edge index after an exhaustive search. */
  finishGraph(): void {
    const g = this.graph;
    if (g === undefined) return;
    while (g.edgeStart.length < this.seen.size) g.edgeStart.push(g.edgeTarget.length);
    g.edgeStart.push(g.edgeTarget.length);
  }

  /** The path of state indices from an initial state to `index`. */
  pathTo(index: number): number[] {
    const out: number[] = [];
    for (let i = index; i >= 0; i = this.parent.get(i)) out.push(i);
    return out.reverse();
  }
}

function sameState(a: State, b: State): boolean {
  return statesEqual(a, b);
}
