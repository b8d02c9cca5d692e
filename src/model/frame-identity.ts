// Frames with identity across calls: takes the lowering context (declared variables, step plans)
// and returns, per procedure whose frames a state variable can hold, the TLA+ that replaces every
// stored reference to a returning call by that procedure's tombstone. Pure TLA+ construction;
// it decides nothing about steps and writes no state of its own except the context's table.

import { setOf, type Type } from '../check/types.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, deadFrameName, uniqueName } from '../tla/names.js';
import type { LowerContext } from './context.js';
import type { ActTree, ModelAction } from './ir.js';
import { type Env, freshBound, readVar } from './env.js';
import type { OwnerPlan } from './plan.js';
import type { FrameShape, StoredFrameVar } from './stored-frames.js';
import {
  bin,
  builtin,
  dot,
  eq,
  except,
  fcnApp,
  ite,
  name,
  referencedNames,
  setEnum,
} from './tla-build.js';

/**
 * Where `frame<p>` values sit in a declared type, or undefined when it holds none. Map keys are
 * not references (a map is total over its key type), so only map values count.
 */
export function frameShape(t: Type, p: string): FrameShape | undefined {
  switch (t.kind) {
    case 'frame':
      return t.procedure === p ? { kind: 'frame' } : undefined;
    case 'optional': {
      const inner = frameShape(t.inner, p);
      return inner === undefined ? undefined : { kind: 'optional', inner };
    }
    case 'record': {
      const fields = t.fields.flatMap((f) => {
        const shape = frameShape(f.type, p);
        return shape === undefined ? [] : [{ name: f.name, shape }];
      });
      return fields.length === 0 ? undefined : { kind: 'record', fields };
    }
    case 'set':
    case 'seq': {
      const element = frameShape(t.element, p);
      return element === undefined ? undefined : { kind: t.kind, element };
    }
    case 'map': {
      const value = frameShape(t.value, p);
      return value === undefined ? undefined : { kind: 'map', value };
    }
    default:
      return undefined;
  }
}

/**
 * Fills `ctx.storedFrames`: for each procedure whose frames can be referenced, the state variables
 * whose declared type can hold one (globals, process locals, procedure frames, loop variables, in
 * declaration order). Procedures no variable can hold a frame of are left out: their modules do
 * not change.
 */
export function collectStoredFrames(ctx: LowerContext, plans: readonly OwnerPlan[]): void {
  const typed: { variable: string; perThread: boolean; type: Type }[] = [];
  for (const [, g] of ctx.globals)
    typed.push({ variable: g.tla, perThread: g.scope === 'thread', type: g.type });
  const loopTypes = new Map<string, Type>();
  for (const plan of plans) {
    for (const [, v] of plan.owner.vars)
      typed.push({ variable: v.tla, perThread: true, type: v.type });
    for (const step of plan.steps) {
      if (step.loop === undefined || step.stmt.kind !== 'ForStmt') continue;
      const el =
        ctx.checked.types.get(step.stmt.binder) ??
        ctx.inconsistent(step.stmt.binder.span, 'the checker recorded no type for this binder');
      // An element type the checker could not tell (`for x in {}`) holds no frames.
      if (el.kind === 'unknown') continue;
      if (!loopTypes.has(step.loop.binderVar)) loopTypes.set(step.loop.binderVar, el);
      loopTypes.set(step.loop.setVar, setOf(el));
    }
    for (const lv of plan.loopVarsDeclared) {
      const t = loopTypes.get(lv.variable);
      if (t !== undefined) typed.push({ variable: lv.variable, perThread: true, type: t });
    }
  }
  for (const p of ctx.procedureOwners.keys()) {
    if (!ctx.liveProcedures.has(p)) continue;
    const vars = typed.flatMap((v) => {
      const shape = frameShape(v.type, p);
      return shape === undefined ? [] : [{ variable: v.variable, perThread: v.perThread, shape }];
    });
    if (vars.length > 0)
      ctx.storedFrames.set(p, { dead: uniqueName(deadFrameName(p), ctx.taken), vars });
  }
}

