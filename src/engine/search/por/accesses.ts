// What one action of Next, or one property, reads and writes of the state: read off the TLA+
// tree the module was built from, so partial-order reduction can tell which steps of
// different threads commute. A thread's own entry of a function variable (`v[self]`, and
// `[v EXCEPT ![self] = ...]`) is told apart from any other entry; a variable only compared
// with string literals (`pc[t] = "Done"`, `pc[t] \notin {"a", "b"}`) carries those strings,
// so a step that moves a thread between other labels does not touch what is read. Everything
// the analysis cannot place is counted as reading or writing the whole variable.
//
// src/check/step-accesses.ts also computes reads and writes, from the spec's steps, for the
// granularity warning. The two stay apart on purpose: a reduction is sound only if it reads the
// module the engine runs (and TLC would run), with everything lowering adds (pc, frames, the
// call stack, fault and wait bookkeeping), while the warning needs the spec's own steps, texts
// and macro bodies before lowering merges or splits them. One table built from the spec would
// have the engine reduce by a semantics other than the one it checks.

import type { TlaDef, TlaExpr, TlaModule } from '../../../tla/tla-ast.js';

/** Labels a location is compared with; 'any' when it is read or written some other way. */
export type Labels = ReadonlySet<string> | 'any';

/** How a variable is read: its own entry (`v[self]`), and other entries (with the labels compared). */
export interface ReadUse {
  own: boolean;
  others: Labels | undefined;
}

/**
 * How a variable is written: the own entry (with the string literals written), any other entry
 * (with the string literals written there, `othersTo`, when `others`).
 */
export interface WriteUse {
  own: Labels | undefined;
  others: boolean;
  othersTo?: Labels;
  /**
   * When every write of another entry is of an entry chosen by its label
   * (`\E c \in S : pc[c] = "Unborn" /\ v' = [v EXCEPT ![c] = ...]`): that variable and those
   * labels; 'any' otherwise.
   */
  othersWhere?: Where | 'any';
}

/** Entries of threads whose entry of `variable` is one of `labels` when the step is taken. */
export interface Where {
  readonly variable: string;
  readonly labels: ReadonlySet<string>;
}

/** The accesses of one action or property, by variable name. */
export interface Accesses {
  readonly reads: Map<string, ReadUse>;
  readonly writes: Map<string, WriteUse>;
}

export function joinLabels(a: Labels | undefined, b: Labels): Labels {
  if (a === undefined) return b;
  if (a === 'any' || b === 'any') return 'any';
  return new Set([...a, ...b]);
}

/** Where `@` points inside an EXCEPT value: the variable, and whether the entry is the own one. */
interface Env {
  readonly self: ReadonlySet<string>;
  readonly at: { readonly variable: string; readonly own: boolean } | undefined;
  /** Names bound by `\E c \in S : pc[c] = "l" /\ ...`, with the labels their entry has. */
  readonly chosen?: ReadonlyMap<string, Where>;
}

const NO_SELF: Env = { self: new Set(), at: undefined };

/** Collects accesses of expressions of one module. */
export class AccessReader {
  private readonly variables: ReadonlySet<string>;
  private readonly defs = new Map<string, TlaDef>();
  private readonly active = new Set<string>();

  constructor(module: TlaModule) {
    this.variables = new Set(module.variables.map((v) => v.name));
    for (const d of module.defs) this.defs.set(d.name, d);
  }

  /** The accesses of definition `name` applied to the thread named by its parameter `param` (if any). */
  ofDefinition(name: string, param: string | undefined): Accesses {
    const out: Accesses = { reads: new Map(), writes: new Map() };
    const d = this.defs.get(name);
    if (d === undefined) throw new Error(`internal error: no definition ${name}`);
    const self = new Set<string>();
    if (param !== undefined && d.params.length === 0) self.add(param);
    else if (param !== undefined) for (const p of d.params) self.add(p);
    this.walk(d.body, { self, at: undefined }, out);
    return out;
  }

  /**
   * The conjuncts of invariant `name`: per conjunct `\A t \in DOMAIN v : P` that reads nothing
   * but entry `t` of `v`, the variable `v` in `entrywise`; the accesses of each other conjunct.
   */
  ofInvariant(name: string): { entrywise: Set<string>; rest: Accesses[] } {
    const rest: Accesses[] = [];
    const entrywise = new Set<string>();
    const d = this.defs.get(name);
    if (d === undefined) throw new Error(`internal error: no definition ${name}`);
    const conjuncts =
      d.body.kind === 'TlaJunction' && d.body.op === '/\\' ? d.body.items : [d.body];
    for (const c of conjuncts) {
      const v = this.entrywiseVariable(c);
      if (v !== undefined) entrywise.add(v);
      else {
        const out: Accesses = { reads: new Map(), writes: new Map() };
        this.walk(c, NO_SELF, out);
        rest.push(out);
      }
    }
    return { entrywise, rest };
  }

