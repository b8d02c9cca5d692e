// Turns TLA+ value expressions of the tree into TypeScript expression text over the runtime
// (runtime.ts), evaluating as the interpreter (eval.ts) does. Pure: takes the module's tables,
// writes into a ts-morph CodeBlockWriter, no files.

import { CodeBlockWriter } from 'ts-morph';
import type {
  TlaDef,
  TlaExceptClause,
  TlaExpr,
  TlaModule,
  TlaQuant,
  TlaRecord,
  TlaUnary,
  TlaLeafOrOperator,
  TlaValueForm,
} from '../../tla/tla-ast.js';
import { isConstantLevel } from '../evaluation/constant-level.js';
import type { ModuleTables } from '../evaluation/eval-scope.js';
import { binaryCode, builtinCode } from './gen-operators.js';
import {
  CompileError,
  lit,
  type Assigned,
  type Binding,
  type Code,
  type Env,
  type K,
  type St,
} from './gen-types.js';
import { at } from '../../source/checked-index.js';
/** The expressions `val` hands on to valControl: all but the leaves and operators. */
type ControlOrForm = Exclude<TlaExpr, TlaLeafOrOperator>;
/** The expressions valControl hands on to valForm. */
type ValueForm = TlaValueForm;

/**
 * Code generation for one module: names, variables and definitions of the tree, and value
 * expressions; the actions ENABLED enumerates are emitted by the subclass (gen-code.ts).
 */
export abstract class ValueCodeGen {
  protected counter = 0;
  readonly tables: ModuleTables;
  readonly nvars: number;
  /** Zero-argument definitions of constant level, compiled once into memoised getters. */
  readonly constantDefs = new Map<string, string>();
  /** Record shapes (sorted field lists) by their JS name, declared once per instantiation. */
  readonly recordShapes = new Map<string, string>();

  constructor(readonly module: TlaModule) {
    const variables = module.variables.map((v) => v.name);
    const constants = new Map<string, never>();
    for (const c of module.constants) constants.set(c.name, undefined as never);
    const defs = new Map<string, TlaDef>();
    for (const d of module.defs) defs.set(d.name, d);
    this.tables = {
      variables,
      variableIndex: new Map(variables.map((v, i) => [v, i])),
      constants,
      defs,
      constantDefs: new Map(),
    };
    this.nvars = variables.length;
  }

  /** A fresh identifier with a readable stem. */
  fresh(stem: string): string {
    return `${stem.replace(/[^A-Za-z0-9_]/g, '_')}_${++this.counter}`;
  }

  /** The JS name of an interned record shape. */
  recordShape(fields: readonly string[]): string {
    const key = JSON.stringify(fields);
    let n = this.recordShapes.get(key);
    if (n === undefined) {
      n = `R_${this.recordShapes.size}`;
      this.recordShapes.set(key, n);
    }
    return n;
  }

  /** The JS name holding a constant's value. */
  constName(name: string): string {
    return `K_${name}`;
  }

  /** The JS name of the next-state local of variable i. */
  nextName(i: number): string {
    return `n${i}`;
  }

  rootEnv(def: string, init = false): Env {
    return { names: new Map(), at: undefined, init, def };
  }

  withName(env: Env, name: string, b: Binding): Env {
    const m = new Map(env.names);
    m.set(name, b);
    return { ...env, names: m };
  }

  /** Unassigned everywhere. */
  emptyState(): St {
    return new Array<Assigned>(this.nvars).fill('u');
  }

  // -------------------------------------------------------------------------------------------
  // Values

  protected bool(x: Code, what: string): string {
    return x.t === 'bool' ? x.c : `rt.bool(${x.c}, ${lit(what)})`;
  }

