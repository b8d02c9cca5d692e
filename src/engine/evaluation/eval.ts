// Takes TLA+ expressions of the tree (src/tla/tla-ast.ts) and turns each into a closure once,
// so evaluation walks no syntax: value closures `(ctx) => Value` and action closures in
// continuation-passing style that enumerate assignments the way TLC does. Definitions are
// inlined at their use (the fragment has no recursion). Reports errors as EvalError; never
// touches the clock, files or the search.

import type {
  TlaBinary,
  TlaCase,
  TlaExpr,
  TlaJunction,
  TlaQuant,
  TlaUnary,
  TlaValueForm,
} from '../../tla/tla-ast.js';
import { allInstancesHold, assignThen, conjoinInstances, unchangedFrom } from './action-steps.js';
import { isConstantLevel } from './constant-level.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { binaryOperator, builtinOperator } from './eval-operators.js';
import {
  Scope,
  Unit,
  slotValue,
  type Binding,
  type Cont,
  type Slot,
  type ValueFn,
} from './eval-scope.js';
import {
  bindSlots,
  compileChoose,
  compileDot,
  compileExcept,
  compileFcnApp,
  compileMapOver,
  compileQuant,
  compileRecord,
  compileSetEnum,
  compileSetFilter,
  compileTuple,
} from './eval-value-forms.js';
import { intervalContains } from '../values/interval-limit.js';
import { plainGuardConjuncts } from './plain-guards.js';
import { asBool, asInt, asSet, checkInt, fail } from '../values/value-ops.js';
import { valueEquals } from '../values/values.js';
import { at } from '../../source/checked-index.js';

// ---------------------------------------------------------------------------------------------
// Value expressions

/** Compiles a value-level (or, evaluated as a predicate, action-level) expression. */
export function compileValue(e: TlaExpr, sc: Scope): ValueFn {
  switch (e.kind) {
    case 'TlaNum':
    case 'TlaBool':
    case 'TlaStr': {
      const v = e.value;
      return () => v;
    }
    case 'TlaName':
      return compileName(e.name, sc);
    case 'TlaPrimed':
      return compilePrimed(e.name, sc);
    case 'TlaApply':
      return compileApply(e.op, e.args, sc, (body, s2) => compileValue(body, s2));
    case 'TlaBuiltin':
      return builtinOperator(
        e.op,
        e.args.map((a) => compileValue(a, sc)),
      );
    case 'TlaUnary':
      return compileUnary(e, sc);
    case 'TlaBinary':
      return compileBinary(e, sc);
    case 'TlaJunction':
      return compileJunction(e, sc);
    case 'TlaIf': {
      const c = compileValue(e.cond, sc);
      const t = compileValue(e.then, sc);
      const f = compileValue(e.else, sc);
      return (ctx) => (asBool(c(ctx), 'The condition of IF') ? t(ctx) : f(ctx));
    }
    case 'TlaCase':
      return compileCase(e, sc);
    case 'TlaLet': {
      const { scope, slots } = bindLet(e.defs, sc);
      const body = compileValue(e.body, scope);
      return (ctx) => {
        for (const slot of slots) ctx.locals[slot] = undefined;
        return body(ctx);
      };
    }
    default:
      return compileValueForm(e, sc);
  }
}

/** The forms that build, take apart or quantify over values, and those no state can evaluate. */
type ValueForm = TlaValueForm;

function compileValueForm(e: ValueForm, sc: Scope): ValueFn {
  switch (e.kind) {
    case 'TlaSetEnum':
      return compileSetEnum(e.elements, sc, compileValue);
    case 'TlaSetFilter':
      return compileSetFilter(e, sc, compileValue);
    case 'TlaSetMap':
    case 'TlaFcn':
      return compileMapOver(e, sc, compileValue);
    case 'TlaFcnApp':
      return compileFcnApp(e.fcn, e.arg, sc, compileValue);
    case 'TlaExcept':
      return compileExcept(e, sc, compileValue);
    case 'TlaRecord':
      return compileRecord(e, sc, compileValue);
    case 'TlaDot':
      return compileDot(e, sc, compileValue);
    case 'TlaTuple':
      return compileTuple(e.elements, sc, compileValue);
    case 'TlaQuant':
      return compileQuant(e, sc, compileValue);
    case 'TlaChoose':
      return compileChoose(e, sc, compileValue);
    case 'TlaAt': {
      const slot = sc.at;
      if (slot === undefined) fail('@ used outside an EXCEPT clause.');
      return (ctx) => slotValue(ctx, slot);
    }
    case 'TlaUnchanged':
      return compileUnchangedTest(e.variables, sc);
    case 'TlaTemporal':
    case 'TlaFairness':
    case 'TlaBoxAction':
      return fail(`A temporal formula cannot be evaluated in a state (in ${sc.unit.defName}).`);
  }
}

