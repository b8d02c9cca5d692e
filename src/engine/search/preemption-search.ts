// The second search after a violation: among the shortest behaviours that violate the same
// property, one with the fewest preemptions (a step by one thread right after a step of another
// that could still have gone on), in the spirit of iterative context bounding. Breadth-first by
// layers over pairs (state, thread that moved last): a state belongs to the layer of its
// distance from the initial states, so every path kept is a shortest one, and each pair keeps
// the fewest preemptions any path to it has (a preempting step costs 1, others 0). Fingerprints
// and per-pair links live in typed arrays; only two layers of states are held. States are
// fingerprinted as they are (no symmetry), so the threads of a trace are the ones replayed.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { FP, fingerprintState } from '../values/fingerprint.js';
import { FingerprintSet, IntVec } from './fingerprint-set.js';
import type { Schedule, ViolationTarget } from './schedule.js';
import { type Expansion, NO_THREAD, preempts, type ThreadTable } from './step-threads.js';

/** Limits of one preemption search. */
export interface PreemptionSearchOptions {
  /** The longest behaviour to look at, in states (the first search's trace length). */
  readonly maxLength: number;
  /** Only states with these fingerprints (shrinking: the states its replays visited). */
  readonly within?: FingerprintSet;
  /**
   * With `within`: also states up to this many steps away from it (default 0): a tube around the
   * behaviours shrinking replayed, where a shorter way to the same kind of violation may lie.
   */
  readonly slack?: number;
  /** Give up after this many (state, last thread) pairs. */
  readonly maxPairs?: number;
}

/** A schedule the search found and its preemptions. */
export interface FewestPreemptions {
  readonly schedule: Schedule;
  readonly preemptions: number;
}

const DEFAULT_MAX_PAIRS = 4_000_000;

/** Pairs of one layer: their states, and per state the pair numbers on it. */
interface Layer {
  readonly states: State[];
  readonly pairs: number[][];
  /** Per state: it violates some invariant (a behaviour ends there). */
  readonly broken: boolean[];
  /** Per state: the fewest steps any path to it took outside `within` in a row (0: inside). */
  readonly off: number[];
}

/** A pair that ends a behaviour violating the target, with the step that does (-1: none). */
interface Ending {
  readonly pair: number;
  readonly step: number;
  readonly cost: number;
}

/**
 * The shortest behaviour (of at most `maxLength` states) violating `target` with the fewest
 * preemptions; undefined when there is none within the limits. Evaluation errors propagate.
 */
export function fewestPreemptions(
  threads: ThreadTable,
  target: ViolationTarget,
  options: PreemptionSearchOptions,
): FewestPreemptions | undefined {
  return new PairSearch(threads, target, options).run();
}

class PairSearch {
  private readonly module: ExecutableModule;
  /** State fingerprint -> state number; per state number, its layer and its slot in the layer. */
  private readonly seen = new FingerprintSet(1 << 12);
  private readonly layerOf = new IntVec();
  private readonly slotOf = new IntVec();
  /** Per pair: the pair it came from (-1 for an initial state), the step taken, last thread, preemptions. */
  private readonly from = new IntVec();
  private readonly step = new IntVec();
  private readonly last = new IntVec();
  private readonly cost = new IntVec();
  private readonly maxPairs: number;

  constructor(
    private readonly threads: ThreadTable,
    private readonly target: ViolationTarget,
    private readonly options: PreemptionSearchOptions,
  ) {
    this.module = threads.module;
    this.maxPairs = options.maxPairs ?? DEFAULT_MAX_PAIRS;
  }

  run(): FewestPreemptions | undefined {
    let layer = this.initialLayer();
    for (let depth = 0; depth < this.options.maxLength; depth++) {
      const ended = this.brokenEnding(layer);
      if (ended !== undefined) return this.found(ended);
      if (layer.broken.some((b) => b)) layer = pruned(layer);
      const next: Layer = { states: [], pairs: [], broken: [], off: [] };
      const keys = new FingerprintSet(1 << 10);
      let best: Ending | undefined;
      const grow = depth + 1 < this.options.maxLength;
      for (let k = 0; k < layer.states.length; k++) {
        const s = layer.states[k] as State;
        const exp = this.threads.expand(s);
        const end = this.ending(s, layer.pairs[k] ?? [], exp, depth + 1 < this.options.maxLength);
        if (end !== undefined && (best === undefined || end.cost < best.cost)) best = end;
        if (grow && best === undefined)
          this.relax(depth + 1, layer.pairs[k] ?? [], exp, next, keys, layer.off[k] ?? 0);
        if (this.from.length > this.maxPairs) return undefined;
      }
      if (best !== undefined) return this.found(best);
      if (next.states.length === 0) return undefined;
      layer = next;
    }
    return undefined;
  }

  private fingerprint(s: State): void {
    fingerprintState(s);
  }

  /** How far outside `within` the state fingerprinted in FP is, one step after `off`; -1: too far. */
  private allowed(off: number): number {
    const within = this.options.within;
    if (within === undefined || within.lookup(FP.h1, FP.h2) >= 0) return 0;
    return off + 1 <= (this.options.slack ?? 0) ? off + 1 : -1;
  }