  /**
   * `v` of `\A t \in S : P` where P reads entry `t` of `v` and nothing else, and S is
   * `DOMAIN v` or reads no variable (`\A c \in Caller : user_errno[c] # "ESRCH"`): the
   * entries P is asked about do not change along a path, so a step that writes some entries
   * of `v` leaves P as it was at every entry the steps it is put off for do not write.
   */
  private entrywiseVariable(c: TlaExpr): string | undefined {
    if (c.kind !== 'TlaQuant' || c.quantifier !== '\\A' || c.variables.length !== 1)
      return undefined;
    const set = c.set;
    const arg = set.kind === 'TlaBuiltin' && set.op === 'DOMAIN' ? set.args[0] : undefined;
    const domainOf = arg?.kind === 'TlaName' && this.variables.has(arg.name) ? arg.name : undefined;
    if (domainOf === undefined) {
      const ofSet: Accesses = { reads: new Map(), writes: new Map() };
      this.walk(set, NO_SELF, ofSet);
      if (ofSet.reads.size > 0 || ofSet.writes.size > 0) return undefined;
    }
    const out: Accesses = { reads: new Map(), writes: new Map() };
    this.walk(c.body, { self: new Set(c.variables), at: undefined }, out);
    if (out.writes.size !== 0 || out.reads.size !== 1) return undefined;
    const [v, r] = [...out.reads][0] ?? [];
    if (v === undefined || r === undefined || r.others !== undefined) return undefined;
    return domainOf === undefined || domainOf === v ? v : undefined;
  }

  /** What the action `A` of a property `[][A]_vars` reads, primed or not (not all of `vars`). */
  ofActionProperty(name: string): Accesses {
    const out: Accesses = { reads: new Map(), writes: new Map() };
    let body = this.defs.get(name)?.body;
    while (body?.kind === 'TlaName') body = this.defs.get(body.name)?.body;
    if (body === undefined) throw new Error(`internal error: no definition ${name}`);
    this.walk(body.kind === 'TlaBoxAction' ? body.action : body, NO_SELF, out);
    return out;
  }

  private read(out: Accesses, v: string, own: boolean, labels: Labels | undefined): void {
    const r = out.reads.get(v) ?? { own: false, others: undefined };
    if (own) r.own = true;
    else r.others = joinLabels(r.others, labels ?? 'any');
    out.reads.set(v, r);
  }

  /** A write of the own entry (`own` the labels written), or else of others (`to` the labels written there). */
  private write(
    out: Accesses,
    v: string,
    own: Labels | undefined,
    to: Labels = 'any',
    where: Where | 'any' = 'any',
  ): void {
    const w: WriteUse = out.writes.get(v) ?? { own: undefined, others: false };
    if (own === undefined) {
      w.othersWhere = w.others ? joinWhere(w.othersWhere ?? 'any', where) : where;
      w.others = true;
      w.othersTo = joinLabels(w.othersTo, to);
    } else w.own = joinLabels(w.own, own);
    out.writes.set(v, w);
  }

  private isSelf(e: TlaExpr, env: Env): boolean {
    return e.kind === 'TlaName' && env.self.has(e.name);
  }

  /** `v` or `v[i]` of a variable `v`, as (variable, index). */
  private location(e: TlaExpr): { variable: string; index: TlaExpr | undefined } | undefined {
    if (e.kind === 'TlaName' && this.variables.has(e.name))
      return { variable: e.name, index: undefined };
    if (e.kind === 'TlaFcnApp' && e.fcn.kind === 'TlaName' && this.variables.has(e.fcn.name))
      return { variable: e.fcn.name, index: e.arg };
    return undefined;
  }

  /** `loc = "a"`, `loc \in {"a", "b"}` and their negations: a read of those labels only. */
  private labelTest(e: TlaExpr & { kind: 'TlaBinary' }, env: Env, out: Accesses): boolean {
    if (!['=', '#', '\\in', '\\notin'].includes(e.op)) return false;
    const labels = stringsOf(e.right);
    const loc = this.location(e.left);
    if (labels === undefined || loc === undefined) return false;
    const own = loc.index !== undefined && this.isSelf(loc.index, env);
    this.read(out, loc.variable, own, labels);
    if (loc.index !== undefined) this.walk(loc.index, env, out);
    return true;
  }

