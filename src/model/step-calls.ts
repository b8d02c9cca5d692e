// The macro calls an atomic step makes, for the diagram views: an `atomic` line says nothing,
// `task_work_add(caller2, frame, TWA_SIGNAL) -> OK` says who was queued on. Per call: the
// macro, each argument as written, the arguments the macro assigns (what the call changes)
// and the one it assigns last, whose value is the call's outcome. Reads declarations only;
// the trace mapper finds which calls ran and with which values.

import type { Block, Expr, MacroDecl, Stmt } from '../syntax/ast.js';
import { forEachStmt } from '../syntax/visit.js';
import type { LowerContext } from './context.js';
import type { StepCall } from './ir.js';

/** The macro calls of an `atomic` step in source order; undefined for other steps or none. */
export function stepCalls(ctx: LowerContext, stmt: Stmt): StepCall[] | undefined {
  if (stmt.kind !== 'AtomicStmt') return undefined;
  const found: { call: Omit<StepCall, 'marks'>; bases: (string | undefined)[] }[] = [];
  const others: string[] = [];
  forEachStmt(stmt.body, (s) => {
    if (s.kind === 'AssignStmt' || s.kind === 'AnyAssignStmt')
      others.push(baseName(s.target) ?? '');
    if (s.kind !== 'CallStmt') return;
    const decl = ctx.table.macros.get(s.callee.name);
    if (decl === undefined || s.target !== undefined) {
      if (s.target !== undefined) others.push(baseName(s.target) ?? '');
      return;
    }
    const order = assignedParams(ctx, decl, new Set());
    const written = decl.params.flatMap((p, i) => (order.includes(p.name) ? [i] : []));
    const last = decl.params.findIndex((p) => p.name === order[order.length - 1]);
    const plain = s.args[last]?.kind === 'NameExpr';
    const call = {
      macro: s.callee.name,
      args: s.args.map((a) => asWritten(ctx, a)),
      written,
      ...(plain ? { outcome: last } : {}),
    };
    found.push({
      call,
      bases: s.args.map((a, i) => (written.includes(i) ? baseName(a) : undefined)),
    });
  });
  const out = found.map(({ call, bases }, n) => {
    const elsewhere = new Set([
      ...others,
      ...found.flatMap((f, m) => (m === n ? [] : f.bases.filter((b) => b !== undefined))),
    ]);
    const marks = call.written.filter((i) => {
      const b = bases[i];
      return b !== undefined && !elsewhere.has(b);
    });
    return { ...call, marks };
  });
  return out.length === 0 ? undefined : out;
}

/** The macro's parameters its body assigns (directly or through a macro it calls), in the order of their last assignment. */
function assignedParams(ctx: LowerContext, decl: MacroDecl, seen: Set<string>): string[] {
  const params = new Set(decl.params.map((p) => p.name));
  const order: string[] = [];
  const note = (e: Expr | undefined): void => {
    const name = e === undefined ? undefined : baseName(e);
    if (name === undefined || !params.has(name)) return;
    const at = order.indexOf(name);
    if (at >= 0) order.splice(at, 1);
    order.push(name);
  };
  seen.add(decl.name.name);
  forEachStmt(decl.body as Block, (s) => {
    if (s.kind === 'AssignStmt' || s.kind === 'AnyAssignStmt') note(s.target);
    if (s.kind !== 'CallStmt') return;
    note(s.target);
    const inner = ctx.table.macros.get(s.callee.name);
    if (inner === undefined || seen.has(inner.name.name)) return;
    const written = assignedParams(ctx, inner, seen);
    inner.params.forEach((p, i) => {
      if (written.includes(p.name)) note(s.args[i]);
    });
  });
  return order;
}

/** An expression as written, whitespace collapsed. */
function asWritten(ctx: LowerContext, e: Expr): string {
  const text = ctx.table.texts.get(e.span.file) ?? '';
  return text.slice(e.span.start.offset, e.span.end.offset).replace(/\s+/g, ' ').trim();
}

/** The variable an assignment target names: `x` of `x`, `x[t]`, `x.f`. */
function baseName(e: Expr): string | undefined {
  if (e.kind === 'NameExpr') return e.name.name;
  if (e.kind === 'IndexExpr' || e.kind === 'FieldExpr') return baseName(e.base);
  return undefined;
}
