// Takes TLA+ expressions of the tree (src/tla/tla-ast.ts) and turns each into a closure once,
// so evaluation walks no syntax: value closures `(ctx) => Value` and action closures in
// continuation-passing style that enumerate assignments the way TLC does. Definitions are
// inlined at their use (the fragment has no recursion). Reports errors as EvalError; never
// touches the clock, files or the search.

import type { TlaExceptClause, TlaExpr, TlaDef } from '../tla/tla-ast.js';
import { AssertFailure, EvalError } from './eval-error.js';
import {
  applyFcn,
  asBool,
  asFcn,
  asInt,
  asSeq,
  asSet,
  checkInt,
  fail,
  mergeFcns,
  permutations,
  powerset,
  tlcEquals,
  updateFcn,
} from './value-ops.js';
import { boundedInterval, intervalContains } from './interval-limit.js';
import { plainGuardConjuncts } from './plain-guards.js';
import {
  EMPTY_SET,
  RecordValue,
  SeqValue,
  SetValue,
  formatValue,
  functionDomain,
  functionIndex,
  functionValues,
  makeFcn,
  makeRecord,
  makeSeq,
  makeSet,
  makeSortedSet,
  setContains,
  valueEquals,
  type Value,
} from './values.js';

/** A slot of the next state that no conjunct has assigned yet. */
type Slot = Value | undefined;

/**
 * The mutable evaluation context of one compiled unit (an action, an invariant, Init...).
 * `cur` is the current state; `next` the successor being built (or the given successor when
 * an action is evaluated as a predicate); `locals` holds bound variables by slot.
 */
export class Ctx {
  cur: readonly Value[] = [];
  next: Slot[];
  locals: (Value | undefined)[] = [];
  constructor(nvars: number) {
    this.next = new Array<Slot>(nvars).fill(undefined);
  }
}

/** A compiled value expression. */
export type ValueFn = (ctx: Ctx) => Value;
/** A continuation of an action: called once per way the conjuncts so far can be satisfied. */
export type Cont = (ctx: Ctx) => void;

/** What a name means where it is used. */
type Binding =
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'lazy'; readonly slot: number; readonly fn: ValueFn } // LET definition, evaluated once on first use
  | {
      readonly kind: 'byname';
      readonly fn: ValueFn;
      readonly act: ((k: Cont) => Cont) | undefined;
    }; // operator argument

/** Lexical scope: bound names, then the module's variables, constants and definitions. */
export class Scope {
  constructor(
    readonly unit: Unit,
    private readonly names: ReadonlyMap<string, Binding>,
    readonly at: number | undefined,
  ) {}

  lookup(name: string): Binding | undefined {
    return this.names.get(name);
  }

  with(name: string, b: Binding): Scope {
    const m = new Map(this.names);
    m.set(name, b);
    return new Scope(this.unit, m, this.at);
  }

  withAt(slot: number): Scope {
    return new Scope(this.unit, this.names, slot);
  }
}

/** A compilation unit: the module's tables plus the slot counter of one Ctx. */
export class Unit {
  nslots = 0;
  constructor(
    readonly mod: ModuleTables,
    /** The definition this unit evaluates, for error messages. */
    readonly defName: string,
    /** In Init, unprimed variables are the ones being assigned. */
    readonly initMode: boolean,
  ) {}

  newSlot(): number {
    return this.nslots++;
  }

  /** A context sized for this unit (call after compiling). */
  makeCtx(): Ctx {
    const c = new Ctx(this.mod.variables.length);
    c.locals = new Array<Value | undefined>(this.nslots).fill(undefined);
    return c;
  }

  rootScope(): Scope {
    return new Scope(this, new Map(), undefined);
  }
}

/** The module-level names: variables by index, constant values, definitions by name. */
export interface ModuleTables {
  readonly variables: readonly string[];
  readonly variableIndex: ReadonlyMap<string, number>;
  readonly constants: ReadonlyMap<string, Value>;
  readonly defs: ReadonlyMap<string, TlaDef>;
  /** Memoised values of zero-argument constant-level definitions. */
  readonly constantDefs: Map<string, Value>;
}