/** `v` with every `frame<p>` reference to `self`'s call replaced by `dead`. */
function rewrite(
  ctx: LowerContext,
  env: Env,
  shape: FrameShape,
  v: TlaExpr,
  self: TlaExpr,
  dead: TlaExpr,
): { value: TlaExpr; env: Env } {
  switch (shape.kind) {
    case 'frame':
      return { value: ite(eq(v, self), dead, v), env };
    case 'optional': {
      if (shape.inner.kind === 'frame') return rewrite(ctx, env, shape.inner, v, self, dead);
      const inner = rewrite(ctx, env, shape.inner, v, self, dead);
      return { value: ite(eq(v, name(INTERNAL_NAMES.none)), v, inner.value), env: inner.env };
    }
    case 'record': {
      let out = v;
      let e = env;
      for (const f of shape.fields) {
        const r = rewrite(ctx, e, f.shape, dot(v, f.name), self, dead);
        e = r.env;
        out = except(out, [{ kind: 'field', field: f.name }], r.value);
      }
      return { value: out, env: e };
    }
    case 'set': {
      if (shape.element.kind === 'frame') {
        // A tombstone stands for every returned call of p: the set keeps one.
        return {
          value: ite(
            bin('\\in', self, v),
            bin('\\cup', bin('\\', v, setEnum([self])), setEnum([dead])),
            v,
          ),
          env,
        };
      }
      const b = freshBound(ctx, env, 'x');
      const r = rewrite(ctx, b.env, shape.element, name(b.name), self, dead);
      return { value: { kind: 'TlaSetMap', expr: r.value, variable: b.name, set: v }, env: r.env };
    }
    case 'seq':
    case 'map': {
      const b = freshBound(ctx, env, 'k');
      const r = rewrite(
        ctx,
        b.env,
        shape.kind === 'seq' ? shape.element : shape.value,
        fcnApp(v, name(b.name)),
        self,
        dead,
      );
      return {
        value: { kind: 'TlaFcn', variable: b.name, set: builtin('DOMAIN', [v]), body: r.value },
        env: r.env,
      };
    }
  }
}

/** The new value of one stored-frame variable once `self`'s call of p is gone. */
function rewriteVar(
  ctx: LowerContext,
  env: Env,
  sv: StoredFrameVar,
  current: TlaExpr,
  self: TlaExpr,
  dead: TlaExpr,
): { value: TlaExpr; env: Env } {
  if (!sv.perThread) return rewrite(ctx, env, sv.shape, current, self, dead);
  const b = freshBound(ctx, env, 't');
  const r = rewrite(ctx, b.env, sv.shape, fcnApp(current, name(b.name)), self, dead);
  return {
    value: { kind: 'TlaFcn', variable: b.name, set: builtin('DOMAIN', [current]), body: r.value },
    env: r.env,
  };
}

/**
 * The state after `self`'s call of `p` is gone (its return step, after the step's own writes):
 * every stored reference to it is p's tombstone. The writes do not count as uses of a variable,
 * so one nothing else reads or writes is still pruned.
 */
export function buryFrame(
  ctx: LowerContext,
  p: string,
  env: Env,
  assign: (env: Env, variable: string, value: TlaExpr) => Env,
): Env {
  const stored = ctx.storedFrames.get(p);
  if (stored === undefined) return env;
  const self = env.self ?? name(INTERNAL_NAMES.self);
  let e = env;
  for (const sv of stored.vars) {
    const r = rewriteVar(ctx, e, sv, readVar(e, sv.variable), self, name(stored.dead));
    e = assign(r.env, sv.variable, r.value);
  }
  return e;
}

/** The updates of a thread's exit step for its calls of `p` (frames die with the thread). */
export function buryOnExit(
  ctx: LowerContext,
  p: string,
  env: Env,
): { variable: string; value: TlaExpr; inherited: true }[] {
  const stored = ctx.storedFrames.get(p);
  if (stored === undefined) return [];
  const self = env.self ?? name(INTERNAL_NAMES.self);
  let e = env;
  const out: { variable: string; value: TlaExpr; inherited: true }[] = [];
  for (const sv of stored.vars) {
    const r = rewriteVar(ctx, e, sv, name(sv.variable), self, name(stored.dead));
    e = r.env;
    out.push({ variable: sv.variable, value: r.value, inherited: true });
  }
  return out;
}

/** Tombstones the kept actions refer to, in procedure order (they become model-value constants). */
export function usedTombstones(ctx: LowerContext, actions: readonly ModelAction[]): string[] {
  const seen = new Set<string>();
  const walk = (t: ActTree): void => {
    switch (t.kind) {
      case 'leaf':
        for (const u of t.updates) referencedNames(u.value, seen);
        break;
      case 'guard':
        referencedNames(t.cond, seen);
        walk(t.body);
        break;
      case 'or':
        t.branches.forEach(walk);
        break;
      case 'exists':
        referencedNames(t.set, seen);
        walk(t.body);
        break;
    }
  };
  for (const a of actions) {
    a.guards.forEach((g) => referencedNames(g, seen));
    walk(a.body);
  }
  return [...ctx.storedFrames.values()].map((s) => s.dead).filter((d) => seen.has(d));
}
