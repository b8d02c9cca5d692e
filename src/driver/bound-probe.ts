// Bounds must not decide a liveness verdict. A counter capped at a bound (`var n: 0..MAX` with a
// `n < MAX` test that refuses the next increment) makes a model finite, and a temporal property
// such as "every call returns" can then hold only because a thread past the cap stops: the
// unbounded protocol may loop forever where the model shows a thread that gives up. After a
// temporal property holds on the embedded engine, the case is searched once more with one
// invariant per capped counter, "no thread is at a step that tests the counter while it stands
// at its bound"; a reachable state where one is means the cap refuses an increment there and
// took part in the verdict, and the check says so (a warning
// in `check`, a failure in `ci`) unless the spec gives the bound a reason (`// capped "reason"`,
// check/check-capped-marks.ts). A counter whose increment the search never saw refused never
// mattered, so the verdict is the unbounded one for that parameter set.

import type { BuiltCase } from '../emit/build-case.js';
import { emitCase } from '../emit/build-case.js';
import type { ActTree, Model, ModelProperty } from '../model/ir.js';
import {
  and,
  bin,
  builtin,
  eq,
  fcnApp,
  name,
  not,
  same,
  setEnum,
  str,
  walkTla,
} from '../model/tla-build.js';
import type { Span } from '../source/span.js';
import type { VariantResult } from '../result/result-file.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, OUT_OF_RANGE, uniqueName } from '../tla/names.js';
import { type RunCaseOptions, runCase } from './run-case.js';
import { selectProperties } from './property-selection.js';

/** A counter capped at a bound: its variable and the bound's name and value in this case. */
export interface CappedCounter {
  readonly variable: string;
  /** `restarts` (process `Caller`), as the spec names it. */
  readonly counter: string;
  readonly owner: string | undefined;
  readonly perThread: boolean;
  readonly hi: TlaExpr;
  /** The parameter or constant the range ends at (`RESTARTS`). */
  readonly bound: string;
  readonly value: number | undefined;
  /** The pc values of the steps that test the counter against its bound. */
  readonly testers: readonly string[];
  /** The bound's declaration (where a `// capped "reason"` goes), the counter's, and the first step that tests it. */
  readonly boundDeclared: Span | undefined;
  readonly declared: Span | undefined;
  readonly testedAt: Span | undefined;
  readonly testedBy: string | undefined;
}