// ---------------------------------------------------------------------------------------------
// Level analysis: does an expression depend on the state?

/** True when `e` mentions no variable (primed or not), no ENABLED and no bound name from outside. */
export function isConstantLevel(
  e: TlaExpr,
  mod: ModuleTables,
  bound: ReadonlySet<string> = new Set(),
): boolean {
  const rec = (x: TlaExpr, b: ReadonlySet<string>): boolean => {
    switch (x.kind) {
      case 'TlaNum':
      case 'TlaBool':
      case 'TlaStr':
        return true;
      case 'TlaName':
        if (b.has(x.name)) return true;
        if (mod.variableIndex.has(x.name)) return false;
        if (mod.constants.has(x.name)) return true;
        {
          const d = mod.defs.get(x.name);
          return d !== undefined && d.params.length === 0 && rec(d.body, new Set());
        }
      case 'TlaPrimed':
      case 'TlaUnchanged':
      case 'TlaAt':
      case 'TlaTemporal':
      case 'TlaFairness':
      case 'TlaBoxAction':
        return false;
      case 'TlaApply': {
        const d = mod.defs.get(x.op);
        if (d === undefined || !x.args.every((a) => rec(a, b))) return false;
        return rec(d.body, new Set(d.params));
      }
      case 'TlaBuiltin':
        return x.op !== 'Assert' && x.args.every((a) => rec(a, b));
      case 'TlaUnary':
        return x.op !== 'ENABLED' && rec(x.operand, b);
      case 'TlaBinary':
        return rec(x.left, b) && rec(x.right, b);
      case 'TlaJunction':
        return x.items.every((a) => rec(a, b));
      case 'TlaIf':
        return rec(x.cond, b) && rec(x.then, b) && rec(x.else, b);
      case 'TlaCase':
        return (
          x.arms.every((a) => rec(a.cond, b) && rec(a.value, b)) &&
          (x.other === undefined || rec(x.other, b))
        );
      case 'TlaLet': {
        const nb = new Set(b);
        for (const d of x.defs) {
          if (!rec(d.value, nb)) return false;
          nb.add(d.name);
        }
        return rec(x.body, nb);
      }
      case 'TlaSetEnum':
      case 'TlaTuple':
        return x.elements.every((a) => rec(a, b));
      case 'TlaSetFilter':
        return rec(x.set, b) && rec(x.pred, new Set([...b, x.variable]));
      case 'TlaSetMap':
        return rec(x.set, b) && rec(x.expr, new Set([...b, x.variable]));
      case 'TlaFcn':
        return rec(x.set, b) && rec(x.body, new Set([...b, x.variable]));
      case 'TlaFcnApp':
        return rec(x.fcn, b) && rec(x.arg, b);
      case 'TlaExcept':
        return false;
      case 'TlaRecord':
        return x.fields.every((f) => rec(f.value, b));
      case 'TlaDot':
        return rec(x.record, b);
      case 'TlaQuant':
        return rec(x.set, b) && rec(x.body, new Set([...b, ...x.variables]));
      case 'TlaChoose':
        return rec(x.set, b) && rec(x.pred, new Set([...b, x.variable]));
    }
  };
  return rec(e, bound);
}

// ---------------------------------------------------------------------------------------------
// Value expressions

