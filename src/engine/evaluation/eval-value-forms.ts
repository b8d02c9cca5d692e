// The value forms of the closure compiler (eval.ts) that build or take apart sets, functions,
// records and tuples, or bind a variable over a set. Each receives the compiler of its
// operands, so this file stays below eval.ts and knows nothing of names or actions.

import type {
  TlaChoose,
  TlaDot,
  TlaExcept,
  TlaExpr,
  TlaFcn,
  TlaQuant,
  TlaRecord,
  TlaSetFilter,
  TlaSetMap,
} from '../../tla/tla-ast.js';
import type { Ctx, Scope, ValueFn } from './eval-scope.js';
import { applyFcn, asBool, asFcn, asSet, fail, updateFcn } from '../values/value-ops.js';
import {
  RecordValue,
  formatValue,
  functionIndex,
  functionValues,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  makeSortedSet,
  type Value,
} from '../values/values.js';

/** The compiler of a value expression in a scope (eval.ts compileValue). */
export type CompileValue = (e: TlaExpr, sc: Scope) => ValueFn;

/** One new local slot per bound variable, and the scope in which the variables name them. */
export function bindSlots(
  variables: readonly string[],
  sc: Scope,
): { readonly slots: number[]; readonly scope: Scope } {
  const slots: number[] = [];
  let scope = sc;
  for (const v of variables) {
    const slot = sc.unit.newSlot();
    slots.push(slot);
    scope = scope.with(v, { kind: 'slot', slot });
  }
  return { slots, scope };
}

/** Evaluates each closure in order: the elements of a set, tuple or record. */
function compileAll(items: readonly TlaExpr[], sc: Scope, compile: CompileValue) {
  const fs = items.map((x) => compile(x, sc));
  return (ctx: Ctx): Value[] => {
    const out: Value[] = new Array(fs.length);
    let i = 0;
    for (const f of fs) out[i++] = f(ctx);
    return out;
  };
}

export function compileSetEnum(items: readonly TlaExpr[], sc: Scope, compile: CompileValue) {
  const all = compileAll(items, sc, compile);
  return (ctx: Ctx): Value => makeSet(all(ctx));
}

export function compileTuple(items: readonly TlaExpr[], sc: Scope, compile: CompileValue) {
  const all = compileAll(items, sc, compile);
  return (ctx: Ctx): Value => makeSeq(all(ctx));
}

export function compileRecord(e: TlaRecord, sc: Scope, compile: CompileValue): ValueFn {
  const names = e.fields.map((f) => f.name);
  const all = compileAll(
    e.fields.map((f) => f.value),
    sc,
    compile,
  );
  return (ctx) => makeRecord(names, all(ctx));
}

export function compileDot(e: TlaDot, sc: Scope, compile: CompileValue): ValueFn {
  const r = compile(e.record, sc);
  const field = e.field;
  return (ctx) => {
    const v = r(ctx);
    if (v instanceof RecordValue) {
      const x = v.get(field);
      if (x !== undefined) return x;
    }
    return fail(
      `Attempted to access field ${field} of ${formatValue(v)}, which has no such field.`,
    );
  };
}

export function compileSetFilter(e: TlaSetFilter, sc: Scope, compile: CompileValue): ValueFn {
  const set = compile(e.set, sc);
  const slot = sc.unit.newSlot();
  const pred = compile(e.pred, sc.with(e.variable, { kind: 'slot', slot }));
  return (ctx) => {
    const s = asSet(set(ctx), 'The set of a set filter').elems;
    const out: Value[] = [];
    for (const x of s) {
      ctx.locals[slot] = x;
      if (asBool(pred(ctx), 'The predicate of a set filter')) out.push(x);
    }
    return makeSortedSet(out);
  };
}

