// Leaving a procedure: `return [e]` pops `stack`, resets the frame and, per call site (the top of
// `stack` says which), writes the caller's target and resumes the caller; a call pushes its site.
// Builds the action tree of the return; reports a `return` outside a procedure.

import type { Expr } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, liveVarName } from '../tla/names.js';
import type { CallSite, LowerContext } from './context.js';
import { type BoundRef, type Env, readVar } from './env.js';
import { buryFrame } from './frame-identity.js';
import type { ActTree } from './ir.js';
import { resolveLvalue } from './lvalue.js';
import { assign, assignSelf, guard, leafOf, lowerChecked, withChecks } from './sym-state.js';
import { FALSE, bin, builtin, eq, fcnApp, name, str, tuple } from './tla-build.js';

/** The call sites of procedure `p`, in source order. */
function sitesOf(ctx: LowerContext, p: string): CallSite[] {
  return ctx.callSites.filter((s) => s.callee === p);
}

/** Resets procedure `p`'s frame for the current thread: every frame variable back to its initial value. */
export function resetFrame(ctx: LowerContext, p: string, env: Env): Env {
  const self = env.self ?? name(INTERNAL_NAMES.self);
  let e = env;
  for (const fv of ctx.frameVars.get(p) ?? [])
    e = assign(e, { variable: fv.variable, path: [{ kind: 'index', index: self }] }, fv.init(self));
  if (ctx.liveProcedures.has(p))
    e = assign(e, { variable: liveVarName(p), path: [{ kind: 'index', index: self }] }, FALSE);
  return e;
}

/**
 * `return [e]` of the current procedure: pops `stack`, resets the frame, and, per call site
 * (the top of `stack` says which), writes the caller's target and resumes the caller.
 */
export function execReturn(
  ctx: LowerContext,
  env: Env,
  value: Expr | undefined,
  span: Span,
): ActTree {
  const owner = env.owner;
  if (owner?.kind !== 'procedure')
    return ctx.inconsistent(span, '`return` outside a procedure (CS4008)');
  const checks: TlaExpr[] = [];
  const v = value === undefined ? undefined : lowerChecked(ctx, env, value, checks);
  const self = env.self ?? name(INTERNAL_NAMES.self);
  return withChecks(ctx, checks, () => {
    const stackSelf = fcnApp(readVar(env, INTERNAL_NAMES.stack), self);
    const top = builtin('Head', [stackSelf]);
    ctx.usesSequences = true;
    let popped = assignSelf(env, INTERNAL_NAMES.stack, builtin('Tail', [stackSelf]));
    popped = resetFrame(ctx, owner.name, popped);
    const branches: ActTree[] = sitesOf(ctx, owner.name).map((site) => {
      let e = assignSelf(popped, INTERNAL_NAMES.pc, str(site.continuation));
      if (site.target !== undefined && v !== undefined) {
        const bound = new Map<string, BoundRef>();
        for (const [dsl, lv] of site.loopVars)
          bound.set(dsl, { kind: 'loopVar', variable: lv.variable });
        const callerEnv: Env = {
          ...e,
          owner: site.caller,
          bound,
          macroArgs: new Map(),
          checks: undefined,
        };
        const tchecks: TlaExpr[] = [];
        const lv = resolveLvalue(ctx, { ...callerEnv, checks: tchecks }, site.target);
        if (lv !== undefined) e = assign(e, lv, v);
      }
      // Last, so a reference the step itself stored (a returned `frame`) is buried too.
      e = buryFrame(ctx, owner.name, e, (x, variable, value) =>
        assign(x, { variable, path: [] }, value, true),
      );
      return guard(eq(top, str(site.site)), leafOf(e));
    });
    const [only] = branches;
    return branches.length === 1 && only !== undefined ? only : { kind: 'or', branches };
  });
}

/** `<<site>> \o stack[self]`. */
export function pushSite(env: Env, site: string): TlaExpr {
  const self = env.self ?? name(INTERNAL_NAMES.self);
  return bin('\\o', tuple([str(site)]), fcnApp(readVar(env, INTERNAL_NAMES.stack), self));
}
