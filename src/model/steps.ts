// The actions of one owner (process body or procedure) from its step plan: one action per step,
// two for a `for` loop (entry and later iterations) and for a fault point (success, failure),
// plus the implicit return of a procedure. Takes the context and an OwnerPlan; returns actions
// in source order. Reports what it cannot lower.

import type { ProcedureDecl, Stmt, UnreachableMark } from '../syntax/ast.js';
import { at } from '../source/checked-index.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, assertInvariantName, liveVarName } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { ActTree, ActionKind, ElseOutcome, KernelLink, ModelAction } from './ir.js';
import { type BoundRef, type Env, bindOne, readVar } from './env.js';
import { lowerExpr } from './lower-expr.js';
import { type StmtCases, type StmtOf, childExprs, onStmt } from '../syntax/visit.js';
import type { ForExit, LoopPlan, OwnerPlan, PlannedStep } from './plan.js';
import { ifConditions } from './plan.js';
import { macroCallIn } from './macro-calls.js';
import { execReturn, pushSite } from './procedure-return.js';
import { calledProcedure } from './resolve-name.js';
import type { StepCtx } from './step-ctx.js';
import { assignSelf, leafOf, withChecks } from './sym-state.js';
import { execStmt, faultHandler, withMacroResult } from './symbolic.js';
import { TRUE, bin, eq, fcnApp, ite, name, not, setEnum, str, walkTla } from './tla-build.js';
import { lockOpsOf } from '../check/lock-classes.js';
import { stepCalls } from './step-calls.js';

/** The statement's text as written, first line only, whitespace collapsed. */
export function statementText(ctx: LowerContext, span: Span): string {
  const text = ctx.table.texts.get(span.file);
  if (text === undefined) return '';
  const raw = text.slice(span.start.offset, span.end.offset);
  // The statement as a reader looks for it: the step's own text, without the `@kernel(...)`
  // link and the label written before it (the trace shows those separately).
  const body = raw
    .replace(/^@kernel\s*\([^)]*\)\s*/, '')
    .replace(/^[A-Za-z_][A-Za-z0-9_]*\s*:(?!=)\s*/, '');
  const line = body.split(/\r?\n/)[0] ?? '';
  return line.replace(/\s+/g, ' ').trim();
}

function kernelOf(s: Stmt): KernelLink | undefined {
  if (s.kernel === undefined) return undefined;
  return {
    file: s.kernel.file,
    ...(s.kernel.func !== undefined ? { func: s.kernel.func } : {}),
    ...(s.kernel.commit !== undefined ? { commit: s.kernel.commit } : {}),
  };
}

/** The environment a step of `plan`'s owner starts in. */
export function stepEnv(plan: OwnerPlan, loopVars: PlannedStep['loopVars']): Env {
  const bound = new Map<string, BoundRef>();
  for (const [dsl, v] of loopVars) bound.set(dsl, { kind: 'loopVar', variable: v.variable });
  return {
    owner: plan.owner,
    self: name(INTERNAL_NAMES.self),
    bound,
    macroArgs: new Map(),
    boundNames: new Set([INTERNAL_NAMES.self]),
    state: { values: new Map() },
    primed: false,
    checks: undefined,
  };
}

function endAtOf(next: TlaExpr, exits?: readonly ForExit[]): (e: Env) => ActTree {
  return (e) => leafOf(assignSelf(leaveLoops(e, next, exits), INTERNAL_NAMES.pc, next));
}

/**
 * A step moving to the exit of an enclosing `for` left it through `break`: the loop variable
 * goes back to None and the hidden set to {}, as when the loop ends by itself. `target` is the
 * pc value the step moves to (a string, or IF-THEN-ELSE over strings).
 */