/** A temporal verdict a capped counter took part in: the counter reached its bound in the search. */
export interface BoundHit {
  readonly spec: string;
  readonly variant: string;
  /** The parameter set, as the result names it (`CALLERS=2, SIGNALS=1`). */
  readonly params: string;
  readonly properties: readonly string[];
  readonly counter: CappedCounter;
  /** Steps from an initial state to the first state at the bound. */
  readonly steps: number;
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

/** The bound's value in this case: a parameter's, or a constant defined as a number. */
function boundValue(model: Model, bound: string): number | undefined {
  const p = model.params[bound];
  if (typeof p === 'number') return p;
  const d = model.defs.find((x) => x.name === bound);
  return d?.body.kind === 'TlaNum' ? d.body.value : undefined;
}

/** The counters of a model that a `<` test caps at the upper end of their range, that end a name. */
export function cappedCounters(model: Model): CappedCounter[] {
  const range = model.properties.find((p) => p.kind === 'builtin' && p.dslName === OUT_OF_RANGE);
  if (range === undefined) return [];
  const conjuncts =
    range.body.kind === 'TlaJunction' && range.body.op === '/\\' ? range.body.items : [range.body];
  const out: CappedCounter[] = [];
  for (const c of conjuncts) {
    const r = rangeOf(c);
    if (r === undefined || r.hi.kind !== 'TlaName') continue;
    const { variable, hi } = r;
    const testing = model.actions.filter((a) =>
      [...a.guards, ...treeExprs(a.body, [])].some((e) => testsBound(e, variable, hi)),
    );
    const tester = testing[0];
    if (tester === undefined) continue;
    const covered = range.covers?.find((x) => x.variable === variable);
    const constant = model.constants.find((k) => k.name === hi.name);
    const bound = constant?.dslName ?? hi.name;
    out.push({
      variable,
      counter: covered?.dslName ?? variable,
      owner: covered?.owner,
      perThread: r.perThread,
      hi,
      testers: testing.flatMap((a) => (a.pc === undefined ? [] : [a.pc])),
      bound,
      value: boundValue(model, hi.name) ?? boundValue(model, bound),
      boundDeclared: constant?.span ?? model.defs.find((d) => d.name === hi.name)?.span,
      declared: covered?.span,
      testedAt: tester.span,
      testedBy: tester.owner === undefined ? tester.label : `${tester.owner.name}.${tester.label}`,
    });
  }
  return out;
}

/**
 * "No thread stands at a step that tests `counter` while it is at its bound": the next increment
 * would be refused there. `\A t \in DOMAIN pc : ~(pc[t] \in {testers} /\ V[t] = hi)` (`V = hi`
 * for a shared counter). A per-thread counter is the testing thread's own (`V[self]`).
 */
function belowBound(c: CappedCounter, taken: Set<string>): TlaExpr {
  const t = uniqueName('t', taken);
  const pc = name(INTERNAL_NAMES.pc);
  const at = bin('\\in', fcnApp(pc, name(t)), setEnum(c.testers.map((x) => str(x))));
  const value = c.perThread ? fcnApp(name(c.variable), name(t)) : name(c.variable);
  return {
    kind: 'TlaQuant',
    quantifier: '\\A',
    variables: [t],
    set: builtin('DOMAIN', [pc]),
    body: not(and(at, eq(value, c.hi))),
  };
}

/** The case searched for the first state where one of `counters` stands at its bound. */
function probeCase(built: BuiltCase, counters: readonly CappedCounter[]): BuiltCase | undefined {
  const taken = new Set<string>([
    ...built.model.properties.map((p) => p.name),
    ...built.model.variables.map((v) => v.name),
    ...built.model.constants.map((k) => k.name),
    ...built.model.defs.map((d) => d.name),
  ]);
  const probes: ModelProperty[] = counters.map((c) => ({
    name: uniqueName(`BoundProbe_${c.variable}`, taken),
    dslName: `bound_${c.variable}`,
    kind: 'invariant',
    body: belowBound(c, taken),
    span: c.declared,
  }));
  const model: Model = { ...built.model, properties: [...built.model.properties, ...probes] };
  const folder = built.tlaPath.slice(0, Math.max(0, built.tlaPath.lastIndexOf('/')));
  const probe = emitCase(model, folder, built.case, 'credspec bound probe');
  const selected = selectProperties(probe, {
    names: probes.map((p) => p.name),
    safetyOnly: true,
    noDeadlock: true,
  });
  return selected.ok ? selected.built : undefined;
}

/**
 * The capped counters that reached their bound in a case whose temporal properties held: one
 * search per counter found (each stops at its first state at a bound), until one finds none.
 */
export async function probeBounds(
  built: BuiltCase,
  result: VariantResult,
  root: string,
  options: RunCaseOptions,
  reasons: ReadonlySet<string>,
): Promise<BoundHit[]> {
  const temporal = built.emitted.sourceMap.properties.filter(
    (p) => p.kind === 'temporal' && built.emitted.config.properties.includes(p.name),
  );
  if (temporal.length === 0 || result.engine !== 'embedded' || result.verdict !== 'holds')
    return [];
  // A bound the spec gives a reason for is not searched for: the reason stands for the verdict.
  let left = cappedCounters(built.model).filter((c) => !reasons.has(c.bound));
  const hits: BoundHit[] = [];
  while (left.length > 0) {
    const probe = probeCase(built, left);
    if (probe === undefined) break;
    const ran = await runCase(probe, root, { ...options, engine: 'embedded', simulate: undefined });
    if (ran.verdict !== 'violated') break;
    const counter = left.find((c) => `bound_${c.variable}` === ran.property);
    if (counter === undefined) break;
    hits.push({
      spec: result.spec,
      variant: result.variant,
      params: Object.entries(result.overrides ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
      properties: temporal.map((p) => p.dslName),
      counter,
      steps: Math.max(0, (ran.trace?.length ?? 1) - 1),
    });
    left = left.filter((c) => c !== counter);
  }
  return hits;
}

/** `file:line:col` of a span, or the spec. */
export function spanWhere(span: Span | undefined, spec: string): string {
  return span === undefined ? spec : `${span.file}:${span.start.line}:${span.start.column}`;
}

/** The place a finding is reported at: the bound's declaration. */
export function boundHitWhere(h: BoundHit): string {
  return spanWhere(h.counter.boundDeclared ?? h.counter.declared, h.spec);
}

/** What to do about a finding. */
export function boundHitAdvice(h: BoundHit): string {
  return `lift the cap (let the counter wrap or drop it) and check again, or say why above ${h.counter.bound} with \`// capped "reason"\``;
}

/** The finding in words, for `check`'s warning and `ci`'s line. */
export function describeBoundHit(h: BoundHit): string {
  const c = h.counter;
  const owner = c.owner === undefined ? '' : `${c.owner}.`;
  const value = c.value === undefined ? '' : ` = ${c.value}`;
  const props = h.properties.join(', ');
  const test =
    c.testedBy === undefined ? '' : ` (tested in ${c.testedBy}, ${spanWhere(c.testedAt, h.spec)})`;
  return `${props} holds on ${h.variant}${h.params === '' ? '' : ` (${h.params})`}, but counter ${owner}${c.counter} stands at its bound ${c.bound}${value} where a step tests it, after ${h.steps} step${h.steps === 1 ? '' : 's'}${test}: the next increment is refused there, so the verdict may rest on the cap, not on the protocol`;
}
