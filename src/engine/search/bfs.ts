// Takes an ExecutableModule and search options and explores its states breadth-first, as TLC
// does with one worker: a fingerprint set in typed arrays, a FIFO queue of states packed into
// 32-bit words (state-codec.ts, packed-queue.ts) and decoded when expanded, parent
// links (so every counterexample is a shortest one), invariants on new states, action
// properties on every step, deadlock. Returns why it stopped plus the data traces and
// liveness need (fairness bits taken from the successors where the module describes an
// instance by its actions); it never builds a CheckResult and never reads the clock except
// through the `now` it is given.

import { FingerprintSet, IntVec, orWord, wordAt } from './fingerprint-set.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { holdsAfterStep } from './invariant-parts.js';
import { GuardSkip } from './guard-skip.js';
import { joinEqualSteps } from './join-equal-steps.js';
import { BranchRecorder, type BranchWatch, noteReached } from './branch-places.js';
import { paramIndex, placeSteps } from './step-places.js';
import type { WorkMeter } from './run-limits.js';
import { type SearchStop, stopOfError } from './search-stop.js';
import { fingerprintOrbit, symmetryCost } from '../evaluation/symmetry.js';
import { statesEqual, type Value } from '../values/values.js';
import { FP, FP_SUM, fingerprintState, fingerprintSuccessor } from '../values/fingerprint.js';
import { StateCodec } from './state-codec.js';
import { PackedQueue } from './packed-queue.js';
import { ExactStateSet } from './exact-state-set.js';
import type { AmpleSets, ExpandHooks } from './por/ample.js';
import { LockOrderRecorder, type LockWatch } from './lock-order.js';

export interface BfsOptions {
  readonly checkDeadlock: boolean;
  /** Stop (inconclusive) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Record the state graph for liveness checking. */
  readonly collectGraph: boolean;
  /** Time, memory and abort, looked at while states and successors are generated. */
  readonly meter?: WorkMeter;
  /** Outcomes of test steps to record (branch-places.ts). */
  readonly branches?: BranchWatch;
  /** Whole packed states, not fingerprints, in the visited set (not under symmetry: orbits). */
  readonly exact?: boolean;
  /** `--por`: expand states by ample sets (por/ample.ts); never with `collectGraph`. */
  readonly ample?: AmpleSets;
  /** Lock steps whose order edges to record (lock-order.ts). */
  readonly locks?: LockWatch;
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
  /** Whole packed states instead of fingerprints (`BfsOptions.exact`); `seen` then stays empty. */
  readonly exact: ExactStateSet | undefined;
  /** The index of the state the last `add` found already seen; a successor's codes under `exact`. */
  private found = -1;
  private readonly scratch: Int32Array;
  /** Parent index per state (-1 for initial states). */
  readonly parent = new IntVec(1 << 12);
  readonly fpHi = new IntVec(1 << 12);
  readonly fpLo = new IntVec(1 << 12);
  /** States to expand from `head` on, as records of their codes and lane sums (`FP_SUM`). */
  private readonly codec: StateCodec;
  private readonly queue: PackedQueue;
  /** Index of the next state to expand; states queued so far. */
  private head = 0;
  private pushed = 0;
  statesGenerated = 0;
  /** Depth of the deepest state found, 1 for initial states (TLC's "depth"). */
  depth = 0;
  private levelEnd = 0;
  private currentLevel = 1;
  stop: SearchStop | undefined;
  /** Per action and sub-action (`subActions`): did any step take it? Per cover: did any state satisfy it? */
  readonly actionReached: boolean[][];
  readonly coverReached: boolean[];
  /** Which watched outcomes of test steps a step took (undefined: none watched). */
  readonly branchTaken: BranchRecorder | undefined;
  /** The lock-order edges the steps showed (undefined: not recorded). */
  readonly lockOrder: LockOrderRecorder | undefined;
  readonly graph: StateGraph | undefined;

