// DSL expressions to TLA+ expressions under an environment (env.ts): names as the checker
// resolved them, built-in and def calls, binders, frame fields with their liveness checks. Also
// lowers each const and state-free def once, as a module definition, when first used.
// Reports what it cannot lower; never throws on bad input.

import type { Expr } from '../syntax/ast.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, liveVarName, tlaIdent } from '../tla/names.js';
import { at } from '../source/checked-index.js';
import { arity, lowerBuiltinCall } from './builtin-calls.js';
import type { LowerContext } from './context.js';
import { defReadsState } from './def-reads-state.js';
import { type BoundRef, type Env, argEnv, bindOne, readVar, selfOf, topEnv } from './env.js';
import { arrowProcedure, frameVar, lookup } from './resolve-name.js';
import { typeSet } from './types.js';
import {
  FALSE,
  TRUE,
  and,
  apply,
  bin,
  dot,
  eq,
  except,
  fcnApp,
  ite,
  name,
  not,
  num,
  or,
  setEnum,
  str,
  tuple,
} from './tla-build.js';

/** `p_x[base]`, recording the liveness condition of the frame when `p` frames can outlive their call. */
export function arrowAccess(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'ArrowExpr' }>,
): { variable: string; index: TlaExpr } | undefined {
  const p = arrowProcedure(ctx, env, e);
  const field = p === undefined ? undefined : frameVar(ctx, p, e.field.name);
  if (p === undefined || field === undefined) {
    return ctx.inconsistent(
      e.field.span,
      `\`->${e.field.name}\` names no field of a frame (CS3007)`,
    );
  }
  const index = lowerExpr(ctx, env, e.base);
  if (ctx.liveProcedures.has(p) && env.checks !== undefined && !env.primed) {
    // A stored reference to a returned call is p's tombstone (src/model/frame-identity.ts);
    // `p_live` is not defined there, so the tombstone test comes first.
    const live = fcnApp(readVar(env, liveVarName(p)), index);
    const stored = ctx.storedFrames.get(p);
    env.checks.push(stored === undefined ? live : and(bin('#', index, name(stored.dead)), live));
  }
  return { variable: field.tla, index };
}

/** Lowers a DSL expression, recording the text it came from. */
export function lowerExpr(ctx: LowerContext, env: Env, e: Expr): TlaExpr {
  const lowered = lowerNode(ctx, env, e);
  if (e.kind !== 'ParenExpr') ctx.exprTexts.record(lowered, e.span);
  return lowered;
}

function lowerNode(ctx: LowerContext, env: Env, e: Expr): TlaExpr {
  const low = (x: Expr): TlaExpr => lowerExpr(ctx, env, x);
  switch (e.kind) {
    case 'IntLit':
      return num(e.value);
    case 'BoolLit':
      return e.value ? TRUE : FALSE;
    case 'StringLit':
      return str(e.value);
    case 'NoneLit':
      return name(INTERNAL_NAMES.none);
    case 'SelfExpr':
      return selfOf(ctx, env, e);
    case 'FrameExpr':
      if (env.owner?.kind !== 'procedure')
        return ctx.inconsistent(e.span, '`frame` outside a procedure (CS2004)');
      return selfOf(ctx, env, e);
    case 'ParenExpr':
      return low(e.inner);
    case 'ErrorExpr':
      return TRUE;
    case 'NameExpr':
      return lowerName(ctx, env, e);
    case 'IndexExpr':
      return lowerIndex(ctx, env, e);
    case 'FieldExpr':
      return dot(low(e.base), e.field.name);
    case 'ArrowExpr': {
      const a = arrowAccess(ctx, env, e);
      return a === undefined ? TRUE : fcnApp(readVar(env, a.variable), a.index);
    }
    case 'PrimedExpr':
      return lowerExpr(ctx, { ...env, primed: true }, e.base);
    case 'UnaryExpr':
      return e.op === '!'
        ? not(low(e.operand))
        : { kind: 'TlaUnary', op: '-', operand: low(e.operand) };
    case 'BinaryExpr':
      return lowerBinary(ctx, env, e);
    case 'CondExpr':
      return ite(low(e.cond), low(e.then), low(e.else));
    case 'SetLit':
      return setEnum(e.elements.map(low));
    case 'SeqLit':
      return tuple(e.elements.map(low));
    case 'RecordLit':
      return {
        kind: 'TlaRecord',
        fields: e.fields.map((f) => ({ name: f.name.name, value: low(f.value) })),
      };
    case 'RecordUpdate': {
      let v = low(e.base);
      for (const f of e.fields)
        v = except(v, [{ kind: 'field', field: f.name.name }], low(f.value));
      return v;
    }
    case 'MapUpdate':
      return except(low(e.base), [{ kind: 'index', index: low(e.key) }], low(e.value));
    case 'SetFilter':
    case 'SetMap':
    case 'MapComp':
    case 'QuantExpr':
      return lowerBinding(ctx, env, e);
    case 'CallExpr': {
      const result = env.results?.get(e);
      if (result !== undefined) return result;
      return lowerCall(ctx, env, e);
    }
  }
}

