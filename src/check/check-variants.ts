// Variants, params and expectations: `extends` targets and cycles, overrides that match what they
// replace, param types and literal values, and what an `expect` names. Needs bound names and
// types (check-types.ts records the types of type expressions). Reports CS5xxx.

import type {
  Decl,
  DeclOverride,
  ExpectDecl,
  Expr,
  Ident,
  ParamAssign,
  ParamDecl,
  ParamOverride,
  StepOverride,
  VariantDecl,
} from '../syntax/ast.js';
import { evalConst } from './const-eval.js';
import type { CheckContext } from './context.js';
import { collectLabels, type LabelIndex } from './labels.js';
import { printExpr } from './print-expr.js';
import { describeKind } from './scopes.js';
import { didYouMean } from '../syntax/suggest.js';
import { comparable, enumType, fits, typeToString, type Type } from './types.js';
import { forEachStmt, unparen } from '../syntax/visit.js';
import { at } from '../source/checked-index.js';

/** Built-in properties that `violates` may name (docs/language.md, section 6). */
export const BUILTIN_PROPERTIES = ['frame_use_after_return', 'out_of_range'] as const;

/** Runs every variant, param and expectation rule. */
export function checkVariants(ctx: CheckContext): void {
  const labels = collectLabels(ctx);
  declareVariants(ctx);
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'ParamDecl') paramDecl(ctx, decl);
  }
  extendsCycles(ctx);
  const expectations = new Map<string, ExpectDecl>();
  const asserts = assertLabels(ctx);
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'VariantDecl') variant(ctx, decl, labels);
    if (decl.kind === 'ExpectDecl') expect(ctx, decl, asserts, expectations);
  }
}

function declareVariants(ctx: CheckContext): void {
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl' || decl.name.name === '') continue;
    const first = ctx.variants.get(decl.name.name);
    if (decl.name.name === 'base') {
      ctx.report(
        'CS5013',
        decl.name.span,
        { name: 'base' },
        { hint: '`base` is the spec itself; pick another name' },
      );
    } else if (first !== undefined) {
      ctx.report(
        'CS5013',
        decl.name.span,
        { name: decl.name.name },
        { related: [{ span: first.name.span, note: 'first declared here' }] },
      );
    } else {
      ctx.variants.set(decl.name.name, decl);
    }
  }
}

function variantNames(ctx: CheckContext): string[] {
  return ['base', ...ctx.variants.keys()].sort();
}

export function knownVariant(ctx: CheckContext, name: Ident): boolean {
  if (name.name === '' || name.name === 'base' || ctx.variants.has(name.name)) return true;
  const hint = didYouMean(name.name, variantNames(ctx));
  ctx.report('CS5001', name.span, { name: name.name }, hint === undefined ? {} : { hint });
  return false;
}

function extendsCycles(ctx: CheckContext): void {
  const inCycle = new Set<string>();
  for (const v of ctx.variants.values()) {
    if (v.extends === undefined) continue;
    if (!knownVariant(ctx, v.extends)) continue;
    if (inCycle.has(v.name.name)) continue;
    const chain = [v.name.name];
    let cur: VariantDecl | undefined = ctx.variants.get(v.extends.name);
    while (cur !== undefined && !chain.includes(cur.name.name)) {
      chain.push(cur.name.name);
      cur = cur.extends === undefined ? undefined : ctx.variants.get(cur.extends.name);
    }
    if (cur?.name.name === v.name.name) {
      for (const n of chain) inCycle.add(n);
      ctx.report('CS5002', v.extends.span, {
        name: v.name.name,
        cycle: [...chain, v.name.name].join(' -> '),
      });
    }
  }
}

// --- params ------------------------------------------------------------------------------------

function paramDecl(ctx: CheckContext, d: ParamDecl): void {
  const t = ctx.types.get(d.type);
  if (
    t !== undefined &&
    !(
      t.kind === 'bool' ||
      t.kind === 'enum' ||
      t.kind === 'unknown' ||
      (t.kind === 'int' && t.range !== undefined)
    )
  ) {
    ctx.report('CS5009', d.name.span, { name: d.name.name, type: typeToString(t) });
    return;
  }
  paramValue(ctx, d, d.default);
}

