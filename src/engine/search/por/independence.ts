// Static independence of the actions of Next, from what each reads and writes (accesses.ts):
// two steps of different threads are independent when neither writes a location the other
// reads or writes. A thread's own entries never meet another thread's own entries, and a
// write of an own label meets a read of other entries only when the read compares with that
// label. A step is visible when it may change what an invariant, cover or action property
// reads (an action property's `A`, primed or not: a step that changes none of it meets `A`
// exactly where the same step of the full search does).

import type { TlaModule } from '../../../tla/tla-ast.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';
import {
  type Accesses,
  AccessReader,
  joinLabels,
  type Labels,
  type ReadUse,
  type WriteUse,
} from './accesses.js';

/** Accesses of the actions and of the checked state predicates. */
export class Independence {
  readonly actions: readonly Accesses[];
  /** Per action: the variable and label its guard waits for. */
  private readonly guards: readonly ({ variable: string; label: string } | undefined)[];
  /** What the action properties read, every access counted as reading other entries. */
  private readonly observed = new Map<string, ReadUse>();
  /** What each conjunct of an invariant (other than an entry-by-entry one) and each cover reads. */
  private readonly states: Accesses[] = [];
  private readonly visibleCache: (boolean | undefined)[];
  private readonly conflictCache = new Map<number, boolean>();

  constructor(tla: TlaModule, module: ExecutableModule) {
    const reader = new AccessReader(tla);
    this.guards = module.actions.map((info) => {
      const g = info.guard;
      const variable = g === undefined ? undefined : module.variables[g.variable];
      return g === undefined || variable === undefined ? undefined : { variable, label: g.label };
    });
    const refs = tla.roles.actions;
    this.actions = module.actions.map((info, i) => {
      const ref = refs[i];
      if (ref === undefined || ref.def !== info.name)
        throw new Error(`internal error: action ${i} of the module is not ${info.name}`);
      const acc = reader.ofDefinition(ref.def, ref.param?.name);
      const guard = info.guard;
      const guardVar = guard === undefined ? undefined : module.variables[guard.variable];
      // Only the guard variable's old value is known (the guard's label); any other own write may change any label.
      for (const [v, w] of acc.writes) {
        if (w.own === undefined) continue;
        w.own =
          v === guardVar && guard !== undefined ? joinLabels(w.own, new Set([guard.label])) : 'any';
      }
      return acc;
    });
    // A conjunct `\A t \in DOMAIN v : P(v[t])` makes no write of v visible, and a state
    // predicate that reads only variables a step writes whole does not make the step visible.
    // A step t of a stubborn set that is put off while steps w outside the set reach a state
    // where the predicate is violated (or met, for a cover) commutes with w, so w writes none
    // of what t writes. What such a predicate reads of it still holds what it held where the
    // search was, where the predicate held (was not met), so the violation w reaches is
    // another predicate's, or at another entry, and t does not undo it.
    for (const p of module.invariants) this.states.push(...reader.ofInvariant(p.name).rest);
    for (const p of module.covers) this.states.push(reader.ofDefinition(p.name, undefined));
    for (const p of module.actionProperties) {
      const acc = reader.ofActionProperty(p.name);
      for (const [v, r] of acc.reads) this.observe(v, r.own ? 'any' : (r.others ?? 'any'));
      for (const v of acc.writes.keys()) this.observe(v, 'any');
    }
    this.visibleCache = this.actions.map(() => undefined);
  }

  private observe(v: string, labels: Labels): void {
    const r = this.observed.get(v);
    this.observed.set(v, { own: false, others: joinLabels(r?.others, labels) });
  }

  /** The labels a step of action `a` leaves its own entry of `variable` at (undefined: it does not write it). */
  ownLabels(a: number, variable: string): Labels | undefined {
    return this.actions[a]?.writes.get(variable)?.own;
  }

  /** The labels a step of action `a` may write to entries of `variable` other than its own (undefined: none). */
  othersLabels(a: number, variable: string): Labels | undefined {
    const w = this.actions[a]?.writes.get(variable);
    return w?.others === true ? (w.othersTo ?? 'any') : undefined;
  }