  private initialLayer(): Layer {
    const layer: Layer = { states: [], pairs: [], broken: [], off: [] };
    let n = 0;
    this.module.initialStates((s) => {
      const ordinal = n++;
      this.fingerprint(s);
      const off = this.allowed(0);
      if (off < 0 || this.addState(0, layer.states.length) >= 0) return;
      layer.pairs.push([this.newPair(-1, ordinal, NO_THREAD, 0)]);
      layer.states.push(s);
      layer.broken.push(this.breaks(s));
      layer.off.push(off);
    });
    return layer;
  }

  /** Adds the state fingerprinted in FP at `layer`, `slot`; its number when it was seen before, else -1. */
  private addState(layer: number, slot: number): number {
    const known = this.seen.lookupOrInsert(FP.h1, FP.h2, this.layerOf.length);
    if (known >= 0) return known;
    this.layerOf.push(layer);
    this.slotOf.push(slot);
    return -1;
  }

  private newPair(from: number, step: number, last: number, cost: number): number {
    this.from.push(from);
    this.step.push(step);
    this.last.push(last);
    this.cost.push(cost);
    return this.from.length - 1;
  }

  /** Whether `s` violates an invariant: the target's, or another that ends the behaviour first. */
  private breaks(s: State): boolean {
    return this.module.invariants.some((i) => !i.holds(s));
  }

  /** For an invariant: the cheapest pair on a state violating it, first found on a tie. */
  private brokenEnding(layer: Layer): Ending | undefined {
    const t = this.target;
    if (t.kind !== 'invariant') return undefined;
    const inv = this.module.invariants.find((i) => i.name === t.property);
    if (inv === undefined) return undefined;
    let best: Ending | undefined;
    layer.states.forEach((s, k) => {
      if (layer.broken[k] !== true || inv.holds(s)) return;
      for (const p of layer.pairs[k] ?? []) {
        const c = this.cost.get(p);
        if (best === undefined || c < best.cost) best = { pair: p, step: -1, cost: c };
      }
    });
    return best;
  }

  /** A deadlock at `s`, or (room for one more state) a step from it breaking the action property. */
  private ending(
    s: State,
    pairs: readonly number[],
    exp: Expansion,
    room: boolean,
  ): Ending | undefined {
    const t = this.target;
    let best: Ending | undefined;
    const consider = (pair: number, step: number, cost: number): void => {
      if (best === undefined || cost < best.cost) best = { pair, step, cost };
    };
    if (t.kind === 'deadlock') {
      if (exp.steps.length === 0) for (const p of pairs) consider(p, -1, this.cost.get(p));
      return best;
    }
    if (t.kind !== 'action-property' || !room) return undefined;
    const ap = this.module.actionProperties.find((a) => a.name === t.property);
    if (ap === undefined) return undefined;
    for (const st of exp.steps) {
      if (ap.holds(s, st.next)) continue;
      for (const p of pairs)
        consider(p, st.ordinal, this.cost.get(p) + stepCost(this.last.get(p), st.thread, exp));
    }
    return best;
  }

  /** Extends every pair on one state by each of its steps into the next layer. */
  private relax(
    depth: number,
    pairs: readonly number[],
    exp: Expansion,
    next: Layer,
    keys: FingerprintSet,
    fromOff: number,
  ): void {
    for (const st of exp.steps) {
      this.fingerprint(st.next);
      const off = this.allowed(fromOff);
      if (off < 0) continue;
      const h1 = FP.h1;
      const h2 = FP.h2;
      const known = this.addState(depth, next.states.length);
      let slot: number;
      if (known < 0) {
        slot = next.states.length;
        next.states.push(st.next);
        next.pairs.push([]);
        next.broken.push(this.breaks(st.next));
        next.off.push(off);
      } else if (this.layerOf.get(known) !== depth) continue;
      else {
        slot = this.slotOf.get(known);
        if (off < (next.off[slot] ?? 0)) next.off[slot] = off;
      }
      for (const p of pairs) {
        const last = this.last.get(p);
        const moved = st.thread === NO_THREAD ? last : st.thread;
        const cost = this.cost.get(p) + stepCost(last, st.thread, exp);
        const kh2 = h2 ^ Math.imul(moved + 2, 0x2545f491);
        const known = keys.lookupOrInsert(h1, kh2, this.from.length);
        if (known < 0) {
          const pair = this.newPair(p, st.ordinal, moved, cost);
          next.pairs[slot]?.push(pair);
        } else if (cost < this.cost.get(known)) {
          this.from.data[known] = p;
          this.step.data[known] = st.ordinal;
          this.cost.data[known] = cost;
        }
      }
    }
  }

  private found(end: Ending): FewestPreemptions {
    const steps: number[] = end.step >= 0 ? [end.step] : [];
    let p = end.pair;
    for (;;) {
      const from = this.from.get(p);
      if (from < 0)
        return {
          schedule: { init: this.step.get(p), steps: steps.reverse() },
          preemptions: end.cost,
        };
      steps.push(this.step.get(p));
      p = from;
    }
  }
}

function stepCost(last: number, thread: number, exp: Expansion): number {
  return preempts(last, thread, exp.enabled) ? 1 : 0;
}

/** The layer without its states that violate an invariant: no behaviour goes on from them. */
function pruned(layer: Layer): Layer {
  const keep = layer.states.map((_, k) => layer.broken[k] !== true);
  return {
    states: layer.states.filter((_, k) => keep[k]),
    pairs: layer.pairs.filter((_, k) => keep[k]),
    broken: layer.broken.filter((_, k) => keep[k]),
    off: layer.off.filter((_, k) => keep[k]),
  };
}
