// Statements that only assign (and assert), run without forking: an `if` whose branches only
// assign becomes IF-THEN-ELSE per assigned variable, and a `for` inside an atomic step becomes a
// parallel update of the elements it visits. Returns the state reached; reports a `for` body that
// branches or writes other than at its element.

import type { Stmt } from '../syntax/ast.js';
import { type StmtCases, onStmt } from '../syntax/visit.js';
import { at } from '../source/checked-index.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { type Env, bindOne, readVar } from './env.js';
import type { ActTree } from './ir.js';
import { defCallAsAssign, macroCallIn, macroEnv } from './macro-calls.js';
import { calledMacro } from './resolve-name.js';
import type { Cont, StepCtx } from './step-ctx.js';
import { registerAssert } from './step-ctx.js';
import {
  type SymStateFull,
  assign,
  leafOf,
  lowerChecked,
  lvalueChecked,
  stateOf,
} from './sym-state.js';
import {
  and,
  bin,
  builtin,
  ite,
  mergeValues,
  name,
  not,
  readPath,
  same,
  str,
} from './tla-build.js';

/** True when a block only assigns (and asserts), so branches can merge into IF-THEN-ELSE values. */
export function isLinear(ctx: LowerContext, stmts: readonly Stmt[], depth = 0): boolean {
  if (depth > 20) return false;
  return stmts.every((s) => onStmt(s, LINEAR, ctx, depth));
}

const linear = (): boolean => true;
const forks = (): boolean => false;

/** Whether a statement only assigns (at nesting `depth`): it never forks, waits or moves pc. */
const LINEAR: StmtCases<boolean, [LowerContext, number]> = {
  AssignStmt: linear,
  AssertStmt: linear,
  SkipStmt: linear,
  ErrorStmt: linear,
  ForStmt: linear,
  AtomicStmt: (s, ctx, depth) => isLinear(ctx, s.body.stmts, depth + 1),
  IfStmt: (s, ctx, depth) =>
    macroCallIn(ctx, s.cond) === undefined &&
    isLinear(ctx, s.then.stmts, depth + 1) &&
    (s.else === undefined ||
      isLinear(ctx, s.else.kind === 'Block' ? s.else.stmts : [s.else], depth + 1)),
  CallStmt: (s, ctx, depth) => {
    if (defCallAsAssign(ctx, s) !== undefined) return true;
    const m = calledMacro(ctx, s.callee);
    return m !== undefined && s.target === undefined && isLinear(ctx, m.body.stmts, depth + 1);
  },
  AnyAssignStmt: forks,
  AwaitStmt: forks,
  WhileStmt: forks,
  EitherStmt: forks,
  ReturnStmt: forks,
  CloneStmt: forks,
  ExitStmt: forks,
  FaultStmt: forks,
  BreakStmt: forks,
  ContinueStmt: forks,
};

export function elseStmts(s: Extract<Stmt, { kind: 'IfStmt' }>): readonly Stmt[] {
  if (s.else === undefined) return [];
  return s.else.kind === 'Block' ? s.else.stmts : [s.else];
}

/** Runs linear statements, collecting frame checks into `sink`; returns the state reached. */
function execLinear(
  ctx: LowerContext,
  sc: StepCtx,
  stmts: readonly Stmt[],
  env: Env,
  sink: TlaExpr[],
): Env {
  let cur = env;
  for (const s of stmts) {
    // Linear statements never fork, so the continuation runs exactly once and hands back its state.
    let reached: Env = cur;
    execLinearStmt(ctx, sc, s, cur, sink, (e) => {
      reached = e;
      return leafOf(e);
    });
    cur = reached;
  }
  return cur;
}

function execLinearStmt(
  ctx: LowerContext,
  sc: StepCtx,
  s: Stmt,
  env: Env,
  sink: TlaExpr[],
  k: Cont,
): ActTree {
  return onStmt(s, EXEC_LINEAR, ctx, sc, env, sink, k);
}

/** A statement isLinear does not accept: nothing to run. */
const noEffect = (
  _s: Stmt,
  _ctx: LowerContext,
  _sc: StepCtx,
  env: Env,
  _sink: TlaExpr[],
  k: Cont,
): ActTree => k(env);

/** Runs one linear statement, collecting frame checks into the sink. */
const EXEC_LINEAR: StmtCases<ActTree, [LowerContext, StepCtx, Env, TlaExpr[], Cont]> = {
  AssignStmt: (s, ctx, _sc, env, sink, k) => {
    const value = lowerChecked(ctx, env, s.value, sink);
    const lv = lvalueChecked(ctx, env, s.target, sink);
    return k(lv === undefined ? env : assign(env, lv, value));
  },
  AssertStmt: (s, ctx, sc, env, sink, k) => {
    const cond = lowerChecked(ctx, env, s.cond, sink);
    registerAssert(ctx, sc);
    return k(
      assign(
        env,
        { variable: INTERNAL_NAMES.failure, path: [] },
        ite(cond, readVar(env, INTERNAL_NAMES.failure), str(sc.assertName)),
      ),
    );
  },
  IfStmt: (s, ctx, sc, env, sink, k) => k(mergeIf(ctx, sc, s, env, sink)),
  ForStmt: (s, ctx, sc, env, sink, k) => k(execParallelFor(ctx, sc, s, env, sink)),
  AtomicStmt: (s, ctx, sc, env, sink, k) => k(execLinear(ctx, sc, s.body.stmts, env, sink)),
  CallStmt: (s, ctx, sc, env, sink, k) => {
    const asAssign = defCallAsAssign(ctx, s);
    if (asAssign !== undefined) return execLinearStmt(ctx, sc, asAssign, env, sink, k);
    const m =
      calledMacro(ctx, s.callee) ??
      ctx.inconsistent(s.span, 'a call in a linear block that is no macro');
    const menv = macroEnv(
      m.params.map((p) => p.name),
      s.args,
      env,
    );
    const out = execLinear(ctx, sc, m.body.stmts, menv, sink);
    return k({ ...env, state: out.state, boundNames: out.boundNames });
  },
  SkipStmt: noEffect,
  ErrorStmt: noEffect,
  AnyAssignStmt: noEffect,
  AwaitStmt: noEffect,
  WhileStmt: noEffect,
  EitherStmt: noEffect,
  ReturnStmt: noEffect,
  CloneStmt: noEffect,
  ExitStmt: noEffect,
  FaultStmt: noEffect,
  BreakStmt: noEffect,
  ContinueStmt: noEffect,
};

