// Assignment targets: the TLA+ variable and the path inside it that a DSL target expression
// denotes (a shared variable, this thread's copy of a thread or frame variable, an element, a
// field, another frame's field). Reports a target that is not assignable.

import type { Expr } from '../syntax/ast.js';
import type { TlaExceptClause } from '../tla/tla-ast.js';
import type { LowerContext } from './context.js';
import { type Env, argEnv, selfOf } from './env.js';
import { arrowAccess, lowerExpr } from './lower-expr.js';
import { lookup } from './resolve-name.js';

/** The assignable location a target expression denotes. */
export interface Lvalue {
  readonly variable: string;
  readonly path: readonly TlaExceptClause['path'][number][];
}

/** Resolves an assignment target; reports CS3003 when it is not assignable. */
export function resolveLvalue(ctx: LowerContext, env: Env, e: Expr): Lvalue | undefined {
  switch (e.kind) {
    case 'ParenExpr':
      return resolveLvalue(ctx, env, e.inner);
    case 'NameExpr': {
      const r = lookup(ctx, env, e);
      if (r.kind === 'macroArg') return resolveLvalue(ctx, argEnv(r.arg, env), r.arg.expr);
      if (r.kind === 'local')
        return { variable: r.v.tla, path: [{ kind: 'index', index: selfOf(ctx, env, e) }] };
      if (r.kind === 'global') {
        return r.scope === 'shared'
          ? { variable: r.tla, path: [] }
          : { variable: r.tla, path: [{ kind: 'index', index: selfOf(ctx, env, e) }] };
      }
      return ctx.inconsistent(
        e.span,
        `assignment to \`${e.name.name}\`, not a variable (CS2001, CS3003)`,
      );
    }
    case 'IndexExpr': {
      const index = lowerExpr(ctx, env, e.index);
      if (e.base.kind === 'NameExpr') {
        const r = lookup(ctx, env, e.base);
        if (r.kind === 'global' && r.scope === 'thread')
          return { variable: r.tla, path: [{ kind: 'index', index }] };
      }
      const base = resolveLvalue(ctx, env, e.base);
      return base === undefined
        ? undefined
        : { variable: base.variable, path: [...base.path, { kind: 'index', index }] };
    }
    case 'FieldExpr': {
      const base = resolveLvalue(ctx, env, e.base);
      return base === undefined
        ? undefined
        : { variable: base.variable, path: [...base.path, { kind: 'field', field: e.field.name }] };
    }
    case 'ArrowExpr': {
      const a = arrowAccess(ctx, env, e);
      return a === undefined
        ? undefined
        : { variable: a.variable, path: [{ kind: 'index', index: a.index }] };
    }
    default:
      return ctx.inconsistent(
        e.span,
        'assignment to an expression that is not a variable, element, field or frame field (CS3003)',
      );
  }
}