  private current = -1;
  private currentState: State = [];
  /** Codes and lane sums (`FP_SUM`) of the state being expanded. */
  private readonly curCodes: Int32Array;
  private curSum1 = 0;
  private curSum2 = 0;
  /**
   * Fairness instances whose steps are given exactly by actions of Next (`FairnessInstance.steps`):
   * per action, per parameter index, `fairWords` words of the instances the step belongs to
   * when it changes the state. Their ENABLED and step bits come from the successors the
   * search computes anyway; the other instances (`generalFair`) are evaluated.
   */
  private readonly coverBits: Int32Array[] = [];
  private readonly coveredMask: Int32Array = new Int32Array(0);
  private anyCovered = false;
  private readonly generalFair: number[] = [];
  /** ENABLED bits of the state being expanded, and its successors (for steps to equal states). */
  private readonly curEnabled: Int32Array = new Int32Array(0);
  private readonly succStates: State[] = [];
  private edgeBase = 0;
  private lastAction = -1;
  private lastParam: Value | undefined = undefined;
  private lastCover = 0;
  /** Which actions may have a successor in the state being expanded (`ActionInfo.guard`). */
  private readonly guards: GuardSkip;
  private successorCount = 0;
  private readonly meter: WorkMeter | undefined;
  /** Work units one successor costs the meter. */
  private readonly successorCost: number;
  private readonly sink: (t: State, action: number, param: Value | undefined, sub: number) => void;