  /** Compiles a value-level expression (an action formula evaluated as a predicate included). */
  val(e: TlaExpr, env: Env): Code {
    switch (e.kind) {
      case 'TlaNum':
        if (!Number.isSafeInteger(e.value))
          throw new CompileError(`The number ${e.value} (in ${env.def}) is not an integer.`);
        return { c: e.value < 0 ? `(${e.value})` : String(e.value), t: 'int' };
      case 'TlaBool':
        return { c: String(e.value), t: 'bool' };
      case 'TlaStr':
        return { c: lit(e.value), t: 'str' };
      case 'TlaName':
        return this.name(e.name, env);
      case 'TlaPrimed': {
        const i = this.varIndex(e.name, env);
        return { c: `rt.next(${this.nextName(i)}, ${lit(e.name)}, false)`, t: 'any' };
      }
      case 'TlaApply':
        return this.apply(e.op, e.args, env, (body, env2) => this.val(body, env2));
      case 'TlaBuiltin':
        return builtinCode(
          e.op,
          e.args.map((x) => this.val(x, env).c),
          env,
        );
      case 'TlaUnary':
        return this.unary(e, env);
      case 'TlaBinary':
        return this.binary(e.op, e.left, e.right, env);
      case 'TlaJunction': {
        if (e.items.length === 0) return { c: String(e.op === '/\\'), t: 'bool' };
        const what = e.op === '/\\' ? 'A conjunct' : 'A disjunct';
        const parts = e.items.map((i) => this.bool(this.val(i, env), what));
        return { c: joinShallow(parts, e.op === '/\\' ? ' && ' : ' || '), t: 'bool' };
      }
      default:
        return this.valControl(e, env);
    }
  }

  /** IF, CASE and LET as values, then the forms over sets, functions and records. */
  private valControl(e: ControlOrForm, env: Env): Code {
    switch (e.kind) {
      case 'TlaIf': {
        const c = this.bool(this.val(e.cond, env), 'The condition of IF');
        const t = this.val(e.then, env);
        const f = this.val(e.else, env);
        return { c: `(${c} ? ${t.c} : ${f.c})`, t: t.t === f.t ? t.t : 'any' };
      }
      case 'TlaCase': {
        let code =
          e.other === undefined
            ? `rt.fail(${lit('Attempted to evaluate a CASE with no arm enabled and no OTHER.')})`
            : this.val(e.other, env).c;
        for (let i = e.arms.length - 1; i >= 0; i--) {
          const arm = at(e.arms, i, 'a CASE arm');
          code = `(${this.bool(this.val(arm.cond, env), 'A CASE guard')} ? ${this.val(arm.value, env).c} : ${code})`;
        }
        return { c: code, t: 'any' };
      }
      case 'TlaLet': {
        const w = this.writer();
        const env2 = this.letDefs(e.defs, env, w);
        const body = this.val(e.body, env2);
        w.writeLine(`return ${body.c};`);
        return { c: `((): Value => {\n${w.toString()}})()`, t: body.t };
      }
      default:
        return this.valForm(e, env);
    }
  }

  /** The forms that build, take apart or quantify over values, and those no state evaluates. */
  private valForm(e: ValueForm, env: Env): Code {
    switch (e.kind) {
      case 'TlaSetEnum':
        return {
          c: `rt.makeSet([${e.elements.map((x) => this.val(x, env).c).join(', ')}])`,
          t: 'any',
        };
      case 'TlaSetFilter':
        return this.overSet('filter', e.variable, e.set, e.pred, env);
      case 'TlaSetMap':
        return this.overSet('map', e.variable, e.set, e.expr, env);
      case 'TlaFcn':
        return this.overSet('fcn', e.variable, e.set, e.body, env);
      case 'TlaChoose':
        return this.overSet('choose', e.variable, e.set, e.pred, env);
      case 'TlaFcnApp':
        return { c: `rt.app(${this.val(e.fcn, env).c}, ${this.val(e.arg, env).c})`, t: 'any' };
      case 'TlaExcept':
        return { c: this.except(e.base, e.clauses, env), t: 'any' };
      case 'TlaRecord':
        return this.record(e, env);
      case 'TlaDot':
        return { c: `rt.dot(${this.val(e.record, env).c}, ${lit(e.field)})`, t: 'any' };
      case 'TlaTuple':
        return {
          c: `rt.makeSeq([${e.elements.map((x) => this.val(x, env).c).join(', ')}])`,
          t: 'any',
        };
      case 'TlaQuant':
        return this.quant(e, env);
      case 'TlaAt':
        if (env.at === undefined)
          throw new CompileError(`@ is used outside an EXCEPT clause (in ${env.def}).`);
        return { c: env.at, t: 'any' };
      case 'TlaUnchanged':
        return this.unchangedTest(e.variables, env);
      case 'TlaTemporal':
      case 'TlaFairness':
      case 'TlaBoxAction':
        return {
          c: `rt.fail(${lit(`A temporal formula cannot be evaluated in a state (in ${env.def}).`)})`,
          t: 'any',
        };
      default:
        return refuse(e, env);
    }
  }

