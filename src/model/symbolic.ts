// Symbolic execution of the statements of one step. Sequential assignments become substitutions
// (a later read sees the earlier write), `if` becomes IF-THEN-ELSE per assigned variable when
// its branches only assign, and a fork otherwise; `either`, `any`, `clone` and fault points
// become disjunctions and `\E`; `await` becomes a guard. Returns an ActTree; reports what it
// cannot lower. The step's last action (moving pc) is the continuation the caller passes in.

import type { Expr, MacroDecl, Stmt, VarDecl } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import {
  FRAME_USE_AFTER_RETURN,
  INTERNAL_NAMES,
  PC_EXITING,
  PC_UNBORN,
  liveVarName,
} from '../tla/names.js';
import type { CallSite, LowerContext } from './context.js';
import { buryFrame } from './frame-identity.js';
import type { ActTree } from './ir.js';
import {
  type Env,
  type Lvalue,
  type MacroArg,
  type SymState,
  bindOne,
  freshBound,
  lowerExpr,
  readVar,
  resolveLvalue,
  staticType,
} from './lower-expr.js';
import { childExprs } from '../syntax/visit.js';
import {
  FALSE,
  and,
  bin,
  builtin,
  eq,
  except,
  fcnApp,
  ite,
  mergeValues,
  name,
  not,
  readPath,
  same,
  str,
  tuple,
  walkTla,
} from './tla-build.js';
import { defaultValue, elementType } from './types.js';

/** What the statements of a step need to know about the step itself. */
export interface StepCtx {
  /** The invariant name a failed `assert` in this step sets `failure` to. */
  readonly assertName: string;
  readonly assertLabel: string;
  readonly span: Span;
  /** Fault points met inside the step (atomic blocks, macros). */
  readonly innerFaults: Span[];
}

/** What the rest of the step does with the state reached. */
export type Cont = (env: Env) => ActTree;

interface SymStateFull extends SymState {
  /** Variables written only by a clone's copy of the parent's thread variables. */
  readonly inherited: ReadonlySet<string>;
}

function stateOf(env: Env): SymStateFull {
  const s = env.state as Partial<SymStateFull> | undefined;
  return { values: s?.values ?? new Map(), inherited: s?.inherited ?? new Set() };
}

/** Bound-variable names an expression introduces. */
function bindersIn(e: TlaExpr, into: Set<string>): void {
  walkTla(e, (x) => {
    if (x.kind === 'TlaQuant') x.variables.forEach((v) => into.add(v));
    else if (
      x.kind === 'TlaSetFilter' ||
      x.kind === 'TlaSetMap' ||
      x.kind === 'TlaFcn' ||
      x.kind === 'TlaChoose'
    )
      into.add(x.variable);
  });
}

/**
 * Sets `lv` to `value` in the symbolic state. The value's bound names stay reserved for the
 * rest of the step: a later binder of the same name around a read of it would shadow one
 * (SANY rejects that) or capture it.
 */
export function assign(env: Env, lv: Lvalue, value: TlaExpr, inherited = false): Env {
  const names = new Set(env.boundNames);
  bindersIn(value, names);
  env = names.size === env.boundNames.size ? env : { ...env, boundNames: names };
  const st = stateOf(env);
  const values = new Map(st.values);
  values.set(lv.variable, except(readVar(env, lv.variable), lv.path, value));
  const inh = new Set(st.inherited);
  if (inherited) {
    if (!st.values.has(lv.variable)) inh.add(lv.variable);
  } else inh.delete(lv.variable);
  const state: SymStateFull = { values, inherited: inh };
  return { ...env, state };
}

/** `pc[self] := target` (or any other per-thread internal variable). */
export function assignSelf(env: Env, variable: string, value: TlaExpr): Env {
  return assign(
    env,
    { variable, path: [{ kind: 'index', index: env.self ?? name(INTERNAL_NAMES.self) }] },
    value,
  );
}

/** The leaf for the state reached: every variable whose value changed. */
export function leafOf(env: Env): ActTree {
  const st = stateOf(env);
  const updates: { variable: string; value: TlaExpr; inherited?: boolean }[] = [];
  for (const [variable, value] of st.values) {
    if (same(value, name(variable))) continue;
    updates.push(
      st.inherited.has(variable) ? { variable, value, inherited: true } : { variable, value },
    );
  }
  return { kind: 'leaf', updates };
}

