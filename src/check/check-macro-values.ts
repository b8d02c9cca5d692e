// Value-returning macros (`macro m(a): T { ...; return e }`): `return` only as `return e`, the
// last statement of a macro body; a macro's value used only as `x := m(...)` or inside the
// condition of `if`, `while` or `await`, once per condition. Takes the check context; reports
// CS4016-CS4018 (types and CS3011 are check-types.ts's).

import type { Expr, Ident, MacroDecl, Stmt } from '../syntax/ast.js';
import type { CheckContext } from './context.js';
import { forEachExpr, forEachStmt } from '../syntax/visit.js';

/** Runs the rules over every macro body, every body's conditions, and every other use of a macro. */
export function checkMacroValues(ctx: CheckContext): void {
  const placed = new Set<Ident>();
  const visit = (s: Stmt): void => {
    if (s.kind === 'CallStmt') placed.add(s.callee);
    if (s.kind !== 'IfStmt' && s.kind !== 'WhileStmt' && s.kind !== 'AwaitStmt') return;
    const calls = macroCalls(ctx, s.cond);
    const [firstCall, ...later] = calls;
    if (firstCall !== undefined) placed.add(firstCall.callee);
    for (const c of later) {
      placed.add(c.callee);
      if (firstCall !== undefined)
        ctx.report('CS4017', c.callee.span, { first: firstCall.callee.name });
    }
  };
  for (const unit of ctx.bodies) {
    const owner = unit.decl;
    if (owner.kind === 'DefDecl') continue;
    if (owner.kind === 'MacroDecl')
      ctx.guard('macro results', owner, () => returnRules(ctx, owner));
    ctx.guard('macro results', owner, () => forEachStmt(owner.body, visit));
  }
  for (const { decl } of ctx.decls) {
    if (decl.kind !== 'VariantDecl') continue;
    for (const m of decl.members) {
      if (m.kind === 'StepOverride') forEachStmt([m.stmt], visit);
    }
  }
  // Every other reference to a macro is a call inside an expression where no step runs it.
  for (const [node, sym] of ctx.symbols) {
    if (sym.kind !== 'macro' || (node as { kind?: string }).kind !== 'Ident') continue;
    const id = node as Ident;
    if (!placed.has(id)) ctx.report('CS4018', id.span, { name: id.name });
  }
}

/** The calls of macros inside `e`, in source order. */
function macroCalls(ctx: CheckContext, e: Expr): Extract<Expr, { kind: 'CallExpr' }>[] {
  const out: Extract<Expr, { kind: 'CallExpr' }>[] = [];
  forEachExpr(e, (x) => {
    if (x.kind === 'CallExpr' && ctx.symbols.get(x.callee)?.kind === 'macro') out.push(x);
  });
  return out;
}

function returnRules(ctx: CheckContext, m: MacroDecl): void {
  const stmts = m.body.stmts;
  const last = stmts[stmts.length - 1];
  forEachStmt(m.body, (s) => {
    if (s.kind !== 'ReturnStmt') return;
    if (s.value === undefined)
      ctx.report('CS4016', s.span, {
        name: m.name.name,
        problem: 'returns with `return e` or not at all: a bare `return` has nothing to leave',
      });
    else if (s !== last)
      ctx.report('CS4016', s.span, {
        name: m.name.name,
        problem: 'can `return e` only as the last statement of its body',
      });
  });
  if (m.returnType !== undefined && (last?.kind !== 'ReturnStmt' || last.value === undefined)) {
    ctx.report('CS4016', m.name.span, {
      name: m.name.name,
      problem: 'declares a result type, so its body must end with `return e`',
    });
  }
}
