// Symbolic execution of the statements of one step. Sequential assignments become substitutions
// (a later read sees the earlier write), `if` becomes IF-THEN-ELSE per assigned variable when
// its branches only assign (linear-stmts.ts), and a fork otherwise; `either`, `any`, `clone` and
// fault points become disjunctions and `\E`; `await` becomes a guard; macros run inline. Returns
// an ActTree; reports what it cannot lower. The step's last action (moving pc) is the
// continuation the caller passes in.

import type { Expr, MacroDecl, Stmt } from '../syntax/ast.js';
import { type StmtCases, type StmtOf, onStmt } from '../syntax/visit.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, PC_EXITING } from '../tla/names.js';
import { execClone } from './clone.js';
import type { LowerContext } from './context.js';
import { type Env, bindOne, readVar } from './env.js';
import type { ActTree } from './ir.js';
import { elseStmts, execParallelFor, isLinear, mergeIf } from './linear-stmts.js';
import { defCallAsAssign, macroBody, macroCallIn, macroEnv } from './macro-calls.js';
import { execReturn } from './procedure-return.js';
import { calledMacro } from './resolve-name.js';
import { type Cont, type StepCtx, registerAssert } from './step-ctx.js';
import {
  assign,
  assignSelf,
  bindersIn,
  guard,
  leafOf,
  lowerChecked,
  lvalueChecked,
  withChecks,
} from './sym-state.js';
import { ite, name, not, str } from './tla-build.js';

/** Executes `stmts` in order, then `k`. */
export function execStmts(
  ctx: LowerContext,
  sc: StepCtx,
  stmts: readonly Stmt[],
  env: Env,
  k: Cont,
): ActTree {
  const [first, ...rest] = stmts;
  if (first === undefined) return k(env);
  return execStmt(ctx, sc, first, env, (e) => execStmts(ctx, sc, rest, e, k));
}

/** Executes one statement inside a step. */
export function execStmt(ctx: LowerContext, sc: StepCtx, s: Stmt, env: Env, k: Cont): ActTree {
  return onStmt(s, EXEC, ctx, sc, env, k);
}

/** A statement that does nothing within a step. */
const passOn = (_s: Stmt, _ctx: LowerContext, _sc: StepCtx, env: Env, k: Cont): ActTree => k(env);

const EXEC: StmtCases<ActTree, [LowerContext, StepCtx, Env, Cont]> = {
  ErrorStmt: passOn,
  SkipStmt: passOn,
  AssignStmt: (s, ctx, _sc, env, k) => {
    const checks: TlaExpr[] = [];
    const value = lowerChecked(ctx, env, s.value, checks);
    const lv = lvalueChecked(ctx, env, s.target, checks);
    return withChecks(ctx, checks, () => k(lv === undefined ? env : assign(env, lv, value)));
  },
  AssertStmt: (s, ctx, sc, env, k) => {
    const checks: TlaExpr[] = [];
    const cond = lowerChecked(ctx, env, s.cond, checks);
    registerAssert(ctx, sc);
    const failure = readVar(env, INTERNAL_NAMES.failure);
    return withChecks(ctx, checks, () =>
      k(
        assign(
          env,
          { variable: INTERNAL_NAMES.failure, path: [] },
          ite(cond, failure, str(sc.assertName)),
        ),
      ),
    );
  },
  AwaitStmt: (s, ctx, sc, env, k) =>
    withMacroResult(ctx, sc, s.cond, env, (env) => {
      const checks: TlaExpr[] = [];
      const cond = lowerChecked(ctx, env, s.cond, checks);
      return withChecks(ctx, checks, () => guard(cond, k(env)));
    }),
  AnyAssignStmt: (s, ctx, _sc, env, k) => execAny(ctx, s, env, k),
  IfStmt: (s, ctx, sc, env, k) => execIf(ctx, sc, s, env, k),
  EitherStmt: (s, ctx, sc, env, k) => ({
    kind: 'or',
    branches: s.branches.map((b) => execStmts(ctx, sc, b.stmts, env, k)),
  }),
  AtomicStmt: (s, ctx, sc, env, k) => execStmts(ctx, sc, s.body.stmts, env, k),
  ForStmt: (s, ctx, sc, env, k) => {
    const sink: TlaExpr[] = [];
    const out = execParallelFor(ctx, sc, s, env, sink);
    return withChecks(ctx, sink, () => k(out));
  },
  WhileStmt: (s, ctx) => ctx.inconsistent(s.span, '`while` inside an atomic step (CS4003)'),
  CallStmt: (s, ctx, sc, env, k) => execCall(ctx, sc, s, env, k),
  ReturnStmt: (s, ctx, _sc, env) => execReturn(ctx, env, s.value, s.span),
  ExitStmt: (_s, _ctx, _sc, env) => leafOf(assignSelf(env, INTERNAL_NAMES.pc, str(PC_EXITING))),
  CloneStmt: (s, ctx, _sc, env, k) => execClone(ctx, s, env, k),
  FaultStmt: (s, ctx, sc, env, k) => {
    sc.innerFaults.push(s.span);
    const ok = execStmt(ctx, sc, s.body, env, k);
    return { kind: 'or', branches: [ok, faultHandler(ctx, sc, s, env, k)] };
  },
  // Not steps: the plan turned them into the pc targets of the steps reaching them. One inside a
  // single step was reported by the checker (CS4014).
  BreakStmt: passOn,
  ContinueStmt: passOn,
};