function compilePrimed(name: string, sc: Scope): ValueFn {
  const i = sc.unit.mod.variableIndex.get(name);
  if (i === undefined) fail(`${name}' is not a variable.`);
  return (ctx) => {
    const v = ctx.next[i];
    if (v === undefined) fail(`The variable ${name}' is read before it is assigned.`);
    return v;
  };
}

function compileUnary(e: TlaUnary, sc: Scope): ValueFn {
  if (e.op === 'ENABLED') return compileEnabled(e.operand, sc);
  const f = compileValue(e.operand, sc);
  if (e.op === '~') return (ctx) => !asBool(f(ctx), 'The argument of ~');
  return (ctx) => checkInt(-asInt(f(ctx), 'The argument of unary -'));
}

function compileJunction(e: TlaJunction, sc: Scope): ValueFn {
  const fs = e.items.map((i) => compileValue(i, sc));
  if (e.op === '/\\') {
    return (ctx) => {
      for (const f of fs) if (!asBool(f(ctx), 'A conjunct')) return false;
      return true;
    };
  }
  return (ctx) => {
    for (const f of fs) if (asBool(f(ctx), 'A disjunct')) return true;
    return false;
  };
}

function compileCase(e: TlaCase, sc: Scope): ValueFn {
  const arms = e.arms.map((a) => ({ c: compileValue(a.cond, sc), v: compileValue(a.value, sc) }));
  const other = e.other === undefined ? undefined : compileValue(e.other, sc);
  return (ctx) => {
    for (const arm of arms) if (asBool(arm.c(ctx), 'A CASE guard')) return arm.v(ctx);
    if (other === undefined) fail('Attempted to evaluate a CASE with no arm enabled and no OTHER.');
    return other(ctx);
  };
}

/** UNCHANGED as a predicate on a given successor. */
function compileUnchangedTest(variables: readonly string[], sc: Scope): ValueFn {
  const idx = variables.map((v) => varIndex(v, sc));
  return (ctx) => {
    for (const j of idx) {
      const t = ctx.next[j];
      if (t === undefined)
        fail(`The variable ${sc.unit.mod.variables[j]}' is read before it is assigned.`);
      const u = ctx.cur[j];
      if (u === undefined || !valueEquals(u, t)) return false;
    }
    return true;
  };
}

function varIndex(name: string, sc: Scope): number {
  const i = sc.unit.mod.variableIndex.get(name);
  if (i === undefined) fail(`${name} is not a variable of the module.`);
  return i;
}

function compileName(name: string, sc: Scope): ValueFn {
  const b = sc.lookup(name);
  if (b !== undefined) {
    if (b.kind === 'slot') {
      const slot = b.slot;
      return (ctx) => slotValue(ctx, slot);
    }
    if (b.kind === 'lazy') {
      const { slot, fn } = b;
      return (ctx) => {
        let v = ctx.locals[slot];
        if (v === undefined) {
          v = fn(ctx);
          ctx.locals[slot] = v;
        }
        return v;
      };
    }
    return b.fn;
  }
  const mod = sc.unit.mod;
  const vi = mod.variableIndex.get(name);
  if (vi !== undefined) {
    if (sc.unit.initMode) {
      return (ctx) => {
        const v = ctx.next[vi];
        if (v === undefined) fail(`The variable ${name} is read in Init before it is assigned.`);
        return v;
      };
    }
    return (ctx) => {
      const v = ctx.cur[vi];
      if (v === undefined) throw new Error(`internal error: the state has no variable ${name}`);
      return v;
    };
  }
  const cv = mod.constants.get(name);
  if (cv !== undefined) return () => cv;
  const def = mod.defs.get(name);
  if (def !== undefined) {
    if (def.params.length !== 0)
      fail(`${name} takes ${def.params.length} arguments but is used without any.`);
    if (isConstantLevel(def.body, mod)) {
      const memo = mod.constantDefs.get(name);
      if (memo !== undefined) return () => memo;
      // Evaluate once in a unit of its own: its value does not depend on the state.
      const unit = new Unit(mod, name, false);
      const f = compileValue(def.body, unit.rootScope());
      const ctx = unit.makeCtx();
      const v = withDefinition(name, () => f(ctx));
      mod.constantDefs.set(name, v);
      return () => v;
    }
    return compileValue(def.body, new Scope(sc.unit, new Map(), undefined));
  }
  return fail(`Unknown name ${name} (in ${sc.unit.defName}).`);
}

/** Runs `f`, naming `def` in any EvalError that does not yet name a definition. */
export function withDefinition<T>(def: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if ((err instanceof EvalError || err instanceof AssertFailure) && err.definition === undefined)
      err.definition = def;
    throw err;
  }
}