  private unary(e: TlaUnary, env: Env): Code {
    if (e.op === 'ENABLED')
      return { c: `rt.enabled(() => ${this.enabledBody(e.operand, env)})`, t: 'bool' };
    const x = this.val(e.operand, env);
    if (e.op === '~') return { c: x.t === 'bool' ? `!${x.c}` : `rt.not(${x.c})`, t: 'bool' };
    return { c: `rt.neg(${x.c})`, t: 'int' };
  }

  /** `rt.<fn>(S, (x) => body)`: a set filter or map, a function, or CHOOSE over S. */
  private overSet(fn: string, variable: string, set: TlaExpr, body: TlaExpr, env: Env): Code {
    const v = this.fresh(`b_${variable}`);
    const b = this.val(body, this.withName(env, variable, { kind: 'js', code: v, t: 'any' }));
    return { c: `rt.${fn}(${this.val(set, env).c}, (${v}: Value) => ${b.c})`, t: 'any' };
  }

  private record(e: TlaRecord, env: Env): Code {
    // Fields sorted once here (code unit order, as values.ts keeps them); the shape is
    // interned at instantiation. Values are still evaluated in written order.
    const names = e.fields.map((f) => f.name);
    if (new Set(names).size !== names.length)
      throw new CompileError(`A record (in ${env.def}) names a field twice.`);
    const sorted = names
      .map((name, i) => ({ name, i }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const order = sorted.map((f) => f.i);
    const shape = this.recordShape(sorted.map((f) => f.name));
    const vals = e.fields.map((f) => this.val(f.value, env).c).join(', ');
    if (order.every((w, i) => w === i)) return { c: `rt.rec(${shape}, [${vals}])`, t: 'any' };
    return { c: `rt.recp(${shape}, [${order.join(', ')}], [${vals}])`, t: 'any' };
  }

  /** Fresh JS names for bound variables, and the scope in which the variables name them. */
  protected bindAll(variables: readonly string[], env: Env): { vs: string[]; env: Env } {
    let env2 = env;
    const vs = variables.map((name) => {
      const v = this.fresh(`b_${name}`);
      env2 = this.withName(env2, name, { kind: 'js', code: v, t: 'any' });
      return v;
    });
    return { vs, env: env2 };
  }

  private quant(e: TlaQuant, env: Env): Code {
    const s = this.fresh('s');
    const fn = e.quantifier === '\\A' ? 'every' : 'some';
    const { vs, env: env2 } = this.bindAll(e.variables, env);
    let body = this.bool(this.val(e.body, env2), 'The body of a quantifier');
    for (let i = vs.length - 1; i >= 0; i--) body = `${s}.${fn}((${vs[i]}: Value) => ${body})`;
    return {
      c: `((${s}: readonly Value[]) => ${body})(rt.elems(${this.val(e.set, env).c}, ${lit('The bound set of a quantifier')}))`,
      t: 'bool',
    };
  }

  /** UNCHANGED as a predicate on a given successor. */
  private unchangedTest(variables: readonly string[], env: Env): Code {
    const idx = this.unchangedIndices(variables, env);
    if (idx.length === 0) return { c: 'true', t: 'bool' };
    const parts = idx.map(
      (i) =>
        `rt.valueEquals(cur[${i}], rt.next(${this.nextName(i)}, ${lit(at(this.tables.variables, i, 'a state variable'))}, false))`,
    );
    return { c: joinShallow(parts, ' && '), t: 'bool' };
  }

  protected varIndex(name: string, env: Env): number {
    const i = this.tables.variableIndex.get(name);
    if (i === undefined)
      throw new CompileError(`${name} is not a variable of the module (in ${env.def}).`);
    return i;
  }

  /** UNCHANGED's variables, with names of definitions that are tuples of variables (`vars`) expanded. */
  unchangedIndices(names: readonly string[], env: Env): number[] {
    const out: number[] = [];
    const add = (name: string, depth: number): void => {
      const i = this.tables.variableIndex.get(name);
      if (i !== undefined) {
        out.push(i);
        return;
      }
      const d = this.tables.defs.get(name);
      if (
        d !== undefined &&
        d.params.length === 0 &&
        d.body.kind === 'TlaTuple' &&
        depth < 10 &&
        d.body.elements.every((x) => x.kind === 'TlaName')
      ) {
        for (const x of d.body.elements) add((x as { name: string }).name, depth + 1);
        return;
      }
      if (name === this.module.roles.vars && d === undefined) {
        // The printer writes `vars == << all variables >>` when the module does not define it.
        for (let q = 0; q < this.nvars; q++) out.push(q);
        return;
      }
      throw new CompileError(
        `UNCHANGED ${name}: ${name} is not a variable or a tuple of variables (in ${env.def}).`,
      );
    };
    for (const n of names) add(n, 0);
    return out;
  }

  private name(name: string, env: Env): Code {
    const b = env.names.get(name);
    if (b !== undefined) return b.kind === 'js' ? { c: b.code, t: b.t } : this.val(b.expr, b.env);
    const vi = this.tables.variableIndex.get(name);
    if (vi !== undefined)
      return env.init
        ? { c: `rt.next(${this.nextName(vi)}, ${lit(name)}, true)`, t: 'any' }
        : { c: `cur[${vi}]`, t: 'any' };
    if (this.tables.constants.has(name)) return { c: this.constName(name), t: 'any' };
    const def = this.tables.defs.get(name);
    if (def !== undefined) {
      if (def.params.length !== 0)
        throw new CompileError(
          `${name} takes ${def.params.length} arguments but is used without any (in ${env.def}).`,
        );
      if (isConstantLevel(def.body, this.tables))
        return { c: `${this.constantDef(def)}()`, t: 'any' };
      return this.val(def.body, { ...this.rootEnv(env.def, env.init) });
    }
    if (name === this.module.roles.vars) {
      const vars: TlaExpr = {
        kind: 'TlaTuple',
        elements: this.tables.variables.map((v): TlaExpr => ({ kind: 'TlaName', name: v })),
      };
      return this.val(vars, env);
    }
    throw new CompileError(`Unknown name ${name} (in ${env.def}).`);
  }

  /** The getter of a constant-level definition (its body is compiled once, in compile-module.ts). */
  constantDef(def: TlaDef): string {
    let g = this.constantDefs.get(def.name);
    if (g === undefined) {
      g = `cd_${def.name}`;
      this.constantDefs.set(def.name, g);
    }
    return g;
  }

  /** Inlines `op(args)`: parameters bound by name to the arguments in the caller's scope. */
  apply<T>(op: string, args: readonly TlaExpr[], env: Env, body: (e: TlaExpr, env: Env) => T): T {
    const def = this.tables.defs.get(op);
    if (def === undefined) throw new CompileError(`Unknown operator ${op} (in ${env.def}).`);
    if (def.params.length !== args.length)
      throw new CompileError(
        `${op} takes ${def.params.length} arguments, given ${args.length} (in ${env.def}).`,
      );
    const m = new Map<string, Binding>();
    args.forEach((a, i) => {
      const param = at(def.params, i, `a parameter of ${op}`);
      // Literals and bound names are passed as code; anything else by name, as the interpreter does.
      const simple =
        a.kind === 'TlaNum' ||
        a.kind === 'TlaStr' ||
        a.kind === 'TlaBool' ||
        (a.kind === 'TlaName' && env.names.get(a.name)?.kind === 'js');
      if (simple) {
        const c = this.val(a, env);
        m.set(param, { kind: 'js', code: c.c, t: c.t });
      } else m.set(param, { kind: 'byname', expr: a, env });
    });
    return body(def.body, { names: m, at: undefined, init: env.init, def: env.def });
  }

  private binary(op: string, le: TlaExpr, re: TlaExpr, env: Env): Code {
    if (op === '\\in' && re.kind === 'TlaBinary' && re.op === '..') {
      // `x \in a..b` (every range check of out_of_range) tests the bounds instead of building
      // the interval's elements; anything but an integer takes the general path.
      const x = this.val(le, env);
      const lo = this.val(re.left, env);
      const hi = this.val(re.right, env);
      return { c: `rt.inRange(${x.c}, ${lo.c}, ${hi.c})`, t: 'bool' };
    }
    const l = this.val(le, env);
    const r = this.val(re, env);
    return binaryCode(op, l, r, env);
  }

  private except(base: TlaExpr, clauses: readonly TlaExceptClause[], env: Env): string {
    let code = this.val(base, env).c;
    for (const clause of clauses) {
      const build = (k: number, target: string): string => {
        const step = at(clause.path, k, 'a step of an EXCEPT path');
        const arg = step.kind === 'index' ? this.val(step.index, env).c : lit(step.field);
        if (k === clause.path.length - 1) {
          const old = this.fresh('at');
          const value = this.val(clause.value, { ...env, at: old });
          // A value that cannot fail and ignores @ is computed up front: no closure per update.
          if (!value.c.includes(old) && isPlain(clause.value))
            return `rt.updv(${target}, ${arg}, ${value.c})`;
          return `rt.upd(${target}, ${arg}, (${old}: Value) => ${value.c})`;
        }
        const inner = this.fresh('o');
        return `rt.upd(${target}, ${arg}, (${inner}: Value) => ${build(k + 1, inner)})`;
      };
      code = build(0, code);
    }
    return code;
  }

  /** `() => { ... }` body of ENABLED A: A's enumeration with a continuation that stops at the first successor. */
  private enabledBody(operand: TlaExpr, env: Env): string {
    const w = this.writer();
    w.write('').block(() => {
      this.declareNext(w);
      this.act(
        operand,
        { ...env, init: false },
        this.emptyState(),
        { cheap: true, emit: (w2) => w2.writeLine('throw rt.FOUND;') },
        w,
      );
    });
    return w.toString().trim();
  }

  /** Emits an action formula; `k` is emitted once per way it can be satisfied (gen-code.ts). */
  abstract act(e: TlaExpr, env: Env, st: St, k: K, w: CodeBlockWriter): void;

  // -------------------------------------------------------------------------------------------
  // Writers and locals shared by values and actions

  /** A writer with the generated files' settings. */
  writer(): CodeBlockWriter {
    return new CodeBlockWriter({
      indentNumberOfSpaces: 2,
      useTabs: false,
      newLine: '\n',
      useSingleQuote: false,
    });
  }

  /** Declares the next-state locals `n0..` as unassigned. */
  declareNext(w: CodeBlockWriter): void {
    if (this.nvars === 0) return;
    w.writeLine(
      `let ${this.tables.variables.map((_, i) => `${this.nextName(i)}: Value | undefined`).join(', ')};`,
    );
  }

  /** The next-state locals as an array expression (every one assigned). */
  nextArray(): string {
    return `[${this.tables.variables.map((_, i) => `${this.nextName(i)}!`).join(', ')}]`;
  }

  /** Emits LET definitions as memoised local getters and returns the scope that sees them. */
  letDefs(
    defs: readonly { readonly name: string; readonly value: TlaExpr }[],
    env: Env,
    w: CodeBlockWriter,
  ): Env {
    let env2 = env;
    for (const d of defs) {
      const m = this.fresh(`m_${d.name}`);
      const g = this.fresh(`let_${d.name}`);
      const v = this.val(d.value, env2);
      w.writeLine(`let ${m}: Value | undefined;`);
      w.writeLine(`const ${g} = (): Value => ${m} ?? (${m} = ${v.c});`);
      env2 = this.withName(env2, d.name, { kind: 'js', code: `${g}()`, t: v.t });
    }
    return env2;
  }
}

/** Operands per group in joinShallow: short chains print flat, as they always have. */
const CHAIN_GROUP = 64;

/**
 * `(a && b && ...)`, with a long chain grouped into parenthesised runs of CHAIN_GROUP operands
 * (the same order, so the same short-circuit): the TypeScript compiler walks a flat chain of a
 * thousand operands recursively and runs out of stack.
 */
function joinShallow(parts: readonly string[], op: string): string {
  if (parts.length <= CHAIN_GROUP) return `(${parts.join(op)})`;
  const groups: string[] = [];
  for (let i = 0; i < parts.length; i += CHAIN_GROUP)
    groups.push(joinShallow(parts.slice(i, i + CHAIN_GROUP), op));
  return joinShallow(groups, op);
}

/** Expressions whose evaluation cannot fail and has no cost worth deferring. */
function isPlain(e: TlaExpr): boolean {
  return e.kind === 'TlaNum' || e.kind === 'TlaStr' || e.kind === 'TlaBool';
}

function refuse(e: never, env: Env): never {
  throw new CompileError(
    `The construct ${(e as { kind: string }).kind} (in ${env.def}) is outside the TLA+ fragment the compiler translates.`,
  );
}
