// The first half of lowering: module-level names, the process groups with their threads, and
// the owners of code (each process, then each procedure in the order calls reach it) with their
// step plans, thread sets and frame variables. Fills the LowerContext; the actions come after.

import type { Expr, ProcedureDecl, ProcessDecl, Stmt } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import {
  INTERNAL_NAMES,
  PC_DONE,
  frameVarName,
  implicitReturnStepName,
  spareConstantName,
  threadMemberName,
  tlaIdent,
  uniqueName,
} from '../tla/names.js';
import type { LocalVar, LowerContext, OwnerInfo } from './context.js';
import type { Instance } from './instance.js';
import { topEnv } from './env.js';
import { lowerExpr } from './lower-expr.js';
import { forEachExpr, forEachStmt, stmtExprs } from '../syntax/visit.js';
import { type OwnerPlan, needsImplicitReturn, planOwner } from './plan.js';
import { isConstantInit } from './steps.js';
import { bin, name, setEnum } from './tla-build.js';
import type { Type } from '../check/types.js';
import { declaredType, defaultValue } from './types.js';

/** A process group: its declaration, its constant, the threads born at the start and the spare slots. */
export interface Group {
  readonly decl: ProcessDecl;
  readonly constant: string;
  readonly members: readonly string[];
  readonly spare: readonly string[];
  readonly spareConstant: string | undefined;
}

/** Every owner of code and how threads reach it. */
export interface Owners {
  readonly groups: readonly Group[];
  /** Each group's plan, in group order. */
  readonly processPlans: ReadonlyMap<string, OwnerPlan>;
  /** Each procedure some thread can call, in the order calls first reach it. */
  readonly procPlans: ReadonlyMap<string, OwnerPlan>;
  /** Group name -> the procedures its threads can call (directly or not). */
  readonly reach: ReadonlyMap<string, ReadonlySet<string>>;
  /** `Thread`: the set of every thread. */
  readonly allThreads: TlaExpr;
}

/** The groups whose threads can call procedure `pn`. */
export function callersOf(owners: Owners, pn: string): Group[] {
  return owners.groups.filter((g) => owners.reach.get(g.decl.name.name)?.has(pn) === true);
}

/** Reserves the module-level names: internals, params, groups and threads, variables, consts and defs, properties. */
export function nameModule(
  ctx: LowerContext,
  instance: Instance,
): { groups: Group[]; propNames: Map<string, string> } {
  const table = instance.table;
  for (const n of Object.values(INTERNAL_NAMES)) ctx.taken.add(n);
  for (const prm of table.params) ctx.taken.add(tlaIdent(prm.name.name));
  // Threads: one constant per group; spare slots are extra members that start unborn.
  const groups: Group[] = [];
  for (const proc of table.processes) {
    const gname = proc.name.name;
    const constant = uniqueName(tlaIdent(gname), ctx.taken);
    ctx.groupConstants.set(gname, constant);
    const size = instance.groupSizes.get(gname);
    if (size === undefined)
      return ctx.inconsistent(proc.name.span, `no size for process group \`${gname}\``);
    const all = Array.from({ length: size.born + size.spare }, (_, i) =>
      uniqueName(threadMemberName(gname, i + 1), ctx.taken),
    );
    const spareConstant =
      proc.spare !== undefined ? uniqueName(spareConstantName(constant), ctx.taken) : undefined;
    groups.push({
      decl: proc,
      constant,
      members: all.slice(0, size.born),
      spare: all.slice(size.born),
      spareConstant,
    });
  }
  for (const g of table.globals) {
    const tla = uniqueName(tlaIdent(g.name.name), ctx.taken);
    ctx.globals.set(g.name.name, {
      tla,
      scope: g.scope === 'thread' ? 'thread' : 'shared',
      type: declaredType(ctx, g.type),
    });
  }
  for (const n of [...table.consts.keys(), ...table.defs.keys()])
    ctx.defNames.set(n, uniqueName(tlaIdent(n), ctx.taken));
  const propNames = new Map<string, string>();
  for (const pr of table.properties)
    propNames.set(pr.name.name, uniqueName(tlaIdent(pr.name.name), ctx.taken));
  for (const [n, proc] of table.procedures)
    if (anyExpr(proc.body.stmts, (e) => e.kind === 'FrameExpr')) ctx.liveProcedures.add(n);
  return { groups, propNames };
}

/** Plans every owner: processes in order, then procedures in the order calls reach them. */
export function planOwners(ctx: LowerContext, groups: readonly Group[]): Owners {
  const allThreads = name(INTERNAL_NAMES.thread);
  const processPlans = new Map<string, OwnerPlan>();
  for (const g of groups) {
    const vars = new Map(
      g.decl.locals.map(
        (l) =>
          [
            l.name.name,
            {
              tla: uniqueName(frameVarName(g.decl.name.name, l.name.name), ctx.taken),
              type: declaredType(ctx, l.type),
            },
          ] as const,
      ),
    );
    const owner: OwnerInfo = {
      kind: 'process',
      name: g.decl.name.name,
      decl: g.decl,
      vars,
      threads: name(g.constant),
    };
    ctx.processOwners.set(owner.name, owner);
    const plan = planOwner(ctx, owner, g.decl.body, PC_DONE, undefined);
    processPlans.set(owner.name, plan);
    ctx.groupStarts.set(owner.name, { constant: g.constant, first: plan.first });
  }
  const procPlans = planProcedures(
    ctx,
    [...processPlans.values()].flatMap((pl) => pl.calls),
    allThreads,
  );
  if (groups.length === 0) return ctx.inconsistent(ctx.rootSpan, 'the spec declares no process');
  const reach = new Map<string, Set<string>>();
  for (const g of groups)
    reach.set(
      g.decl.name.name,
      reachableFrom(processPlans.get(g.decl.name.name)?.calls ?? [], procPlans),
    );
  const owners: Owners = { groups, processPlans, procPlans, reach, allThreads };
  // Procedure actions range over the threads of the groups that reach them.
  for (const [pn, owner] of ctx.procedureOwners)
    owner.threads = unionOf(owners, callersOf(owners, pn));
  return owners;
}

