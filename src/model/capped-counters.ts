// A model analysis: the counters a model caps at a bound. A counter is capped when the model's
// range check confines it to `lo..HI` and some step tests it against that same upper end
// (`n < HI`, or `HI > n`), so that the test refuses the increment past HI. HI is any
// constant-level expression: a param or const (`RESTARTS`), or an expression of them
// (`NT + 1`), never one that reads a variable (a counter compared with another counter is a
// protocol's own test, not a cap). The driver's bound probe (driver/bound-probe.ts) searches
// for a state at the bound; this file only reads the model. Pure.

import type { ActTree, Model } from './ir.js';
import { same, walkTla } from './tla-build.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { OUT_OF_RANGE } from '../tla/names.js';

/** A counter capped at a bound: its variable and the bound's text, names and value in this case. */
export interface CappedCounter {
  readonly variable: string;
  /** `restarts` (process `Caller`), as the spec names it. */
  readonly counter: string;
  readonly owner: string | undefined;
  readonly perThread: boolean;
  readonly hi: TlaExpr;
  /** The bound as the spec writes it: `RESTARTS`, `NT + 1`. */
  readonly bound: string;
  /** The params and consts the bound is made of, as the spec names them (where a `// capped` mark may stand). */
  readonly boundNames: readonly string[];
  readonly value: number | undefined;
  /** The pc values of the steps that test the counter against its bound. */
  readonly testers: readonly string[];
  /** The declaration of the bound's first param or const (where a `// capped "reason"` goes), the counter's, and the first step that tests it. */
  readonly boundDeclared: Span | undefined;
  readonly declared: Span | undefined;
  readonly testedAt: Span | undefined;
  readonly testedBy: string | undefined;
}

/** `V \in lo..hi` or `\A t \in DOMAIN V : V[t] \in lo..hi`: the variable, whether per thread, and hi. */
function rangeOf(p: TlaExpr): { variable: string; perThread: boolean; hi: TlaExpr } | undefined {
  if (p.kind === 'TlaBinary' && p.op === '\\in' && p.left.kind === 'TlaName') {
    const r = p.right;
    if (r.kind === 'TlaBinary' && r.op === '..')
      return { variable: p.left.name, perThread: false, hi: r.right };
  }
  if (p.kind === 'TlaQuant' && p.quantifier === '\\A' && p.body.kind === 'TlaBinary') {
    const b = p.body;
    if (b.op !== '\\in' || b.left.kind !== 'TlaFcnApp' || b.left.fcn.kind !== 'TlaName')
      return undefined;
    if (b.right.kind === 'TlaBinary' && b.right.op === '..')
      return { variable: b.left.fcn.name, perThread: true, hi: b.right.right };
  }
  return undefined;
}

/** The expressions of an action tree. */
function treeExprs(t: ActTree, out: TlaExpr[]): TlaExpr[] {
  switch (t.kind) {
    case 'leaf':
      for (const u of t.updates) out.push(u.value);
      return out;
    case 'guard':
      out.push(t.cond);
      return treeExprs(t.body, out);
    case 'or':
      for (const b of t.branches) treeExprs(b, out);
      return out;
    case 'exists':
      out.push(t.set);
      return treeExprs(t.body, out);
  }
}

/** `e` is the variable `v`, or `v[...]`. */
function isVariable(e: TlaExpr, v: string): boolean {
  if (e.kind === 'TlaName') return e.name === v;
  return e.kind === 'TlaFcnApp' && e.fcn.kind === 'TlaName' && e.fcn.name === v;
}

/** Does `e` test `v < hi` (or `hi > v`) somewhere? */
function testsBound(e: TlaExpr, v: string, hi: TlaExpr): boolean {
  let found = false;
  walkTla(e, (x) => {
    if (found || x.kind !== 'TlaBinary') return;
    if (x.op === '<' && isVariable(x.left, v) && same(x.right, hi)) found = true;
    if (x.op === '>' && isVariable(x.right, v) && same(x.left, hi)) found = true;
  });
  return found;
}