/** `if` whose branches only assign: each assigned variable becomes IF c THEN a ELSE b. */
export function mergeIf(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'IfStmt' }>,
  env: Env,
  sink: TlaExpr[],
): Env {
  const cond = lowerChecked(ctx, env, s.cond, sink);
  const thenSink: TlaExpr[] = [];
  const elseSink: TlaExpr[] = [];
  const a = execLinear(ctx, sc, s.then.stmts, env, thenSink);
  const b = execLinear(ctx, sc, elseStmts(s), env, elseSink);
  if (thenSink.length > 0) sink.push(bin('=>', cond, and(...thenSink)));
  if (elseSink.length > 0) sink.push(bin('=>', not(cond), and(...elseSink)));
  const sa = stateOf(a);
  const sb = stateOf(b);
  const vars = new Set([...sa.values.keys(), ...sb.values.keys()]);
  let out = env;
  const values = new Map(stateOf(env).values);
  for (const v of vars) {
    const before = readVar(env, v);
    values.set(v, mergeValues(cond, sa.values.get(v) ?? before, sb.values.get(v) ?? before));
  }
  const inherited = new Set([...stateOf(env).inherited].filter((v) => !vars.has(v)));
  const boundNames = new Set([...a.boundNames, ...b.boundNames]);
  out = { ...env, boundNames, state: { values, inherited } as SymStateFull };
  return out;
}

/**
 * `for v in S { ... }` inside an atomic step: a parallel update. Every write must be to an
 * element indexed by `v`; each written variable x becomes
 * `[k \in DOMAIN x |-> IF k \in S THEN <body's value at k> ELSE x[k]]`.
 */
export function execParallelFor(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'ForStmt' }>,
  env: Env,
  sink: TlaExpr[],
): Env {
  const set = lowerChecked(ctx, env, s.set, sink);
  const b = bindOne(ctx, env, s.binder.name);
  const bodySink: TlaExpr[] = [];
  const start: Env = { ...b.env, state: env.state };
  if (!isLinear(ctx, s.body.stmts))
    return ctx.inconsistent(
      s.span,
      `\`for ${s.binder.name}\` in an atomic step with a body that branches (CS4006)`,
    );
  const out = execLinear(ctx, sc, s.body.stmts, start, bodySink);
  const k = name(b.name);
  if (bodySink.length > 0)
    sink.push({
      kind: 'TlaQuant',
      quantifier: '\\A',
      variables: [b.name],
      set,
      body: and(...bodySink),
    });
  const sOut = stateOf(out);
  const values = new Map(stateOf(env).values);
  for (const [v, after] of sOut.values) {
    const before = readVar(env, v);
    if (same(after, before)) continue;
    const extra = newClauses(before, after);
    if (
      extra === undefined ||
      !extra.every((c) => {
        const [first] = c.path;
        return first?.kind === 'index' && same(first.index, k);
      })
    ) {
      return ctx.inconsistent(
        s.span,
        `\`for ${s.binder.name}\` in an atomic step writes other than at its element (CS4006)`,
      );
    }
    const atK = readPath(after, [{ kind: 'index', index: k }]);
    values.set(v, {
      kind: 'TlaFcn',
      variable: b.name,
      set: builtin('DOMAIN', [before]),
      body: ite(bin('\\in', k, set), atK, readPath(before, [{ kind: 'index', index: k }])),
    });
  }
  const boundNames = new Set([...out.boundNames, b.name]);
  return {
    ...env,
    boundNames,
    state: { values, inherited: stateOf(env).inherited } as SymStateFull,
  };
}

/** The EXCEPT clauses `after` adds to `before`, or undefined when `after` is not such an update. */
function newClauses(
  before: TlaExpr,
  after: TlaExpr,
):
  | readonly {
      path: readonly ({ kind: 'index'; index: TlaExpr } | { kind: 'field'; field: string })[];
    }[]
  | undefined {
  if (after.kind !== 'TlaExcept') return undefined;
  if (same(after.base, before)) return after.clauses;
  if (before.kind === 'TlaExcept' && same(after.base, before.base)) {
    const n = before.clauses.length;
    if (
      after.clauses.length >= n &&
      after.clauses.slice(0, n).every((c, i) =>
        same(
          { kind: 'TlaExcept', base: before.base, clauses: [c] },
          {
            kind: 'TlaExcept',
            base: before.base,
            clauses: [at(before.clauses, i, 'an EXCEPT clause of the value before')],
          },
        ),
      )
    ) {
      return after.clauses.slice(n);
    }
  }
  return undefined;
}