function guard(cond: TlaExpr, body: ActTree): ActTree {
  if (cond.kind === 'TlaBool' && cond.value) return body;
  return { kind: 'guard', cond, body };
}

/**
 * Runs `body` only where the frames read so far are alive; where one is not, the step sets
 * `failure` to `frame_use_after_return` and changes nothing else, whatever its guard says.
 */
export function withChecks(
  ctx: LowerContext,
  env: Env,
  checks: readonly TlaExpr[],
  body: () => ActTree,
): ActTree {
  if (checks.length === 0) return body();
  ctx.usesFrameCheck = true;
  const ok = and(...checks);
  const violation: ActTree = {
    kind: 'leaf',
    updates: [{ variable: INTERNAL_NAMES.failure, value: str(FRAME_USE_AFTER_RETURN) }],
  };
  void env;
  return { kind: 'or', branches: [guard(not(ok), violation), guard(ok, body())] };
}

/** Lowers `e` collecting frame checks into `checks`. */
function low(ctx: LowerContext, env: Env, e: Expr, checks: TlaExpr[]): TlaExpr {
  return lowerExpr(ctx, { ...env, checks }, e);
}

function lval(ctx: LowerContext, env: Env, e: Expr, checks: TlaExpr[]): Lvalue | undefined {
  return resolveLvalue(ctx, { ...env, checks }, e);
}

/** Executes `stmts` in order, then `k`. */
export function execStmts(
  ctx: LowerContext,
  sc: StepCtx,
  stmts: readonly Stmt[],
  env: Env,
  k: Cont,
): ActTree {
  if (stmts.length === 0) return k(env);
  const [first, ...rest] = stmts;
  return execStmt(ctx, sc, first!, env, (e) => execStmts(ctx, sc, rest, e, k));
}

function registerAssert(ctx: LowerContext, sc: StepCtx): void {
  if (ctx.assertNames.has(sc.assertName)) return;
  ctx.assertNames.add(sc.assertName);
  ctx.builtinProperties.push({
    name: sc.assertName,
    dslName: sc.assertLabel,
    kind: 'assert',
    body: bin('#', name(INTERNAL_NAMES.failure), str(sc.assertName)),
    span: sc.span,
  });
}