/** Plans the procedures `calls` reach, transitively, each once, in the order first reached. */
function planProcedures(
  ctx: LowerContext,
  calls: readonly string[],
  allThreads: TlaExpr,
): Map<string, OwnerPlan> {
  const procPlans = new Map<string, OwnerPlan>();
  const queue = [...calls];
  for (let pn = queue.shift(); pn !== undefined; pn = queue.shift()) {
    if (procPlans.has(pn)) continue;
    const decl = ctx.table.procedures.get(pn);
    if (decl === undefined)
      return ctx.inconsistent(ctx.rootSpan, `a call of \`${pn}\`, which is no procedure`);
    const owner: OwnerInfo = {
      kind: 'procedure',
      name: pn,
      decl,
      vars: frameVarsOf(ctx, decl),
      threads: allThreads,
    };
    ctx.procedureOwners.set(pn, owner);
    const ret = needsImplicitReturn(decl.body)
      ? { name: uniqueName(implicitReturnStepName(pn), ctx.taken), span: decl.name.span }
      : undefined;
    const plan = planOwner(ctx, owner, decl.body, ret?.name ?? implicitReturnStepName(pn), ret);
    procPlans.set(pn, plan);
    ctx.procedureFirst.set(pn, plan.first);
    queue.push(...plan.calls);
  }
  return procPlans;
}

/** A procedure's parameters and locals with their TLA+ variables, parameters first. */
function frameVarsOf(ctx: LowerContext, decl: ProcedureDecl): Map<string, LocalVar> {
  const pn = decl.name.name;
  const vars = new Map<string, LocalVar>();
  for (const prm of decl.params)
    vars.set(prm.name.name, {
      tla: uniqueName(frameVarName(pn, prm.name.name), ctx.taken),
      type: declaredType(ctx, prm.type),
    });
  for (const l of decl.locals)
    vars.set(l.name.name, {
      tla: uniqueName(frameVarName(pn, l.name.name), ctx.taken),
      type: declaredType(ctx, l.type),
    });
  return vars;
}

/** The procedures reachable from `calls` through the plans' own calls. */
function reachableFrom(
  calls: readonly string[],
  procPlans: ReadonlyMap<string, OwnerPlan>,
): Set<string> {
  const seen = new Set<string>();
  const todo = [...calls];
  for (let pn = todo.shift(); pn !== undefined; pn = todo.shift()) {
    if (seen.has(pn)) continue;
    seen.add(pn);
    todo.push(...(procPlans.get(pn)?.calls ?? []));
  }
  return seen;
}

/** The threads of the groups: `Thread` when they are all of them, else the union of their constants. */
function unionOf(owners: Owners, gs: readonly Group[]): TlaExpr {
  const [first, ...rest] = gs;
  if (gs.length === owners.groups.length || first === undefined) return owners.allThreads;
  return rest.reduce<TlaExpr>(
    (acc, g) => bin('\\cup', acc, name(g.constant)),
    name(first.constant),
  );
}

/** Frame variables of each procedure, with their initial (and reset) values. */
export function declareFrameVars(ctx: LowerContext, owners: Owners): void {
  const lowerConst = (e: Expr): TlaExpr => lowerExpr(ctx, topEnv(), e);
  const initFor = (
    e: Expr | undefined,
    type: Type,
    self: TlaExpr,
    owner: OwnerInfo,
    frameNames: readonly string[],
  ): TlaExpr => {
    if (e === undefined || !isConstantInit(ctx, e, frameNames)) {
      if (e !== undefined && owner.kind !== 'procedure')
        return lowerExpr(ctx, { ...topEnv(), self, owner }, e);
      return defaultValue(ctx, type, lowerConst);
    }
    return lowerExpr(ctx, { ...topEnv(), self, owner }, e);
  };
  for (const [pn, plan] of owners.procPlans) {
    const decl =
      ctx.table.procedures.get(pn) ?? ctx.inconsistent(ctx.rootSpan, `no procedure \`${pn}\``);
    const frameNames = [
      ...decl.params.map((x) => x.name.name),
      ...decl.locals.map((x) => x.name.name),
    ];
    const tlaOf = (dsl: string): string =>
      plan.owner.vars.get(dsl)?.tla ??
      ctx.inconsistent(decl.name.span, `no frame variable for \`${dsl}\``);
    const list: { variable: string; init: (self: TlaExpr) => TlaExpr }[] = [];
    for (const prm of decl.params)
      list.push({
        variable: tlaOf(prm.name.name),
        init: () => defaultValue(ctx, declaredType(ctx, prm.type), lowerConst),
      });
    for (const l of decl.locals)
      list.push({
        variable: tlaOf(l.name.name),
        init: (self) => initFor(l.init, declaredType(ctx, l.type), self, plan.owner, frameNames),
      });
    for (const lv of plan.loopVarsDeclared)
      list.push({
        variable: lv.variable,
        init: () => (lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([])),
      });
    ctx.frameVars.set(pn, list);
  }
}

/** Does any expression in the statements (nested blocks, atomic bodies, handlers included) satisfy `pred`? */
function anyExpr(stmts: readonly Stmt[], pred: (e: Expr) => boolean): boolean {
  let found = false;
  forEachStmt(stmts, (s) => {
    for (const e of stmtExprs(s))
      forEachExpr(e, (x) => {
        if (pred(x)) found = true;
      });
  });
  return found;
}
