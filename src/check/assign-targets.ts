// The shapes of assignment targets: which variable a target writes, whether it is assignable,
// and which macro parameters a macro body writes to.

import type { Expr, MacroDecl } from '../syntax/ast.js';
import { type CheckContext } from './context.js';
import { forEachStmt, unparen } from '../syntax/visit.js';

/** The parameters a macro assigns to (by position): their arguments must be assignable. */
export function writtenMacroParams(ctx: CheckContext, macro: MacroDecl): Set<number> {
  const out = new Set<number>();
  const note = (target: Expr | undefined): void => {
    if (target === undefined) return;
    const root = rootName(target);
    if (root === undefined) return;
    const sym = ctx.symbols.get(root);
    if (sym?.kind === 'macroParam' && sym.owner === macro) {
      const i = macro.params.findIndex((p) => p.name === sym.name);
      if (i >= 0) out.add(i);
    }
  };
  forEachStmt(macro.body, (s) => {
    if (s.kind === 'AssignStmt' || s.kind === 'AnyAssignStmt') note(s.target);
    else if (s.kind === 'CallStmt' || s.kind === 'CloneStmt') note(s.target);
  });
  return out;
}

/** The variable a target expression writes into (`x` of `x[i].f`), if it is one. */
export function rootName(e: Expr): Extract<Expr, { kind: 'NameExpr' }> | undefined {
  const u = unparen(e);
  if (u.kind === 'NameExpr') return u;
  if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return rootName(u.base);
  return undefined;
}

/** True when `e` has the shape of something that can be written (a variable, element, field, frame field). */
export function isAssignableShape(e: Expr): boolean {
  const u = unparen(e);
  if (u.kind === 'NameExpr' || u.kind === 'ArrowExpr') return true;
  if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return isAssignableShape(u.base);
  return false;
}
