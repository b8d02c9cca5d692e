// The lowering: a loaded, checked program, one variant and one parameter set become a Model
// (src/model/ir.ts). Threads, variables with initial values, one action per step, Terminating,
// fairness, properties; variables no reachable code reads or writes are dropped. Pure: returns
// the model or located diagnostics, never throws on bad input.

import type { CheckedProgram } from '../check/check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, Expr, Stmt } from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import {
  INTERNAL_NAMES,
  PC_DONE,
  PC_EXITED,
  PC_EXITING,
  PC_UNBORN,
  FRAME_USE_AFTER_RETURN,
  exitStepName,
  frameVarName,
  implicitReturnStepName,
  liveVarName,
  moduleName,
  spareConstantName,
  threadActionName,
  threadMemberName,
  tlaIdent,
  uniqueName,
} from '../tla/names.js';
import { LowerContext, type OwnerInfo } from './context.js';
import { collectDecls } from './decls.js';
import { buryOnExit, collectStoredFrames, usedTombstones } from './frame-identity.js';
import type { ActTree, FairnessClause, Model, ModelAction, ModelConstant, ModelDef, ModelGroup, ModelProperty, ModelVariable } from './ir.js';
import { type Env, bindOne, forEachSubExpr, lowerExpr, topEnv } from './lower-expr.js';
import { type ParamOverrideRequest, evalConst, resolveParams } from './params.js';
import { type OwnerPlan, childBlocks, needsImplicitReturn, planOwner } from './plan.js';
import { isConstantInit, lowerOwner } from './steps.js';
import { FALSE, TRUE, bin, eq, fcnApp, ite, name, referencedNames, setEnum, str, tuple } from './tla-build.js';
import { rangeProperty } from './range-check.js';
import { defaultValue } from './types.js';
import { applyVariant } from './variants.js';