/**
 * Inlines `op(args)`: the body is compiled in a scope holding only the parameters, each
 * bound by name to its argument compiled in the caller's scope.
 */
function compileApply<T>(
  op: string,
  args: readonly TlaExpr[],
  sc: Scope,
  body: (e: TlaExpr, s: Scope) => T,
): T {
  const def = sc.unit.mod.defs.get(op);
  if (def === undefined) fail(`Unknown operator ${op} (in ${sc.unit.defName}).`);
  if (def.params.length !== args.length)
    fail(`${op} takes ${def.params.length} arguments, given ${args.length}.`);
  const m = new Map<string, Binding>();
  args.forEach((a, i) => {
    m.set(at(def.params, i, `a parameter of ${op}`), {
      kind: 'byname',
      fn: compileValue(a, sc),
      act: (k: Cont) => compileAction(a, sc, k),
    });
  });
  return body(def.body, new Scope(sc.unit, m, undefined));
}

function bindLet(
  defs: readonly { readonly name: string; readonly value: TlaExpr }[],
  sc: Scope,
): { scope: Scope; slots: number[] } {
  let s = sc;
  const slots: number[] = [];
  for (const d of defs) {
    const slot = sc.unit.newSlot();
    slots.push(slot);
    const fn = compileValue(d.value, s);
    s = s.with(d.name, { kind: 'lazy', slot, fn });
  }
  return { scope: s, slots };
}

/**
 * `x \in a..b` (or `\notin`) by its bounds, as the compiled code does: membership works for
 * an interval of any size, where building it would be refused (interval-limit.ts).
 */
function compileIntervalMembership(
  member: boolean,
  le: TlaExpr,
  lo: TlaExpr,
  hi: TlaExpr,
  sc: Scope,
): ValueFn {
  const x = compileValue(le, sc);
  const a = compileValue(lo, sc);
  const b = compileValue(hi, sc);
  return (ctx) => {
    const v = x(ctx);
    const inside = intervalContains(
      asInt(a(ctx), 'The left side of ..'),
      asInt(b(ctx), 'The right side of ..'),
      v,
    );
    return inside === member;
  };
}

function compileBinary(e: TlaBinary, sc: Scope): ValueFn {
  const { op, left, right } = e;
  if ((op === '\\in' || op === '\\notin') && right.kind === 'TlaBinary' && right.op === '..') {
    return compileIntervalMembership(op === '\\in', left, right.left, right.right, sc);
  }
  return binaryOperator(op, compileValue(left, sc), compileValue(right, sc));
}

const FOUND = { found: true };