function leaveLoops(e: Env, target: TlaExpr, exits: readonly ForExit[] | undefined): Env {
  if (exits === undefined) return e;
  const reachable = new Set<string>();
  walkTla(target, (x) => {
    if (x.kind === 'TlaStr') reachable.add(x.value);
  });
  const self = e.self ?? name(INTERNAL_NAMES.self);
  for (const x of exits) {
    if (!reachable.has(x.exit)) continue;
    const always = target.kind === 'TlaStr';
    const left = eq(target, str(x.exit));
    const reset = (variable: string, value: TlaExpr): void => {
      e = assignSelf(
        e,
        variable,
        always ? value : ite(left, value, fcnApp(readVar(e, variable), self)),
      );
    };
    reset(x.binderVar, name(INTERNAL_NAMES.none));
    reset(x.setVar, setEnum([]));
  }
  return e;
}

/**
 * The pc value after an `if` chain whose conditions call value-returning macros: each such
 * condition runs its macro's body (only when the conditions before it failed), then is tested
 * in the state the body left.
 */
function ifChainWithMacros(
  ctx: LowerContext,
  sc: StepCtx,
  conds: readonly Extract<Stmt, { kind: 'IfStmt' }>[],
  firsts: readonly string[],
  env: Env,
  end: (target: TlaExpr) => (e: Env) => ActTree,
): ActTree {
  const first = (i: number): TlaExpr => str(at(firsts, i, 'the first step of a branch'));
  const from = (i: number, e: Env): ActTree => {
    const cond = conds[i];
    if (cond === undefined) return end(first(firsts.length - 1))(e);
    return withMacroResult(ctx, sc, cond.cond, e, (after) => {
      const checks: TlaExpr[] = [];
      const c = lowerExpr(ctx, { ...after, checks }, cond.cond);
      return withChecks(ctx, checks, () => ({
        kind: 'or',
        branches: [
          { kind: 'guard', cond: c, body: end(first(i))(after) },
          { kind: 'guard', cond: not(c), body: from(i + 1, after) },
        ],
      }));
    });
  };
  return from(0, env);
}

/** Builds one action of a step (or of the implicit return, `step` undefined) of the plan's owner. */
type MakeAction = (
  step: PlannedStep | undefined,
  actionName: string,
  pcValue: string,
  kind: ActionKind,
  body: ActTree,
  span: Span,
  extra?: Partial<ModelAction>,
) => ModelAction;

/** The action builder of one owner: its pc test first, then `extraGuards`. */
function actionMaker(
  ctx: LowerContext,
  plan: OwnerPlan,
  extraGuards: readonly TlaExpr[],
): MakeAction {
  const owner = { kind: plan.owner.kind, name: plan.owner.name } as const;
  const pcIs = (v: string): TlaExpr =>
    eq(fcnApp(name(INTERNAL_NAMES.pc), name(INTERNAL_NAMES.self)), str(v));
  return (step, actionName, pcValue, kind, body, span, extra = {}) => ({
    name: actionName,
    kind,
    owner,
    label: step?.label ?? actionName,
    generatedLabel: step?.generated ?? true,
    pc: pcValue,
    threads: plan.owner.threads,
    guards: [pcIs(pcValue), ...extraGuards],
    body,
    span,
    text: statementText(ctx, span),
    kernel: step !== undefined ? kernelOf(step.stmt) : undefined,
    ...callsOfStep(ctx, step),
    ...unreachableOf(step?.stmt, extra.outcome),
    ...lockOpsOfStep(step),
    ...extra,
  });
}

/** The macro calls of an atomic step, for the diagram views (step-calls.ts). */
function callsOfStep(ctx: LowerContext, step: PlannedStep | undefined): Pick<ModelAction, 'calls'> {
  const calls = step === undefined ? undefined : stepCalls(ctx, step.stmt);
  return calls === undefined ? {} : { calls };
}

/** The lock classes a step takes, waits on, completes or releases, in order (lock-classes.ts). */
function lockOpsOfStep(step: PlannedStep | undefined): Pick<ModelAction, 'lockOps'> {
  const found = step === undefined ? [] : lockOpsOf(step.stmt);
  return found.length === 0 ? {} : { lockOps: found };
}

/** The mark an action of `stmt` carries: a fault point's failure half has its own. */
function unreachableOf(
  stmt: Stmt | undefined,
  outcome: ModelAction['outcome'],
): Pick<ModelAction, 'unreachable'> {
  const mark =
    outcome === 'failed' && stmt?.kind === 'FaultStmt'
      ? stmt.failureUnreachable
      : stmt?.unreachable;
  return mark === undefined ? {} : { unreachable: { reason: mark.reason, span: mark.span } };
}