/** `x := any v in S [where P]`: one choice per element of S satisfying P. */
function execAny(ctx: LowerContext, s: StmtOf<'AnyAssignStmt'>, env: Env, k: Cont): ActTree {
  const checks: TlaExpr[] = [];
  const set = lowerChecked(ctx, env, s.set, checks);
  const lv = lvalueChecked(ctx, env, s.target, checks);
  return withChecks(ctx, checks, () => {
    const b = bindOne(ctx, env, s.binder?.name ?? 'v');
    const after: Env = { ...env, boundNames: b.env.boundNames };
    const assigned = lv === undefined ? after : assign(after, lv, name(b.name));
    let body: ActTree;
    if (s.where !== undefined) {
      const wchecks: TlaExpr[] = [];
      const pred = lowerChecked(ctx, b.env, s.where, wchecks);
      body = withChecks(ctx, wchecks, () => guard(pred, k(assigned)));
    } else body = k(assigned);
    return { kind: 'exists', variable: b.name, set, body };
  });
}

/** The failure side of a fault point: `when` (if any) and the handler. */
export function faultHandler(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'FaultStmt' }>,
  env: Env,
  k: Cont,
): ActTree {
  if (s.when === undefined) return execStmts(ctx, sc, s.handler.stmts, env, k);
  const checks: TlaExpr[] = [];
  const when = lowerChecked(ctx, env, s.when, checks);
  return withChecks(ctx, checks, () => guard(when, execStmts(ctx, sc, s.handler.stmts, env, k)));
}

function execIf(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'IfStmt' }>,
  env: Env,
  k: Cont,
): ActTree {
  if (isLinear(ctx, [s])) {
    const sink: TlaExpr[] = [];
    const out = mergeIf(ctx, sc, s, env, sink);
    return withChecks(ctx, sink, () => k(out));
  }
  return withMacroResult(ctx, sc, s.cond, env, (env) => {
    const checks: TlaExpr[] = [];
    const cond = lowerChecked(ctx, env, s.cond, checks);
    return withChecks(ctx, checks, () => ({
      kind: 'or',
      branches: [
        guard(cond, execStmts(ctx, sc, s.then.stmts, env, k)),
        guard(not(cond), execStmts(ctx, sc, elseStmts(s), env, k)),
      ],
    }));
  });
}

function execCall(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'CallStmt' }>,
  env: Env,
  k: Cont,
): ActTree {
  const asAssign = defCallAsAssign(ctx, s);
  if (asAssign !== undefined) return execStmt(ctx, sc, asAssign, env, k);
  const m = calledMacro(ctx, s.callee);
  if (m === undefined)
    return ctx.inconsistent(
      s.callee.span,
      `call of \`${s.callee.name}\` inside an atomic step, not a macro (CS2001, CS4002)`,
    );
  if (m.params.length !== s.args.length)
    return ctx.inconsistent(
      s.span,
      `macro \`${m.name.name}\` called with ${s.args.length} arguments, not ${m.params.length} (CS3002)`,
    );
  const target = s.target;
  if (target !== undefined && macroBody(m).result === undefined)
    return ctx.inconsistent(
      s.span,
      `the result of macro \`${m.name.name}\`, which returns none (CS3011)`,
    );
  return runMacro(ctx, sc, m, s.args, env, (after, result) => {
    if (target === undefined || result === undefined) return k(after);
    // `x := m(args)`: the body, then the assignment (its target read in the state the body left).
    const checks: TlaExpr[] = [];
    const lv = lvalueChecked(ctx, after, target, checks);
    return withChecks(ctx, checks, () => k(lv === undefined ? after : assign(after, lv, result)));
  });
}

/**
 * Runs a macro's body inline, in order, then hands the caller's environment (with the state the
 * body reached) and the macro's value (undefined when it returns none) to `k`.
 */
function runMacro(
  ctx: LowerContext,
  sc: StepCtx,
  m: MacroDecl,
  args: readonly Expr[],
  env: Env,
  k: (after: Env, result: TlaExpr | undefined) => ActTree,
): ActTree {
  const { stmts, result } = macroBody(m);
  const menv = macroEnv(
    m.params.map((p) => p.name),
    args,
    env,
  );
  return execStmts(ctx, sc, stmts, menv, (e) => {
    if (result === undefined)
      return k({ ...env, state: e.state, boundNames: e.boundNames }, undefined);
    const checks: TlaExpr[] = [];
    const v = lowerChecked(ctx, e, result, checks);
    // The value's binders stay reserved for the rest of the step, as an assigned value's do.
    const names = new Set(e.boundNames);
    bindersIn(v, names);
    return withChecks(ctx, checks, () => k({ ...env, state: e.state, boundNames: names }, v));
  });
}

/**
 * Runs the body of the value-returning macro called in `e` (a condition), then `k` in the state
 * it reached, with the call standing for its value; without such a call, just `k`.
 */
export function withMacroResult(
  ctx: LowerContext,
  sc: StepCtx,
  e: Expr,
  env: Env,
  k: (env: Env) => ActTree,
): ActTree {
  const call = macroCallIn(ctx, e);
  if (call === undefined) return k(env);
  const m =
    calledMacro(ctx, call.callee) ??
    ctx.inconsistent(call.span, 'a value-returning macro call that names no macro');
  if (m.params.length !== call.args.length)
    return ctx.inconsistent(
      call.span,
      `macro \`${m.name.name}\` called with ${call.args.length} arguments, not ${m.params.length} (CS3002)`,
    );
  return runMacro(ctx, sc, m, call.args, env, (after, result) => {
    if (result === undefined)
      return ctx.inconsistent(
        call.callee.span,
        `the result of macro \`${m.name.name}\`, which returns none (CS3011)`,
      );
    const results = new Map(env.results ?? []);
    results.set(call, result);
    return k({ ...after, results });
  });
}
