// The variables of a model, each with its initial value over the threads it exists for: DSL
// globals, process locals, procedure frames and loop variables, then the internal ones (pc,
// the call stack, frame liveness, the failure message). Pruning comes later (prune.ts).

import type { Expr, TypeExpr, VarDecl } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, PC_DONE, PC_UNBORN, liveVarName, uniqueName } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { Model, ModelVariable } from './ir.js';
import { topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import type { Owners } from './lower-owners.js';
import type { OwnerPlan } from './plan.js';
import { FALSE, bin, ite, name, setEnum, str, tuple } from './tla-build.js';
import { declaredType, defaultValue } from './types.js';
import { isLockClassType, isLockType } from '../check/lock-classes.js';

/** Builds `[t \in set |-> body]` functions over threads with one bound name, fresh for the module. */
interface ThreadFunctions {
  readonly t: string;
  over(set: TlaExpr, body: TlaExpr): TlaExpr;
}

/** Every variable of the model, in declaration order. */
export function lowerVariables(ctx: LowerContext, owners: Owners): ModelVariable[] {
  const t = uniqueName('t', new Set(ctx.taken));
  const fns: ThreadFunctions = {
    t,
    over: (set, body) => ({ kind: 'TlaFcn', variable: t, set, body }),
  };
  return [
    ...ctx.table.globals.map((g) => globalVariable(ctx, fns, owners.allThreads, g)),
    ...[...owners.processPlans.values()].flatMap((plan) => processVariables(ctx, fns, plan)),
    ...[...owners.procPlans].flatMap(([pn, plan]) =>
      frameVariables(ctx, fns, owners.allThreads, pn, plan),
    ),
    ...internalVariables(ctx, fns, owners),
  ];
}

function lowerConstFor(ctx: LowerContext): (e: Expr) => TlaExpr {
  return (e) => lowerExpr(ctx, topEnv(), e);
}

function globalVariable(
  ctx: LowerContext,
  fns: ThreadFunctions,
  allThreads: TlaExpr,
  g: VarDecl,
): ModelVariable {
  const gv =
    ctx.globals.get(g.name.name) ??
    ctx.inconsistent(g.name.span, `no TLA+ variable for \`${g.name.name}\``);
  if (g.scope === 'thread') {
    const init =
      g.init !== undefined
        ? lowerExpr(ctx, { ...topEnv(), self: name(fns.t) }, g.init)
        : defaultValue(ctx, declaredType(ctx, g.type), lowerConstFor(ctx));
    return {
      name: gv.tla,
      dslName: g.name.name,
      scope: 'thread',
      perThread: true,
      init: fns.over(allThreads, init),
      span: g.span,
      ...lockFlags(g.type),
    };
  }
  const init =
    g.init !== undefined
      ? lowerExpr(ctx, topEnv(), g.init)
      : defaultValue(ctx, declaredType(ctx, g.type), lowerConstFor(ctx));
  return {
    name: gv.tla,
    dslName: g.name.name,
    scope: 'shared',
    perThread: false,
    init,
    span: g.span,
    ...lockFlags(g.type),
  };
}

/** What the lock-order report needs to know of a variable's type: a lock, or a completion. */
function lockFlags(t: TypeExpr): { lock?: true; completion?: true } {
  if (isLockType(t)) return { lock: true };
  return isLockClassType(t) ? { completion: true } : {};
}

/** A process's locals, then its hidden loop variables. */
function processVariables(
  ctx: LowerContext,
  fns: ThreadFunctions,
  plan: OwnerPlan,
): ModelVariable[] {
  const variables: ModelVariable[] = [];
  for (const l of plan.owner.decl.locals) {
    const lv =
      plan.owner.vars.get(l.name.name) ??
      ctx.inconsistent(l.name.span, `no TLA+ variable for \`${l.name.name}\``);
    const init =
      l.init !== undefined
        ? lowerExpr(ctx, { ...topEnv(), self: name(fns.t) }, l.init)
        : defaultValue(ctx, declaredType(ctx, l.type), lowerConstFor(ctx));
    variables.push({
      name: lv.tla,
      dslName: l.name.name,
      scope: 'process',
      owner: plan.owner.name,
      perThread: true,
      init: fns.over(plan.owner.threads, init),
      span: l.span,
    });
  }
  for (const lv of plan.loopVarsDeclared) {
    variables.push({
      name: lv.variable,
      dslName: lv.dsl,
      scope: lv.kind === 'binder' ? 'process' : 'internal',
      owner: plan.owner.name,
      perThread: true,
      init: fns.over(
        plan.owner.threads,
        lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([]),
      ),
      span: lv.span,
      ...(lv.kind === 'set' ? { note: 'for loop' } : {}),
    });
  }
  return variables;
}

/** A procedure's frame (parameters and locals, every thread's), then its hidden loop variables. */
function frameVariables(
  ctx: LowerContext,
  fns: ThreadFunctions,
  allThreads: TlaExpr,
  pn: string,
  plan: OwnerPlan,
): ModelVariable[] {
  const decl =
    ctx.table.procedures.get(pn) ?? ctx.inconsistent(ctx.rootSpan, `no procedure \`${pn}\``);
  const fvs = ctx.frameVars.get(pn) ?? [];
  const spanOf = (dsl: string): Model['variables'][number]['span'] =>
    decl.params.find((x) => x.name.name === dsl)?.span ??
    decl.locals.find((x) => x.name.name === dsl)?.span;
  const variables: ModelVariable[] = [];
  for (const [dsl, lv] of plan.owner.vars) {
    const fv =
      fvs.find((f) => f.variable === lv.tla) ??
      ctx.inconsistent(decl.name.span, `no initial value for \`${dsl}\``);
    variables.push({
      name: lv.tla,
      dslName: dsl,
      scope: 'frame',
      owner: pn,
      perThread: true,
      init: fns.over(allThreads, fv.init(name(fns.t))),
      span: spanOf(dsl),
    });
  }
  for (const lv of plan.loopVarsDeclared) {
    variables.push({
      name: lv.variable,
      dslName: lv.dsl,
      scope: lv.kind === 'binder' ? 'frame' : 'internal',
      owner: pn,
      perThread: true,
      init: fns.over(allThreads, lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([])),
      span: lv.span,
      ...(lv.kind === 'set' ? { note: 'for loop' } : {}),
    });
  }
  return variables;
}

/** pc, the call stack when there are procedures, each live-frame flag, the failure message. */
function internalVariables(
  ctx: LowerContext,
  fns: ThreadFunctions,
  owners: Owners,
): ModelVariable[] {
  const variables: ModelVariable[] = [];
  variables.push({
    name: INTERNAL_NAMES.pc,
    dslName: INTERNAL_NAMES.pc,
    scope: 'internal',
    perThread: true,
    init: fns.over(owners.allThreads, pcInit(ctx, fns, owners)),
    span: undefined,
    note: 'next step of each thread',
  });
  if (owners.procPlans.size > 0) {
    variables.push({
      name: INTERNAL_NAMES.stack,
      dslName: INTERNAL_NAMES.stack,
      scope: 'internal',
      perThread: true,
      init: fns.over(owners.allThreads, tuple([])),
      span: undefined,
      note: 'call stack: call sites to return to',
    });
  }
  for (const pn of owners.procPlans.keys()) {
    if (ctx.liveProcedures.has(pn))
      variables.push({
        name: liveVarName(pn),
        dslName: liveVarName(pn),
        scope: 'internal',
        owner: pn,
        perThread: true,
        init: fns.over(owners.allThreads, FALSE),
        span: undefined,
        note: `whether the thread's frame of ${pn} is alive`,
      });
  }
  variables.push({
    name: INTERNAL_NAMES.failure,
    dslName: INTERNAL_NAMES.failure,
    scope: 'internal',
    perThread: false,
    init: str(''),
    span: undefined,
    note: 'the failed assertion or built-in check, "" while none',
  });
  return variables;
}

/** Each thread's first step: its group's (unborn for a spare slot), groups tested in order. */
function pcInit(ctx: LowerContext, fns: ThreadFunctions, owners: Owners): TlaExpr {
  const t = name(fns.t);
  let init: TlaExpr = str(PC_DONE);
  const groups = owners.groups;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === undefined) continue;
    const first =
      ctx.groupStarts.get(g.decl.name.name)?.first ??
      ctx.inconsistent(g.decl.name.span, `no first step for \`${g.decl.name.name}\``);
    const start =
      g.spareConstant !== undefined
        ? ite(bin('\\in', t, name(g.spareConstant)), str(PC_UNBORN), str(first))
        : str(first);
    init = i === groups.length - 1 ? start : ite(bin('\\in', t, name(g.constant)), start, init);
  }
  return init;
}
