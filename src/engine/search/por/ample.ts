// Partial-order reduction by strong stubborn sets for the breadth-first search (`--por`). A
// transition is one action taken by one thread (a parameterless action is a transition of its
// own). In a state, a set T of transitions is stubborn when
// - it holds an enabled transition;
// - with every enabled transition t in it, it holds every transition that may interfere with t
//   (independence.ts: one writes what the other reads or writes; two steps of one thread
//   interfere only when both may be taken at one label, since a thread is at one label at a
//   time and so never has both enabled);
// - with every disabled transition in it, it holds a necessary enabling set in this state: when
//   the thread is not at the transition's label, the transitions that can put it there (its
//   steps that write that label from a label it can reach by its own steps, any step that
//   writes that label to another thread's entry); otherwise those that write something the
//   transition reads (of the same thread, only steps at that label: another step of it moves
//   the thread away first, and that one is counted);
// - no enabled transition in it can change what an invariant, cover or action property reads;
// - (the breadth-first proviso) none of its successors was found before at the level of the
//   state or an earlier one. Along an edge the breadth-first level grows by one at most, so a
//   cycle of the reduced graph has an edge to a state no deeper than its source, and that
//   source was expanded with all its steps: no step is put off forever around a cycle.
// Only the enabled transitions of T are taken. The first two rules make every path of
// transitions outside T commute with each enabled transition of T, which stays enabled along
// it, so deadlocks are kept, and with the last two every step left out is taken later in a
// state that agrees on everything the invariants read. T is grown from each enabled transition
// in turn; the smallest that qualifies is taken. The sets depend on the state through which
// transitions are enabled and where each thread stands, so a thread's steps go alone exactly
// when the others' steps that could meet them are not reachable without first passing through
// steps of T.

import type { ExecutableModule, State, SuccessorSink } from '../../evaluation/module-api.js';
import {
  functionIndex,
  functionValues,
  isFunction,
  type Value,
  valueEquals,
} from '../../values/values.js';
import type { Labels } from './accesses.js';
import type { Independence } from './independence.js';

/** What the search lends an expansion: seen-before tests, the successor sink, a full expansion. */
export interface ExpandHooks {
  /** Starts the check of one candidate set: `seen` is asked about its successors next. */
  begin(): void;
  /**
   * Was this successor of the state being expanded found before, at its level or an earlier
   * one (every cycle of the graph has an edge to such a state)?
   */
  seen(t: State): boolean;
  /** Takes the successors `seen` was asked about, in that order, every one of them. */
  readonly emit: SuccessorSink;
  /** Ends an emission (or a candidate given up). */
  end(): void;
  /** Expands with every step; returns the number of successors. */
  full(): number;
}

interface Step {
  readonly next: State;
  readonly action: number;
  readonly param: Value | undefined;
  readonly sub: number;
  /** The transition (index into `AmpleSets.transitions`). */
  readonly transition: number;
}

interface Transition {
  readonly action: number;
  /** Index into the threads; `threads.length` for a parameterless action. */
  readonly slot: number;
  /** The label the action's guard asks for, or undefined. */
  readonly label: string | undefined;
}

/** Chooses stubborn sets for the states of one module (the name is the older ample-set one). */
export class AmpleSets {
  private readonly threads: Value[] = [];
  private readonly transitions: Transition[] = [];
  /** Per action: its transitions, by parameter order (one for a parameterless action). */
  private readonly ofAction: number[][];
  /** Per transition: the transitions that may interfere with it. */
  private readonly interfering: (readonly number[] | undefined)[];
  /** Per transition: the transitions that may write what it reads (its enabling set at its label). */
  private readonly enablers: (readonly number[] | undefined)[];
  /** Per thread, label it is at and label wanted: the transitions that can put it there. */
  private readonly toLabel = new Map<string, readonly number[]>();
  /** Per thread and label it is at: the transitions that can move it away. */
  private readonly fromLabel = new Map<string, readonly number[]>();
  /** The guarded actions of each label. */
  private readonly atLabel = new Map<string, number[]>();
  /** Per label: the labels a thread there can reach by its own steps, or 'all'. */
  private readonly reachCache = new Map<string, ReadonlySet<string> | 'all'>();
  private readonly visibleAction: boolean[];
  private readonly guardName: string;
  private readonly steps: Step[] = [];
  private readonly labels: (string | undefined)[] = [];
  /** Per transition: its number of successors in the state being expanded. */
  private enabled: Int32Array;
  private inSet: Uint8Array;
  private readonly collect: SuccessorSink;
  /** Reduced expansions, for the report. */
  reduced = 0;