  constructor(
    readonly module: ExecutableModule,
    readonly options: BfsOptions,
  ) {
    this.seen = new FingerprintSet(1 << 14);
    this.codec = new StateCodec(module.variables.length);
    this.queue = new PackedQueue(this.codec.width + 2, 16); // small: growth is cheap and tested
    this.curCodes = new Int32Array(this.codec.width);
    this.scratch = new Int32Array(this.codec.width);
    this.exact =
      options.exact === true && module.symmetry === undefined
        ? new ExactStateSet(this.codec.width)
        : undefined;
    this.actionReached = module.actions.map((a) => a.subActions.map(() => false));
    this.coverReached = module.covers.map(() => false);
    this.branchTaken =
      options.branches === undefined ? undefined : new BranchRecorder(module, options.branches);
    this.lockOrder =
      options.locks === undefined ? undefined : new LockOrderRecorder(module, options.locks);
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
      this.coveredMask = new Int32Array(fairWords);
      this.curEnabled = new Int32Array(fairWords);
      this.coverBits = module.actions.map(
        (a) => new Int32Array(Math.max(1, a.paramValues.length) * fairWords),
      );
      module.fairness.forEach((fi, f) => {
        const placed = fi.steps === undefined ? undefined : placeSteps(module, fi.steps);
        if (placed === undefined) {
          this.generalFair.push(f);
          return;
        }
        for (const [a, pi] of placed) {
          const bits = this.coverBits[a];
          if (bits === undefined) throw new Error(`internal error: no cover bits for action ${a}`);
          orWord(bits, pi * fairWords + (f >>> 5), 1 << (f & 31));
        }
        orWord(this.coveredMask, f >>> 5, 1 << (f & 31));
        this.anyCovered = true;
      });
    }
    this.sink = (t, action, param, sub) => this.onSuccessor(t, action, param, sub);
    this.guards = new GuardSkip(module);
    this.meter = options.meter;
    // Under symmetry a fingerprint costs several hashes of the state (symmetryCost).
    this.successorCost = symmetryCost(module.symmetry);
  }

  /** Distinct states found. */
  get distinct(): number {
    return this.exact?.size ?? this.seen.size;
  }

  /** States found but not yet expanded. */
  get queued(): number {
    return this.queue.length;
  }

  /** Fingerprint of `s` into FP; a successor of the state being expanded from that state's lane sums. */
  private fingerprint(s: State, successor: boolean): void {
    const sym = this.module.symmetry;
    if (sym !== undefined) fingerprintOrbit(s, sym);
    else if (successor) fingerprintSuccessor(this.currentState, this.curSum1, this.curSum2, s);
    else fingerprintState(s);
  }

  /** Adds a new state; returns its index, or -1 when it was seen before (its index is then `found`). */
  private add(s: State, parent: number): number {
    const exact = this.exact;
    if (exact !== undefined) return this.addExact(exact, s, parent);
    const k = this.checkedNext * 4;
    if (k >= 0 && k < this.checked.length) {
      // A successor of an ample set, fingerprinted when the set was checked (porHooks.seen).
      this.checkedNext++;
      FP.h1 = this.checked[k] ?? 0;
      FP.h2 = this.checked[k + 1] ?? 0;
      FP_SUM.s1 = this.checked[k + 2] ?? 0;
      FP_SUM.s2 = this.checked[k + 3] ?? 0;
    } else this.fingerprint(s, parent >= 0);
    const index = this.seen.size;
    this.found = this.seen.lookupOrInsert(FP.h1, FP.h2, index);
    if (this.found >= 0) return -1;
    this.parent.push(parent);
    this.fpHi.push(FP.h1);
    this.fpLo.push(FP.h2);
    const at = this.enqueue(FP_SUM.s1, FP_SUM.s2);
    this.encode(s, parent, this.queue.words, at);
    return index;
  }

  /** `add` under `--exact`: codes are the key; new states get fingerprints for trace replay. */
  private addExact(exact: ExactStateSet, s: State, parent: number): number {
    const scratch = this.scratch;
    this.encode(s, parent, scratch, 0);
    const index = exact.size;
    this.found = exact.lookupOrInsert(scratch, 0);
    if (this.found >= 0) return -1;
    this.fingerprint(s, parent >= 0);
    this.parent.push(parent);
    this.fpHi.push(FP.h1);
    this.fpLo.push(FP.h2);
    const at = this.enqueue(FP_SUM.s1, FP_SUM.s2); // first: it may replace `queue.words`
    this.queue.words.set(scratch, at);
    return index;
  }

  /** Reserves the queue record of a new state with its lane sums; returns where its codes go. */
  private enqueue(s1: number, s2: number): number {
    const at = this.queue.push();
    const w = this.codec.width;
    this.queue.words[at + w] = s1;
    this.queue.words[at + w + 1] = s2;
    this.pushed++;
    return at;
  }

  /** Codes of `s` into `out[at ..]`; a successor (parent >= 0) reuses the current state's codes. */
  private encode(s: State, parent: number, out: Int32Array, at: number): void {
    if (parent >= 0) this.codec.encode(s, out, at, this.currentState, this.curCodes);
    else this.codec.encode(s, out, at);
  }

  /** The states queued and not yet expanded, in order, with their indices and fingerprint lane sums. */
  queuedStates(): {
    readonly state: State;
    readonly index: number;
    readonly s1: number;
    readonly s2: number;
  }[] {
    const out: { state: State; index: number; s1: number; s2: number }[] = [];
    const w = this.codec.width;
    for (let k = 0; k < this.queue.length; k++) {
      const at = this.queue.at(k);
      const words = this.queue.words;
      out.push({
        state: this.codec.decode(words, at),
        index: this.head + k,
        s1: wordAt(words, at + w),
        s2: wordAt(words, at + w + 1),
      });
    }
    return out;
  }

  /** Takes back the state just queued (it failed a check). */
  private popQueued(): void {
    this.queue.pop();
    this.pushed--;
  }

  /** Generates the initial states, checking invariants on each new one. */
  init(): void {
    // The initial state whose invariants are being evaluated: an error there has a one-state trace.
    let checking = -1;
    try {
      this.module.initialStates((s) => {
        this.meter?.spend(this.successorCost);
        this.statesGenerated++;
        const i = this.add(s, -1);
        if (i < 0) return;
        this.depth = 1;
        this.checkCovers(s);
        checking = i;
        for (const inv of this.module.invariants) {
          if (!inv.holds(s)) {
            this.stop = { kind: 'init-invariant', property: inv.name, initState: s };
            throw STOP;
          }
        }
        checking = -1;
      });
      this.levelEnd = this.pushed;
    } catch (err) {
      this.handle(err, checking, checking >= 0);
    }
  }

  private checkCovers(s: State): void {
    let c = 0;
    for (const cover of this.module.covers) {
      if (!this.coverReached[c] && cover.holds(s)) this.coverReached[c] = true;
      c++;
    }
  }

  private handle(err: unknown, state: number, inInvariant: boolean): void {
    if (err !== STOP) this.stop = stopOfError(err, state, inInvariant);
  }

  private invariantState = -1;

  private onSuccessor(t: State, action: number, param: Value | undefined, sub: number): void {
    this.meter?.spend(this.successorCost);
    this.statesGenerated++;
    this.successorCount++;
    noteReached(this.actionReached, this.branchTaken, t, action, param, sub);
    this.lockOrder?.record(this.currentState, t, this.current, action, param, sub);
    const m = this.module;
    const j = this.add(t, this.current);
    const g = this.graph;
    if (g !== undefined) this.recordEdge(g, t, j, action, param);
    if (j >= 0) {
      const level = this.currentLevel + 1;
      if (level > this.depth) this.depth = level;
      if (m.covers.length > 0) this.checkCovers(t);
      this.invariantState = j;
      for (const inv of m.invariants) {
        if (!holdsAfterStep(inv, this.currentState, t)) {
          this.stop = { kind: 'invariant', property: inv.name, state: j };
          this.popQueued(); // TLC enqueues a new state only after its checks pass
          throw STOP;
        }
      }
      this.invariantState = -1;
    }
    for (const ap of m.actionProperties) {
      if (!ap.holds(this.currentState, t)) {
        this.stop = {
          kind: 'action-property',
          property: ap.name,
          from: this.current,
          step: { next: t, action, param, sub },
        };
        if (j >= 0) this.popQueued();
        throw STOP;
      }
    }
  }

  /** Records the edge to `t` (state index `j`, or -1 when seen before) and its fairness step bits. */
  private recordEdge(
    g: StateGraph,
    t: State,
    j: number,
    action: number,
    param: Value | undefined,
  ): void {
    g.edgeTarget.push(j >= 0 ? j : this.found);
    const s = this.currentState;
    const fw = g.fairWords;
    let cover = 0;
    let cb: Int32Array | undefined;
    if (this.anyCovered) {
      if (action !== this.lastAction || param !== this.lastParam) {
        const a = this.module.actions[action];
        if (a === undefined) throw new Error(`internal error: no action ${action}`);
        this.lastAction = action;
        this.lastParam = param;
        this.lastCover = paramIndex(a.paramValues, param) * fw;
      }
      cover = this.lastCover;
      this.succStates.push(t);
      cb = this.coverBits[action];
      if (cb === undefined) throw new Error(`internal error: no cover bits for action ${action}`);
    }
    let differs = -1; // unknown; 0 no, 1 yes
    const edge = g.edgeStepBits.length;
    for (let w = 0; w < fw; w++) {
      let bits = 0;
      const c = cb === undefined ? 0 : wordAt(cb, cover + w);
      if (c !== 0) {
        if (differs < 0) differs = statesEqual(s, t) ? 0 : 1;
        if (differs === 1) {
          bits = c;
          orWord(this.curEnabled, w, c);
        }
      }
      g.edgeStepBits.push(bits);
    }
    const general = this.generalFair;
    if (general.length === 0) return;
    const fair = this.module.fairness;
    for (const f of general) {
      const fi = fair[f];
      if (fi === undefined) throw new Error(`internal error: no fairness instance ${f}`);
      const hint = fi.action;
      let step: boolean;
      if (hint !== undefined && hint.index === action && hint.param === param) {
        if (differs < 0) differs = statesEqual(s, t) ? 0 : 1;
        step = differs === 1;
      } else step = fi.isStep(s, t);
      if (step) orWord(g.edgeStepBits.data, edge + (f >>> 5), 1 << (f & 31));
    }
  }

  /**
   * After a state's expansion: its ENABLED bits, and the step bits of instances given by
   * actions on edges to a successor equal to one such a step reached (the same step s -> t
   * made by another action is still an `<<A>>_vars` step).
   */
  private finishState(g: StateGraph): void {
    const fw = g.fairWords;
    for (let w = 0; w < fw; w++) g.enabledBits.push(wordAt(this.curEnabled, w));
    if (!this.anyCovered) return;
    const succ = this.succStates;
    if (succ.length >= 2) joinEqualSteps(g, succ, this.edgeBase, this.coveredMask);
    succ.length = 0;
  }

  /**
   * Expands up to `budget` states, fewer when the meter says a yield is due. Returns true when
   * the search is over (`stop` is set).
   */
  run(budget: number): boolean {
    if (this.stop !== undefined) return true;
    const g = this.graph;
    const meter = this.meter;
    for (let n = 0; n < budget; n++) {
      if (meter !== undefined) {
        if (meter.yieldDue) return false;
        try {
          meter.spend(1);
        } catch (err) {
          this.handle(err, -1, false);
          if (this.stop !== undefined) return true;
          throw err;
        }
      }
      if (this.queue.length === 0) {
        this.stop = { kind: 'done' };
        return true;
      }
      if (this.options.maxStates !== undefined && this.distinct >= this.options.maxStates) {
        this.stop = { kind: 'limit', reason: 'max-states' };
        return true;
      }
      const index = this.head;
      if (index >= this.levelEnd) {
        this.currentLevel++;
        this.levelEnd = this.pushed;
      }
      const s = this.takeHead();
      this.head++;
      this.current = index;
      this.currentState = s;
      let total = 0;
      try {
        if (g !== undefined) this.recordState(g, s, index);
        const ample = this.options.ample;
        this.branchTaken?.enter();
        if (ample !== undefined) total = ample.expand(s, this.porHooks);
        else total = this.expandAll(s);
        this.branchTaken?.leave(s);
        if (g !== undefined) this.finishState(g);
      } catch (err) {
        if (this.invariantState >= 0 && !(err === STOP)) {
          const st = this.invariantState;
          this.invariantState = -1;
          this.popQueued();
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

  /** Removes the head of the queue: its codes and lane sums become the current ones; returns its state. */
  private takeHead(): State {
    const at = this.queue.shift();
    const words = this.queue.words;
    const w = this.codec.width;
    this.curCodes.set(words.subarray(at, at + w));
    this.curSum1 = wordAt(words, at + w);
    this.curSum2 = wordAt(words, at + w + 1);
    return this.codec.decode(this.curCodes, 0);
  }

  /** Generates every successor of `s`; returns how many. */
  private expandAll(s: State): number {
    const m = this.module;
    const guards = this.guards;
    guards.look(s);
    let total = 0;
    for (let a = 0; a < m.actions.length; a++) {
      if (!guards.mayRun(a)) continue;
      this.successorCount = 0;
      m.successors(a, s, this.sink);
      total += this.successorCount;
    }
    return total;
  }

  /**
   * Fingerprints and lane sums (4 numbers each) of the successors of the ample set being
   * checked, in the order they are checked and then emitted, so `add` does not fingerprint
   * them a second time; `checkedNext` is the next one to take, -1 outside an emission.
   */
  private readonly checked: number[] = [];
  private checkedNext = -1;

  /**
   * Was the state of index `found` (-1: none) found at most as deep as the state being
   * expanded? Breadth-first levels grow by one at most along an edge, so every cycle has an
   * edge to such a state; one found deeper (in this level's expansion) closes none.
   */
  private notDeeper(found: number): boolean {
    return found >= 0 && found < this.levelEnd;
  }

  /** What an ample-set expansion (`--por`) may ask of the search. */
  private readonly porHooks: ExpandHooks = {
    begin: () => {
      this.checked.length = 0;
      this.checkedNext = -1;
    },
    seen: (t) => {
      const exact = this.exact;
      if (exact !== undefined) {
        this.encode(t, 0, this.scratch, 0);
        return this.notDeeper(exact.lookup(this.scratch, 0));
      }
      this.fingerprint(t, true);
      this.checked.push(FP.h1, FP.h2, FP_SUM.s1, FP_SUM.s2);
      return this.notDeeper(this.seen.lookup(FP.h1, FP.h2));
    },
    emit: (t, action, param, sub) => {
      if (this.checkedNext < 0) this.checkedNext = 0;
      this.sink(t, action, param, sub);
    },
    end: () => {
      this.checked.length = 0;
      this.checkedNext = -1;
    },
    full: () => this.expandAll(this.currentState),
  };

  private recordState(g: StateGraph, s: State, index: number): void {
    while (g.edgeStart.length < index) g.edgeStart.push(g.edgeTarget.length);
    g.edgeStart.push(g.edgeTarget.length);
    const preds = g.predicates;
    for (let w = 0; w < g.predWords; w++) {
      let bits = 0;
      for (let p = w * 32; p < Math.min(preds.length, w * 32 + 32); p++) {
        const pred = preds[p];
        if (pred === undefined) throw new Error(`internal error: no temporal predicate ${p}`);
        if (pred(s)) bits |= 1 << (p - w * 32);
      }
      g.predBits.push(bits);
    }
    this.curEnabled.fill(0);
    this.succStates.length = 0;
    this.edgeBase = g.edgeTarget.length;
    // Instances not described by actions are evaluated before the successors, as they always were.
    const fair = this.module.fairness;
    const general = this.generalFair;
    for (const f of general) {
      const fi = fair[f];
      if (fi === undefined) throw new Error(`internal error: no fairness instance ${f}`);
      if (fi.enabled(s)) orWord(this.curEnabled, f >>> 5, 1 << (f & 31));
    }
  }

  /** Closes the edge index after an exhaustive search. */
  finishGraph(): void {
    const g = this.graph;
    if (g === undefined) return;
    while (g.edgeStart.length < this.distinct) g.edgeStart.push(g.edgeTarget.length);
    g.edgeStart.push(g.edgeTarget.length);
  }

  /** The path of state indices from an initial state to `index`. */
  pathTo(index: number): number[] {
    const out: number[] = [];
    for (let i = index; i >= 0; i = this.parent.get(i)) out.push(i);
    return out.reverse();
  }
}