  /** `v' = [v EXCEPT ![self] = e]`: a write of the own entry; any other `v' = e` writes all of `v`. */
  private assignment(v: string, value: TlaExpr, env: Env, out: Accesses): void {
    if (value.kind !== 'TlaExcept' || value.base.kind !== 'TlaName' || value.base.name !== v) {
      this.write(out, v, undefined);
      this.walk(value, env, out);
      return;
    }
    for (const c of value.clauses) {
      const first = c.path[0];
      const own = first?.kind === 'index' && this.isSelf(first.index, env);
      const literals = c.path.length === 1 ? literalsOf(c.value) : undefined;
      const where =
        first?.kind === 'index' && first.index.kind === 'TlaName'
          ? env.chosen?.get(first.index.name)
          : undefined;
      if (own) this.write(out, v, literals ?? 'any');
      else this.write(out, v, undefined, literals ?? 'any', where ?? 'any');
      for (const step of c.path) if (step.kind === 'index') this.walk(step.index, env, out);
      this.walk(c.value, { self: env.self, at: { variable: v, own } }, out);
    }
  }

  private bind(env: Env, names: readonly string[]): Env {
    const chosen = env.chosen;
    const shadowed = chosen !== undefined && names.some((n) => chosen.has(n));
    if (!names.some((n) => env.self.has(n)) && !shadowed) return env;
    return {
      self: new Set([...env.self].filter((n) => !names.includes(n))),
      at: env.at,
      chosen: new Map([...(chosen ?? [])].filter(([n]) => !names.includes(n))),
    };
  }

  /** `\E c \in S : ... /\ pc[c] = "l" /\ ...`: the body's environment, `c` chosen by its label. */
  private choose(e: TlaExpr & { kind: 'TlaQuant' }, env: Env): Env {
    const inner = this.bind(env, e.variables);
    const name = e.variables[0];
    if (e.quantifier !== '\\E' || e.variables.length !== 1 || name === undefined) return inner;
    const parts = e.body.kind === 'TlaJunction' && e.body.op === '/\\' ? e.body.items : [e.body];
    for (const c of parts) {
      if (c.kind !== 'TlaBinary' || (c.op !== '=' && c.op !== '\\in')) continue;
      const labels = stringsOf(c.right);
      const loc = this.location(c.left);
      const index = loc?.index;
      if (labels === undefined || loc === undefined || index?.kind !== 'TlaName') continue;
      if (index.name !== name) continue;
      const chosen = new Map(inner.chosen ?? []);
      chosen.set(name, { variable: loc.variable, labels });
      return { ...inner, chosen };
    }
    return inner;
  }

  private walk(e: TlaExpr, env: Env, out: Accesses): void {
    switch (e.kind) {
      case 'TlaNum':
      case 'TlaBool':
      case 'TlaStr':
      case 'TlaUnchanged':
        return;
      case 'TlaAt':
        if (env.at !== undefined) this.read(out, env.at.variable, env.at.own, undefined);
        return;
      case 'TlaName':
        if (this.variables.has(e.name)) this.read(out, e.name, false, undefined);
        else this.apply(e.name, [], env, out);
        return;
      case 'TlaPrimed':
        this.write(out, e.name, undefined);
        return;
      case 'TlaApply':
        this.apply(e.op, e.args, env, out);
        return;
      case 'TlaFcnApp': {
        const loc = this.location(e);
        if (loc !== undefined && loc.index !== undefined) {
          this.read(out, loc.variable, this.isSelf(loc.index, env), undefined);
          this.walk(loc.index, env, out);
          return;
        }
        this.walk(e.fcn, env, out);
        this.walk(e.arg, env, out);
        return;
      }
      case 'TlaBinary':
        if (this.labelTest(e, env, out)) return;
        if ((e.op === '=' || e.op === '\\in') && e.left.kind === 'TlaPrimed') {
          if (e.op === '=') this.assignment(e.left.name, e.right, env, out);
          else {
            this.write(out, e.left.name, undefined);
            this.walk(e.right, env, out);
          }
          return;
        }
        this.walk(e.left, env, out);
        this.walk(e.right, env, out);
        return;
      default:
        this.walkParts(e, env, out);
    }
  }