/** A value given to a param must be a literal of its type (and inside a literal range). */
export function paramValue(ctx: CheckContext, param: ParamDecl, value: Expr): void {
  const v = unparen(value);
  let actual: Type | undefined;
  let n: number | undefined;
  if (v.kind === 'IntLit') {
    actual = { kind: 'int' };
    n = v.value;
  } else if (v.kind === 'UnaryExpr' && v.op === '-' && unparen(v.operand).kind === 'IntLit') {
    actual = { kind: 'int' };
    n = -(unparen(v.operand) as Extract<Expr, { kind: 'IntLit' }>).value;
  } else if (v.kind === 'BoolLit') {
    actual = { kind: 'bool' };
  } else if (v.kind === 'NameExpr') {
    const sym = ctx.symbols.get(v);
    if (sym === undefined) return; // CS2001 already
    const e = sym.enumName === undefined ? undefined : ctx.globals.own(sym.enumName)?.decl;
    if (sym.kind === 'enumMember' && e?.kind === 'EnumDecl') actual = enumType(e);
  } else if (v.kind === 'ErrorExpr') {
    return;
  }
  if (actual === undefined) {
    ctx.report('CS5010', value.span, { name: param.name.name });
    return;
  }
  const t = ctx.types.get(param.type);
  if (t === undefined) return;
  let ok = fits(actual, t);
  if (ok && n !== undefined && t.kind === 'int' && t.range !== undefined) {
    // The recorded range, so a range reached through an alias is bounded too. Bounds that name a
    // param have no value here: only literal and const bounds are checked.
    const lo = evalConst(t.range.lo, ctx.symbols, () => undefined);
    const hi = evalConst(t.range.hi, ctx.symbols, () => undefined);
    if ((typeof lo === 'number' && n < lo) || (typeof hi === 'number' && n > hi)) ok = false;
  }
  if (!ok)
    ctx.report('CS5007', value.span, {
      value: printExpr(value),
      name: param.name.name,
      type: typeToString(t),
    });
}

/** Checks `NAME = value` pairs of a variant or an expectation. */
function paramAssigns(ctx: CheckContext, items: readonly (ParamOverride | ParamAssign)[]): void {
  forEachNamedParam(ctx, items, (param, a) => paramValue(ctx, param, a.value));
}

/**
 * Visits the entries of a list that names params (an override list, a sweep block), each with
 * its declaration; a param named twice (CS5014) or not a param (CS5006) is reported, not visited.
 */
export function forEachNamedParam<T extends { readonly name: Ident }>(
  ctx: CheckContext,
  items: readonly T[],
  visit: (param: ParamDecl, item: T) => void,
): void {
  const seen = new Map<string, Ident>();
  for (const a of items) {
    if (a.name.name === '') continue;
    const first = seen.get(a.name.name);
    if (first !== undefined) {
      ctx.report(
        'CS5014',
        a.name.span,
        { name: a.name.name },
        { related: [{ span: first.span, note: 'first set here' }] },
      );
      continue;
    }
    seen.set(a.name.name, a.name);
    const sym = ctx.globals.lookup(a.name.name);
    if (sym?.kind !== 'param' || sym.decl?.kind !== 'ParamDecl') {
      const params = ctx.globals
        .visible()
        .filter((s) => s.kind === 'param')
        .map((s) => s.name)
        .sort();
      const hint = didYouMean(a.name.name, params);
      ctx.report('CS5006', a.name.span, { name: a.name.name }, hint === undefined ? {} : { hint });
      continue;
    }
    visit(sym.decl, a);
  }
}

// --- variants ----------------------------------------------------------------------------------

function variant(ctx: CheckContext, v: VariantDecl, labels: LabelIndex): void {
  paramAssigns(
    ctx,
    v.members.filter((m): m is ParamOverride => m.kind === 'ParamOverride'),
  );
  for (const m of v.members) {
    if (m.kind === 'DeclOverride') declOverride(ctx, m);
    else if (m.kind === 'StepOverride') stepOverride(ctx, m, labels);
  }
}

const OVERRIDE_KIND = {
  ProcedureDecl: 'procedure',
  MacroDecl: 'macro',
  DefDecl: 'def',
  ProcessDecl: 'process',
} as const;

