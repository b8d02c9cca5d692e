// The lock-order graph of a search, as lockdep builds it: on every step that takes a lock, waits
// on a completion or completes one, the lock classes the moving thread holds in the state it
// moves from, as edges `held -> taken` (a completion: `held -> completion` when waited on,
// `completion -> held` when completed, since its waiter then depends on those locks). An
// `atomic` block's operations are followed in order: a lock it took is held by what it takes
// next, one it released is not; one under a test in the block counts where the state the step
// reaches shows it ran (its lock no longer held, its completion changed). Each edge keeps its first witness (the state index and the
// step), so a trace to it can be rebuilt from the parent links. A cycle through edges the spec
// does not accept (`lock_order`) is an inversion even where the bounded model never deadlocks.
// Steps that touch no lock cost one array lookup; a step that does allocates nothing unless it
// shows an edge not known (the lock classes are indices, the known edges a flag array).

import type { ExecutableModule, State } from '../evaluation/module-api.js';
import {
  FcnValue,
  ModelValue,
  RecordValue,
  SeqValue,
  SetValue,
  type Value,
  valueEquals,
} from '../values/values.js';

/** One lock operation of a step (check/lock-classes.ts). */
interface LockOp {
  readonly kind: 'acquire' | 'wait' | 'complete' | 'release';
  readonly lock: string;
  /** Under a test inside an `atomic` block: followed where the successor shows it ran. */
  readonly conditional?: true;
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
  /** The state variables that are completions, with their class: a conditional `complete()` changes one. */
  readonly completions?: readonly { readonly variable: number; readonly lock: string }[];
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

const NONE: readonly LockEdgeWitness[] = [];
const NO_VARS: readonly number[] = [];

/** Operation kinds as stored in a step's plan. */
const ACQUIRE = 0;
const WAIT = 1;
const COMPLETE = 2;
const RELEASE = 3;
const KINDS: readonly LockEdgeKind[] = ['acquire', 'wait', 'complete'];
const KIND_CODES = { acquire: ACQUIRE, wait: WAIT, complete: COMPLETE, release: RELEASE } as const;

/**
 * One watched step's operations, precomputed: per operation its kind, its lock class (an index),
 * and whether it is conditional. Following a step allocates nothing.
 */
interface Plan {
  readonly kind: Uint8Array;
  readonly lock: Int32Array;
  readonly conditional: Uint8Array;
}

/** True when `v` names `thread` as a holder: the lock's owner, a writer or one of the readers. */
function names(v: Value, thread: ModelValue): boolean {
  if (v === thread) return true;
  if (v instanceof RecordValue || v instanceof FcnValue) return anyNames(v.values, thread);
  if (v instanceof SetValue || v instanceof SeqValue) return anyNames(v.elems, thread);
  return false;
}

function anyNames(vs: readonly Value[], thread: ModelValue): boolean {
  for (let i = 0; i < vs.length; i++) if (names(vs[i] as Value, thread)) return true;
  return false;
}

/** What a scan of a step does with each edge it shows: record it, or look for one. */
const RECORD = 0;
const FIND = 1;

/** Records the order edges of the steps of a search. */
export class LockOrderRecorder {
  private readonly byAction: (Plan | undefined)[][];
  /** Lock classes by index, and per class the variables that hold it / that are it (completions). */
  private readonly classes: string[] = [];
  private readonly lockVars: number[][] = [];
  private readonly completionVars: number[][] = [];
  /** Per edge `held * n + taken`: 1 once recorded or when the spec accepts it. */
  private readonly known: Uint8Array;
  /** Scratch of a scan: the classes held, in the order taken, and a membership flag per class. */
  private readonly held: Int32Array;
  private readonly isHeld: Uint8Array;
  private heldCount = 0;
  private fresh: LockEdgeWitness[] | undefined;
  private found = false;
  readonly edges = new Map<string, LockEdgeWitness>();

  constructor(module: ExecutableModule, watch: LockWatch) {
    const index = new Map<string, number>();
    const id = (name: string): number => {
      let i = index.get(name);
      if (i === undefined) {
        i = this.classes.length;
        index.set(name, i);
        this.classes.push(name);
        this.lockVars.push([]);
        this.completionVars.push([]);
      }
      return i;
    };
    for (const l of watch.locks) this.lockVars[id(l.lock)]?.push(l.variable);
    for (const c of watch.completions ?? []) this.completionVars[id(c.lock)]?.push(c.variable);
    this.byAction = module.actions.map(() => []);
    for (const s of watch.steps) {
      const subs = this.byAction[s.action];
      if (subs === undefined) continue;
      subs[s.sub] = {
        kind: Uint8Array.from(s.ops, (o) => KIND_CODES[o.kind]),
        lock: Int32Array.from(s.ops, (o) => id(o.lock)),
        conditional: Uint8Array.from(s.ops, (o) => (o.conditional === true ? 1 : 0)),
      };
    }
    const accepted = watch.accepted.map(([a, b]) => [id(a), id(b)] as const);
    const n = this.classes.length;
    this.known = new Uint8Array(n * n);
    for (const [a, b] of accepted) this.known[a * n + b] = 1;
    this.held = new Int32Array(n);
    this.isHeld = new Uint8Array(n);
  }