/** `{f(x) : x \in S}` (set map) and `[x \in S |-> f(x)]` (function): f over the elements. */
export function compileMapOver(e: TlaSetMap | TlaFcn, sc: Scope, compile: CompileValue): ValueFn {
  const set = compile(e.set, sc);
  const slot = sc.unit.newSlot();
  const isMap = e.kind === 'TlaSetMap';
  const f = compile(isMap ? e.expr : e.body, sc.with(e.variable, { kind: 'slot', slot }));
  const what = isMap ? 'The set of a set map' : 'The domain of a function';
  return (ctx) => {
    const s = asSet(set(ctx), what).elems;
    const out: Value[] = new Array(s.length);
    for (let i = 0; i < s.length; i++) {
      ctx.locals[slot] = s[i];
      out[i] = f(ctx);
    }
    return isMap ? makeSet(out) : makeFcn(s, out);
  };
}

export function compileFcnApp(fcn: TlaExpr, arg: TlaExpr, sc: Scope, compile: CompileValue) {
  const f = compile(fcn, sc);
  const a = compile(arg, sc);
  return (ctx: Ctx): Value => applyFcn(asFcn(f(ctx), 'The value applied to an argument'), a(ctx));
}

export function compileQuant(e: TlaQuant, sc: Scope, compile: CompileValue): ValueFn {
  const set = compile(e.set, sc);
  const { slots, scope } = bindSlots(e.variables, sc);
  const body = compile(e.body, scope);
  const forall = e.quantifier === '\\A';
  return (ctx) => {
    const s = asSet(set(ctx), 'The bound set of a quantifier').elems;
    const rec = (k: number): boolean => {
      const slot = slots[k];
      if (slot === undefined) throw new Error(`internal error: a quantifier has no variable ${k}`);
      const last = k === slots.length - 1;
      for (const x of s) {
        ctx.locals[slot] = x;
        const r = last ? asBool(body(ctx), 'The body of a quantifier') : rec(k + 1);
        if (r !== forall) return r;
      }
      return forall;
    };
    return rec(0);
  };
}

export function compileChoose(e: TlaChoose, sc: Scope, compile: CompileValue): ValueFn {
  const set = compile(e.set, sc);
  const slot = sc.unit.newSlot();
  const pred = compile(e.pred, sc.with(e.variable, { kind: 'slot', slot }));
  return (ctx) => {
    const sv = asSet(set(ctx), 'The set of CHOOSE');
    const s = sv.elems;
    for (const x of s) {
      ctx.locals[slot] = x;
      if (asBool(pred(ctx), 'The predicate of CHOOSE')) return x;
    }
    return fail(
      `Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.\nS = ${formatValue(sv)}`,
    );
  };
}

type ExceptStep =
  | { readonly index: ValueFn; readonly field: undefined }
  | {
      readonly index: undefined;
      readonly field: string;
    };

export function compileExcept(e: TlaExcept, sc: Scope, compile: CompileValue): ValueFn {
  const b = compile(e.base, sc);
  const atSlot = sc.unit.newSlot();
  const cs = e.clauses.map((c) => ({
    path: c.path.map(
      (p): ExceptStep =>
        p.kind === 'index'
          ? { index: compile(p.index, sc), field: undefined }
          : { index: undefined, field: p.field },
    ),
    value: compile(c.value, sc.withAt(atSlot)),
  }));
  const update = (
    ctx: Ctx,
    v: Value,
    path: readonly ExceptStep[],
    k: number,
    value: ValueFn,
  ): Value => {
    const step = path[k];
    if (step === undefined) throw new Error(`internal error: an EXCEPT path has no step ${k}`);
    const f = asFcn(v, 'The base of EXCEPT');
    const arg: Value = step.index !== undefined ? step.index(ctx) : step.field;
    const i = functionIndex(f, arg);
    if (i < 0) return f;
    const old = functionValues(f)[i];
    if (old === undefined) throw new Error(`internal error: a function has no value ${i}`);
    let nv: Value;
    if (k === path.length - 1) {
      ctx.locals[atSlot] = old;
      nv = value(ctx);
    } else {
      nv = update(ctx, old, path, k + 1, value);
    }
    return updateFcn(f, arg, nv);
  };
  return (ctx) => {
    let v = b(ctx);
    for (const c of cs) v = update(ctx, v, c.path, 0, c.value);
    return v;
  };
}