function declOverride(ctx: CheckContext, m: DeclOverride): void {
  const d = m.decl;
  const kind = OVERRIDE_KIND[d.kind];
  const name = d.name.name;
  if (name === '') return;
  const target = ctx.globals.lookup(name);
  if (target === undefined || target.kind !== kind || target.decl === undefined) {
    const same = ctx.globals
      .visible()
      .filter((s) => s.kind === kind)
      .map((s) => s.name)
      .sort();
    const hint =
      target !== undefined ? `\`${name}\` is ${describeKind(target.kind)}` : didYouMean(name, same);
    ctx.report('CS5003', d.name.span, { kind, name }, hint === undefined ? {} : { hint });
    return;
  }
  const orig = target.decl as Decl;
  const problem = overrideProblem(ctx, d, orig);
  if (problem === undefined) return;
  const original = target.nameSpan;
  ctx.report(
    'CS5004',
    d.name.span,
    { kind, name, problem },
    original === undefined
      ? {}
      : { related: [{ span: original, note: 'the original declaration' }] },
  );
}

/** Whether a macro has a value: a declared result type, or `return e` as its last statement. */
function hasValue(m: Extract<Decl, { kind: 'MacroDecl' }>): boolean {
  const last = m.body.stmts[m.body.stmts.length - 1];
  return m.returnType !== undefined || (last?.kind === 'ReturnStmt' && last.value !== undefined);
}

function overrideProblem(
  ctx: CheckContext,
  d: DeclOverride['decl'],
  orig: Decl,
): string | undefined {
  if (d.kind === 'MacroDecl' && orig.kind === 'MacroDecl') {
    if (d.params.length !== orig.params.length)
      return `takes ${d.params.length} parameter(s), the original takes ${orig.params.length}`;
    // A caller using the original's value (or dropping none) must find one in the replacement too.
    if (hasValue(d) !== hasValue(orig))
      return hasValue(d)
        ? 'returns a value, the original returns none'
        : 'returns no value, the original returns one';
    return undefined;
  }
  if (
    (d.kind === 'ProcedureDecl' && orig.kind === 'ProcedureDecl') ||
    (d.kind === 'DefDecl' && orig.kind === 'DefDecl')
  ) {
    if (d.params.length !== orig.params.length)
      return `takes ${d.params.length} parameter(s), the original takes ${orig.params.length}`;
    for (const [i, param] of d.params.entries()) {
      const a = ctx.types.get(param.type);
      const b = ctx.types.get(at(orig.params, i, 'original parameter').type);
      if (a !== undefined && b !== undefined && !(fits(a, b) && fits(b, a))) {
        return `parameter \`${param.name.name}\` has type ${typeToString(a)}, the original has ${typeToString(b)}`;
      }
    }
    const ra = d.returnType === undefined ? undefined : ctx.types.get(d.returnType);
    const rb = orig.returnType === undefined ? undefined : ctx.types.get(orig.returnType);
    if (
      (d.returnType === undefined) !== (orig.returnType === undefined) &&
      d.kind === 'ProcedureDecl'
    ) {
      return d.returnType === undefined
        ? 'returns no value, the original does'
        : 'returns a value, the original does not';
    }
    if (ra !== undefined && rb !== undefined && !comparable(ra, rb))
      return `returns ${typeToString(ra)}, the original returns ${typeToString(rb)}`;
  }
  return undefined;
}

function stepOverride(ctx: CheckContext, m: StepOverride, labels: LabelIndex): void {
  const owner = m.owner.name;
  const label = m.label.name;
  if (owner === '' || label === '') return;
  const sym = ctx.globals.lookup(owner);
  if (sym === undefined) {
    const owners = [...labels.byOwner.keys()].sort();
    const hint = didYouMean(owner, owners);
    ctx.report(
      'CS5005',
      m.owner.span,
      { owner, label, problem: `no process or procedure \`${owner}\`` },
      hint === undefined ? {} : { hint },
    );
    return;
  }
  if (sym.kind !== 'process' && sym.kind !== 'procedure') {
    ctx.report('CS5005', m.owner.span, {
      owner,
      label,
      problem: `\`${owner}\` is ${describeKind(sym.kind)}, not a process or procedure`,
    });
    return;
  }
  const own = labels.byOwner.get(owner) ?? new Set<string>();
  if (!own.has(label)) {
    const hint = didYouMean(label, [...own].sort());
    ctx.report(
      'CS5005',
      m.label.span,
      { owner, label, problem: `\`${owner}\` has no step labelled \`${label}\`` },
      hint === undefined ? {} : { hint },
    );
  }
}