/** Lowers every step of one owner. `guards` are extra conjuncts for every action (the pc test comes first). */
export function lowerOwner(
  ctx: LowerContext,
  plan: OwnerPlan,
  extraGuards: readonly TlaExpr[],
): ModelAction[] {
  const make = actionMaker(ctx, plan, extraGuards);
  const out = plan.steps.flatMap((step) => lowerStep(ctx, plan, step, make));
  if (plan.implicitReturn !== undefined) {
    const env = stepEnv(plan, new Map());
    const r = plan.implicitReturn;
    const a = make(
      undefined,
      r.name,
      r.name,
      'return',
      execReturn(ctx, env, undefined, r.span),
      r.span,
    );
    out.push({ ...a, text: `end of procedure ${plan.owner.name}` });
  }
  return out;
}

/** What lowering one planned step needs: where it starts, what comes after, how to build actions. */
interface StepLowering {
  readonly ctx: LowerContext;
  readonly step: PlannedStep;
  readonly env: Env;
  readonly sc: StepCtx;
  /** Moves pc to `target`, leaving the loops the step jumps out of. */
  readonly endAt: (target: TlaExpr) => (e: Env) => ActTree;
  readonly make: MakeAction;
  /** The step's one action of kind `kind`, its body `tree`. */
  readonly action: (kind: ActionKind, tree: ActTree, extra?: Partial<ModelAction>) => ModelAction;
}

/** The actions of one planned step: one, or two for a `for` loop and a fault point. */
function lowerStep(
  ctx: LowerContext,
  plan: OwnerPlan,
  step: PlannedStep,
  make: MakeAction,
): ModelAction[] {
  const s = step.stmt;
  const sl: StepLowering = {
    ctx,
    step,
    env: stepEnv(plan, step.loopVars),
    sc: {
      assertName: assertInvariantName(step.name),
      assertLabel: step.label,
      span: s.span,
      innerFaults: [],
    },
    endAt: (target) => endAtOf(target, step.forExits),
    make,
    action: (kind, tree, extra) => make(step, step.name, step.name, kind, tree, s.span, extra),
  };
  return onStmt(s, STEP_ACTIONS, sl);
}

/** A step that runs its statement and moves on, as an action of `kind`. */
function simpleStep(kind: ActionKind): (s: Stmt, sl: StepLowering) => ModelAction[] {
  return (s, { ctx, step, env, sc, endAt, action }) => [
    action(kind, execStmt(ctx, sc, s, env, endAt(str(step.next))), innerFaults(sc)),
  ];
}

const STEP_ACTIONS: StmtCases<ModelAction[], [StepLowering]> = {
  IfStmt: (s, sl) => [lowerIf(sl, s)],
  WhileStmt: (s, { ctx, step, env, sc, endAt, action }) => {
    // A value-returning macro in the condition runs its body first, in the same step.
    const tree = withMacroResult(ctx, sc, s.cond, env, (env) => {
      const checks: TlaExpr[] = [];
      const c = lowerExpr(ctx, { ...env, checks }, s.cond);
      return withChecks(ctx, checks, () =>
        endAt(ite(c, str(firstBranch(ctx, step)), str(step.next)))(env),
      );
    });
    return [action('control', tree, { ...innerFaults(sc), ...elseOutcome(step, s) })];
  },
  EitherStmt: (_s, { step, env, endAt, action }) => [
    action('control', { kind: 'or', branches: step.branchFirsts.map((f) => endAt(str(f))(env)) }),
  ],
  ForStmt: (s, { ctx, step, env, make }) => lowerFor(ctx, step, s, env, make),
  CallStmt: (s, sl) => {
    const p = calledProcedure(sl.ctx, s.callee);
    if (p === undefined) return simpleStep('step')(s, sl);
    return [sl.action('call', lowerCall(sl.ctx, sl.step, p, s, sl.env))];
  },
  ReturnStmt: (s, { ctx, env, sc, action }) => [
    action('return', execReturn(ctx, env, s.value, s.span), innerFaults(sc)),
  ],
  FaultStmt: (s, sl) => lowerFault(sl, s),
  CloneStmt: simpleStep('clone'),
  ExitStmt: simpleStep('exit'),
  AssignStmt: simpleStep('step'),
  AnyAssignStmt: simpleStep('step'),
  AwaitStmt: (s, sl) =>
    simpleStep('step')(s, sl).map((a) => ({
      ...a,
      elseOutcome: { test: 'await' as const, pc: sl.step.name, ...markOf(s.elseUnreachable) },
    })),
  AssertStmt: simpleStep('step'),
  SkipStmt: simpleStep('step'),
  AtomicStmt: simpleStep('step'),
  BreakStmt: simpleStep('step'),
  ContinueStmt: simpleStep('step'),
  ErrorStmt: simpleStep('step'),
};

