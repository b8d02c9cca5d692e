// The symbolic state of one step: what it has assigned so far (a later read sees an earlier
// write), the leaf of the state reached, guards, and the frame-liveness checks a step's reads
// need. Values only; the statements that build them are in symbolic.ts and its neighbours.

import type { Expr } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { FRAME_USE_AFTER_RETURN, INTERNAL_NAMES } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { type Env, type SymState, readVar } from './env.js';
import type { ActTree } from './ir.js';
import { lowerExpr } from './lower-expr.js';
import { type Lvalue, resolveLvalue } from './lvalue.js';
import { and, except, name, not, same, str, walkTla } from './tla-build.js';

export interface SymStateFull extends SymState {
  /** Variables written only by a clone's copy of the parent's thread variables. */
  readonly inherited: ReadonlySet<string>;
}

export function stateOf(env: Env): SymStateFull {
  const s = env.state as Partial<SymStateFull> | undefined;
  return { values: s?.values ?? new Map(), inherited: s?.inherited ?? new Set() };
}

/** Bound-variable names an expression introduces. */
export function bindersIn(e: TlaExpr, into: Set<string>): void {
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

export function guard(cond: TlaExpr, body: ActTree): ActTree {
  if (cond.kind === 'TlaBool' && cond.value) return body;
  return { kind: 'guard', cond, body };
}

/**
 * Runs `body` only where the frames read so far are alive; where one is not, the step sets
 * `failure` to `frame_use_after_return` and changes nothing else, whatever its guard says.
 */
export function withChecks(
  ctx: LowerContext,
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
  return { kind: 'or', branches: [guard(not(ok), violation), guard(ok, body())] };
}

/** Lowers `e` in `env`, collecting frame checks into `checks`. */
export function lowerChecked(ctx: LowerContext, env: Env, e: Expr, checks: TlaExpr[]): TlaExpr {
  return lowerExpr(ctx, { ...env, checks }, e);
}

/** Resolves target `e` in `env`, collecting frame checks into `checks`. */
export function lvalueChecked(
  ctx: LowerContext,
  env: Env,
  e: Expr,
  checks: TlaExpr[],
): Lvalue | undefined {
  return resolveLvalue(ctx, { ...env, checks }, e);
}