  /**
   * A step of `action` (sub-action `sub`) by thread `param` from state `s` (index `from`) to `t`:
   * the edges it shows that were not known, recorded with it as their witness.
   */
  record(
    s: State,
    t: State,
    from: number,
    action: number,
    param: Value | undefined,
    sub: number,
  ): readonly LockEdgeWitness[] {
    const plan = this.byAction[action]?.[sub];
    if (plan === undefined || !(param instanceof ModelValue)) return NONE;
    this.fresh = undefined;
    this.scan(s, t, plan, param, RECORD, from, action, sub, -1);
    const fresh = this.fresh;
    this.fresh = undefined;
    return fresh ?? NONE;
  }

  /** True when a step of `thread` from `s` to `t` shows the witness's edge. */
  shows(s: State, t: State, w: LockEdgeWitness, thread: Value | undefined): boolean {
    const plan = this.byAction[w.action]?.[w.sub];
    const n = this.classes.length;
    const held = this.classes.indexOf(w.held);
    const taken = this.classes.indexOf(w.taken);
    if (plan === undefined || !(thread instanceof ModelValue) || held < 0 || taken < 0)
      return false;
    this.found = false;
    this.scan(s, t, plan, thread, FIND, w.from, w.action, w.sub, held * n + taken);
    return this.found;
  }

  /** True when a conditional operation ran in the step from `s` to `t` (see docs/language.md). */
  private ran(kind: number, lock: number, s: State, t: State, thread: ModelValue): boolean {
    if (kind === RELEASE) return !this.holdsIn(t, lock, thread);
    if (kind !== COMPLETE) return false;
    // A completion the step changed was completed; one in a frame field is not followed.
    const vars = this.completionVars[lock] ?? NO_VARS;
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i] as number;
      const before = s[v];
      const after = t[v];
      if (before !== undefined && after !== undefined && !valueEquals(before, after)) return true;
    }
    return false;
  }

  private holdsIn(s: State, lock: number, thread: ModelValue): boolean {
    const vars = this.lockVars[lock] ?? NO_VARS;
    for (let i = 0; i < vars.length; i++) {
      const x = s[vars[i] as number];
      if (x !== undefined && names(x, thread)) return true;
    }
    return false;
  }

  /**
   * Follows `plan`'s operations by `thread` from `s` to `t`, the classes it holds in `s` first:
   * records each edge not known (RECORD), or notes whether edge `target` is shown (FIND).
   */
  private scan(
    s: State,
    t: State,
    plan: Plan,
    thread: ModelValue,
    mode: number,
    from: number,
    action: number,
    sub: number,
    target: number,
  ): void {
    const n = this.classes.length;
    const held = this.held;
    const isHeld = this.isHeld;
    this.heldCount = 0;
    for (let c = 0; c < n; c++)
      if (this.holdsIn(s, c, thread)) {
        held[this.heldCount++] = c;
        isHeld[c] = 1;
      }
    for (let i = 0; i < plan.kind.length; i++) {
      const kind = plan.kind[i] as number;
      const lock = plan.lock[i] as number;
      if (plan.conditional[i] === 1 && !this.ran(kind, lock, s, t, thread)) continue;
      if (kind === RELEASE) {
        this.drop(lock);
        continue;
      }
      for (let j = 0; j < this.heldCount; j++) {
        const h = held[j] as number;
        if (h === lock) continue;
        const e = kind === COMPLETE ? lock * n + h : h * n + lock;
        if (mode === FIND) {
          if (e === target) this.found = true;
        } else if (this.known[e] !== 1) {
          this.known[e] = 1;
          const a = this.classes[Math.floor(e / n)] as string;
          const b = this.classes[e % n] as string;
          const w = { held: a, taken: b, kind: KINDS[kind] as LockEdgeKind, from, action, sub };
          this.edges.set(key(a, b), w);
          (this.fresh ??= []).push(w);
        }
      }
      if (kind === ACQUIRE && isHeld[lock] !== 1) {
        held[this.heldCount++] = lock;
        isHeld[lock] = 1;
      }
    }
    for (let j = 0; j < this.heldCount; j++) isHeld[held[j] as number] = 0;
  }

  /** Drops a class from the scan's held list, keeping the order of the others. */
  private drop(lock: number): void {
    if (this.isHeld[lock] !== 1) return;
    this.isHeld[lock] = 0;
    let k = 0;
    for (let j = 0; j < this.heldCount; j++) {
      const h = this.held[j] as number;
      if (h !== lock) this.held[k++] = h;
    }
    this.heldCount = k;
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
