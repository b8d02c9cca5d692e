// The lock-order graph of a search, as lockdep builds it: on every step that takes a lock, waits
// on a completion or completes one, the lock classes the moving thread holds in the state it
// moves from, as edges `held -> taken` (a completion: `held -> completion` when waited on,
// `completion -> held` when completed, since its waiter then depends on those locks). An
// `atomic` block's operations are followed in order: a lock it took is held by what it takes
// next, one it released is not. Each edge keeps its first witness (the state index and the
// step), so a trace to it can be rebuilt from the parent links. A cycle through edges the spec
// does not accept (`lock_order`) is an inversion even where the bounded model never deadlocks.
// Steps that touch no lock cost one array lookup.

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  type Value,
} from '../values/values.js';

/** One lock operation of a step (check/lock-classes.ts). */
interface LockOp {
  readonly kind: 'acquire' | 'wait' | 'complete' | 'release';
  readonly lock: string;
}

/** What to record: a plain object, built from the model (run/lock-watch.ts). */
export interface LockWatch {
  /** Per watched action and sub-action: its lock operations, in order. */
  readonly steps: readonly {
    readonly action: number;
    readonly sub: number;
    readonly ops: readonly LockOp[];
  }[];
  /** The state variables that are locks (their values name the holders), with their class. */
  readonly locks: readonly { readonly variable: number; readonly lock: string }[];
  /** Edges `[held, taken]` the spec accepts: left out of the graph. */
  readonly accepted: readonly (readonly [string, string])[];
}

/** The first step that showed one order edge. */
export interface LockEdgeWitness {
  readonly held: string;
  readonly taken: string;
  /** How the step showed it: took `taken`, waited on it, or completed `held`. */
  readonly kind: LockEdgeKind;
  /** Index of the state the step starts from, and the step (as the module enumerates it). */
  readonly from: number;
  readonly action: number;
  readonly sub: number;
}

/** How a step shows an edge: it takes the lock, waits on the completion, or completes it. */
export type LockEdgeKind = 'acquire' | 'wait' | 'complete';

type Edge = readonly [held: string, taken: string, kind: LockEdgeKind];

const NONE: readonly LockEdgeWitness[] = [];

/** True when `v` names `thread` as a holder: the lock's owner, a writer or one of the readers. */
function names(v: Value, thread: ModelValue): boolean {
  if (v === thread) return true;
  if (v instanceof RecordValue || v instanceof FcnValue)
    return v.values.some((x) => names(x, thread));
  if (v instanceof SetValue || v instanceof SeqValue) return v.elems.some((x) => names(x, thread));
  return false;
}

/** Records the order edges of the steps of a search. */
export class LockOrderRecorder {
  private readonly byAction: (readonly LockOp[] | undefined)[][];
  private readonly accepted: Set<string>;
  readonly edges = new Map<string, LockEdgeWitness>();

  constructor(
    module: ExecutableModule,
    private readonly watch: LockWatch,
  ) {
    this.byAction = module.actions.map(() => []);
    for (const s of watch.steps) {
      const subs = this.byAction[s.action];
      if (subs !== undefined) subs[s.sub] = s.ops;
    }
    this.accepted = new Set(watch.accepted.map(([a, b]) => key(a, b)));
  }

  /**
   * A step of `action` (sub-action `sub`) by thread `param` from state `s` (index `from`): the
   * edges it shows that were not known, recorded with it as their witness.
   */
  record(
    s: State,
    from: number,
    action: number,
    param: Value | undefined,
    sub: number,
  ): readonly LockEdgeWitness[] {
    const ops = this.byAction[action]?.[sub];
    if (ops === undefined || !(param instanceof ModelValue)) return NONE;
    let fresh: LockEdgeWitness[] | undefined;
    for (const [held, taken, kind] of this.edgesOf(s, ops, param)) {
      const k = key(held, taken);
      if (this.edges.has(k) || this.accepted.has(k)) continue;
      const w = { held, taken, kind, from, action, sub };
      this.edges.set(k, w);
      (fresh ??= []).push(w);
    }
    return fresh ?? NONE;
  }

  /** True when a step of `thread` from `s` shows the witness's edge. */
  shows(s: State, w: LockEdgeWitness, thread: Value | undefined): boolean {
    const ops = this.byAction[w.action]?.[w.sub];
    if (ops === undefined || !(thread instanceof ModelValue)) return false;
    return this.edgesOf(s, ops, thread).some(([h, t]) => h === w.held && t === w.taken);
  }

  /** The edges of operations `ops` by `thread` from `s`, in order. */
  private edgesOf(s: State, ops: readonly LockOp[], thread: ModelValue): Edge[] {
    const held: string[] = [];
    for (const l of this.watch.locks) {
      const v = s[l.variable];
      if (v !== undefined && !held.includes(l.lock) && names(v, thread)) held.push(l.lock);
    }
    const out: Edge[] = [];
    for (const op of ops) {
      const kind = op.kind;
      if (kind === 'release') {
        const i = held.indexOf(op.lock);
        if (i >= 0) held.splice(i, 1);
        continue;
      }
      for (const h of held)
        if (h !== op.lock) out.push(kind === 'complete' ? [op.lock, h, kind] : [h, op.lock, kind]);
      if (op.kind === 'acquire' && !held.includes(op.lock)) held.push(op.lock);
    }
    return out;
  }

  /**
   * The cycles of the graph, each as its edges in order (first lock the least by name), shortest
   * first; at most `limit`. Each edge starts a search for the shortest way back to it.
   */
  cycles(limit = 8): LockEdgeWitness[][] {
    const out = new Map<string, LockEdgeWitness[]>();
    const succ = new Map<string, LockEdgeWitness[]>();
    const sorted = [...this.edges.values()].sort((a, b) =>
      a.held === b.held ? cmp(a.taken, b.taken) : cmp(a.held, b.held),
    );
    for (const e of sorted) succ.set(e.held, [...(succ.get(e.held) ?? []), e]);
    for (const e of sorted) {
      const back = shortestPath(succ, e.taken, e.held);
      if (back === undefined) continue;
      const cycle = canonical([e, ...back]);
      const k = cycle.map((c) => c.held).join('\0');
      if (!out.has(k)) out.set(k, cycle);
    }
    return [...out.values()].sort((a, b) => a.length - b.length).slice(0, limit);
  }
}

function key(a: string, b: string): string {
  return `${a}\0${b}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The edges of a shortest path from `from` to `to`, breadth first; undefined when there is none. */
function shortestPath(
  succ: ReadonlyMap<string, readonly LockEdgeWitness[]>,
  from: string,
  to: string,
): LockEdgeWitness[] | undefined {
  const via = new Map<string, LockEdgeWitness | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i] as string;
    if (at === to) {
      const path: LockEdgeWitness[] = [];
      for (let e = via.get(at); e !== null && e !== undefined; e = via.get(e.held)) path.push(e);
      return path.reverse();
    }
    for (const e of succ.get(at) ?? []) {
      if (via.has(e.taken)) continue;
      via.set(e.taken, e);
      queue.push(e.taken);
    }
  }
  return undefined;
}

/** The cycle rotated to start at its least lock, so each cycle is found once. */
function canonical(cycle: readonly LockEdgeWitness[]): LockEdgeWitness[] {
  let start = 0;
  cycle.forEach((e, i) => {
    if (cmp(e.held, (cycle[start] as LockEdgeWitness).held) < 0) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}
