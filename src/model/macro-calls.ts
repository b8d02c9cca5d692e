// Macro calls inside a step: the environment a macro body runs in, the body split from the
// value it returns, the value-returning call inside a condition, and the `x := f(args)` the
// parser cannot tell from a macro call. Reads declarations only; symbolic.ts runs the bodies.

import type { Expr, MacroDecl, Stmt } from '../syntax/ast.js';
import { childExprs } from '../syntax/visit.js';
import type { LowerContext } from './context.js';
import type { Env, MacroArg } from './env.js';

/** The environment a macro body runs in: its parameters bound to the call's argument expressions. */
export function macroEnv(params: readonly string[], args: readonly Expr[], env: Env): Env {
  const macroArgs = new Map<string, MacroArg>();
  params.forEach((p, i) => {
    const a = args[i];
    if (a !== undefined) macroArgs.set(p, { expr: a, env });
  });
  return {
    owner: undefined,
    self: env.self,
    bound: new Map(),
    macroArgs,
    boundNames: env.boundNames,
    state: env.state,
    primed: false,
    checks: undefined,
  };
}

/** `x := f(args)` where f is a def or built-in: the parser cannot tell it from a call, so it is an assignment here. */
export function defCallAsAssign(
  ctx: LowerContext,
  s: Extract<Stmt, { kind: 'CallStmt' }>,
): Extract<Stmt, { kind: 'AssignStmt' }> | undefined {
  const kind = ctx.checked.symbols.get(s.callee)?.kind;
  if (s.target === undefined || (kind !== 'def' && kind !== 'builtinFn')) return undefined;
  // The call's own text (`head(log)`), not the statement's, is what reports show of the value.
  const span = { ...s.span, start: s.callee.span.start };
  const value: Expr = { kind: 'CallExpr', id: s.id, span, callee: s.callee, args: s.args };
  return {
    kind: 'AssignStmt',
    id: s.id,
    span: s.span,
    label: s.label,
    kernel: s.kernel,
    target: s.target,
    value,
  };
}

/** A macro body split into the statements it runs and the `return e` that gives its value. */
export function macroBody(m: MacroDecl): {
  readonly stmts: readonly Stmt[];
  readonly result: Expr | undefined;
} {
  const last = m.body.stmts[m.body.stmts.length - 1];
  if (last?.kind === 'ReturnStmt' && last.value !== undefined)
    return { stmts: m.body.stmts.slice(0, -1), result: last.value };
  return { stmts: m.body.stmts, result: undefined };
}

/** The call of a value-returning macro inside `e`, if any (the checker allows one per condition). */
export function macroCallIn(
  ctx: LowerContext,
  e: Expr,
): Extract<Expr, { kind: 'CallExpr' }> | undefined {
  let found: Extract<Expr, { kind: 'CallExpr' }> | undefined;
  const visit = (x: Expr): void => {
    if (found !== undefined) return;
    if (x.kind === 'CallExpr' && ctx.checked.symbols.get(x.callee)?.kind === 'macro') {
      found = x;
      return;
    }
    for (const c of childExprs(x)) visit(c);
  };
  visit(e);
  return found;
}