/** Executes one statement inside a step. */
export function execStmt(ctx: LowerContext, sc: StepCtx, s: Stmt, env: Env, k: Cont): ActTree {
  switch (s.kind) {
    case 'ErrorStmt':
    case 'SkipStmt':
      return k(env);
    case 'AssignStmt': {
      const checks: TlaExpr[] = [];
      const value = low(ctx, env, s.value, checks);
      const lv = lval(ctx, env, s.target, checks);
      return withChecks(ctx, env, checks, () => k(lv === undefined ? env : assign(env, lv, value)));
    }
    case 'AssertStmt': {
      const checks: TlaExpr[] = [];
      const cond = low(ctx, env, s.cond, checks);
      registerAssert(ctx, sc);
      const failure = readVar(env, INTERNAL_NAMES.failure);
      return withChecks(ctx, env, checks, () =>
        k(
          assign(
            env,
            { variable: INTERNAL_NAMES.failure, path: [] },
            ite(cond, failure, str(sc.assertName)),
          ),
        ),
      );
    }
    case 'AwaitStmt':
      return withMacroResult(ctx, sc, s.cond, env, (env) => {
        const checks: TlaExpr[] = [];
        const cond = low(ctx, env, s.cond, checks);
        return withChecks(ctx, env, checks, () => guard(cond, k(env)));
      });
    case 'AnyAssignStmt': {
      const checks: TlaExpr[] = [];
      const set = low(ctx, env, s.set, checks);
      const lv = lval(ctx, env, s.target, checks);
      return withChecks(ctx, env, checks, () => {
        const b = bindOne(
          ctx,
          env,
          s.binder?.name ?? 'v',
          elementType(ctx, staticType(ctx, env, s.set)),
        );
        const after: Env = { ...env, boundNames: b.env.boundNames };
        const assigned = lv === undefined ? after : assign(after, lv, name(b.name));
        let body: ActTree;
        if (s.where !== undefined) {
          const wchecks: TlaExpr[] = [];
          const pred = low(ctx, b.env, s.where, wchecks);
          body = withChecks(ctx, b.env, wchecks, () => guard(pred, k(assigned)));
        } else body = k(assigned);
        return { kind: 'exists', variable: b.name, set, body };
      });
    }
    case 'IfStmt':
      return execIf(ctx, sc, s, env, k);
    case 'EitherStmt':
      return { kind: 'or', branches: s.branches.map((b) => execStmts(ctx, sc, b.stmts, env, k)) };
    case 'AtomicStmt':
      return execStmts(ctx, sc, s.body.stmts, env, k);
    case 'ForStmt': {
      const sink: TlaExpr[] = [];
      const out = execParallelFor(ctx, sc, s, env, sink);
      return withChecks(ctx, env, sink, () => k(out));
    }
    case 'WhileStmt':
      return ctx.inconsistent(s.span, '`while` inside an atomic step (CS4003)');
    case 'CallStmt':
      return execCall(ctx, sc, s, env, k);
    case 'ReturnStmt':
      return execReturn(ctx, env, s.value, s.span);
    case 'ExitStmt':
      return leafOf(assignSelf(env, INTERNAL_NAMES.pc, str(PC_EXITING)));
    case 'CloneStmt':
      return execClone(ctx, s, env, k);
    case 'FaultStmt': {
      sc.innerFaults.push(s.span);
      const ok = execStmt(ctx, sc, s.body, env, k);
      return { kind: 'or', branches: [ok, faultHandler(ctx, sc, s, env, k)] };
    }
    case 'BreakStmt':
    case 'ContinueStmt':
      // Not steps: the plan turned them into the pc targets of the steps reaching them. One
      // inside a single step was reported by the checker (CS4014).
      return k(env);
  }
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
  const when = low(ctx, env, s.when, checks);
  return withChecks(ctx, env, checks, () =>
    guard(when, execStmts(ctx, sc, s.handler.stmts, env, k)),
  );
}

/** True when a block only assigns (and asserts), so branches can merge into IF-THEN-ELSE values. */
function isLinear(ctx: LowerContext, stmts: readonly Stmt[], depth = 0): boolean {
  if (depth > 20) return false;
  return stmts.every((s) => {
    switch (s.kind) {
      case 'AssignStmt':
      case 'AssertStmt':
      case 'SkipStmt':
      case 'ErrorStmt':
      case 'ForStmt':
        return true;
      case 'AtomicStmt':
        return isLinear(ctx, s.body.stmts, depth + 1);
      case 'IfStmt':
        return (
          macroCallIn(ctx, s.cond) === undefined &&
          isLinear(ctx, s.then.stmts, depth + 1) &&
          (s.else === undefined ||
            isLinear(ctx, s.else.kind === 'Block' ? s.else.stmts : [s.else], depth + 1))
        );
      case 'CallStmt': {
        if (defCallAsAssign(ctx, s) !== undefined) return true;
        const m = ctx.table.macros.get(s.callee.name);
        return m !== undefined && s.target === undefined && isLinear(ctx, m.body.stmts, depth + 1);
      }
      default:
        return false;
    }
  });
}

