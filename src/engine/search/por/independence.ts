// Static independence of the actions of Next, from what each reads and writes (accesses.ts):
// two steps of different threads are independent when neither writes a location the other
// reads or writes. A thread's own entries never meet another thread's own entries, and a
// write of an own label meets a read of other entries only when the read compares with that
// label. A step is visible when it may change what an invariant, cover or action property
// reads (an action property's `A`, primed or not: a step that changes none of it meets `A`
// exactly where the same step of the full search does).

import type { TlaModule } from '../../../tla/tla-ast.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';
import { type Accesses, AccessReader, joinLabels, type Labels, type ReadUse } from './accesses.js';

/** Accesses of the actions and of the checked state predicates. */
export class Independence {
  readonly actions: readonly Accesses[];
  /** What the invariants and covers read, every access counted as reading other entries. */
  private readonly observed = new Map<string, ReadUse>();
  /**
   * Variables an invariant reads entry by entry only (`\A t \in DOMAIN v : P(v[t])`): a
   * thread's write of its own entry is invisible to such a conjunct, because a violation at
   * another entry stays, and one at its own entry could only come from its own steps (never
   * left out of an ample set) or from writes of other threads, which do not commute with it.
   */
  private readonly entrywise = new Set<string>();
  private readonly visibleCache: (boolean | undefined)[];
  private readonly conflictCache = new Map<number, boolean>();

  constructor(tla: TlaModule, module: ExecutableModule) {
    const reader = new AccessReader(tla);
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
    const invariants = module.invariants.map((p) => reader.ofInvariant(p.name));
    for (const inv of invariants) for (const v of inv.entrywise) this.entrywise.add(v);
    const observedBy = [
      ...invariants.map((inv) => inv.rest),
      ...module.covers.map((p) => reader.ofDefinition(p.name, undefined)),
      ...module.actionProperties.map((p) => reader.ofActionProperty(p.name)),
    ];
    for (const acc of observedBy) {
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

  /** May a step of action `a` change what an invariant or cover reads? */
  visible(a: number): boolean {
    const known = this.visibleCache[a];
    if (known !== undefined) return known;
    const acc = this.actions[a];
    if (acc === undefined) throw new Error(`internal error: no action ${a}`);
    let vis = false;
    for (const [v, w] of acc.writes) {
      if (w.others && this.entrywise.has(v)) vis = true;
      const r = this.observed.get(v);
      if (r !== undefined && meets(w.others ? 'any' : w.own, r)) vis = true;
    }
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
    const c = oneWay(x, y) || oneWay(y, x);
    this.conflictCache.set(key, c);
    this.conflictCache.set(b * 65536 + a, c);
    return c;
  }
}

/** Does a write of `x` meet a read or write of `y`, the two made by different threads? */
function oneWay(x: Accesses, y: Accesses): boolean {
  for (const [v, w] of x.writes) {
    const r = y.reads.get(v);
    // Any write of another entry meets every access; an own write meets only other-entry accesses.
    if (w.others && (r !== undefined || y.writes.has(v))) return true;
    if (r !== undefined && w.own !== undefined && meets(w.own, { own: false, others: r.others }))
      return true;
    if (y.writes.get(v)?.others === true) return true;
  }
  return false;
}

/** Does a write of an entry with these labels meet a read of other entries? */
function meets(written: Labels | undefined, r: ReadUse): boolean {
  const read = r.others;
  if (written === undefined || read === undefined) return false;
  if (written === 'any' || read === 'any') return true;
  for (const l of written) if (read.has(l)) return true;
  return false;
}