/** `x[i]`. A thread variable indexed by a thread reads that thread's copy, whatever its type
 * (docs/language.md, "Whose copy"): an element of one's own map is `x[self][k]`. */
function lowerIndex(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'IndexExpr' }>): TlaExpr {
  if (e.base.kind === 'NameExpr') {
    const r = lookup(ctx, env, e.base);
    if (r.kind === 'global' && r.scope === 'thread')
      return fcnApp(readVar(env, r.tla), lowerExpr(ctx, env, e.index));
  }
  return fcnApp(lowerExpr(ctx, env, e.base), lowerExpr(ctx, env, e.index));
}

/** The forms that bind names over a set: filters, set and map comprehensions, quantifiers. */
function lowerBinding(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'SetFilter' | 'SetMap' | 'MapComp' | 'QuantExpr' }>,
): TlaExpr {
  const set = lowerExpr(ctx, env, e.set);
  if (e.kind === 'QuantExpr') {
    let inner = env;
    const vars: string[] = [];
    for (const b of e.binders) {
      const f = bindOne(ctx, inner, b.name);
      vars.push(f.name);
      inner = f.env;
    }
    return {
      kind: 'TlaQuant',
      quantifier: e.quantifier === 'forall' ? '\\A' : '\\E',
      variables: vars,
      set,
      body: lowerExpr(ctx, inner, e.body),
    };
  }
  const f = bindOne(ctx, env, e.binder.name);
  switch (e.kind) {
    case 'SetFilter':
      return { kind: 'TlaSetFilter', variable: f.name, set, pred: lowerExpr(ctx, f.env, e.pred) };
    case 'SetMap':
      return { kind: 'TlaSetMap', expr: lowerExpr(ctx, f.env, e.expr), variable: f.name, set };
    case 'MapComp':
      return { kind: 'TlaFcn', variable: f.name, set, body: lowerExpr(ctx, f.env, e.value) };
  }
}

function lowerName(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'NameExpr' }>): TlaExpr {
  const n = e.name.name;
  if (n === '') return TRUE;
  const r = lookup(ctx, env, e);
  switch (r.kind) {
    case 'bound':
      return r.ref.kind === 'expr'
        ? r.ref.expr
        : fcnApp(readVar(env, r.ref.variable), selfOf(ctx, env, e));
    case 'macroArg':
      return lowerExpr(ctx, argEnv(r.arg, env), r.arg.expr);
    case 'local':
      return fcnApp(readVar(env, r.v.tla), selfOf(ctx, env, e));
    case 'global':
      if (r.scope === 'shared') return readVar(env, r.tla);
      // Without a thread (a property), a thread variable is the whole function over threads.
      return env.self === undefined ? readVar(env, r.tla) : fcnApp(readVar(env, r.tla), env.self);
    case 'const':
      ensureDef(ctx, n);
      return name(r.tla);
    case 'param':
      return name(r.tla);
    case 'enum':
      return str(r.value);
    case 'group':
      return name(r.tla);
    case 'thread':
      return name(INTERNAL_NAMES.thread);
    case 'def':
      // A def without parameters may be named without `()`.
      return lowerDefCall(
        ctx,
        env,
        { kind: 'CallExpr', id: e.id, span: e.span, callee: e.name, args: [] },
        r.name,
      );
    case 'typeSet':
      return typeAsSet(ctx, e);
  }
}