  /**
   * May a step of action `a` write `variable` at the entry of a thread whose entry of that
   * variable can be one of `from` (or any label, 'all') when it is taken?
   */
  writesEntryFrom(a: number, variable: string, from: ReadonlySet<string> | 'all'): boolean {
    const w = this.actions[a]?.writes.get(variable);
    if (w?.others !== true) return false;
    const where = w.othersWhere;
    if (from === 'all' || where === undefined || where === 'any' || where.variable !== variable)
      return true;
    for (const l of from) if (where.labels.has(l)) return true;
    return false;
  }

  /**
   * May a step of action `c` write a location a step of action `b` reads, the two taken by
   * one thread (`same`) or by different ones (a parameterless action counts as another)?
   */
  writesRead(c: number, b: number, same: boolean): boolean {
    const x = this.actions[c];
    const y = this.actions[b];
    if (x === undefined || y === undefined)
      throw new Error(`internal error: no action ${c} or ${b}`);
    for (const [v, w] of x.writes) {
      const r = y.reads.get(v);
      if (r === undefined) continue;
      if (w.others && (r.others !== undefined || !this.spared(w, b))) return true;
      if (same && r.own) return true;
      if (meets(w.own, { own: false, others: r.others })) return true;
    }
    return false;
  }

  /** May a step of action `a` change what an invariant or cover reads? */
  visible(a: number): boolean {
    const known = this.visibleCache[a];
    if (known !== undefined) return known;
    const acc = this.actions[a];
    if (acc === undefined) throw new Error(`internal error: no action ${a}`);
    const changes = (reads: ReadonlyMap<string, ReadUse>): boolean => {
      for (const [v, w] of acc.writes) {
        const r = reads.get(v);
        const read: ReadUse | undefined =
          r === undefined ? undefined : { own: false, others: r.own ? 'any' : (r.others ?? 'any') };
        if (read !== undefined && meets(w.others ? 'any' : w.own, read)) return true;
      }
      return false;
    };
    const wholly = (v: string): boolean => acc.writes.get(v)?.others === true;
    let vis = changes(this.observed);
    for (const c of this.states)
      if (!vis && changes(c.reads) && ![...c.reads.keys()].every(wholly)) vis = true;
    this.visibleCache[a] = vis;
    return vis;
  }

  /** May a step of action `a` by one thread and a step of action `b` by another fail to commute? */
  conflict(a: number, b: number): boolean {
    const key = a * 65536 + b;
    const known = this.conflictCache.get(key);
    if (known !== undefined) return known;
    const x = this.actions[a];
    const y = this.actions[b];
    if (x === undefined || y === undefined)
      throw new Error(`internal error: no action ${a} or ${b}`);
    const c = this.oneWay(x, b, y) || this.oneWay(y, a, x);
    this.conflictCache.set(key, c);
    this.conflictCache.set(b * 65536 + a, c);
    return c;
  }

  /** Does a write of `x` meet a read or write of `y` (action `b`), the two made by different threads? */
  private oneWay(x: Accesses, b: number, y: Accesses): boolean {
    for (const [v, w] of x.writes) {
      const r = y.reads.get(v);
      const yw = y.writes.get(v);
      // A write of another entry meets every access (of the own entry unless spared); an own write meets only other-entry accesses.
      if (w.others) {
        const others = r?.others !== undefined || yw?.others === true;
        const own = r?.own === true || yw?.own !== undefined;
        if (others || (own && !this.spared(w, b))) return true;
      }
      if (r !== undefined && w.own !== undefined && meets(w.own, { own: false, others: r.others }))
        return true;
    }
    return false;
  }

  /**
   * Are the other entries `w` writes never the own entry of a thread taking action `b`? They
   * are when they are entries chosen by a label of `b`'s guard variable that `b` neither waits
   * at nor writes: the thread is not at such a label while `b` is enabled, nor after it.
   */
  spared(w: WriteUse, b: number): boolean {
    const where = w.othersWhere;
    const guard = this.guards[b];
    if (where === undefined || where === 'any' || guard === undefined) return false;
    if (where.variable !== guard.variable || where.labels.has(guard.label)) return false;
    const written = this.ownLabels(b, where.variable);
    if (written === 'any') return false;
    for (const l of written ?? []) if (where.labels.has(l)) return false;
    return true;
  }
}

/** Does a write of an entry with these labels meet a read of other entries? */
function meets(written: Labels | undefined, r: ReadUse): boolean {
  const read = r.others;
  if (written === undefined || read === undefined) return false;
  if (written === 'any' || read === 'any') return true;
  for (const l of written) if (read.has(l)) return true;
  return false;
}