export type LowerResult =
  | { readonly ok: true; readonly model: Model; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Every expression of a statement (not of nested step blocks' statements: those are visited as statements). */
function stmtExprs(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'AssignStmt':
      return [s.target, s.value];
    case 'AnyAssignStmt':
      return [s.target, s.set, ...(s.where ? [s.where] : [])];
    case 'AwaitStmt':
    case 'AssertStmt':
    case 'IfStmt':
    case 'WhileStmt':
      return [s.cond];
    case 'ForStmt':
      return [s.set];
    case 'CallStmt':
      return [...(s.target ? [s.target] : []), ...s.args];
    case 'ReturnStmt':
      return s.value ? [s.value] : [];
    case 'CloneStmt':
      return s.target ? [s.target] : [];
    case 'FaultStmt':
      return s.when ? [s.when] : [];
    default:
      return [];
  }
}

/** Does any expression in the statements (nested blocks, atomic bodies, handlers included) satisfy `pred`? */
function anyExpr(stmts: readonly Stmt[], pred: (e: Expr) => boolean): boolean {
  const inExpr = (e: Expr): boolean => {
    if (pred(e)) return true;
    let found = false;
    forEachSubExpr(e, (x) => {
      if (!found && inExpr(x)) found = true;
    });
    return found;
  };
  return stmts.some((s) => {
    if (stmtExprs(s).some(inExpr)) return true;
    if (s.kind === 'AtomicStmt') return anyExpr(s.body.stmts, pred);
    if (s.kind === 'FaultStmt') return anyExpr([s.body, ...s.handler.stmts], pred);
    return childBlocks(s).some((b: Block) => anyExpr(b.stmts, pred));
  });
}

function programOf(input: CheckedProgram | Program): Program {
  return 'program' in input ? input.program : input;
}

/**
 * Lowers variant `variantName` of the program under the parameter overrides `params` (an
 * expectation's `with` list or `--param` values; defaults fill the rest).
 */
export function lowerSpec(input: CheckedProgram | Program, variantName: string, params: readonly ParamOverrideRequest[] = []): LowerResult {
  const program = programOf(input);
  const base = collectDecls(program);
  const v = applyVariant(base, variantName, program.root.ast.name.span);
  if (!v.ok) return { ok: false, diagnostics: v.diagnostics };
  const table = v.table;
  const p = resolveParams(table, params);
  if (!p.ok) return { ok: false, diagnostics: p.diagnostics };
  const ctx = new LowerContext(table, p.params.values);

  for (const n of Object.values(INTERNAL_NAMES)) ctx.taken.add(n);
  for (const prm of table.params) ctx.taken.add(tlaIdent(prm.name.name));

  // Threads: one constant per group; spare slots are extra members that start unborn.
  const groupsDraft: { decl: (typeof table.processes)[number]; constant: string; members: string[]; spare: string[]; spareConstant: string | undefined }[] = [];
  for (const proc of table.processes) {
    const gname = proc.name.name;
    const constant = uniqueName(tlaIdent(gname), ctx.taken);
    ctx.groupConstants.set(gname, constant);
    const count = evalConst(proc.count, table, ctx.params);
    const spareN = proc.spare === undefined ? 0 : evalConst(proc.spare, table, ctx.params);
    if (typeof count !== 'number' || count < 0) ctx.report('CS5010', proc.count.span, { name: `${gname} (thread count)` });
    if (typeof spareN !== 'number' || spareN < 0) ctx.report('CS5010', proc.spare!.span, { name: `${gname} (spare slots)` });
    const nBorn = typeof count === 'number' && count > 0 ? count : 0;
    const nSpare = typeof spareN === 'number' && spareN > 0 ? spareN : 0;
    const all = Array.from({ length: nBorn + nSpare }, (_, i) => uniqueName(threadMemberName(gname, i + 1), ctx.taken));
    const spareConstant = proc.spare !== undefined ? uniqueName(spareConstantName(constant), ctx.taken) : undefined;
    groupsDraft.push({ decl: proc, constant, members: all.slice(0, nBorn), spare: all.slice(nBorn), spareConstant });
  }

  for (const g of table.globals) {
    const tla = uniqueName(tlaIdent(g.name.name), ctx.taken);
    ctx.globals.set(g.name.name, { tla, scope: g.scope === 'thread' ? 'thread' : 'shared', type: g.type });
  }
  for (const n of [...table.consts.keys(), ...table.defs.keys()]) ctx.defNames.set(n, uniqueName(tlaIdent(n), ctx.taken));
  const propNames = new Map<string, string>();
  for (const pr of table.properties) propNames.set(pr.name.name, uniqueName(tlaIdent(pr.name.name), ctx.taken));

  for (const [n, proc] of table.procedures) if (anyExpr(proc.body.stmts, (e) => e.kind === 'FrameExpr')) ctx.liveProcedures.add(n);

  // Owners and their step plans: processes in order, then procedures in the order calls reach them.
  const allThreads = name(INTERNAL_NAMES.thread);
  const plans: OwnerPlan[] = [];
  const processPlans = new Map<string, OwnerPlan>();
  for (const g of groupsDraft) {
    const vars = new Map(g.decl.locals.map((l) => [l.name.name, { tla: uniqueName(frameVarName(g.decl.name.name, l.name.name), ctx.taken), type: l.type }] as const));
    const owner: OwnerInfo = { kind: 'process', name: g.decl.name.name, decl: g.decl, vars, threads: name(g.constant) };
    ctx.processOwners.set(owner.name, owner);
    const plan = planOwner(ctx, owner, g.decl.body, PC_DONE, undefined);
    plans.push(plan);
    processPlans.set(owner.name, plan);
    ctx.groupStarts.set(owner.name, { constant: g.constant, first: plan.first });
  }
  const procPlans = new Map<string, OwnerPlan>();
  const queue = plans.flatMap((pl) => pl.calls);
  while (queue.length > 0) {
    const pn = queue.shift()!;
    if (procPlans.has(pn)) continue;
    const decl = table.procedures.get(pn)!;
    const vars = new Map<string, { tla: string; type: (typeof decl.params)[number]['type'] | undefined }>();
    for (const prm of decl.params) vars.set(prm.name.name, { tla: uniqueName(frameVarName(pn, prm.name.name), ctx.taken), type: prm.type });
    for (const l of decl.locals) vars.set(l.name.name, { tla: uniqueName(frameVarName(pn, l.name.name), ctx.taken), type: l.type });
    const owner: OwnerInfo = { kind: 'procedure', name: pn, decl, vars, threads: allThreads };
    ctx.procedureOwners.set(pn, owner);
    const ret = needsImplicitReturn(decl.body) ? { name: uniqueName(implicitReturnStepName(pn), ctx.taken), span: decl.name.span } : undefined;
    const end = ret?.name ?? implicitReturnStepName(pn);
    const plan = planOwner(ctx, owner, decl.body, end, ret);
    procPlans.set(pn, plan);
    ctx.procedureFirst.set(pn, plan.first);
    queue.push(...plan.calls);
  }
  if (table.processes.length === 0) ctx.report('CS9001', program.root.ast.span, { phase: 'lowering', detail: 'the spec declares no process' });

  // Which groups reach which procedures: procedure actions range over those groups' threads.
  const reach = new Map<string, Set<string>>();
  for (const g of groupsDraft) {
    const seen = new Set<string>();
    const todo = [...processPlans.get(g.decl.name.name)!.calls];
    while (todo.length > 0) {
      const pn = todo.shift()!;
      if (seen.has(pn)) continue;
      seen.add(pn);
      todo.push(...(procPlans.get(pn)?.calls ?? []));
    }
    reach.set(g.decl.name.name, seen);
  }
  const groupsOf = (pn: string): typeof groupsDraft => groupsDraft.filter((g) => reach.get(g.decl.name.name)!.has(pn));
  const unionOf = (gs: typeof groupsDraft): TlaExpr => {
    if (gs.length === groupsDraft.length) return allThreads;
    return gs.slice(1).reduce<TlaExpr>((acc, g) => bin('\\cup', acc, name(g.constant)), name(gs[0]!.constant));
  };
  for (const [pn, owner] of ctx.procedureOwners) owner.threads = unionOf(groupsOf(pn));

  // Frame variables of procedures with their initial (and reset) values.
  const lowerConst = (e: Expr): TlaExpr => lowerExpr(ctx, topEnv(), e);
  const initFor = (e: Expr | undefined, type: Parameters<typeof defaultValue>[1], self: TlaExpr, owner: OwnerInfo | undefined, frameNames: readonly string[]): TlaExpr => {
    if (e === undefined || !isConstantInit(ctx, e, frameNames)) {
      if (e !== undefined && owner?.kind !== 'procedure') return lowerExpr(ctx, { ...topEnv(), self, owner }, e);
      return defaultValue(ctx, type, lowerConst);
    }
    return lowerExpr(ctx, { ...topEnv(), self, owner }, e);
  };
  for (const [pn, plan] of procPlans) {
    const decl = table.procedures.get(pn)!;
    const frameNames = [...decl.params.map((x) => x.name.name), ...decl.locals.map((x) => x.name.name)];
    const list: { variable: string; init: (self: TlaExpr) => TlaExpr }[] = [];
    for (const prm of decl.params) list.push({ variable: plan.owner.vars.get(prm.name.name)!.tla, init: () => defaultValue(ctx, prm.type, lowerConst) });
    for (const l of decl.locals) list.push({ variable: plan.owner.vars.get(l.name.name)!.tla, init: (self) => initFor(l.init, l.type, self, plan.owner, frameNames) });
    for (const lv of plan.loopVarsDeclared) list.push({ variable: lv.variable, init: () => (lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([])) });
    ctx.frameVars.set(pn, list);
  }
  collectStoredFrames(ctx, [...plans, ...procPlans.values()]);

  // Actions, in Next order: each process's steps and its exit, then procedures, then Terminating.
  const runsWhen = new Map<string, TlaExpr>();
  for (const g of groupsDraft) {
    if (g.decl.runsWhen !== undefined) runsWhen.set(g.decl.name.name, lowerExpr(ctx, { ...topEnv(), self: name(INTERNAL_NAMES.self) }, g.decl.runsWhen));
  }
  const actions: ModelAction[] = [];
  const groupActions = new Map<string, string[]>();
  for (const g of groupsDraft) {
    const gn = g.decl.name.name;
    const plan = processPlans.get(gn)!;
    const rw = runsWhen.get(gn);
    const acts = lowerOwner(ctx, plan, rw ? [rw] : []);
    actions.push(...acts);
    const names = acts.map((a) => a.name);
    const procs = reach.get(gn)!;
    if (plan.hasExit || [...procs].some((pn) => procPlans.get(pn)?.hasExit)) {
      const exitName = uniqueName(exitStepName(gn), ctx.taken);
      let updates: { variable: string; value: TlaExpr }[] = [{ variable: INTERNAL_NAMES.pc, value: exceptSelf(INTERNAL_NAMES.pc, str(PC_EXITED)) }];
      for (const pn of procs) if (ctx.liveProcedures.has(pn)) updates = [...updates, { variable: liveVarName(pn), value: exceptSelf(liveVarName(pn), FALSE) }];
      for (const pn of procs) updates = [...updates, ...buryOnExit(ctx, pn, { ...topEnv(), self: name(INTERNAL_NAMES.self), boundNames: new Set([INTERNAL_NAMES.self]) })];
      actions.push({
        name: exitName,
        kind: 'exit',
        owner: { kind: 'process', name: gn },
        label: exitName,
        generatedLabel: true,
        pc: PC_EXITING,
        threads: name(g.constant),
        guards: [eq(fcnApp(name(INTERNAL_NAMES.pc), name(INTERNAL_NAMES.self)), str(PC_EXITING)), ...(rw ? [rw] : [])],
        body: { kind: 'leaf', updates },
        span: g.decl.name.span,
        text: `exit of ${gn}`,
        kernel: undefined,
      });
      names.push(exitName);
    }
    groupActions.set(gn, names);
  }
  const procActions = new Map<string, string[]>();
  for (const [pn, plan] of procPlans) {
    const callers = groupsOf(pn);
    const guards: TlaExpr[] = [];
    for (const g of callers) {
      const rw = runsWhen.get(g.decl.name.name);
      if (rw === undefined) continue;
      guards.push(callers.length === 1 ? rw : bin('=>', bin('\\in', name(INTERNAL_NAMES.self), name(g.constant)), rw));
    }
    const acts = lowerOwner(ctx, plan, guards);
    actions.push(...acts);
    procActions.set(pn, acts.map((a) => a.name));
  }
  const terminated = {
    kind: 'TlaQuant' as const,
    quantifier: '\\A' as const,
    variables: [uniqueName('t', new Set(ctx.taken))],
    set: allThreads,
    body: bin('\\in', fcnApp(name(INTERNAL_NAMES.pc), name(uniqueName('t', new Set(ctx.taken)))), setEnum([str(PC_DONE), str(PC_UNBORN), str(PC_EXITED)])),
  };
  actions.push({
    name: INTERNAL_NAMES.terminating,
    kind: 'terminating',
    owner: undefined,
    label: INTERNAL_NAMES.terminating,
    generatedLabel: true,
    pc: undefined,
    threads: undefined,
    guards: [terminated],
    body: { kind: 'leaf', updates: [] },
    span: undefined,
    text: 'every thread is done, unborn or exited',
    kernel: undefined,
  });

  // Properties.
  const properties: ModelProperty[] = [];
  const hasTemporal = table.properties.some((x) => x.kind === 'TemporalPropertyDecl');
  for (const pr of table.properties) {
    const tla = propNames.get(pr.name.name)!;
    let env: Env = topEnv();
    switch (pr.kind) {
      case 'InvariantDecl':
        properties.push({ name: tla, dslName: pr.name.name, kind: 'invariant', body: lowerExpr(ctx, env, pr.expr), span: pr.span });
        break;
      case 'CoverDecl':
        properties.push({ name: tla, dslName: pr.name.name, kind: 'cover', body: lowerExpr(ctx, env, pr.expr), span: pr.span });
        break;
      case 'ActionPropertyDecl':
        properties.push({ name: tla, dslName: pr.name.name, kind: 'action', body: { kind: 'TlaBoxAction', action: lowerExpr(ctx, env, pr.expr), vars: INTERNAL_NAMES.vars }, span: pr.span });
        break;
      case 'TemporalPropertyDecl': {
        // `forall t in S:` before the form quantifies the whole formula: `\A t \in S : (P ~> Q)`.
        const quants: { variables: string[]; set: TlaExpr }[] = [];
        for (const q of pr.quantifiers ?? []) {
          const set = lowerExpr(ctx, env, q.set);
          const variables: string[] = [];
          for (const b of q.binders) {
            const f = bindOne(ctx, env, b.name);
            variables.push(f.name);
            env = f.env;
          }
          quants.push({ variables, set });
        }
        const l = lowerExpr(ctx, env, pr.left);
        let body: TlaExpr;
        switch (pr.op) {
          case 'eventually':
            body = { kind: 'TlaTemporal', op: '<>', operand: l };
            break;
          case 'always_eventually':
            body = { kind: 'TlaTemporal', op: '[]', operand: { kind: 'TlaTemporal', op: '<>', operand: l } };
            break;
          case 'eventually_always':
            body = { kind: 'TlaTemporal', op: '<>', operand: { kind: 'TlaTemporal', op: '[]', operand: l } };
            break;
          case 'leadsto':
            body = bin('~>', l, pr.right ? lowerExpr(ctx, env, pr.right) : TRUE);
            break;
        }
        for (const q of quants.reverse()) body = { kind: 'TlaQuant', quantifier: '\\A', variables: q.variables, set: q.set, body };
        properties.push({ name: tla, dslName: pr.name.name, kind: 'temporal', body, span: pr.span });
        break;
      }
    }
  }
  properties.push(...ctx.builtinProperties);
  if (ctx.usesFrameCheck) {
    properties.push({
      name: uniqueName(FRAME_USE_AFTER_RETURN, ctx.taken),
      dslName: FRAME_USE_AFTER_RETURN,
      kind: 'builtin',
      body: bin('#', name(INTERNAL_NAMES.failure), str(FRAME_USE_AFTER_RETURN)),
      span: undefined,
    });
  }

  // Symmetry: only when sound (no liveness property).
  const symmetricGroups = groupsDraft.filter((g) => g.decl.symmetric);
  if (symmetricGroups.length > 0 && hasTemporal) {
    const tp = table.properties.find((x) => x.kind === 'TemporalPropertyDecl')!;
    for (const g of symmetricGroups) ctx.report('CS6003', g.decl.name.span, { name: g.decl.name.name, property: tp.name.name });
  }

  // Fairness per thread of fair groups (its procedures' steps included) and of fair procedures.
  const fairness: FairnessClause[] = [];
  for (const g of groupsDraft) {
    if (g.decl.fairness === 'none') continue;
    const gn = g.decl.name.name;
    const acts = [...groupActions.get(gn)!, ...[...reach.get(gn)!].flatMap((pn) => procActions.get(pn) ?? [])];
    fairness.push({ strength: g.decl.fairness === 'strong' ? 'SF' : 'WF', actionDef: uniqueName(threadActionName(gn), ctx.taken), actions: acts, threads: name(g.constant), what: `${g.decl.fairness === 'strong' ? 'strong' : 'weak'} fairness of process ${gn}` });
  }
  for (const [pn, owner] of ctx.procedureOwners) {
    const decl = table.procedures.get(pn)!;
    if (decl.fairness === 'none') continue;
    fairness.push({ strength: decl.fairness === 'strong' ? 'SF' : 'WF', actionDef: uniqueName(threadActionName(pn), ctx.taken), actions: procActions.get(pn) ?? [], threads: owner.threads, what: `${decl.fairness} fairness of procedure ${pn}` });
  }

  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics };

  // Variables: DSL globals, process locals, procedure frames, loop variables, then internal ones.
  const t = uniqueName('t', new Set(ctx.taken));
  const overThreads = (set: TlaExpr, body: TlaExpr): TlaExpr => ({ kind: 'TlaFcn', variable: t, set, body });
  const variables: ModelVariable[] = [];
  for (const g of table.globals) {
    const gv = ctx.globals.get(g.name.name)!;
    if (g.scope === 'thread') {
      const init = g.init !== undefined ? lowerExpr(ctx, { ...topEnv(), self: name(t) }, g.init) : defaultValue(ctx, g.type, lowerConst);
      variables.push({ name: gv.tla, dslName: g.name.name, scope: 'thread', perThread: true, init: overThreads(allThreads, init), span: g.span });
    } else {
      const init = g.init !== undefined ? lowerExpr(ctx, topEnv(), g.init) : defaultValue(ctx, g.type, lowerConst);
      variables.push({ name: gv.tla, dslName: g.name.name, scope: 'shared', perThread: false, init, span: g.span });
    }
  }
  for (const plan of plans) {
    const decl = plan.owner.decl;
    for (const l of decl.locals) {
      const lv = plan.owner.vars.get(l.name.name)!;
      const init = l.init !== undefined ? lowerExpr(ctx, { ...topEnv(), self: name(t) }, l.init) : defaultValue(ctx, l.type, lowerConst);
      variables.push({ name: lv.tla, dslName: l.name.name, scope: 'process', owner: plan.owner.name, perThread: true, init: overThreads(plan.owner.threads, init), span: l.span });
    }
    for (const lv of plan.loopVarsDeclared) {
      variables.push({ name: lv.variable, dslName: lv.dsl, scope: lv.kind === 'binder' ? 'process' : 'internal', owner: plan.owner.name, perThread: true, init: overThreads(plan.owner.threads, lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([])), span: lv.span, ...(lv.kind === 'set' ? { note: 'for loop' } : {}) });
    }
  }
  for (const [pn, plan] of procPlans) {
    const decl = table.procedures.get(pn)!;
    const fvs = ctx.frameVars.get(pn)!;
    const spanOf = (dsl: string): Model['variables'][number]['span'] => decl.params.find((x) => x.name.name === dsl)?.span ?? decl.locals.find((x) => x.name.name === dsl)?.span;
    for (const [dsl, lv] of plan.owner.vars) {
      const fv = fvs.find((f) => f.variable === lv.tla)!;
      variables.push({ name: lv.tla, dslName: dsl, scope: 'frame', owner: pn, perThread: true, init: overThreads(allThreads, fv.init(name(t))), span: spanOf(dsl) });
    }
    for (const lv of plan.loopVarsDeclared) {
      variables.push({ name: lv.variable, dslName: lv.dsl, scope: lv.kind === 'binder' ? 'frame' : 'internal', owner: pn, perThread: true, init: overThreads(allThreads, lv.kind === 'binder' ? name(INTERNAL_NAMES.none) : setEnum([])), span: lv.span, ...(lv.kind === 'set' ? { note: 'for loop' } : {}) });
    }
  }
  let pcInit: TlaExpr = str(PC_DONE);
  for (let i = groupsDraft.length - 1; i >= 0; i--) {
    const g = groupsDraft[i]!;
    const first = ctx.groupStarts.get(g.decl.name.name)!.first;
    const start = g.spareConstant !== undefined ? ite(bin('\\in', name(t), name(g.spareConstant)), str(PC_UNBORN), str(first)) : str(first);
    pcInit = i === groupsDraft.length - 1 ? start : ite(bin('\\in', name(t), name(g.constant)), start, pcInit);
  }
  variables.push({ name: INTERNAL_NAMES.pc, dslName: INTERNAL_NAMES.pc, scope: 'internal', perThread: true, init: overThreads(allThreads, pcInit), span: undefined, note: 'next step of each thread' });
  if (procPlans.size > 0) {
    variables.push({ name: INTERNAL_NAMES.stack, dslName: INTERNAL_NAMES.stack, scope: 'internal', perThread: true, init: overThreads(allThreads, tuple([])), span: undefined, note: 'call stack: call sites to return to' });
  }
  for (const pn of procPlans.keys()) {
    if (ctx.liveProcedures.has(pn)) variables.push({ name: liveVarName(pn), dslName: liveVarName(pn), scope: 'internal', owner: pn, perThread: true, init: overThreads(allThreads, FALSE), span: undefined, note: `whether the thread's frame of ${pn} is alive` });
  }
  variables.push({ name: INTERNAL_NAMES.failure, dslName: INTERNAL_NAMES.failure, scope: 'internal', perThread: false, init: str(''), span: undefined, note: 'the failed assertion or built-in check, "" while none' });

  // Drop variables nothing reads or writes; then definitions nothing refers to.
  const used = new Set<string>();
  const collectTree = (tr: ActTree): void => {
    switch (tr.kind) {
      case 'leaf':
        for (const u of tr.updates) {
          if (u.inherited) continue;
          used.add(u.variable);
          referencedNames(u.value, used);
        }
        break;
      case 'guard':
        referencedNames(tr.cond, used);
        collectTree(tr.body);
        break;
      case 'or':
        tr.branches.forEach(collectTree);
        break;
      case 'exists':
        referencedNames(tr.set, used);
        collectTree(tr.body);
        break;
    }
  };
  for (const a of actions) {
    a.guards.forEach((g) => referencedNames(g, used));
    collectTree(a.body);
  }
  for (const pr of properties) referencedNames(pr.body, used);
  const defsUsed = (): void => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const d of ctx.defs.values()) {
        if (!used.has(d.name)) continue;
        const before = used.size;
        referencedNames(d.body, used);
        if (used.size !== before) changed = true;
      }
      for (const vv of variables) {
        if (!used.has(vv.name)) continue;
        const before = used.size;
        referencedNames(vv.init, used);
        if (used.size !== before) changed = true;
      }
    }
  };
  defsUsed();
  const keptVars = variables.filter((vv) => used.has(vv.name));
  const kept = new Set(keptVars.map((vv) => vv.name));

  // The range check covers only kept variables (it must not keep a pruned one alive); what its
  // bounds refer to (consts, None) is then used too.
  const declaredTypes = new Map<string, Parameters<typeof defaultValue>[1]>();
  for (const g of ctx.globals.values()) declaredTypes.set(g.tla, g.type);
  for (const plan of [...plans, ...procPlans.values()]) for (const lv of plan.owner.vars.values()) declaredTypes.set(lv.tla, lv.type);
  const rangeChecked = keptVars.filter((vv) => vv.scope !== 'internal' && declaredTypes.has(vv.name));
  const outOfRange = rangeProperty(ctx, rangeChecked.map((vv) => ({ variable: vv.name, dslName: vv.dslName, owner: vv.owner, perThread: vv.perThread, type: declaredTypes.get(vv.name), span: vv.span })));
  if (outOfRange !== undefined) {
    properties.push(outOfRange);
    referencedNames(outOfRange.body, used);
    defsUsed();
  }
  const pruneTree = (tr: ActTree): ActTree => {
    switch (tr.kind) {
      case 'leaf':
        return { kind: 'leaf', updates: tr.updates.filter((u) => kept.has(u.variable)) };
      case 'guard':
        return { ...tr, body: pruneTree(tr.body) };
      case 'or':
        return { ...tr, branches: tr.branches.map(pruneTree) };
      case 'exists':
        return { ...tr, body: pruneTree(tr.body) };
    }
  };
  const finalActions = actions.map((a) => ({ ...a, body: pruneTree(a.body) }));

  // Definitions in declaration order, each after the ones it uses.
  const defOrder: ModelDef[] = [];
  const placed = new Set<string>();
  const declOrder = [...table.consts.keys(), ...table.defs.keys()].map((n) => ctx.defNames.get(n)!).filter((n) => ctx.defs.has(n) && used.has(n));
  const place = (n: string, stack: Set<string>): void => {
    if (placed.has(n) || stack.has(n)) return;
    const d = ctx.defs.get(n);
    if (d === undefined) return;
    stack.add(n);
    for (const r of referencedNames(d.body)) if (ctx.defs.has(r)) place(r, stack);
    placed.add(n);
    defOrder.push(d);
  };
  declOrder.forEach((n) => place(n, new Set()));

  const constants: ModelConstant[] = [];
  for (const prm of table.params) {
    const val = ctx.params[prm.name.name]!;
    constants.push({
      name: tlaIdent(prm.name.name),
      kind: 'param',
      dslName: prm.name.name,
      value: typeof val === 'number' ? { kind: 'int', value: val } : typeof val === 'boolean' ? { kind: 'bool', value: val } : { kind: 'string', value: val },
      span: prm.span,
    });
  }
  const groups: ModelGroup[] = [];
  for (const g of groupsDraft) {
    const gn = g.decl.name.name;
    constants.push({ name: g.constant, kind: 'group', dslName: gn, value: { kind: 'modelValues', names: [...g.members, ...g.spare] }, span: g.decl.name.span });
    if (g.spareConstant !== undefined) constants.push({ name: g.spareConstant, kind: 'spare', dslName: gn, value: { kind: 'modelValues', names: g.spare }, span: g.decl.spare!.span });
    groups.push({
      name: gn,
      constant: g.constant,
      members: [...g.members, ...g.spare],
      spare: g.spare,
      spareConstant: g.spareConstant,
      fairness: g.decl.fairness,
      symmetric: g.decl.symmetric,
      firstStep: ctx.groupStarts.get(gn)!.first,
      actions: [...groupActions.get(gn)!, ...[...reach.get(gn)!].flatMap((pn) => procActions.get(pn) ?? [])],
      span: g.decl.span,
    });
  }
  const usesNone = used.has(INTERNAL_NAMES.none) || keptVars.some((vv) => referencedNames(vv.init).has(INTERNAL_NAMES.none));
  if (usesNone) constants.push({ name: INTERNAL_NAMES.none, kind: 'none', dslName: 'none', value: { kind: 'modelValue', name: INTERNAL_NAMES.none }, span: undefined });
  // Tombstones of frames (src/model/frame-identity.ts): one model value per procedure, outside every group.
  for (const dead of usedTombstones(ctx, finalActions)) constants.push({ name: dead, kind: 'tombstone', dslName: dead, value: { kind: 'modelValue', name: dead }, span: undefined });

  const model: Model = {
    specName: table.specName,
    specFile: table.specFile,
    variant: variantName,
    moduleName: moduleName(table.specName, variantName),
    params: ctx.params,
    paramOverrides: p.params.overrides,
    constants,
    defs: defOrder,
    variables: keptVars,
    groups,
    actions: finalActions,
    fairness,
    properties,
    symmetry: symmetricGroups.length > 0,
    usesSequences: ctx.usesSequences,
    usesFiniteSets: ctx.usesFiniteSets,
  };
  return { ok: true, model, warnings: [] };
}

/** `[v EXCEPT ![self] = value]`. */
function exceptSelf(variable: string, value: TlaExpr): TlaExpr {
  return { kind: 'TlaExcept', base: name(variable), clauses: [{ path: [{ kind: 'index', index: name(INTERNAL_NAMES.self) }], value }] };
}
