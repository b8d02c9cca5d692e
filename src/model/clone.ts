// `clone [x :=] into G`: a new thread of group G, taken from its unborn slots, starting at the
// group's first step with a copy of its parent's thread variables (`fresh` ones start anew).
// Builds the action tree; reports a `clone` into something that is not a process group.

import type { Expr, Stmt, VarDecl } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, PC_UNBORN } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { type Env, freshBound, readVar } from './env.js';
import type { ActTree } from './ir.js';
import { lowerExpr } from './lower-expr.js';
import type { Cont } from './step-ctx.js';
import { assign, guard, lvalueChecked, withChecks } from './sym-state.js';
import { eq, fcnApp, name, str } from './tla-build.js';
import { declaredType, defaultValue } from './types.js';

export function execClone(
  ctx: LowerContext,
  s: Extract<Stmt, { kind: 'CloneStmt' }>,
  env: Env,
  k: Cont,
): ActTree {
  const g = ctx.groupStarts.get(s.group.name);
  if (g === undefined)
    return ctx.inconsistent(
      s.group.span,
      `\`clone\` into \`${s.group.name}\`, not a process group (CS4011)`,
    );
  const checks: TlaExpr[] = [];
  const lv = s.target === undefined ? undefined : lvalueChecked(ctx, env, s.target, checks);
  return withChecks(ctx, checks, () => {
    const f = freshBound(ctx, env, 'child');
    const c = name(f.name);
    let e: Env = { ...env, boundNames: f.env.boundNames };
    const unborn = eq(fcnApp(readVar(e, INTERNAL_NAMES.pc), c), str(PC_UNBORN));
    e = assign(
      e,
      { variable: INTERNAL_NAMES.pc, path: [{ kind: 'index', index: c }] },
      str(g.first),
    );
    // The child inherits every thread variable of its parent (credentials, filters, no_new_privs),
    // except `fresh` ones, which start at their initial value with `self` bound to the child.
    for (const [dsl, gv] of ctx.globals) {
      if (gv.scope !== 'thread') continue;
      const decl = ctx.table.globals.find((g) => g.name.name === dsl);
      const value =
        decl?.fresh === true
          ? freshValue(ctx, decl, e, c)
          : fcnApp(readVar(e, gv.tla), env.self ?? name(INTERNAL_NAMES.self));
      e = assign(e, { variable: gv.tla, path: [{ kind: 'index', index: c }] }, value, true);
    }
    if (lv !== undefined) e = assign(e, lv, c);
    return { kind: 'exists', variable: f.name, set: name(g.constant), body: guard(unborn, k(e)) };
  });
}

/** A `fresh thread var`'s value in a new child `child`: its initial value (or the type's default). */
function freshValue(ctx: LowerContext, decl: VarDecl, env: Env, child: TlaExpr): TlaExpr {
  const lowerConst = (x: Expr): TlaExpr =>
    lowerExpr(
      ctx,
      {
        ...env,
        owner: undefined,
        self: undefined,
        bound: new Map(),
        macroArgs: new Map(),
        checks: undefined,
      },
      x,
    );
  if (decl.init === undefined) return defaultValue(ctx, declaredType(ctx, decl.type), lowerConst);
  return lowerExpr(
    ctx,
    {
      ...env,
      owner: undefined,
      self: child,
      bound: new Map(),
      macroArgs: new Map(),
      checks: undefined,
    },
    decl.init,
  );
}