/** A fault point: the action where the statement succeeds and the one where it fails. */
function lowerFault(
  { ctx, step, env, sc, endAt, make, action }: StepLowering,
  s: StmtOf<'FaultStmt'>,
): ModelAction[] {
  const next = str(step.next);
  const ok = execStmt(ctx, sc, s.body, env, endAt(next));
  const succeeded = action('step', ok, { outcome: 'succeeded', ...innerFaults(sc) });
  const sc2: StepCtx = { ...sc, innerFaults: [] };
  const fail = faultHandler(ctx, sc2, s, env, endAt(next));
  const failName =
    step.failName ?? ctx.inconsistent(s.span, 'a fault point the step plan gave no failure action');
  return [
    succeeded,
    make(step, failName, step.name, 'fault-handler', fail, s.span, {
      outcome: 'failed',
      ...innerFaults(sc2),
    }),
  ];
}

/** The first step of a loop's or branch's body, as planned. */
function firstBranch(ctx: LowerContext, step: PlannedStep, i = 0): string {
  return (
    step.branchFirsts[i] ?? ctx.inconsistent(step.stmt.span, 'a step the plan gave no successor')
  );
}

/** An `if` chain: one control action moving to the first step of the branch whose condition holds. */
function lowerIf(
  { ctx, step, env, sc, endAt, action }: StepLowering,
  s: StmtOf<'IfStmt'>,
): ModelAction {
  const { conds } = ifConditions(s);
  if (conds.some((c) => macroCallIn(ctx, c.cond) !== undefined)) {
    return action('control', ifChainWithMacros(ctx, sc, conds, step.branchFirsts, env, endAt), {
      ...innerFaults(sc),
      ...elseOutcome(step, s),
    });
  }
  const checks: TlaExpr[] = [];
  const cs = conds.map((c) => lowerExpr(ctx, { ...env, checks }, c.cond));
  let target: TlaExpr = str(firstBranch(ctx, step, step.branchFirsts.length - 1));
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i];
    if (c !== undefined) target = ite(c, str(firstBranch(ctx, step, i)), target);
  }
  return action(
    'control',
    withChecks(ctx, checks, () => endAt(target)(env)),
    elseOutcome(step, s),
  );
}

/**
 * The failing outcome of an `if` or `while` test, where it moves on to the statement after it
 * and no branch of its own starts there (an `if` without `else`, a loop's exit): taking the
 * step does not show it was ever taken, so the search watches it. Nothing for a test whose
 * every outcome starts a block of its own (each block's first step shows it).
 */
function elseOutcome(
  step: PlannedStep,
  s: StmtOf<'IfStmt'> | StmtOf<'WhileStmt'>,
): Pick<ModelAction, 'elseOutcome'> {
  const targets = step.branchFirsts;
  // An `if`'s last target is its else (step.next when it has none); a loop's exit is step.next.
  const own = s.kind === 'IfStmt' ? targets.slice(0, -1) : targets;
  if (s.kind === 'IfStmt' && targets[targets.length - 1] !== step.next) return {};
  if (own.includes(step.next)) return {};
  // On an `else if` chain, the mark stands after the last `if` of the chain.
  const mark = (s.kind === 'IfStmt' ? ifConditions(s).conds.at(-1) : s)?.elseUnreachable;
  return {
    elseOutcome: {
      test: s.kind === 'IfStmt' ? 'if' : 'while',
      pc: step.next,
      ...(mark === undefined ? {} : { unreachable: { reason: mark.reason, span: mark.span } }),
    },
  };
}

