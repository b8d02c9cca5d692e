// The environment a DSL expression is lowered in: which names are bound and to what, which thread
// `self` is, the symbolic state of the step so far (values assigned earlier in an atomic step),
// and where frame-liveness checks go. Values only; lowering reads and extends them.

import type { Expr } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { tlaIdent, uniqueName } from '../tla/names.js';
import type { LowerContext, OwnerInfo } from './context.js';
import { name } from './tla-build.js';

/** Values assigned so far in the current step, by TLA+ variable (absent: unchanged). */
export interface SymState {
  readonly values: ReadonlyMap<string, TlaExpr>;
}

/** A bound DSL name: an expression (quantifier variable, def parameter) or a loop variable. */
export type BoundRef =
  | { readonly kind: 'expr'; readonly expr: TlaExpr }
  | { readonly kind: 'loopVar'; readonly variable: string };

/** A macro argument: substituted as an expression, evaluated where the parameter is used. */
export interface MacroArg {
  readonly expr: Expr;
  readonly env: Env;
}

export interface Env {
  readonly owner: OwnerInfo | undefined;
  /** `self`: the action parameter; undefined in properties and defs. */
  readonly self: TlaExpr | undefined;
  readonly bound: ReadonlyMap<string, BoundRef>;
  readonly macroArgs: ReadonlyMap<string, MacroArg>;
  /** TLA+ bound variable names in scope, so a new one never shadows. */
  readonly boundNames: ReadonlySet<string>;
  readonly state: SymState | undefined;
  /** Inside `e'` of an action property: variables read as next values. */
  readonly primed: boolean;
  /** Where `p->x` liveness conditions go (each must hold for the step to be well defined). */
  readonly checks: TlaExpr[] | undefined;
  /** Value-returning macro calls whose body the step has already run: the call's result. */
  readonly results?: ReadonlyMap<Expr, TlaExpr>;
}

/** An environment for properties, consts and state-free defs: no thread, no state. */
export function topEnv(): Env {
  return {
    owner: undefined,
    self: undefined,
    bound: new Map(),
    macroArgs: new Map(),
    boundNames: new Set(),
    state: undefined,
    primed: false,
    checks: undefined,
  };
}

/** The current value of a TLA+ variable in this environment. */
export function readVar(env: Env, variable: string): TlaExpr {
  if (env.primed) return { kind: 'TlaPrimed', name: variable };
  return env.state?.values.get(variable) ?? name(variable);
}

/** A fresh bound-variable name based on `base`, not clashing with module names or enclosing binders. */
export function freshBound(ctx: LowerContext, env: Env, base: string): { name: string; env: Env } {
  const taken = new Set<string>([...ctx.taken, ...env.boundNames]);
  const n = uniqueName(tlaIdent(base), taken);
  const boundNames = new Set(env.boundNames);
  boundNames.add(n);
  return { name: n, env: { ...env, boundNames } };
}

/** Binds DSL name `dsl` to a fresh TLA+ bound variable. */
export function bindOne(ctx: LowerContext, env: Env, dsl: string): { name: string; env: Env } {
  const f = freshBound(ctx, env, dsl);
  ctx.exprTexts.bind(f.name, dsl);
  const bound = new Map(f.env.bound);
  bound.set(dsl, { kind: 'expr', expr: name(f.name) });
  return { name: f.name, env: { ...f.env, bound } };
}

/** The environment a macro argument is evaluated in: its own names, the current state and sinks. */
export function argEnv(arg: MacroArg, env: Env): Env {
  return {
    ...arg.env,
    state: env.state,
    checks: env.checks,
    primed: env.primed,
    boundNames: new Set([...arg.env.boundNames, ...env.boundNames]),
  };
}

/** The thread `self` stands for here (the checker allows `self` only where there is one). */
export function selfOf(ctx: LowerContext, env: Env, at: Expr): TlaExpr {
  if (env.self !== undefined) return env.self;
  return ctx.inconsistent(at.span, '`self` outside a process or procedure (CS2003)');
}