  constructor(
    private readonly module: ExecutableModule,
    private readonly independence: Independence,
    private readonly guardVariable: number,
  ) {
    for (const a of module.actions)
      for (const p of a.paramValues)
        if (!this.threads.some((t) => valueEquals(t, p))) this.threads.push(p);
    this.ofAction = module.actions.map((a, action) => {
      const g = a.guard;
      const label = g !== undefined && g.variable === guardVariable ? g.label : undefined;
      const slots =
        a.paramName === undefined
          ? [this.threads.length]
          : a.paramValues.map((p) => this.threads.findIndex((t) => valueEquals(t, p)));
      if (label !== undefined)
        this.atLabel.set(label, [...(this.atLabel.get(label) ?? []), action]);
      return slots.map((slot) => {
        this.transitions.push({ action, slot, label });
        return this.transitions.length - 1;
      });
    });
    const n = this.transitions.length;
    this.interfering = new Array<readonly number[] | undefined>(n).fill(undefined);
    this.enablers = new Array<readonly number[] | undefined>(n).fill(undefined);
    this.visibleAction = module.actions.map((_, a) => independence.visible(a));
    this.enabled = new Int32Array(n);
    this.inSet = new Uint8Array(n);
    this.guardName = module.variables[guardVariable] ?? '';
    this.collect = (next, action, param, sub) => {
      this.steps.push({ next, action, param, sub, transition: this.transitionOf(action, param) });
    };
  }

  private transitionOf(action: number, param: Value | undefined): number {
    const ts = this.ofAction[action] ?? [];
    const info = this.module.actions[action];
    if (param === undefined || info === undefined || info.paramName === undefined) {
      const only = ts[0];
      if (only === undefined) throw new Error(`internal error: action ${action} has no transition`);
      return only;
    }
    const i = info.paramValues.findIndex((p) => p === param || valueEquals(p, param));
    const t = ts[i];
    if (t === undefined) throw new Error(`internal error: no transition of action ${action}`);
    return t;
  }

  /** Expands `s`: a stubborn set's successors when one qualifies, else all of them. */
  expand(s: State, hooks: ExpandHooks): number {
    if (!this.look(s)) return hooks.full();
    this.collectAll(s);
    const candidates = this.candidates();
    for (const set of candidates) {
      hooks.begin();
      const chosen = this.steps.filter((st) => set[st.transition] === 1);
      if (chosen.some((st) => hooks.seen(st.next))) continue;
      this.emit(chosen, hooks);
      this.reduced++;
      return chosen.length;
    }
    hooks.begin();
    this.emit(this.steps, hooks);
    return this.steps.length;
  }

  private emit(steps: readonly Step[], hooks: ExpandHooks): void {
    try {
      for (const st of steps) hooks.emit(st.next, st.action, st.param, st.sub);
    } finally {
      hooks.end();
    }
  }

  /** Reads each thread's label; false when the guard variable is not a function of them. */
  private look(s: State): boolean {
    const fn = s[this.guardVariable];
    if (fn === undefined || !isFunction(fn)) return false;
    const labels = this.labels;
    labels.length = 0;
    for (const thread of this.threads) {
      const i = functionIndex(fn, thread);
      const label = i < 0 ? undefined : functionValues(fn)[i];
      labels.push(typeof label === 'string' ? label : undefined);
    }
    return true;
  }

  /** Every successor of the state, in the order of a full expansion, and which transitions are enabled. */
  private collectAll(s: State): void {
    this.steps.length = 0;
    this.enabled.fill(0);
    const acts = this.module.actions;
    for (let a = 0; a < acts.length; a++) {
      const g = acts[a]?.guard;
      if (g !== undefined && g.variable === this.guardVariable && !this.labels.includes(g.label))
        continue;
      this.module.successors(a, s, this.collect);
    }
    const en = this.enabled;
    for (const st of this.steps) en[st.transition] = (en[st.transition] ?? 0) + 1;
  }

  /** The stubborn sets grown from each enabled transition that qualify and leave something out, smallest first. */
  private candidates(): Uint8Array[] {
    const total = this.steps.length;
    const found: { set: Uint8Array; size: number }[] = [];
    const tried = new Uint8Array(this.transitions.length);
    for (const st of this.steps) {
      const seed = st.transition;
      if (tried[seed] === 1) continue;
      tried[seed] = 1;
      for (const leave of [false, true]) {
        const size = this.grow(seed, total, leave);
        if (size >= 0) found.push({ set: this.inSet.slice(), size });
      }
    }
    found.sort((x, y) => x.size - y.size);
    return found.map((f) => f.set);
  }

  /**
   * Grows a stubborn set from `seed` into `inSet`; returns the number of successors of its
   * enabled transitions, or -1 when it holds a visible enabled transition or all `total`.
   */
  private grow(seed: number, total: number, leave: boolean): number {
    const inSet = this.inSet;
    inSet.fill(0);
    inSet[seed] = 1;
    const todo = [seed];
    let size = 0;
    for (let t = todo.pop(); t !== undefined; t = todo.pop()) {
      const tr = this.transitions[t];
      if (tr === undefined) throw new Error(`internal error: no transition ${t}`);
      const succ = this.enabled[t] ?? 0;
      let next: readonly number[];
      if (succ > 0) {
        if (this.visibleAction[tr.action] === true) return -1;
        size += succ;
        if (size >= total) return -1;
        next = this.interferingWith(t);
      } else next = this.enablingSet(t, tr, leave);
      for (const u of next) {
        if (inSet[u] === 1) continue;
        inSet[u] = 1;
        todo.push(u);
      }
    }
    return size;
  }