/** An `else unreachable` mark as an outcome carries it. */
function markOf(mark: UnreachableMark | undefined): Pick<ElseOutcome, 'unreachable'> {
  return mark === undefined ? {} : { unreachable: { reason: mark.reason, span: mark.span } };
}

function innerFaults(sc: StepCtx): Partial<ModelAction> {
  return sc.innerFaults.length > 0 ? { innerFaults: [...sc.innerFaults] } : {};
}

/**
 * A `for` loop is two actions: the entry (reads the set, picks the first element or leaves) and
 * the later iteration choices. Snapshot keeps the elements still to visit; live keeps those
 * visited and re-reads the set each time. On leaving, the loop variable goes back to None and
 * the hidden set to {}, so states after the loop do not remember it.
 */
function lowerFor(
  ctx: LowerContext,
  step: PlannedStep,
  s: StmtOf<'ForStmt'>,
  env: Env,
  make: MakeAction,
): ModelAction[] {
  const loop =
    step.loop ?? ctx.inconsistent(s.span, 'a `for` step the plan gave no loop variables');
  const bodyFirst = str(firstBranch(ctx, step));
  const checks: TlaExpr[] = [];
  const set = lowerExpr(ctx, { ...env, checks }, s.set);
  const { entry, iter } = forTrees({ ctx, step, s, env, loop, bodyFirst }, set);
  return [
    make(
      step,
      step.name,
      step.name,
      'control',
      withChecks(ctx, checks, () => entry),
      s.span,
      // Entered with nothing to iterate: the body's first step does not show that outcome.
      firstBranch(ctx, step) === step.next
        ? {}
        : { elseOutcome: { test: 'for', pc: step.next, ...markOf(s.elseUnreachable) } },
    ),
    make(
      step,
      loop.nextName,
      loop.nextName,
      'control',
      loop.mode === 'live' ? withChecks(ctx, [...checks], () => iter) : iter,
      s.span,
    ),
  ];
}

/** What both trees of a `for` step are built from. */
interface ForLoop {
  readonly ctx: LowerContext;
  readonly step: PlannedStep;
  readonly s: StmtOf<'ForStmt'>;
  readonly env: Env;
  readonly loop: LoopPlan;
  /** The pc of the body's first step. */
  readonly bodyFirst: TlaExpr;
}

/**
 * The entry tree (the set empty: go past the loop; else pick an element) and the iteration tree
 * (nothing left: leave, resetting the loop variables; else pick the next one), for `set` as lowered.
 */
function forTrees(f: ForLoop, set: TlaExpr): { entry: ActTree; iter: ActTree } {
  const { ctx, step, s, env, loop, bodyFirst } = f;
  const leave = (e: Env, resetSet: boolean): ActTree => {
    let x = assignSelf(e, loop.binderVar, name(INTERNAL_NAMES.none));
    if (resetSet) x = assignSelf(x, loop.setVar, setEnum([]));
    return leafOf(assignSelf(x, INTERNAL_NAMES.pc, str(step.next)));
  };
  const choose = (e: Env, pool: TlaExpr, nextSet: (v: TlaExpr) => TlaExpr): ActTree => {
    const b = bindOne(ctx, e, s.binder.name);
    const v = name(b.name);
    let x: Env = { ...e, boundNames: b.env.boundNames };
    x = assignSelf(x, loop.binderVar, v);
    x = assignSelf(x, loop.setVar, nextSet(v));
    x = assignSelf(x, INTERNAL_NAMES.pc, bodyFirst);
    return { kind: 'exists', variable: b.name, set: pool, body: leafOf(x) };
  };
  const guarded = (cond: TlaExpr, t: ActTree): ActTree => ({ kind: 'guard', cond, body: t });
  const empty = (x: TlaExpr): TlaExpr => eq(x, setEnum([]));
  const or = (...branches: ActTree[]): ActTree => ({ kind: 'or', branches });
  const skip = guarded(empty(set), leafOf(assignSelf(env, INTERNAL_NAMES.pc, str(step.next))));
  const setVarSelf = fcnApp(readVar(env, loop.setVar), name(INTERNAL_NAMES.self));
  if (loop.mode === 'snapshot') {
    const entry = or(
      skip,
      choose(env, set, (v) => bin('\\', set, setEnum([v]))),
    );
    const iter = or(
      guarded(empty(setVarSelf), leave(env, false)),
      choose(env, setVarSelf, (v) => bin('\\', setVarSelf, setEnum([v]))),
    );
    return { entry, iter };
  }
  const rest = bin('\\', set, setVarSelf);
  const entry = or(
    skip,
    choose(env, set, (v) => setEnum([v])),
  );
  const iter = or(
    guarded(empty(rest), leave(env, true)),
    choose(env, rest, (v) => bin('\\cup', setVarSelf, setEnum([v]))),
  );
  return { entry, iter };
}