function elseStmts(s: Extract<Stmt, { kind: 'IfStmt' }>): readonly Stmt[] {
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
    const tree = execLinearStmt(ctx, sc, s, cur, sink, (e) => {
      reached = e;
      return leafOf(e);
    });
    void tree;
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
  switch (s.kind) {
    case 'AssignStmt': {
      const value = low(ctx, env, s.value, sink);
      const lv = lval(ctx, env, s.target, sink);
      return k(lv === undefined ? env : assign(env, lv, value));
    }
    case 'AssertStmt': {
      const cond = low(ctx, env, s.cond, sink);
      registerAssert(ctx, sc);
      return k(
        assign(
          env,
          { variable: INTERNAL_NAMES.failure, path: [] },
          ite(cond, readVar(env, INTERNAL_NAMES.failure), str(sc.assertName)),
        ),
      );
    }
    case 'IfStmt':
      return k(mergeIf(ctx, sc, s, env, sink));
    case 'ForStmt':
      return k(execParallelFor(ctx, sc, s, env, sink));
    case 'AtomicStmt':
      return k(execLinear(ctx, sc, s.body.stmts, env, sink));
    case 'CallStmt': {
      const asAssign = defCallAsAssign(ctx, s);
      if (asAssign !== undefined) return execLinearStmt(ctx, sc, asAssign, env, sink, k);
      const m = ctx.table.macros.get(s.callee.name)!;
      const menv = macroEnv(
        ctx,
        m.params.map((p) => p.name),
        s.args,
        env,
      );
      const out = execLinear(ctx, sc, m.body.stmts, menv, sink);
      return k({ ...env, state: out.state, boundNames: out.boundNames });
    }
    default:
      return k(env);
  }
}

/** `if` whose branches only assign: each assigned variable becomes IF c THEN a ELSE b. */
function mergeIf(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'IfStmt' }>,
  env: Env,
  sink: TlaExpr[],
): Env {
  const cond = low(ctx, env, s.cond, sink);
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
    return withChecks(ctx, env, sink, () => k(out));
  }
  return withMacroResult(ctx, sc, s.cond, env, (env) => {
    const checks: TlaExpr[] = [];
    const cond = low(ctx, env, s.cond, checks);
    return withChecks(ctx, env, checks, () => ({
      kind: 'or',
      branches: [
        guard(cond, execStmts(ctx, sc, s.then.stmts, env, k)),
        guard(not(cond), execStmts(ctx, sc, elseStmts(s), env, k)),
      ],
    }));
  });
}

/**
 * `for v in S { ... }` inside an atomic step: a parallel update. Every write must be to an
 * element indexed by `v`; each written variable x becomes
 * `[k \in DOMAIN x |-> IF k \in S THEN <body's value at k> ELSE x[k]]`.
 */
function execParallelFor(
  ctx: LowerContext,
  sc: StepCtx,
  s: Extract<Stmt, { kind: 'ForStmt' }>,
  env: Env,
  sink: TlaExpr[],
): Env {
  const set = low(ctx, env, s.set, sink);
  const b = bindOne(ctx, env, s.binder.name, elementType(ctx, staticType(ctx, env, s.set)));
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
      !extra.every((c) => c.path[0]!.kind === 'index' && same(c.path[0]!.index, k))
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
      after.clauses
        .slice(0, n)
        .every((c, i) =>
          same(
            { kind: 'TlaExcept', base: before.base, clauses: [c] },
            { kind: 'TlaExcept', base: before.base, clauses: [before.clauses[i]!] },
          ),
        )
    ) {
      return after.clauses.slice(n);
    }
  }
  return undefined;
}

/** The environment a macro body runs in: its parameters bound to the call's argument expressions. */
function macroEnv(
  ctx: LowerContext,
  params: readonly string[],
  args: readonly Expr[],
  env: Env,
): Env {
  const macroArgs = new Map<string, MacroArg>();
  params.forEach((p, i) => {
    const a = args[i];
    if (a !== undefined) macroArgs.set(p, { expr: a, env });
  });
  void ctx;
  return {
    owner: undefined,
    self: env.self,
    bound: new Map(),
    macroArgs,
    boundNames: env.boundNames,
    state: env.state,
    primed: false,
    checks: undefined,
  };
}

const BUILTIN_FUNCTIONS: readonly string[] = [
  'card',
  'len',
  'head',
  'tail',
  'append',
  'done',
  'alive',
  'exiting',
  'unborn',
  'at',
  'in_call',
];