/**
 * Is `e` fixed for the whole search: numbers, params, consts, and definitions made of them
 * combined by operators? A variable, or a name the model does not define (a bound variable of
 * a quantifier), makes it state-level.
 */
function constantLevel(model: Model, e: TlaExpr, seen: ReadonlySet<string> = new Set()): boolean {
  let ok = true;
  walkTla(e, (x) => {
    if (!ok || x.kind !== 'TlaName') return;
    if (x.name in model.params || model.constants.some((k) => k.name === x.name)) return;
    const d = model.defs.find((y) => y.name === x.name);
    if (d === undefined || d.params.length > 0 || seen.has(d.name)) ok = false;
    else ok = constantLevel(model, d.body, new Set([...seen, d.name]));
  });
  return ok && (e.kind === 'TlaName' || e.kind === 'TlaNum' || e.kind === 'TlaBinary');
}

/** An integer's value in this case: a param's, a const's, a definition's, or arithmetic of them. */
function valueOf(model: Model, e: TlaExpr, depth = 0): number | undefined {
  if (depth > 50) return undefined;
  switch (e.kind) {
    case 'TlaNum':
      return e.value;
    case 'TlaName': {
      const p = model.params[e.name];
      if (typeof p === 'number') return p;
      const k = model.constants.find((c) => c.name === e.name);
      if (k !== undefined) return k.value.kind === 'int' ? k.value.value : undefined;
      const d = model.defs.find((x) => x.name === e.name);
      return d === undefined ? undefined : valueOf(model, d.body, depth + 1);
    }
    case 'TlaBinary': {
      const l = valueOf(model, e.left, depth + 1);
      const r = valueOf(model, e.right, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      if (e.op === '*') return l * r;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The bound as the spec writes it (its names as declared) and the params and consts in it. */
function boundWords(model: Model, hi: TlaExpr): { text: string; names: string[] } {
  const names: string[] = [];
  const text = (e: TlaExpr): string => {
    if (e.kind === 'TlaNum') return String(e.value);
    if (e.kind === 'TlaName') {
      const dsl = model.constants.find((k) => k.name === e.name)?.dslName ?? e.name;
      if (!names.includes(dsl)) names.push(dsl);
      return dsl;
    }
    if (e.kind === 'TlaBinary') {
      const side = (x: TlaExpr): string => (x.kind === 'TlaBinary' ? `(${text(x)})` : text(x));
      return `${side(e.left)} ${e.op} ${side(e.right)}`;
    }
    return '?';
  };
  return { text: text(hi), names };
}

/** The counters of a model that a `<` test caps at the upper end of their range, that end constant-level. */
export function cappedCounters(model: Model): CappedCounter[] {
  const range = model.properties.find((p) => p.kind === 'builtin' && p.dslName === OUT_OF_RANGE);
  if (range === undefined) return [];
  const conjuncts =
    range.body.kind === 'TlaJunction' && range.body.op === '/\\' ? range.body.items : [range.body];
  const out: CappedCounter[] = [];
  for (const c of conjuncts) {
    const r = rangeOf(c);
    if (r === undefined || !constantLevel(model, r.hi)) continue;
    const { variable, hi } = r;
    const testing = model.actions.filter((a) =>
      [...a.guards, ...treeExprs(a.body, [])].some((e) => testsBound(e, variable, hi)),
    );
    const tester = testing[0];
    if (tester === undefined) continue;
    const covered = range.covers?.find((x) => x.variable === variable);
    const words = boundWords(model, hi);
    const first = words.names[0];
    const constant = model.constants.find((k) => k.dslName === first || k.name === first);
    out.push({
      variable,
      counter: covered?.dslName ?? variable,
      owner: covered?.owner,
      perThread: r.perThread,
      hi,
      testers: testing.flatMap((a) => (a.pc === undefined ? [] : [a.pc])),
      bound: words.text,
      boundNames: words.names,
      value: valueOf(model, hi),
      boundDeclared: constant?.span ?? model.defs.find((d) => d.name === first)?.span,
      declared: covered?.span,
      testedAt: tester.span,
      testedBy: tester.owner === undefined ? tester.label : `${tester.owner.name}.${tester.label}`,
    });
  }
  return out;
}
