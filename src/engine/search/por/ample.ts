// Partial-order reduction by ample sets for the breadth-first search (`--por`): in a state,
// the steps of one thread at its current label are taken alone when
// - C0: it has at least one step there;
// - C1: every action that thread may take at that label commutes with every action any other
//   thread (or a parameterless action) may ever take (independence.ts), so no step of the
//   others can enable, disable or be affected by them;
// - C2: none of those steps can change what an invariant or cover reads;
// - C3 (the breadth-first proviso): every successor they give is new. A cycle of the reduced
//   graph then always holds a fully expanded state: its last state found has an edge back to
//   a state found before it, so that state was expanded with all its steps.
// Otherwise the state is expanded with all its steps. Deadlocks, failed assertions and
// evaluation errors are reached by some reduced path whenever they are reachable at all, and
// an invariant or cover is violated or met in a reduced state whenever in any state.

import type { ExecutableModule, State, SuccessorSink } from '../../evaluation/module-api.js';
import {
  functionIndex,
  functionValues,
  isFunction,
  type Value,
  valueEquals,
} from '../../values/values.js';
import type { Independence } from './independence.js';

/** What the search lends an expansion: seen-before tests, the successor sink, a full expansion. */
export interface ExpandHooks {
  /** Starts the check of one candidate ample set: `seen` is asked about its successors next. */
  begin(): void;
  /** Was this successor of the state being expanded found before? */
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
}

/** Chooses ample sets for the states of one module. */
export class AmpleSets {
  private readonly threads: Value[] = [];
  /** Per thread, per action: may the thread take it (is it among the action's parameters)? */
  private readonly takes: boolean[][] = [];
  /** Per action: the label its guard asks for, or undefined when it may run at any label. */
  private readonly labelOf: (string | undefined)[];
  /** The guarded actions of each label. */
  private readonly atLabel = new Map<string, number[]>();
  /** Per label: the actions a thread there may take from now on, or 'all'. */
  private readonly reachCache = new Map<string, ReadonlySet<number> | 'all'>();
  /** Per thread and labels of all threads: the actions of the ample set, or null when there is none. */
  private readonly safeCache = new Map<string, readonly number[] | null>();
  private readonly steps: Step[] = [];
  private readonly labels: (string | undefined)[] = [];
  private want: Value | undefined = undefined;
  private readonly collect: SuccessorSink;
  private readonly guardName: string;
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
    for (const t of this.threads)
      this.takes.push(module.actions.map((a) => a.paramValues.some((p) => valueEquals(p, t))));
    this.labelOf = module.actions.map((a) =>
      a.guard !== undefined && a.guard.variable === guardVariable ? a.guard.label : undefined,
    );
    this.labelOf.forEach((l, i) => {
      if (l !== undefined) this.atLabel.set(l, [...(this.atLabel.get(l) ?? []), i]);
    });
    this.guardName = module.variables[guardVariable] ?? '';
    this.collect = (next, action, param, sub) => {
      const w = this.want;
      if (param !== undefined && w !== undefined && (param === w || valueEquals(param, w)))
        this.steps.push({ next, action, param, sub });
    };
  }

  /** Expands `s`: an ample set's successors when one qualifies, else all of them. */
  expand(s: State, hooks: ExpandHooks): number {
    const fn = s[this.guardVariable];
    if (fn === undefined || !isFunction(fn)) return hooks.full();
    const labels = this.labels;
    labels.length = 0;
    for (const thread of this.threads) {
      const i = functionIndex(fn, thread);
      const label = i < 0 ? undefined : functionValues(fn)[i];
      labels.push(typeof label === 'string' ? label : undefined);
    }
    const all = labels.join('\u0001');
    for (let ti = 0; ti < this.threads.length; ti++) {
      const thread = this.threads[ti];
      const label = labels[ti];
      if (thread === undefined || label === undefined) continue;
      const key = `${ti}\u0000${all}`;
      let ample = this.safeCache.get(key);
      if (ample === undefined) {
        ample = this.qualify(ti, label);
        this.safeCache.set(key, ample);
      }
      if (ample === null) continue;
      this.steps.length = 0;
      this.want = thread;
      for (const a of ample) this.module.successors(a, s, this.collect);
      this.want = undefined;
      hooks.begin();
      if (this.steps.length === 0 || this.steps.some((st) => hooks.seen(st.next))) continue;
      try {
        for (const st of this.steps) hooks.emit(st.next, st.action, st.param, st.sub);
      } finally {
        hooks.end();
      }
      this.reduced++;
      return this.steps.length;
    }
    hooks.end();
    return hooks.full();
  }

  /** The actions thread `ti` may take at `label` when they satisfy C1 and C2 (the others at `this.labels`), else null. */
  private qualify(ti: number, label: string): readonly number[] | null {
    const takes = this.takes[ti];
    if (takes === undefined) return null;
    const mine: number[] = [];
    this.labelOf.forEach((l, i) => {
      if (takes[i] === true && (l === undefined || l === label)) mine.push(i);
    });
    const ind = this.independence;
    if (mine.some((a) => ind.visible(a))) return null;
    for (const b of this.othersMay(ti)) for (const a of mine) if (ind.conflict(a, b)) return null;
    return mine;
  }

  /** The actions that another thread (from its label on) or no thread may take. */
  private othersMay(ti: number): Set<number> {
    const out = new Set<number>();
    const acts = this.module.actions;
    acts.forEach((a, b) => {
      if (a.paramName === undefined) out.add(b);
    });
    this.takes.forEach((row, tj) => {
      if (tj === ti) return;
      const l = this.labels[tj];
      const reach = l === undefined ? 'all' : this.reach(l);
      row.forEach((may, b) => {
        if (!may) return;
        if (reach === 'all' || this.labelOf[b] === undefined || reach.has(b)) out.add(b);
      });
    });
    return out;
  }

  /** The guarded actions a thread at `label` may take from now on, following the labels its steps write. */
  private reach(label: string): ReadonlySet<number> | 'all' {
    const known = this.reachCache.get(label);
    if (known !== undefined) return known;
    const found = new Set<number>();
    const seenLabels = new Set<string>([label]);
    const todo = [label];
    let result: ReadonlySet<number> | 'all' = found;
    for (let l = todo.pop(); l !== undefined && result !== 'all'; l = todo.pop()) {
      for (const a of this.atLabel.get(l) ?? []) {
        found.add(a);
        const next = this.independence.ownLabels(a, this.guardName);
        if (next === 'any') {
          result = 'all';
          break;
        }
        for (const n of next ?? []) {
          if (seenLabels.has(n)) continue;
          seenLabels.add(n);
          todo.push(n);
        }
      }
    }
    this.reachCache.set(label, result);
    return result;
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