/** A procedure call: push the return point, bind the parameters, set computed locals, enter the body. */
function lowerCall(
  ctx: LowerContext,
  step: PlannedStep,
  p: ProcedureDecl,
  s: Extract<Stmt, { kind: 'CallStmt' }>,
  env: Env,
): ActTree {
  const calleeOwner = ctx.procedureOwners.get(p.name.name);
  if (p.params.length !== s.args.length)
    ctx.inconsistent(
      s.span,
      `procedure \`${p.name.name}\` called with ${s.args.length} arguments, not ${p.params.length} (CS3002)`,
    );
  const checks: TlaExpr[] = [];
  const args = s.args.map((a) => lowerExpr(ctx, { ...env, checks }, a));
  return withChecks(ctx, checks, () => {
    let e = assignSelf(env, INTERNAL_NAMES.stack, pushSite(env, step.name));
    ctx.usesSequences = true;
    const bound = new Map<string, BoundRef>();
    p.params.forEach((param, i) => {
      const v = args[i] ?? TRUE;
      bound.set(param.name.name, { kind: 'expr', expr: v });
      const tla = calleeOwner?.vars.get(param.name.name)?.tla;
      if (tla !== undefined) e = assignSelf(e, tla, v);
    });
    for (const local of p.locals) {
      const tla = calleeOwner?.vars.get(local.name.name)?.tla;
      if (tla === undefined) continue;
      if (
        local.init !== undefined &&
        !isConstantInit(
          ctx,
          local.init,
          p.params.map((x) => x.name.name).concat(p.locals.map((x) => x.name.name)),
        )
      ) {
        const initEnv: Env = {
          ...e,
          owner: undefined,
          bound: new Map(bound),
          macroArgs: new Map(),
          checks: undefined,
        };
        const v = lowerExpr(ctx, initEnv, local.init);
        bound.set(local.name.name, { kind: 'expr', expr: v });
        e = assignSelf(e, tla, v);
      }
    }
    if (ctx.liveProcedures.has(p.name.name))
      e = assignSelf(e, liveVarName(p.name.name), { kind: 'TlaBool', value: true });
    const first = ctx.procedureFirst.get(p.name.name) ?? 'Done';
    return leafOf(assignSelf(e, INTERNAL_NAMES.pc, str(first)));
  });
}

/**
 * An initial value that is the same at every call: no frame names, no variables, no `self`,
 * no calls. Such locals keep it from Init and from the reset at return; others are set at the call.
 */
export function isConstantInit(
  ctx: LowerContext,
  e: import('../syntax/ast.js').Expr,
  frameNames: readonly string[],
): boolean {
  let ok = true;
  const visit = (x: import('../syntax/ast.js').Expr): void => {
    if (!ok) return;
    if (
      x.kind === 'SelfExpr' ||
      x.kind === 'FrameExpr' ||
      x.kind === 'CallExpr' ||
      x.kind === 'ArrowExpr'
    )
      ok = false;
    if (x.kind === 'NameExpr' && (frameNames.includes(x.name.name) || ctx.globals.has(x.name.name)))
      ok = false;
    for (const c of childExprs(x)) visit(c);
  };
  visit(e);
  return ok;
}