  /** A necessary enabling set of disabled transition `t` in the state looked at. */
  private enablingSet(t: number, tr: Transition, leave: boolean): readonly number[] {
    const at = tr.slot < this.threads.length ? this.labels[tr.slot] : undefined;
    if (tr.label !== undefined && at !== undefined && at !== tr.label)
      return leave ? this.leaving(tr.slot, at) : this.puttingAt(tr.slot, at, tr.label);
    let known = this.enablers[t];
    if (known === undefined) {
      known = this.transitions.flatMap((u, i) => {
        const same = u.slot === tr.slot && tr.slot < this.threads.length;
        if (same && !this.coEnabled(u, tr)) return [];
        return this.independence.writesRead(u.action, tr.action, same) ? [i] : [];
      });
      this.enablers[t] = known;
    }
    return known;
  }

  /**
   * The transitions that can put thread `slot`, now at label `at`, at `label`: its steps
   * that write that label, at a label it can reach from `at` by its own steps (or at none), and
   * any step that writes that label to another thread's entry.
   */
  private puttingAt(slot: number, at: string, label: string): readonly number[] {
    const key = `${slot}\u0000${at}\u0000${label}`;
    let known = this.toLabel.get(key);
    if (known === undefined) {
      const ind = this.independence;
      const pc = this.guardName;
      const has = (l: Labels | undefined): boolean =>
        l === 'any' || (l !== undefined && l.has(label));
      const reach = this.reach(at);
      known = this.transitions.flatMap((u, i) => {
        const from = u.label === undefined || reach === 'all' || reach.has(u.label);
        const own = u.slot === slot && from && has(ind.ownLabels(u.action, pc));
        const others =
          has(ind.othersLabels(u.action, pc)) && ind.writesEntryFrom(u.action, pc, reach);
        return own || others ? [i] : [];
      });
      this.toLabel.set(key, known);
    }
    return known;
  }

  /**
   * The transitions that can move thread `slot` away from `label`, where it is: its steps at
   * that label (or at none) and any step that writes the label of another thread's entry.
   */
  private leaving(slot: number, label: string): readonly number[] {
    const key = `${slot}\u0000${label}`;
    let known = this.fromLabel.get(key);
    if (known === undefined) {
      const ind = this.independence;
      const pc = this.guardName;
      known = this.transitions.flatMap((u, i) => {
        const own = u.slot === slot && (u.label === undefined || u.label === label);
        return own || ind.writesEntryFrom(u.action, pc, new Set([label])) ? [i] : [];
      });
      this.fromLabel.set(key, known);
    }
    return known;
  }

  /** The labels a thread at `label` can reach by its own steps, or 'all'. */
  private reach(label: string): ReadonlySet<string> | 'all' {
    const known = this.reachCache.get(label);
    if (known !== undefined) return known;
    const found = new Set<string>([label]);
    const todo = [label];
    let result: ReadonlySet<string> | 'all' = found;
    for (let l = todo.pop(); l !== undefined && result !== 'all'; l = todo.pop()) {
      for (const a of this.atLabel.get(l) ?? []) {
        const next = this.independence.ownLabels(a, this.guardName);
        if (next === 'any') {
          result = 'all';
          break;
        }
        for (const n of next ?? []) {
          if (found.has(n)) continue;
          found.add(n);
          todo.push(n);
        }
      }
    }
    this.reachCache.set(label, result);
    return result;
  }

  /** Can transitions `u` and `v` of one thread be enabled in one state? Not when they wait at different labels. */
  private coEnabled(u: Transition, v: Transition): boolean {
    return u.label === undefined || v.label === undefined || u.label === v.label;
  }

  /** The transitions that may interfere with enabled transition `t`. */
  private interferingWith(t: number): readonly number[] {
    let known = this.interfering[t];
    if (known !== undefined) return known;
    const tr = this.transitions[t];
    if (tr === undefined) throw new Error(`internal error: no transition ${t}`);
    const threadSlot = tr.slot < this.threads.length;
    known = this.transitions.flatMap((u, i) => {
      if (i === t) return [];
      if (threadSlot && u.slot === tr.slot) return this.coEnabled(u, tr) ? [i] : [];
      return this.independence.conflict(tr.action, u.action) ? [i] : [];
    });
    this.interfering[t] = known;
    return known;
  }
}

/** The variable the actions' guards read (the label of each thread), when all agree on one. */
export function guardVariableOf(module: ExecutableModule): number | undefined {
  let found: number | undefined;
  for (const a of module.actions) {
    const g = a.guard;
    if (g === undefined) continue;
    if (found !== undefined && found !== g.variable) return undefined;
    found = g.variable;
  }
  return found;
}