function compileEnabled(operand: TlaExpr, sc: Scope): ValueFn {
  const act = compileAction(operand, sc, () => {
    throw FOUND;
  });
  return (ctx) => {
    const saved = ctx.next;
    ctx.next = new Array<Slot>(saved.length).fill(undefined);
    try {
      act(ctx);
      return false;
    } catch (err) {
      if (err === FOUND) return true;
      throw err;
    } finally {
      ctx.next = saved;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Actions: enumerate the ways a formula can be satisfied, assigning primed variables (or, in
// Init, unprimed ones) as TLC does. Assignments are undone when the continuation returns.

/**
 * Compiles an action formula; `k` runs once per satisfying assignment, in TLC's order:
 * conjuncts left to right, disjuncts in order, `\E` and `x' \in S` over the set in order,
 * `\A` as the conjunction of its instances (compileForallAction), IF/CASE branch on the
 * condition, definitions expanded.
 */
export function compileAction(e: TlaExpr, sc: Scope, k: Cont): Cont {
  switch (e.kind) {
    case 'TlaJunction':
      return compileJunctionAction(e, sc, k);
    case 'TlaBinary':
      if (e.op === '=' || e.op === '\\in') {
        const target = assignTarget(e.left, sc);
        if (target !== undefined) return assignThen(target, e.op, compileValue(e.right, sc), k);
      }
      break;
    case 'TlaUnchanged': {
      const idx = e.variables.map((v) => varIndex(v, sc));
      return (ctx) => unchangedFrom(ctx, idx, 0, k);
    }
    case 'TlaQuant':
      if (e.quantifier === '\\A') return compileForallAction(e, sc, k);
      return compileExistsAction(e, sc, k);
    case 'TlaIf': {
      const c = compileValue(e.cond, sc);
      const t = compileAction(e.then, sc, k);
      const f = compileAction(e.else, sc, k);
      return (ctx) => (asBool(c(ctx), 'The condition of IF') ? t(ctx) : f(ctx));
    }
    case 'TlaCase':
      return compileCaseAction(e, sc, k);
    case 'TlaLet': {
      const { scope, slots } = bindLet(e.defs, sc);
      const body = compileAction(e.body, scope, k);
      return (ctx) => {
        for (const slot of slots) ctx.locals[slot] = undefined;
        body(ctx);
      };
    }
    case 'TlaApply':
      return compileApply(e.op, e.args, sc, (body, s2) => compileAction(body, s2, k));
    case 'TlaName': {
      const named = compileNamedAction(e.name, sc, k);
      if (named !== undefined) return named;
      break;
    }
    default:
      break;
  }
  // A guard: evaluate, continue when TRUE.
  const g = compileValue(e, sc);
  return (ctx) => {
    if (asBool(g(ctx), 'A conjunct of an action')) k(ctx);
  };
}

/** A conjunction chains its conjuncts left to right; a disjunction runs `k` once per way. */
function compileJunctionAction(e: TlaJunction, sc: Scope, k: Cont): Cont {
  if (e.op === '/\\') {
    let c = k;
    for (let i = e.items.length - 1; i >= 0; i--)
      c = compileAction(at(e.items, i, 'a conjunct'), sc, c);
    return c;
  }
  const ks = e.items.map((it) => compileAction(it, sc, k));
  return (ctx) => {
    for (const run of ks) run(ctx);
  };
}

/** `\E` inside an action: the body once per tuple of the bound set, in order. */
function compileExistsAction(e: TlaQuant, sc: Scope, k: Cont): Cont {
  const set = compileValue(e.set, sc);
  const { slots, scope } = bindSlots(e.variables, sc);
  const body = compileAction(e.body, scope, k);
  return (ctx) => {
    const s = asSet(set(ctx), 'The bound set of \\E').elems;
    const rec = (j: number): void => {
      const slot = slots[j];
      if (slot === undefined) throw new Error(`internal error: \\E has no bound variable ${j}`);
      for (const x of s) {
        ctx.locals[slot] = x;
        if (j === slots.length - 1) body(ctx);
        else rec(j + 1);
      }
    };
    rec(0);
  };
}

function compileCaseAction(e: TlaCase, sc: Scope, k: Cont): Cont {
  const arms = e.arms.map((a) => ({
    c: compileValue(a.cond, sc),
    v: compileAction(a.value, sc, k),
  }));
  const other = e.other === undefined ? undefined : compileAction(e.other, sc, k);
  return (ctx) => {
    for (const arm of arms) if (asBool(arm.c(ctx), 'A CASE guard')) return arm.v(ctx);
    if (other === undefined) fail('Attempted to evaluate a CASE with no arm enabled and no OTHER.');
    other(ctx);
  };
}

/**
 * A name used as an action: an operator argument passed as an action, or a state-level
 * definition expanded in place; undefined when the name is evaluated as a guard.
 */
function compileNamedAction(name: string, sc: Scope, k: Cont): Cont | undefined {
  const b = sc.lookup(name);
  if (b !== undefined && b.kind === 'byname' && b.act !== undefined) return b.act(k);
  const mod = sc.unit.mod;
  if (b !== undefined || mod.variableIndex.has(name) || mod.constants.has(name)) return undefined;
  const def = mod.defs.get(name);
  if (def !== undefined && def.params.length === 0 && !isConstantLevel(def.body, mod))
    return compileAction(def.body, new Scope(sc.unit, new Map(), undefined), k);
  return undefined;
}

/**
 * `\A x \in S : P` inside an action. TLC does not evaluate it as a boolean there: it conjoins
 * the instances of P, so each instance may assign primed variables, and a disjunction (or `\E`)
 * in P counts one way per true disjunct, multiplying the states generated.
 */
function compileForallAction(e: TlaQuant, sc: Scope, k: Cont): Cont {
  const set = compileValue(e.set, sc);
  const { slots, scope } = bindSlots(e.variables, sc);
  const guards = plainGuards(e.body, scope);
  // A body with one way to hold needs no frames: its instances are tested in TLC's order.
  if (guards !== undefined) return allInstancesHold(set, slots, guards, k);
  return conjoinInstances(set, slots, k, (next) => compileAction(e.body, scope, next));
}

/**
 * When compileAction would treat `e` as guards only (a formula it evaluates as a value, or a
 * conjunction of such), their compiled values in order; undefined when `e` can branch or assign.
 */
function plainGuards(e: TlaExpr, sc: Scope): ValueFn[] | undefined {
  return plainGuardConjuncts(e, (left) => assignTarget(left, sc) !== undefined)?.map((it) =>
    compileValue(it, sc),
  );
}

/** The variable index `x'` (or `x` in Init) assigns, when `left` is such a target. */
function assignTarget(left: TlaExpr, sc: Scope): number | undefined {
  if (left.kind === 'TlaPrimed' && !sc.unit.initMode)
    return sc.unit.mod.variableIndex.get(left.name);
  if (left.kind === 'TlaName' && sc.unit.initMode && sc.lookup(left.name) === undefined)
    return sc.unit.mod.variableIndex.get(left.name);
  return undefined;
}