// --- expectations ------------------------------------------------------------------------------

/** Labels of `assert` steps: each is a property `violates` may name. */
function assertLabels(ctx: CheckContext): Set<string> {
  const out = new Set<string>();
  const note = (s: import('../syntax/ast.js').Stmt): void => {
    if (s.kind === 'AssertStmt' && s.label !== undefined && s.label.name !== '')
      out.add(s.label.name);
  };
  for (const { decl } of ctx.bodies) {
    if (decl.kind !== 'DefDecl') forEachStmt(decl.body, note);
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) if (m.kind === 'StepOverride') forEachStmt([m.stmt], note);
  }
  return out;
}

function expect(
  ctx: CheckContext,
  e: ExpectDecl,
  asserts: ReadonlySet<string>,
  seen: Map<string, ExpectDecl>,
): void {
  knownVariant(ctx, e.variant);
  paramAssigns(ctx, e.params);
  if (e.verdict.kind === 'violates') violates(ctx, e.verdict.property, asserts);
  if (e.search !== undefined) searchClause(ctx, e, e.search);
  const assigns = e.params.map((p) => `${p.name.name} = ${printExpr(p.value)}`).sort();
  const key =
    assigns.length === 0 ? e.variant.name : `${e.variant.name} with ${assigns.join(', ')}`;
  const first = seen.get(key);
  if (first !== undefined) {
    ctx.report(
      'CS5015',
      e.variant.span,
      { key },
      { related: [{ span: first.variant.span, note: 'the earlier expectation' }] },
    );
  } else {
    seen.set(key, e);
  }
}

/** The options `by simulation(...)` takes, and the least value of each. */
const SIMULATION_OPTIONS: Readonly<Record<string, number>> = { seed: 0, traces: 1, depth: 1 };

/**
 * `by simulation(seed = N, traces = N, depth = N)`: the two words, known option names with
 * whole-number literals, and a verdict a simulation can show (it never shows `holds`).
 */
function searchClause(
  ctx: CheckContext,
  e: ExpectDecl,
  clause: NonNullable<ExpectDecl['search']>,
): void {
  const words = clause.words.map((w) => w.name).join(' ');
  if (words !== 'by simulation') {
    ctx.report(
      'CS5017',
      clause.span,
      { words },
      { hint: 'write `by simulation(seed = 1, traces = 1000, depth = 100)`' },
    );
    return;
  }
  for (const option of clause.options) {
    const least = SIMULATION_OPTIONS[option.name.name];
    const value = option.value.kind === 'IntLit' ? option.value.value : undefined;
    if (least === undefined) ctx.report('CS5018', option.name.span, { name: option.name.name });
    else if (value === undefined || value < least)
      ctx.report('CS5019', option.value.span, { name: option.name.name, least });
  }
  if (e.verdict.kind === 'holds')
    ctx.report(
      'CS5020',
      clause.span,
      {},
      {
        hint: 'a `holds` expectation needs an exhaustive check: drop the `by simulation(...)` clause',
      },
    );
}

function violates(ctx: CheckContext, p: Ident, asserts: ReadonlySet<string>): void {
  const name = p.name;
  if (name === '') return;
  if (name === 'deadlock') {
    ctx.report('CS5011', p.span, {}, { hint: 'write `expect <variant>: deadlock`' });
    return;
  }
  if ((BUILTIN_PROPERTIES as readonly string[]).includes(name) || asserts.has(name)) return;
  const sym = ctx.globals.lookup(name);
  if (sym?.kind === 'invariant' || sym?.kind === 'action' || sym?.kind === 'property') {
    ctx.bind(p, sym, false);
    return;
  }
  if (sym?.kind === 'cover') {
    ctx.report('CS5012', p.span, { name });
    return;
  }
  const candidates = [
    ...ctx.globals
      .visible()
      .filter((s) => s.kind === 'invariant' || s.kind === 'action' || s.kind === 'property')
      .map((s) => s.name),
    ...asserts,
    ...BUILTIN_PROPERTIES,
  ].sort();
  const hint = didYouMean(name, candidates);
  ctx.report('CS5008', p.span, { name }, hint === undefined ? {} : { hint });
}
