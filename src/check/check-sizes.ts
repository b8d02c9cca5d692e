// Sizes a check would refuse or find empty, found before any model is built: a spec with no
// process (an error: there is nothing to run), more threads than MAX_THREADS for some value its
// params may take (an error: the limit is the engine's, stated in docs/language.md), and no
// thread at all under the defaults or an expectation's params (a warning: no step runs, so
// every property holds vacuously). Reads the checker context only.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Expr, ParamAssign, ProcessDecl } from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';
import { evalConst } from './const-eval.js';
import type { CheckContext } from './context.js';
import { unparen } from '../syntax/visit.js';

/** The most threads (born and spare, every process group together) one model may have. */
export const MAX_THREADS = 64;

/** The values an integer expression may take, as an interval (unbounded: undefined). */
interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** Params by name: for the interval, their declared range; for one run, their value. */
type Values = ReadonlyMap<string, number | boolean>;

/** Runs the size checks. */
export function checkSizes(ctx: CheckContext): void {
  const processes: ProcessDecl[] = [];
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'ProcessDecl') processes.push(decl);
    if (decl.kind === 'VariantDecl') {
      for (const m of decl.members)
        if (m.kind === 'DeclOverride' && m.decl.kind === 'ProcessDecl') processes.push(m.decl);
    }
  }
  const name = ctx.program.root.ast.name;
  // No header (or an unreadable root): that error is already reported, and nothing else is known.
  if (name.name === '') return;
  if (!processes.some((p) => !isOverride(ctx, p))) {
    // A library (no `expect`) is linted on its own without complaint; a spec that expects a
    // verdict has nothing to check. `check` refuses both (see noProcess).
    if (ctx.program.root.ast.decls.some((d) => d.kind === 'ExpectDecl'))
      ctx.report('CS5021', name.span, { name: name.name });
    return;
  }
  checkThreadLimit(ctx, processes);
  // A group of 0 threads is a common switch (an optional sibling); no thread at all is vacuous.
  const groups = processes.filter((p) => !isOverride(ctx, p));
  for (const values of runValues(ctx)) {
    const counts = groups.map((p) => evalInt(ctx, p.count, values));
    const [firstGroup] = groups;
    if (firstGroup !== undefined && counts.every((n) => n === 0))
      ctx.report('CS5022', firstGroup.count.span, { params: describe(values.described) });
  }
}

function isOverride(ctx: CheckContext, p: ProcessDecl): boolean {
  return !ctx.decls.some((u) => u.decl === p);
}

/** The largest thread count the params' declared ranges allow, summed over the groups. */
function checkThreadLimit(ctx: CheckContext, processes: readonly ProcessDecl[]): void {
  const ranges = paramRanges(ctx);
  let total = 0;
  let biggest: { p: ProcessDecl; hi: number } | undefined;
  const byName = new Map<string, number>();
  for (const p of processes) {
    const born = evalInterval(ctx, p.count, ranges, new Set());
    const spare =
      p.spare === undefined ? { lo: 0, hi: 0 } : evalInterval(ctx, p.spare, ranges, new Set());
    if (born === undefined || spare === undefined) continue;
    const hi = Math.max(0, born.hi) + Math.max(0, spare.hi);
    // An override replaces its group: the larger of the two counts.
    byName.set(p.name.name, Math.max(byName.get(p.name.name) ?? 0, hi));
    if (biggest === undefined || hi > biggest.hi) biggest = { p, hi };
  }
  for (const n of byName.values()) total += n;
  if (total > MAX_THREADS && biggest !== undefined) {
    ctx.report('CS5023', biggest.p.count.span, {
      total: String(total),
      limit: String(MAX_THREADS),
    });
  }
}

/** Each param's range of values (bools as 0..1 are never counts; they only pick branches). */
function paramRanges(ctx: CheckContext): Map<string, Interval> {
  const out = new Map<string, Interval>();
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'ParamDecl' || decl.type.kind !== 'RangeType') continue;
    const lo = evalInt(ctx, decl.type.lo, undefined);
    const hi = evalInt(ctx, decl.type.hi, undefined);
    if (lo !== undefined && hi !== undefined) out.set(decl.name.name, { lo, hi });
  }
  return out;
}