/** Compiles a value-level (or, evaluated as a predicate, action-level) expression. */
export function compileValue(e: TlaExpr, sc: Scope): ValueFn {
  switch (e.kind) {
    case 'TlaNum': {
      const v = e.value;
      return () => v;
    }
    case 'TlaBool': {
      const v = e.value;
      return () => v;
    }
    case 'TlaStr': {
      const v = e.value;
      return () => v;
    }
    case 'TlaName':
      return compileName(e.name, sc);
    case 'TlaPrimed': {
      const i = sc.unit.mod.variableIndex.get(e.name);
      if (i === undefined) fail(`${e.name}' is not a variable.`);
      const name = e.name;
      return (ctx) => {
        const v = ctx.next[i];
        if (v === undefined) fail(`The variable ${name}' is read before it is assigned.`);
        return v;
      };
    }
    case 'TlaApply':
      return compileApply(e.op, e.args, sc, (body, s2) => compileValue(body, s2));
    case 'TlaBuiltin':
      return compileBuiltin(
        e.op,
        e.args.map((a) => compileValue(a, sc)),
      );
    case 'TlaUnary': {
      if (e.op === 'ENABLED') return compileEnabled(e.operand, sc);
      const f = compileValue(e.operand, sc);
      if (e.op === '~') return (ctx) => !asBool(f(ctx), 'The argument of ~');
      return (ctx) => checkInt(-asInt(f(ctx), 'The argument of unary -'));
    }
    case 'TlaBinary':
      return compileBinary(e.op, e.left, e.right, sc);
    case 'TlaJunction': {
      const fs = e.items.map((i) => compileValue(i, sc));
      if (e.op === '/\\') {
        return (ctx) => {
          for (let i = 0; i < fs.length; i++) if (!asBool(fs[i]!(ctx), 'A conjunct')) return false;
          return true;
        };
      }
      return (ctx) => {
        for (let i = 0; i < fs.length; i++) if (asBool(fs[i]!(ctx), 'A disjunct')) return true;
        return false;
      };
    }
    case 'TlaIf': {
      const c = compileValue(e.cond, sc);
      const t = compileValue(e.then, sc);
      const f = compileValue(e.else, sc);
      return (ctx) => (asBool(c(ctx), 'The condition of IF') ? t(ctx) : f(ctx));
    }
    case 'TlaCase': {
      const arms = e.arms.map((a) => ({
        c: compileValue(a.cond, sc),
        v: compileValue(a.value, sc),
      }));
      const other = e.other === undefined ? undefined : compileValue(e.other, sc);
      return (ctx) => {
        for (let i = 0; i < arms.length; i++)
          if (asBool(arms[i]!.c(ctx), 'A CASE guard')) return arms[i]!.v(ctx);
        if (other === undefined)
          fail('Attempted to evaluate a CASE with no arm enabled and no OTHER.');
        return other(ctx);
      };
    }
    case 'TlaLet': {
      const { scope, slots } = bindLet(e.defs, sc);
      const body = compileValue(e.body, scope);
      return (ctx) => {
        for (let i = 0; i < slots.length; i++) ctx.locals[slots[i]!] = undefined;
        return body(ctx);
      };
    }
    case 'TlaSetEnum': {
      const fs = e.elements.map((x) => compileValue(x, sc));
      return (ctx) => {
        const out: Value[] = new Array(fs.length);
        for (let i = 0; i < fs.length; i++) out[i] = fs[i]!(ctx);
        return makeSet(out);
      };
    }
    case 'TlaSetFilter': {
      const set = compileValue(e.set, sc);
      const slot = sc.unit.newSlot();
      const pred = compileValue(e.pred, sc.with(e.variable, { kind: 'slot', slot }));
      return (ctx) => {
        const s = asSet(set(ctx), 'The set of a set filter').elems;
        const out: Value[] = [];
        for (let i = 0; i < s.length; i++) {
          ctx.locals[slot] = s[i];
          if (asBool(pred(ctx), 'The predicate of a set filter')) out.push(s[i]!);
        }
        return makeSortedSet(out);
      };
    }
    case 'TlaSetMap': {
      const set = compileValue(e.set, sc);
      const slot = sc.unit.newSlot();
      const f = compileValue(e.expr, sc.with(e.variable, { kind: 'slot', slot }));
      return (ctx) => {
        const s = asSet(set(ctx), 'The set of a set map').elems;
        const out: Value[] = new Array(s.length);
        for (let i = 0; i < s.length; i++) {
          ctx.locals[slot] = s[i];
          out[i] = f(ctx);
        }
        return makeSet(out);
      };
    }
    case 'TlaFcn': {
      const set = compileValue(e.set, sc);
      const slot = sc.unit.newSlot();
      const f = compileValue(e.body, sc.with(e.variable, { kind: 'slot', slot }));
      return (ctx) => {
        const s = asSet(set(ctx), 'The domain of a function').elems;
        const out: Value[] = new Array(s.length);
        for (let i = 0; i < s.length; i++) {
          ctx.locals[slot] = s[i];
          out[i] = f(ctx);
        }
        return makeFcn(s, out);
      };
    }
    case 'TlaFcnApp': {
      const f = compileValue(e.fcn, sc);
      const a = compileValue(e.arg, sc);
      return (ctx) => applyFcn(asFcn(f(ctx), 'The value applied to an argument'), a(ctx));
    }
    case 'TlaExcept':
      return compileExcept(e.base, e.clauses, sc);
    case 'TlaRecord': {
      const names = e.fields.map((f) => f.name);
      const fs = e.fields.map((f) => compileValue(f.value, sc));
      return (ctx) => {
        const vals: Value[] = new Array(fs.length);
        for (let i = 0; i < fs.length; i++) vals[i] = fs[i]!(ctx);
        return makeRecord(names, vals);
      };
    }
    case 'TlaDot': {
      const r = compileValue(e.record, sc);
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
    case 'TlaTuple': {
      const fs = e.elements.map((x) => compileValue(x, sc));
      return (ctx) => {
        const out: Value[] = new Array(fs.length);
        for (let i = 0; i < fs.length; i++) out[i] = fs[i]!(ctx);
        return makeSeq(out);
      };
    }
    case 'TlaQuant': {
      const set = compileValue(e.set, sc);
      const slots: number[] = [];
      let s2 = sc;
      for (const v of e.variables) {
        const slot = sc.unit.newSlot();
        slots.push(slot);
        s2 = s2.with(v, { kind: 'slot', slot });
      }
      const body = compileValue(e.body, s2);
      const forall = e.quantifier === '\\A';
      return (ctx) => {
        const s = asSet(set(ctx), 'The bound set of a quantifier').elems;
        const rec = (k: number): boolean => {
          const slot = slots[k]!;
          const last = k === slots.length - 1;
          for (let i = 0; i < s.length; i++) {
            ctx.locals[slot] = s[i];
            const r = last ? asBool(body(ctx), 'The body of a quantifier') : rec(k + 1);
            if (r !== forall) return r;
          }
          return forall;
        };
        return rec(0);
      };
    }
    case 'TlaChoose': {
      const set = compileValue(e.set, sc);
      const slot = sc.unit.newSlot();
      const pred = compileValue(e.pred, sc.with(e.variable, { kind: 'slot', slot }));
      return (ctx) => {
        const sv = asSet(set(ctx), 'The set of CHOOSE');
        const s = sv.elems;
        for (let i = 0; i < s.length; i++) {
          ctx.locals[slot] = s[i];
          if (asBool(pred(ctx), 'The predicate of CHOOSE')) return s[i]!;
        }
        return fail(
          `Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.\nS = ${formatValue(sv)}`,
        );
      };
    }
    case 'TlaAt': {
      const slot = sc.at;
      if (slot === undefined) fail('@ used outside an EXCEPT clause.');
      return (ctx) => ctx.locals[slot]!;
    }
    case 'TlaUnchanged': {
      const idx = e.variables.map((v) => varIndex(v, sc));
      return (ctx) => {
        for (let i = 0; i < idx.length; i++) {
          const j = idx[i]!;
          const t = ctx.next[j];
          if (t === undefined)
            fail(`The variable ${sc.unit.mod.variables[j]}' is read before it is assigned.`);
          if (!valueEquals(ctx.cur[j]!, t)) return false;
        }
        return true;
      };
    }
    case 'TlaTemporal':
    case 'TlaFairness':
    case 'TlaBoxAction':
      return fail(`A temporal formula cannot be evaluated in a state (in ${sc.unit.defName}).`);
  }
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
      return (ctx) => ctx.locals[slot]!;
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
    return (ctx) => ctx.cur[vi]!;
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
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    m.set(def.params[i]!, {
      kind: 'byname',
      fn: compileValue(a, sc),
      act: (k: Cont) => compileAction(a, sc, k),
    });
  }
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

function compileBuiltin(op: string, args: readonly ValueFn[]): ValueFn {
  const [a, b] = args;
  switch (op) {
    case 'Len':
      return (ctx) => asSeq(a!(ctx), 'The argument of Len').elems.length;
    case 'Append':
      return (ctx) => {
        const s = asSeq(a!(ctx), 'The first argument of Append');
        const out = s.elems.slice();
        out.push(b!(ctx));
        return new SeqValue(out);
      };
    case 'Head':
      return (ctx) => {
        const s = asSeq(a!(ctx), 'The argument of Head');
        if (s.elems.length === 0) fail('Attempted to apply Head to the empty sequence.');
        return s.elems[0]!;
      };
    case 'Tail':
      return (ctx) => {
        const s = asSeq(a!(ctx), 'The argument of Tail');
        if (s.elems.length === 0) fail('Attempted to apply Tail to the empty sequence.');
        return makeSeq(s.elems.slice(1));
      };
    case 'Cardinality':
      return (ctx) => asSet(a!(ctx), 'The argument of Cardinality').elems.length;
    case 'DOMAIN':
      return (ctx) => makeSortedSet(functionDomain(asFcn(a!(ctx), 'The argument of DOMAIN')));
    case 'SUBSET':
      return (ctx) => powerset(asSet(a!(ctx), 'The argument of SUBSET'));
    case 'Permutations':
      return (ctx) => permutations(asSet(a!(ctx), 'The argument of Permutations'));
    case 'Assert':
      return (ctx) => {
        if (asBool(a!(ctx), 'The first argument of Assert')) return true;
        const m = b!(ctx);
        throw new AssertFailure(typeof m === 'string' ? m : formatValue(m));
      };
    default:
      return fail(`Unknown built-in operator ${op}.`);
  }
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

function compileBinary(op: string, le: TlaExpr, re: TlaExpr, sc: Scope): ValueFn {
  if ((op === '\\in' || op === '\\notin') && re.kind === 'TlaBinary' && re.op === '..') {
    return compileIntervalMembership(op === '\\in', le, re.left, re.right, sc);
  }
  const l = compileValue(le, sc);
  const r = compileValue(re, sc);
  switch (op) {
    case '=':
      return (ctx) => tlcEquals(l(ctx), r(ctx));
    case '#':
      return (ctx) => !tlcEquals(l(ctx), r(ctx));
    case '<':
      return (ctx) => asInt(l(ctx), 'The left side of <') < asInt(r(ctx), 'The right side of <');
    case '<=':
      return (ctx) => asInt(l(ctx), 'The left side of <=') <= asInt(r(ctx), 'The right side of <=');
    case '>':
      return (ctx) => asInt(l(ctx), 'The left side of >') > asInt(r(ctx), 'The right side of >');
    case '>=':
      return (ctx) => asInt(l(ctx), 'The left side of >=') >= asInt(r(ctx), 'The right side of >=');
    case '+':
      return (ctx) =>
        checkInt(asInt(l(ctx), 'The left side of +') + asInt(r(ctx), 'The right side of +'));
    case '-':
      return (ctx) =>
        checkInt(asInt(l(ctx), 'The left side of -') - asInt(r(ctx), 'The right side of -'));
    case '*':
      return (ctx) =>
        checkInt(asInt(l(ctx), 'The left side of *') * asInt(r(ctx), 'The right side of *'));
    case '\\div':
      return (ctx) => {
        const x = asInt(l(ctx), 'The left side of \\div');
        const y = asInt(r(ctx), 'The right side of \\div');
        if (y === 0) fail('The second argument of \\div is 0.');
        return Math.floor(x / y);
      };
    case '%':
      return (ctx) => {
        const x = asInt(l(ctx), 'The left side of %');
        const y = asInt(r(ctx), 'The right side of %');
        if (y <= 0)
          fail(`The second argument of % should be a positive number, but instead it is: ${y}`);
        return ((x % y) + y) % y;
      };
    case '=>':
      return (ctx) =>
        !asBool(l(ctx), 'The left side of =>') || asBool(r(ctx), 'The right side of =>');
    case '<=>':
      return (ctx) =>
        asBool(l(ctx), 'The left side of <=>') === asBool(r(ctx), 'The right side of <=>');
    case '\\in':
      return (ctx) => {
        const v = l(ctx);
        return setContains(asSet(r(ctx), 'The right side of \\in'), v);
      };
    case '\\notin':
      return (ctx) => {
        const v = l(ctx);
        return !setContains(asSet(r(ctx), 'The right side of \\notin'), v);
      };
    case '\\subseteq':
      return (ctx) => {
        const a = asSet(l(ctx), 'The left side of \\subseteq');
        const b = asSet(r(ctx), 'The right side of \\subseteq');
        for (const x of a.elems) if (!setContains(b, x)) return false;
        return true;
      };
    case '\\cup':
      return (ctx) => {
        const a = asSet(l(ctx), 'The left side of \\cup');
        const b = asSet(r(ctx), 'The right side of \\cup');
        if (a.elems.length === 0) return b;
        if (b.elems.length === 0) return a;
        return makeSet([...a.elems, ...b.elems]);
      };
    case '\\cap':
      return (ctx) => {
        const a = asSet(l(ctx), 'The left side of \\cap');
        const b = asSet(r(ctx), 'The right side of \\cap');
        return makeSortedSet(a.elems.filter((x) => setContains(b, x)));
      };
    case '\\':
      return (ctx) => {
        const a = asSet(l(ctx), 'The left side of \\');
        const b = asSet(r(ctx), 'The right side of \\');
        if (b.elems.length === 0) return a;
        return makeSortedSet(a.elems.filter((x) => !setContains(b, x)));
      };
    case '..':
      return (ctx) =>
        boundedInterval(
          asInt(l(ctx), 'The left side of ..'),
          asInt(r(ctx), 'The right side of ..'),
        );
    case '\\o':
      return (ctx) => {
        const a = asSeq(l(ctx), 'The left side of \\o');
        const b = asSeq(r(ctx), 'The right side of \\o');
        return makeSeq([...a.elems, ...b.elems]);
      };
    case ':>':
      return (ctx) => makeFcn([l(ctx)], [r(ctx)]);
    case '@@':
      return (ctx) =>
        mergeFcns(asFcn(l(ctx), 'The left side of @@'), asFcn(r(ctx), 'The right side of @@'));
    case '~>':
      return () => fail('A temporal formula (~>) cannot be evaluated in a state.');
    default:
      return fail(`Unknown operator ${op}.`);
  }
}

function compileExcept(base: TlaExpr, clauses: readonly TlaExceptClause[], sc: Scope): ValueFn {
  const b = compileValue(base, sc);
  const atSlot = sc.unit.newSlot();
  const cs = clauses.map((c) => ({
    path: c.path.map((p) =>
      p.kind === 'index'
        ? { index: compileValue(p.index, sc), field: undefined }
        : { index: undefined, field: p.field },
    ),
    value: compileValue(c.value, sc.withAt(atSlot)),
  }));
  const update = (
    ctx: Ctx,
    v: Value,
    path: (typeof cs)[number]['path'],
    k: number,
    value: ValueFn,
  ): Value => {
    const step = path[k]!;
    const f = asFcn(v, 'The base of EXCEPT');
    const arg: Value = step.index !== undefined ? step.index(ctx) : step.field!;
    const i = functionIndex(f, arg);
    if (i < 0) return f;
    const old = functionValues(f)[i]!;
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
    for (let i = 0; i < cs.length; i++) v = update(ctx, v, cs[i]!.path, 0, cs[i]!.value);
    return v;
  };
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
    case 'TlaJunction': {
      if (e.op === '/\\') {
        let c = k;
        for (let i = e.items.length - 1; i >= 0; i--) c = compileAction(e.items[i]!, sc, c);
        return c;
      }
      const ks = e.items.map((it) => compileAction(it, sc, k));
      return (ctx) => {
        for (let i = 0; i < ks.length; i++) ks[i]!(ctx);
      };
    }
    case 'TlaBinary': {
      if (e.op === '=' || e.op === '\\in') {
        const target = assignTarget(e.left, sc);
        if (target !== undefined) return compileAssign(target, e.op, e.right, sc, k);
      }
      break;
    }
    case 'TlaUnchanged': {
      const idx = e.variables.map((v) => varIndex(v, sc));
      return (ctx) => unchangedFrom(ctx, idx, 0, k);
    }
    case 'TlaQuant': {
      if (e.quantifier === '\\A') return compileForallAction(e.variables, e.set, e.body, sc, k);
      const set = compileValue(e.set, sc);
      const slots: number[] = [];
      let s2 = sc;
      for (const v of e.variables) {
        const slot = sc.unit.newSlot();
        slots.push(slot);
        s2 = s2.with(v, { kind: 'slot', slot });
      }
      const body = compileAction(e.body, s2, k);
      return (ctx) => {
        const s = asSet(set(ctx), 'The bound set of \\E').elems;
        const rec = (j: number): void => {
          const slot = slots[j]!;
          for (let i = 0; i < s.length; i++) {
            ctx.locals[slot] = s[i];
            if (j === slots.length - 1) body(ctx);
            else rec(j + 1);
          }
        };
        rec(0);
      };
    }
    case 'TlaIf': {
      const c = compileValue(e.cond, sc);
      const t = compileAction(e.then, sc, k);
      const f = compileAction(e.else, sc, k);
      return (ctx) => (asBool(c(ctx), 'The condition of IF') ? t(ctx) : f(ctx));
    }
    case 'TlaCase': {
      const arms = e.arms.map((a) => ({
        c: compileValue(a.cond, sc),
        v: compileAction(a.value, sc, k),
      }));
      const other = e.other === undefined ? undefined : compileAction(e.other, sc, k);
      return (ctx) => {
        for (let i = 0; i < arms.length; i++)
          if (asBool(arms[i]!.c(ctx), 'A CASE guard')) return arms[i]!.v(ctx);
        if (other === undefined)
          fail('Attempted to evaluate a CASE with no arm enabled and no OTHER.');
        other(ctx);
      };
    }
    case 'TlaLet': {
      const { scope, slots } = bindLet(e.defs, sc);
      const body = compileAction(e.body, scope, k);
      return (ctx) => {
        for (let i = 0; i < slots.length; i++) ctx.locals[slots[i]!] = undefined;
        body(ctx);
      };
    }
    case 'TlaApply':
      return compileApply(e.op, e.args, sc, (body, s2) => compileAction(body, s2, k));
    case 'TlaName': {
      const b = sc.lookup(e.name);
      if (b !== undefined && b.kind === 'byname' && b.act !== undefined) return b.act(k);
      if (
        b === undefined &&
        !sc.unit.mod.variableIndex.has(e.name) &&
        !sc.unit.mod.constants.has(e.name)
      ) {
        const def = sc.unit.mod.defs.get(e.name);
        if (
          def !== undefined &&
          def.params.length === 0 &&
          !isConstantLevel(def.body, sc.unit.mod)
        ) {
          return compileAction(def.body, new Scope(sc.unit, new Map(), undefined), k);
        }
      }
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

/**
 * The instances of `\A x1, ..., xn \in S` in the order TLC conjoins them inside an action: the
 * tuples in the order `\E` enumerates them, except that after the first one the rest come last
 * to first (TLC pushes them one by one onto its list of pending conjuncts).
 */
export function forallInstances(elems: readonly Value[], nvars: number): Value[][] {
  const all: Value[][] = [];
  if (elems.length > 0) {
    const cur: Value[] = new Array<Value>(nvars);
    const rec = (j: number): void => {
      for (let i = 0; i < elems.length; i++) {
        cur[j] = elems[i]!;
        if (j === nvars - 1) all.push(cur.slice());
        else rec(j + 1);
      }
    };
    rec(0);
  }
  if (all.length <= 2) return all;
  return [all[0]!, ...all.slice(1).reverse()];
}

/**
 * `\A x \in S : P` inside an action. TLC does not evaluate it as a boolean there: it conjoins
 * the instances of P, so each instance may assign primed variables, and a disjunction (or `\E`)
 * in P counts one way per true disjunct, multiplying the states generated.
 */
function compileForallAction(
  variables: readonly string[],
  setExpr: TlaExpr,
  bodyExpr: TlaExpr,
  sc: Scope,
  k: Cont,
): Cont {
  const set = compileValue(setExpr, sc);
  const slots: number[] = [];
  let s2 = sc;
  for (const v of variables) {
    const slot = sc.unit.newSlot();
    slots.push(slot);
    s2 = s2.with(v, { kind: 'slot', slot });
  }
  const bind = (ctx: Ctx, inst: readonly Value[]): void => {
    for (let j = 0; j < slots.length; j++) ctx.locals[slots[j]!] = inst[j];
  };
  const guards = plainGuards(bodyExpr, s2);
  if (guards !== undefined) {
    // A body with one way to hold: test the instances in TLC's order, stop at the first false.
    return (ctx) => {
      const insts = forallInstances(asSet(set(ctx), 'The bound set of \\A').elems, slots.length);
      for (let i = 0; i < insts.length; i++) {
        bind(ctx, insts[i]!);
        for (let g = 0; g < guards.length; g++)
          if (!asBool(guards[g]!(ctx), 'A conjunct of an action')) return;
      }
      k(ctx);
    };
  }
  // The instances being conjoined, innermost \A last; a frame is taken off while `k` runs so a
  // re-entry of the same formula from `k` starts its own.
  const frames: { readonly insts: readonly Value[][]; pos: number }[] = [];
  const step: Cont = (ctx) => {
    const f = frames[frames.length - 1]!;
    if (f.pos === f.insts.length) {
      frames.pop();
      try {
        k(ctx);
      } finally {
        frames.push(f);
      }
      return;
    }
    const saved = slots.map((sl) => ctx.locals[sl]);
    bind(ctx, f.insts[f.pos]!);
    f.pos++;
    try {
      body(ctx);
    } finally {
      f.pos--;
      for (let j = 0; j < slots.length; j++) ctx.locals[slots[j]!] = saved[j];
    }
  };
  const body = compileAction(bodyExpr, s2, step);
  return (ctx) => {
    frames.push({
      insts: forallInstances(asSet(set(ctx), 'The bound set of \\A').elems, slots.length),
      pos: 0,
    });
    try {
      step(ctx);
    } finally {
      frames.pop();
    }
  };
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

function unchangedFrom(ctx: Ctx, idx: readonly number[], i: number, k: Cont): void {
  if (i === idx.length) {
    k(ctx);
    return;
  }
  const j = idx[i]!;
  const cur = ctx.cur[j]!;
  const t = ctx.next[j];
  if (t === undefined) {
    ctx.next[j] = cur;
    try {
      unchangedFrom(ctx, idx, i + 1, k);
    } finally {
      ctx.next[j] = undefined;
    }
  } else if (valueEquals(t, cur)) {
    unchangedFrom(ctx, idx, i + 1, k);
  }
}

/** The variable index `x'` (or `x` in Init) assigns, when `left` is such a target. */
function assignTarget(left: TlaExpr, sc: Scope): number | undefined {
  if (left.kind === 'TlaPrimed' && !sc.unit.initMode)
    return sc.unit.mod.variableIndex.get(left.name);
  if (left.kind === 'TlaName' && sc.unit.initMode && sc.lookup(left.name) === undefined)
    return sc.unit.mod.variableIndex.get(left.name);
  return undefined;
}

function compileAssign(j: number, op: string, right: TlaExpr, sc: Scope, k: Cont): Cont {
  const r = compileValue(right, sc);
  if (op === '=') {
    return (ctx) => {
      const v = r(ctx);
      const t = ctx.next[j];
      if (t === undefined) {
        ctx.next[j] = v;
        try {
          k(ctx);
        } finally {
          ctx.next[j] = undefined;
        }
      } else if (tlcEquals(t, v)) {
        k(ctx);
      }
    };
  }
  return (ctx) => {
    const s = asSet(r(ctx), 'The right side of \\in').elems;
    const t = ctx.next[j];
    if (t === undefined) {
      try {
        for (let i = 0; i < s.length; i++) {
          ctx.next[j] = s[i];
          k(ctx);
        }
      } finally {
        ctx.next[j] = undefined;
      }
    } else if (setContains(new SetValue(s), t)) {
      k(ctx);
    }
  };
}

/** Used by interpret.ts: an empty set constant for parameterless actions. */
export const NO_PARAMS = EMPTY_SET;
