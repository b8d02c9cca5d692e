// The declared type of a DSL expression, where names and declarations tell it: what lowering
// needs to type a bound variable (an `any` or `for` over a set), and the element type of a `for`
// loop's set, which tells where frames can sit in its hidden variables. Reads only.

import type { Expr, TypeExpr } from '../syntax/ast.js';
import type { LowerContext } from './context.js';
import { type Env, argEnv } from './env.js';
import { arrowProcedure, frameVar, lookup } from './resolve-name.js';
import { elementType, fieldType } from './types.js';

/** The declared type of an expression, where names and declarations tell it. */
export function staticType(ctx: LowerContext, env: Env, e: Expr): TypeExpr | undefined {
  switch (e.kind) {
    case 'ParenExpr':
      return staticType(ctx, env, e.inner);
    case 'NameExpr': {
      const r = lookup(ctx, env, e);
      if (r.kind === 'bound') return r.ref.type;
      if (r.kind === 'macroArg') return staticType(ctx, argEnv(r.arg, env), r.arg.expr);
      if (r.kind === 'local') return r.v.type;
      if (r.kind === 'global') return r.type;
      if (r.kind === 'param')
        return ctx.table.params.find((p) => p.name.name === e.name.name)?.type;
      return undefined;
    }
    case 'IndexExpr': {
      if (e.base.kind === 'NameExpr') {
        const r = lookup(ctx, env, e.base);
        if (r.kind === 'global' && r.scope === 'thread') return r.type;
      }
      return elementType(ctx, staticType(ctx, env, e.base));
    }
    case 'FieldExpr':
      return fieldType(ctx, staticType(ctx, env, e.base), e.field.name);
    case 'ArrowExpr': {
      const p = arrowProcedure(ctx, env, e);
      return p === undefined ? undefined : frameVar(ctx, p, e.field.name)?.type;
    }
    case 'CallExpr': {
      const sym = ctx.checked.symbols.get(e.callee);
      return sym?.kind === 'def' ? ctx.table.defs.get(sym.name)?.returnType : undefined;
    }
    default:
      return undefined;
  }
}

/** The element type of a `for` loop's set, looking through filters and set operators. */
export function loopElementType(ctx: LowerContext, env: Env, e: Expr): TypeExpr | undefined {
  if (e.kind === 'ParenExpr') return loopElementType(ctx, env, e.inner);
  if (e.kind === 'SetFilter') return loopElementType(ctx, env, e.set);
  if (e.kind === 'BinaryExpr' && ['union', 'inter', '\\'].includes(e.op))
    return loopElementType(ctx, env, e.left) ?? loopElementType(ctx, env, e.right);
  if (e.kind === 'SetLit') {
    for (const x of e.elements) {
      const t = staticType(ctx, env, x);
      if (t !== undefined) return t;
    }
    return undefined;
  }
  return elementType(ctx, staticType(ctx, env, e));
}