/** `x := f(args)` where f is a def or built-in: the parser cannot tell it from a call, so it is an assignment here. */
function defCallAsAssign(
  ctx: LowerContext,
  s: Extract<Stmt, { kind: 'CallStmt' }>,
): Extract<Stmt, { kind: 'AssignStmt' }> | undefined {
  const n = s.callee.name;
  const fn = ctx.table.defs.has(n) || BUILTIN_FUNCTIONS.includes(n);
  if (s.target === undefined || !fn || ctx.table.macros.has(n) || ctx.table.procedures.has(n))
    return undefined;
  const value: Expr = { kind: 'CallExpr', id: s.id, span: s.span, callee: s.callee, args: s.args };
  return {
    kind: 'AssignStmt',
    id: s.id,
    span: s.span,
    label: s.label,
    kernel: s.kernel,
    target: s.target,
    value,
  };
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
  const m = ctx.table.macros.get(s.callee.name);
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
    const lv = lval(ctx, after, target, checks);
    return withChecks(ctx, after, checks, () =>
      k(lv === undefined ? after : assign(after, lv, result)),
    );
  });
}

/** A macro body split into the statements it runs and the `return e` that gives its value. */
function macroBody(m: MacroDecl): {
  readonly stmts: readonly Stmt[];
  readonly result: Expr | undefined;
} {
  const last = m.body.stmts[m.body.stmts.length - 1];
  if (last?.kind === 'ReturnStmt' && last.value !== undefined)
    return { stmts: m.body.stmts.slice(0, -1), result: last.value };
  return { stmts: m.body.stmts, result: undefined };
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
    ctx,
    m.params.map((p) => p.name),
    args,
    env,
  );
  return execStmts(ctx, sc, stmts, menv, (e) => {
    if (result === undefined)
      return k({ ...env, state: e.state, boundNames: e.boundNames }, undefined);
    const checks: TlaExpr[] = [];
    const v = low(ctx, e, result, checks);
    // The value's binders stay reserved for the rest of the step, as an assigned value's do.
    const names = new Set(e.boundNames);
    bindersIn(v, names);
    return withChecks(ctx, e, checks, () => k({ ...env, state: e.state, boundNames: names }, v));
  });
}

/** The call of a value-returning macro inside `e`, if any (the checker allows one per condition). */
export function macroCallIn(
  ctx: LowerContext,
  e: Expr,
): Extract<Expr, { kind: 'CallExpr' }> | undefined {
  let found: Extract<Expr, { kind: 'CallExpr' }> | undefined;
  const visit = (x: Expr): void => {
    if (found !== undefined) return;
    if (x.kind === 'CallExpr' && ctx.table.macros.has(x.callee.name)) {
      found = x;
      return;
    }
    for (const c of childExprs(x)) visit(c);
  };
  visit(e);
  return found;
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
  const m = ctx.table.macros.get(call.callee.name)!;
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

function execClone(
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
  const lv = s.target === undefined ? undefined : lval(ctx, env, s.target, checks);
  return withChecks(ctx, env, checks, () => {
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
  if (decl.init === undefined) return defaultValue(ctx, decl.type, lowerConst);
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
  const v = value === undefined ? undefined : low(ctx, env, value, checks);
  const self = env.self ?? name(INTERNAL_NAMES.self);
  return withChecks(ctx, env, checks, () => {
    const stackSelf = fcnApp(readVar(env, INTERNAL_NAMES.stack), self);
    const top = builtin('Head', [stackSelf]);
    ctx.usesSequences = true;
    let popped = assignSelf(env, INTERNAL_NAMES.stack, builtin('Tail', [stackSelf]));
    popped = resetFrame(ctx, owner.name, popped);
    const branches: ActTree[] = sitesOf(ctx, owner.name).map((site) => {
      let e = assignSelf(popped, INTERNAL_NAMES.pc, str(site.continuation));
      if (site.target !== undefined && v !== undefined) {
        const bound = new Map<string, import('./lower-expr.js').BoundRef>();
        for (const [dsl, lv] of site.loopVars)
          bound.set(dsl, { kind: 'loopVar', variable: lv.variable, type: lv.type });
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
    return branches.length === 1 ? branches[0]! : { kind: 'or', branches };
  });
}

/** `<<site>> \o stack[self]`. */
export function pushSite(env: Env, site: string): TlaExpr {
  const self = env.self ?? name(INTERNAL_NAMES.self);
  return bin('\\o', tuple([str(site)]), fcnApp(readVar(env, INTERNAL_NAMES.stack), self));
}