  /** The forms whose parts are read as they are (bound names no longer denote the thread). */
  private walkParts(e: TlaExpr, env: Env, out: Accesses): void {
    const w = (x: TlaExpr, en: Env = env): void => this.walk(x, en, out);
    switch (e.kind) {
      case 'TlaBuiltin':
        return e.args.forEach((a) => w(a));
      case 'TlaUnary':
        return w(e.operand);
      case 'TlaJunction':
        return e.items.forEach((a) => w(a));
      case 'TlaIf':
        w(e.cond);
        w(e.then);
        return w(e.else);
      case 'TlaCase':
        for (const arm of e.arms) {
          w(arm.cond);
          w(arm.value);
        }
        if (e.other !== undefined) w(e.other);
        return;
      case 'TlaLet': {
        const inner = this.bind(
          env,
          e.defs.map((d) => d.name),
        );
        for (const d of e.defs) w(d.value, inner);
        return w(e.body, inner);
      }
      case 'TlaSetEnum':
      case 'TlaTuple':
        return e.elements.forEach((a) => w(a));
      case 'TlaSetFilter':
      case 'TlaChoose':
        w(e.set);
        return w(e.pred, this.bind(env, [e.variable]));
      case 'TlaSetMap':
        w(e.set);
        return w(e.expr, this.bind(env, [e.variable]));
      case 'TlaFcn':
        w(e.set);
        return w(e.body, this.bind(env, [e.variable]));
      case 'TlaQuant':
        w(e.set);
        return w(e.body, this.choose(e, env));
      case 'TlaExcept':
        w(e.base);
        for (const c of e.clauses) {
          for (const step of c.path) if (step.kind === 'index') w(step.index);
          w(c.value, { self: env.self, at: undefined });
        }
        return;
      case 'TlaRecord':
        return e.fields.forEach((f) => w(f.value));
      case 'TlaDot':
        return w(e.record);
      case 'TlaTemporal':
        return w(e.operand);
      case 'TlaFairness':
      case 'TlaBoxAction':
        w(e.action);
        return this.apply(e.vars, [], env, out);
      default:
        return;
    }
  }

  /** A definition applied to arguments: the arguments' reads, then its body with each parameter bound to the thread where its argument is. */
  private apply(op: string, args: readonly TlaExpr[], env: Env, out: Accesses): void {
    for (const a of args) this.walk(a, env, out);
    const d = this.defs.get(op);
    if (d === undefined) return;
    const self = new Set<string>();
    d.params.forEach((p, i) => {
      const a = args[i];
      if (a !== undefined && this.isSelf(a, env)) self.add(p);
    });
    // A recursive application is read once more with no parameter taken for the thread.
    const key = `${op}/${[...self].join(',')}`;
    if (this.active.has(key)) {
      if (self.size > 0) this.apply(op, [], NO_SELF, out);
      return;
    }
    this.active.add(key);
    this.walk(d.body, { self, at: undefined }, out);
    this.active.delete(key);
  }
}

function joinWhere(a: Where | 'any', b: Where | 'any'): Where | 'any' {
  if (a === 'any' || b === 'any' || a.variable !== b.variable) return 'any';
  return { variable: a.variable, labels: new Set([...a.labels, ...b.labels]) };
}

/** The strings an expression can be when every value it can take is a string literal (`IF c THEN "a" ELSE "b"`). */
function literalsOf(e: TlaExpr): ReadonlySet<string> | undefined {
  if (e.kind === 'TlaStr') return new Set([e.value]);
  const parts =
    e.kind === 'TlaIf'
      ? [e.then, e.else]
      : e.kind === 'TlaCase'
        ? [...e.arms.map((a) => a.value), ...(e.other === undefined ? [] : [e.other])]
        : undefined;
  if (parts === undefined) return undefined;
  const out = new Set<string>();
  for (const x of parts) {
    const l = literalsOf(x);
    if (l === undefined) return undefined;
    for (const v of l) out.add(v);
  }
  return out;
}

/** The strings of a string literal or a set of them. */
function stringsOf(e: TlaExpr): ReadonlySet<string> | undefined {
  if (e.kind === 'TlaStr') return new Set([e.value]);
  if (e.kind !== 'TlaSetEnum') return undefined;
  const out = new Set<string>();
  for (const x of e.elements) {
    if (x.kind !== 'TlaStr') return undefined;
    out.add(x.value);
  }
  return out;
}