/** Param values of each run lint can see: the defaults, and each expectation's assignments. */
export function runValues(
  ctx: CheckContext,
): Array<Values & { described: readonly ParamAssign[] }> {
  const defaults = new Map<string, number | boolean>();
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'ParamDecl') continue;
    const v = literal(decl.default);
    if (v !== undefined) defaults.set(decl.name.name, v);
  }
  const runs: Array<Values & { described: readonly ParamAssign[] }> = [
    Object.assign(new Map(defaults), { described: [] as ParamAssign[] }),
  ];
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'ExpectDecl' || decl.params.length === 0) continue;
    const m = new Map(defaults);
    for (const a of decl.params) {
      const v = literal(a.value);
      if (v !== undefined) m.set(a.name.name, v);
    }
    runs.push(Object.assign(m, { described: decl.params }));
  }
  return runs;
}

export function describe(params: readonly ParamAssign[]): string {
  if (params.length === 0) return 'with the default params';
  return `with ${params.map((a) => `${a.name.name} = ${shown(a.value)}`).join(', ')}`;
}

function literal(e: Expr): number | boolean | undefined {
  const u = unparen(e);
  if (u.kind === 'IntLit' || u.kind === 'BoolLit') return u.value;
  if (u.kind === 'UnaryExpr' && u.op === '-' && unparen(u.operand).kind === 'IntLit')
    return -(unparen(u.operand) as { value: number }).value;
  return undefined;
}

function shown(e: Expr): string {
  const u = unparen(e);
  if (u.kind === 'NameExpr') return u.name.name;
  return String(literal(e) ?? '?');
}

/** The value of an integer expression of literals, consts and params (`values`), when known. */
export function evalInt(
  ctx: CheckContext,
  e: Expr,
  values: Values | undefined,
): number | undefined {
  const v = evalConst(e, ctx.symbols, (name) => values?.get(name));
  return typeof v === 'number' ? v : undefined;
}

/** The interval of an integer expression when each param ranges over its declared type. */
function evalInterval(
  ctx: CheckContext,
  e: Expr,
  ranges: ReadonlyMap<string, Interval>,
  seen: Set<unknown>,
): Interval | undefined {
  const u = unparen(e);
  switch (u.kind) {
    case 'IntLit':
      return { lo: u.value, hi: u.value };
    case 'UnaryExpr': {
      const x = u.op === '-' ? evalInterval(ctx, u.operand, ranges, seen) : undefined;
      return x === undefined ? undefined : { lo: -x.hi, hi: -x.lo };
    }
    case 'BinaryExpr': {
      const a = evalInterval(ctx, u.left, ranges, seen);
      const b = evalInterval(ctx, u.right, ranges, seen);
      if (a === undefined || b === undefined) return undefined;
      if (u.op === '+') return { lo: a.lo + b.lo, hi: a.hi + b.hi };
      if (u.op === '-') return { lo: a.lo - b.hi, hi: a.hi - b.lo };
      if (u.op !== '*') return undefined;
      const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return { lo: Math.min(...p), hi: Math.max(...p) };
    }
    case 'CondExpr': {
      const t = evalInterval(ctx, u.then, ranges, seen);
      const f = evalInterval(ctx, u.else, ranges, seen);
      return t === undefined || f === undefined
        ? undefined
        : { lo: Math.min(t.lo, f.lo), hi: Math.max(t.hi, f.hi) };
    }
    case 'NameExpr': {
      const sym = ctx.symbols.get(u);
      if (sym === undefined || seen.has(sym)) return undefined;
      if (sym.kind === 'param') return ranges.get(sym.name);
      if (sym.kind !== 'const' || sym.decl?.kind !== 'ConstDecl') return undefined;
      seen.add(sym);
      const v = evalInterval(ctx, sym.decl.value, ranges, seen);
      seen.delete(sym);
      return v;
    }
    default:
      return undefined;
  }
}

/** CS5021 when the program declares no process at all: `check` has nothing to run. */
export function noProcess(program: Program): Diagnostic[] {
  const name = program.root.ast.name;
  if (
    name.name === '' ||
    program.files.some((f) => f.ast.decls.some((d) => d.kind === 'ProcessDecl'))
  )
    return [];
  return [{ code: 'CS5021', severity: 'error', span: name.span, args: { name: name.name } }];
}