/** A type name used as the set of its values (`bool`, an enum): the checker typed it `set<T>`. */
function typeAsSet(ctx: LowerContext, e: Extract<Expr, { kind: 'NameExpr' }>): TlaExpr {
  const t = ctx.checked.types.get(e);
  const values =
    t?.kind === 'set' ? typeSet(ctx, t.element, (x) => lowerExpr(ctx, topEnv(), x)) : undefined;
  return (
    values ?? ctx.inconsistent(e.span, `\`${e.name.name}\` resolves to no value (CS2001, CS2005)`)
  );
}

function lowerBinary(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'BinaryExpr' }>,
): TlaExpr {
  const l = lowerExpr(ctx, env, e.left);
  const r = lowerExpr(ctx, env, e.right);
  switch (e.op) {
    case '&&':
      return and(l, r);
    case '||':
      return or(l, r);
    case '==':
      return eq(l, r);
    case '!=':
      return bin('#', l, r);
    case '/':
      return bin('\\div', l, r);
    case 'mod':
      return bin('%', l, r);
    case 'in':
      return bin('\\in', l, r);
    case 'notin':
      return bin('\\notin', l, r);
    case 'subseteq':
      return bin('\\subseteq', l, r);
    case 'union':
      return bin('\\cup', l, r);
    case 'inter':
      return bin('\\cap', l, r);
    default:
      return bin(e.op, l, r);
  }
}

/** A call in an expression: of what the checker resolved its callee to, a built-in or a def. */
function lowerCall(ctx: LowerContext, env: Env, e: Extract<Expr, { kind: 'CallExpr' }>): TlaExpr {
  const sym = ctx.checked.symbols.get(e.callee);
  if (sym?.kind === 'builtinFn')
    return (
      lowerBuiltinCall(ctx, env, e, (x) => lowerExpr(ctx, env, x)) ??
      ctx.inconsistent(e.callee.span, `built-in \`${sym.name}\` has no lowering`)
    );
  if (sym?.kind !== 'def')
    return ctx.inconsistent(
      e.callee.span,
      `\`${e.callee.name}\` called in an expression is not a def or built-in (CS2001, CS2005, CS3012)`,
    );
  return lowerDefCall(ctx, env, e, sym.name);
}

/** A call of def `n` (named in `e`, or `e` a use of a def without parameters). */
function lowerDefCall(
  ctx: LowerContext,
  env: Env,
  e: Extract<Expr, { kind: 'CallExpr' }>,
  n: string,
): TlaExpr {
  const def = ctx.table.defs.get(n);
  if (def === undefined)
    return ctx.inconsistent(e.callee.span, `def \`${n}\` is not declared in this variant`);
  if (!arity(ctx, e, def.params.length)) return TRUE;
  const lowered = e.args.map((a) => lowerExpr(ctx, env, a));
  if (defReadsState(ctx, n)) {
    // A def that reads variables is inlined, so it sees the values assigned earlier in the step.
    const bound = new Map<string, BoundRef>();
    def.params.forEach((p, i) =>
      bound.set(p.name.name, { kind: 'expr', expr: at(lowered, i, 'def argument') }),
    );
    return lowerExpr(
      ctx,
      { ...env, owner: undefined, self: undefined, bound, macroArgs: new Map() },
      def.body,
    );
  }
  const tla = ensureDef(ctx, n);
  return lowered.length === 0 ? name(tla) : apply(tla, lowered);
}

/** Lowers const or state-free def `n` once, as a module definition; returns its TLA+ name. */
export function ensureDef(ctx: LowerContext, n: string): string {
  const tla = ctx.defNames.get(n) ?? tlaIdent(n);
  if (ctx.defs.has(tla) || ctx.defsInProgress.has(tla)) return tla;
  ctx.defsInProgress.add(tla);
  const c = ctx.table.consts.get(n);
  if (c !== undefined) {
    ctx.defs.set(tla, {
      name: tla,
      params: [],
      body: lowerExpr(ctx, topEnv(), c.value),
      span: c.span,
      what: `const ${n}`,
    });
  } else {
    const d = ctx.table.defs.get(n);
    if (d !== undefined) {
      let env = topEnv();
      const params: string[] = [];
      for (const p of d.params) {
        const f = bindOne(ctx, env, p.name.name);
        env = f.env;
        params.push(f.name);
      }
      ctx.defs.set(tla, {
        name: tla,
        params,
        body: lowerExpr(ctx, env, d.body),
        span: d.span,
        what: `def ${n}`,
      });
    }
  }
  ctx.defsInProgress.delete(tla);
  return tla;
}
