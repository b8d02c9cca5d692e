// Turns TLA+ expressions of the tree into TypeScript code over the runtime (runtime.ts):
// value expressions become expression text, actions become straight-line statements that
// enumerate successors the way the interpreter (eval.ts) does, guards tested before anything
// is built. Pure: takes the module's tables, writes into a ts-morph CodeBlockWriter, no files.

import { CodeBlockWriter } from 'ts-morph';
import type { TlaDef, TlaExceptClause, TlaExpr, TlaModule } from '../../tla/tla-ast.js';
import { isConstantLevel, type ModuleTables } from '../eval.js';
import { plainGuardConjuncts } from '../plain-guards.js';

/** A construct the compiler cannot translate; names it. Thrown only for trees outside the fragment. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
}

type Ty = 'bool' | 'int' | 'str' | 'any';
interface Code {
  readonly c: string;
  readonly t: Ty;
}

type Binding =
  | { readonly kind: 'js'; readonly code: string; readonly t: Ty }
  | { readonly kind: 'byname'; readonly expr: TlaExpr; readonly env: Env };

/** Where an expression is compiled: bound names, the `@` of an enclosing EXCEPT, and the mode. */
export interface Env {
  readonly names: ReadonlyMap<string, Binding>;
  readonly at: string | undefined;
  /** In Init, unprimed variables are the ones being assigned (read from the `n` locals). */
  readonly init: boolean;
  /** The definition being compiled, for messages. */
  readonly def: string;
}

/** Per variable: assigned, unassigned, or only known at run time. */
type Assigned = 'a' | 'u' | '?';
type St = readonly Assigned[];

/** A continuation: emits the code that runs once per satisfying assignment. */
export interface K {
  /** Cheap continuations are emitted in every branch; others are hoisted into a local function. */
  readonly cheap: boolean;
  emit(w: CodeBlockWriter, st: St): void;
}

const lit = (s: string): string => JSON.stringify(s);

/** Code generation for one module: names, variables and definitions of the tree. */
export class CodeGen {
  private counter = 0;
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

  private bool(x: Code, what: string): string {
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
        return this.builtin(e.op, e.args, env);
      case 'TlaUnary': {
        if (e.op === 'ENABLED')
          return { c: `rt.enabled(() => ${this.enabledBody(e.operand, env)})`, t: 'bool' };
        const x = this.val(e.operand, env);
        if (e.op === '~') return { c: x.t === 'bool' ? `!${x.c}` : `rt.not(${x.c})`, t: 'bool' };
        return { c: `rt.neg(${x.c})`, t: 'int' };
      }
      case 'TlaBinary':
        return this.binary(e.op, e.left, e.right, env);
      case 'TlaJunction': {
        if (e.items.length === 0) return { c: String(e.op === '/\\'), t: 'bool' };
        const what = e.op === '/\\' ? 'A conjunct' : 'A disjunct';
        const parts = e.items.map((i) => this.bool(this.val(i, env), what));
        return { c: joinShallow(parts, e.op === '/\\' ? ' && ' : ' || '), t: 'bool' };
      }
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
          const arm = e.arms[i]!;
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
      case 'TlaSetEnum':
        return {
          c: `rt.makeSet([${e.elements.map((x) => this.val(x, env).c).join(', ')}])`,
          t: 'any',
        };
      case 'TlaSetFilter': {
        const v = this.fresh(`b_${e.variable}`);
        const pred = this.val(
          e.pred,
          this.withName(env, e.variable, { kind: 'js', code: v, t: 'any' }),
        );
        return { c: `rt.filter(${this.val(e.set, env).c}, (${v}: Value) => ${pred.c})`, t: 'any' };
      }
      case 'TlaSetMap': {
        const v = this.fresh(`b_${e.variable}`);
        const body = this.val(
          e.expr,
          this.withName(env, e.variable, { kind: 'js', code: v, t: 'any' }),
        );
        return { c: `rt.map(${this.val(e.set, env).c}, (${v}: Value) => ${body.c})`, t: 'any' };
      }
      case 'TlaFcn': {
        const v = this.fresh(`b_${e.variable}`);
        const body = this.val(
          e.body,
          this.withName(env, e.variable, { kind: 'js', code: v, t: 'any' }),
        );
        return { c: `rt.fcn(${this.val(e.set, env).c}, (${v}: Value) => ${body.c})`, t: 'any' };
      }
      case 'TlaFcnApp':
        return { c: `rt.app(${this.val(e.fcn, env).c}, ${this.val(e.arg, env).c})`, t: 'any' };
      case 'TlaExcept':
        return { c: this.except(e.base, e.clauses, env), t: 'any' };
      case 'TlaRecord': {
        // Fields sorted once here (code unit order, as values.ts keeps them); the shape is
        // interned at instantiation. Values are still evaluated in written order.
        const names = e.fields.map((f) => f.name);
        if (new Set(names).size !== names.length)
          throw new CompileError(`A record (in ${env.def}) names a field twice.`);
        const order = names
          .map((_, i) => i)
          .sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
        const shape = this.recordShape(order.map((i) => names[i]!));
        const vals = e.fields.map((f) => this.val(f.value, env).c).join(', ');
        if (order.every((w, i) => w === i)) return { c: `rt.rec(${shape}, [${vals}])`, t: 'any' };
        return { c: `rt.recp(${shape}, [${order.join(', ')}], [${vals}])`, t: 'any' };
      }
      case 'TlaDot':
        return { c: `rt.dot(${this.val(e.record, env).c}, ${lit(e.field)})`, t: 'any' };
      case 'TlaTuple':
        return {
          c: `rt.makeSeq([${e.elements.map((x) => this.val(x, env).c).join(', ')}])`,
          t: 'any',
        };
      case 'TlaQuant': {
        const s = this.fresh('s');
        const fn = e.quantifier === '\\A' ? 'every' : 'some';
        let env2 = env;
        const vs = e.variables.map((name) => {
          const v = this.fresh(`b_${name}`);
          env2 = this.withName(env2, name, { kind: 'js', code: v, t: 'any' });
          return v;
        });
        let body = this.bool(this.val(e.body, env2), 'The body of a quantifier');
        for (let i = vs.length - 1; i >= 0; i--) body = `${s}.${fn}((${vs[i]}: Value) => ${body})`;
        return {
          c: `((${s}: readonly Value[]) => ${body})(rt.elems(${this.val(e.set, env).c}, ${lit('The bound set of a quantifier')}))`,
          t: 'bool',
        };
      }
      case 'TlaChoose': {
        const v = this.fresh(`b_${e.variable}`);
        const pred = this.val(
          e.pred,
          this.withName(env, e.variable, { kind: 'js', code: v, t: 'any' }),
        );
        return { c: `rt.choose(${this.val(e.set, env).c}, (${v}: Value) => ${pred.c})`, t: 'any' };
      }
      case 'TlaAt':
        if (env.at === undefined)
          throw new CompileError(`@ is used outside an EXCEPT clause (in ${env.def}).`);
        return { c: env.at, t: 'any' };
      case 'TlaUnchanged': {
        const idx = this.unchangedIndices(e.variables, env);
        if (idx.length === 0) return { c: 'true', t: 'bool' };
        const parts = idx.map(
          (i) =>
            `rt.valueEquals(cur[${i}], rt.next(${this.nextName(i)}, ${lit(this.tables.variables[i]!)}, false))`,
        );
        return { c: joinShallow(parts, ' && '), t: 'bool' };
      }
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

  private varIndex(name: string, env: Env): number {
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
      // Literals and bound names are passed as code; anything else by name, as the interpreter does.
      const simple =
        a.kind === 'TlaNum' ||
        a.kind === 'TlaStr' ||
        a.kind === 'TlaBool' ||
        (a.kind === 'TlaName' && env.names.get(a.name)?.kind === 'js');
      if (simple) {
        const c = this.val(a, env);
        m.set(def.params[i]!, { kind: 'js', code: c.c, t: c.t });
      } else m.set(def.params[i]!, { kind: 'byname', expr: a, env });
    });
    return body(def.body, { names: m, at: undefined, init: env.init, def: env.def });
  }

  private builtin(op: string, args: readonly TlaExpr[], env: Env): Code {
    const a = args.map((x) => this.val(x, env).c);
    switch (op) {
      case 'Len':
        return { c: `rt.len(${a[0]})`, t: 'int' };
      case 'Append':
        return { c: `rt.append(${a[0]}, ${a[1]})`, t: 'any' };
      case 'Head':
        return { c: `rt.head(${a[0]})`, t: 'any' };
      case 'Tail':
        return { c: `rt.tail(${a[0]})`, t: 'any' };
      case 'Cardinality':
        return { c: `rt.card(${a[0]})`, t: 'int' };
      case 'DOMAIN':
        return { c: `rt.domain(${a[0]})`, t: 'any' };
      case 'SUBSET':
        return { c: `rt.subset(${a[0]})`, t: 'any' };
      case 'Permutations':
        return { c: `rt.perms(${a[0]})`, t: 'any' };
      case 'Assert':
        return { c: `rt.assert(${a[0]}, () => ${a[1]})`, t: 'bool' };
      default:
        throw new CompileError(
          `The built-in operator ${op} (in ${env.def}) is outside the fragment credspec emits.`,
        );
    }
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
    const ints = l.t === 'int' && r.t === 'int';
    const call = (fn: string, t: Ty): Code => ({ c: `rt.${fn}(${l.c}, ${r.c})`, t });
    switch (op) {
      case '=':
      case '#': {
        // Same-kind values compare directly; a string literal on one side takes a short path;
        // anything else goes through TLC's equality rules.
        let c: string;
        if ((l.t === 'str' && r.t === 'str') || ints || (l.t === 'bool' && r.t === 'bool'))
          c = `(${l.c} === ${r.c})`;
        else if (r.t === 'str') c = `rt.eqs(${l.c}, ${r.c})`;
        else if (l.t === 'str') c = `rt.eqsl(${l.c}, ${r.c})`;
        else c = `rt.eq(${l.c}, ${r.c})`;
        return { c: op === '=' ? c : `!${c}`, t: 'bool' };
      }
      case '<':
        return ints ? { c: `(${l.c} < ${r.c})`, t: 'bool' } : call('lt', 'bool');
      case '<=':
        return ints ? { c: `(${l.c} <= ${r.c})`, t: 'bool' } : call('le', 'bool');
      case '>':
        return ints ? { c: `(${l.c} > ${r.c})`, t: 'bool' } : call('gt', 'bool');
      case '>=':
        return ints ? { c: `(${l.c} >= ${r.c})`, t: 'bool' } : call('ge', 'bool');
      case '+':
        return ints ? { c: `rt.ci(${l.c} + ${r.c})`, t: 'int' } : call('add', 'int');
      case '-':
        return ints ? { c: `rt.ci(${l.c} - ${r.c})`, t: 'int' } : call('sub', 'int');
      case '*':
        return call('mul', 'int');
      case '\\div':
        return call('div', 'int');
      case '%':
        return call('mod', 'int');
      case '=>':
        return { c: `rt.implies(${l.c}, () => ${r.c})`, t: 'bool' };
      case '<=>':
        return call('equiv', 'bool');
      case '\\in':
        return call('in', 'bool');
      case '\\notin':
        return call('notin', 'bool');
      case '\\subseteq':
        return call('subseteq', 'bool');
      case '\\cup':
        return call('cup', 'any');
      case '\\cap':
        return call('cap', 'any');
      case '\\':
        return call('minus', 'any');
      case '..':
        return call('range', 'any');
      case '\\o':
        return call('concat', 'any');
      case ':>':
        return call('single', 'any');
      case '@@':
        return call('merge', 'any');
      case '~>':
        return {
          c: `rt.fail(${lit('A temporal formula (~>) cannot be evaluated in a state.')})`,
          t: 'any',
        };
      default:
        throw new CompileError(
          `The operator ${op} (in ${env.def}) is outside the fragment credspec emits.`,
        );
    }
  }

  private except(base: TlaExpr, clauses: readonly TlaExceptClause[], env: Env): string {
    let code = this.val(base, env).c;
    for (const clause of clauses) {
      const build = (k: number, target: string): string => {
        const step = clause.path[k]!;
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

  // -------------------------------------------------------------------------------------------
  // Actions

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

  /**
   * Emits an action formula: conjuncts left to right, disjuncts in order, `\E` and `x' \in S`
   * over the set's canonical order, `\A` as the conjunction of its instances (`forall`), IF/CASE
   * branching on the condition, definitions expanded;
   * `k` is emitted once per way the formula can be satisfied.
   */
  act(e: TlaExpr, env: Env, st: St, k: K, w: CodeBlockWriter): void {
    switch (e.kind) {
      case 'TlaJunction': {
        if (e.op === '/\\') {
          const chain = (i: number): K =>
            i === e.items.length
              ? k
              : {
                  cheap: false,
                  emit: (w2, s2) => this.act(e.items[i]!, env, s2, chain(i + 1), w2),
                };
          if (e.items.length === 0) k.emit(w, st);
          else this.act(e.items[0]!, env, st, chain(1), w);
          return;
        }
        if (e.items.length === 0) return;
        if (e.items.length === 1) return this.act(e.items[0]!, env, st, k, w);
        this.branching(st, k, w, (w2, kk) => {
          for (const it of e.items) this.act(it, env, st, kk, w2);
        });
        return;
      }
      case 'TlaBinary': {
        if (e.op === '=' || e.op === '\\in') {
          const j = this.assignTarget(e.left, env);
          if (j !== undefined) return this.assign(j, e.op, e.right, env, st, k, w);
        }
        break;
      }
      case 'TlaUnchanged':
        return this.unchanged(this.unchangedIndices(e.variables, env), 0, st, k, w);
      case 'TlaQuant': {
        if (e.quantifier === '\\A') return this.forall(e.variables, e.set, e.body, env, st, k, w);
        const s = this.fresh('s');
        w.writeLine(
          `const ${s} = rt.elems(${this.val(e.set, env).c}, ${lit('The bound set of \\E')});`,
        );
        let env2 = env;
        const vs = e.variables.map((name) => {
          const v = this.fresh(`b_${name}`);
          env2 = this.withName(env2, name, { kind: 'js', code: v, t: 'any' });
          return v;
        });
        const loops = (i: number): void => {
          if (i === vs.length) {
            this.act(e.body, env2, st, k, w);
            return;
          }
          w.write(`for (const ${vs[i]} of ${s})`).block(() => loops(i + 1));
        };
        w.write('').block(() => loops(0));
        return;
      }
      case 'TlaIf': {
        const c = this.bool(this.val(e.cond, env), 'The condition of IF');
        this.branching(st, k, w, (w2, kk) => {
          w2.write(`if (${c})`).block(() => this.act(e.then, env, st, kk, w2));
          w2.write('else').block(() => this.act(e.else, env, st, kk, w2));
        });
        return;
      }
      case 'TlaCase': {
        this.branching(st, k, w, (w2, kk) => {
          e.arms.forEach((arm, i) => {
            const c = this.bool(this.val(arm.cond, env), 'A CASE guard');
            w2.write(`${i === 0 ? '' : 'else '}if (${c})`).block(() =>
              this.act(arm.value, env, st, kk, w2),
            );
          });
          w2.write('else').block(() => {
            if (e.other === undefined)
              w2.writeLine(
                `rt.fail(${lit('Attempted to evaluate a CASE with no arm enabled and no OTHER.')});`,
              );
            else this.act(e.other, env, st, kk, w2);
          });
        });
        return;
      }
      case 'TlaLet': {
        w.write('').block(() => {
          const env2 = this.letDefs(e.defs, env, w);
          this.act(e.body, env2, st, k, w);
        });
        return;
      }
      case 'TlaApply':
        return this.apply(e.op, e.args, env, (body, env2) => this.act(body, env2, st, k, w));
      case 'TlaName': {
        const b = env.names.get(e.name);
        if (b !== undefined && b.kind === 'byname') return this.act(b.expr, b.env, st, k, w);
        if (
          b === undefined &&
          !this.tables.variableIndex.has(e.name) &&
          !this.tables.constants.has(e.name)
        ) {
          const def = this.tables.defs.get(e.name);
          if (
            def !== undefined &&
            def.params.length === 0 &&
            !isConstantLevel(def.body, this.tables)
          ) {
            return this.act(def.body, this.rootEnv(env.def, env.init), st, k, w);
          }
        }
        break;
      }
      default:
        break;
    }
    // A guard: tested before anything after it is built.
    const g = this.bool(this.val(e, env), 'A conjunct of an action');
    w.write(`if (${g})`).block(() => k.emit(w, st));
  }

  /**
   * `\A x \in S : P` in an action, as TLC treats it there: the instances of P conjoined in
   * `forallInstances` order, each free to assign primed variables and to branch (a true
   * disjunction counts once per true disjunct). A body of guards only is a plain loop.
   */
  private forall(
    variables: readonly string[],
    setExpr: TlaExpr,
    body: TlaExpr,
    env: Env,
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    const t = this.fresh('t');
    let env2 = env;
    const vs = variables.map((name) => {
      const v = this.fresh(`b_${name}`);
      env2 = this.withName(env2, name, { kind: 'js', code: v, t: 'any' });
      return v;
    });
    const bindAt = (w2: CodeBlockWriter, i: string): void => {
      vs.forEach((v, j) => w2.writeLine(`const ${v} = ${t}[${i}]![${j}]!;`));
    };
    const guards = this.plainGuards(body, env2);
    w.write('').block(() => {
      w.writeLine(
        `const ${t} = rt.forallInstances(rt.elems(${this.val(setExpr, env).c}, ${lit('The bound set of \\A')}), ${vs.length});`,
      );
      if (guards !== undefined) {
        const ok = this.fresh('ok');
        const i = this.fresh('i');
        w.writeLine(`let ${ok} = true;`);
        w.write(`for (let ${i} = 0; ${i} < ${t}.length && ${ok}; ${i}++)`).block(() => {
          bindAt(w, i);
          for (const g of guards)
            w.write(
              `if (${ok} && !(${this.bool(this.val(g, env2), 'A conjunct of an action')}))`,
            ).block(() => void w.writeLine(`${ok} = false;`));
        });
        w.write(`if (${ok})`).block(() => k.emit(w, st));
        return;
      }
      // Variables the body may assign are unknown inside the loop (an earlier instance may
      // have assigned them); a dry run finds them.
      const seen: St[] = [];
      const saved = this.counter;
      this.act(
        body,
        env2,
        st,
        { cheap: true, emit: (_w, s2) => void seen.push(s2) },
        this.writer(),
      );
      this.counter = saved;
      const inLoop: St = st.map((a, j) =>
        a === 'u' && seen.some((s2) => s2[j] !== 'u') ? '?' : a,
      );
      const step = this.fresh('step');
      const i = this.fresh('i');
      w.write(`const ${step} = (${i}: number): void =>`).block(() => {
        w.write(`if (${i} === ${t}.length)`).block(() => k.emit(w, inLoop));
        w.write('else').block(() => {
          bindAt(w, i);
          this.act(
            body,
            env2,
            inLoop,
            { cheap: true, emit: (w2) => void w2.writeLine(`${step}(${i} + 1);`) },
            w,
          );
        });
      });
      w.write(';').newLine();
      w.writeLine(`${step}(0);`);
    });
  }

  /** The conjuncts of `e` when `act` would only test them as guards; undefined when it can branch or assign. */
  private plainGuards(e: TlaExpr, env: Env): readonly TlaExpr[] | undefined {
    return plainGuardConjuncts(e, (left) => this.assignTarget(left, env) !== undefined);
  }

  /**
   * Emits code with several paths to `k`. A cheap `k` is written out on each path; otherwise
   * it becomes one local function, compiled for the assignment state the paths agree on
   * (variables some paths assign and others do not are checked at run time).
   */
  private branching(
    st: St,
    k: K,
    w: CodeBlockWriter,
    body: (w: CodeBlockWriter, k: K) => void,
  ): void {
    if (k.cheap) {
      body(w, k);
      return;
    }
    // Dry run to learn the states the paths reach k with; then the real emission.
    const seen: St[] = [];
    const saved = this.counter;
    body(this.writer(), { cheap: true, emit: (_w, s) => void seen.push(s) });
    this.counter = saved;
    if (seen.length === 0) {
      body(w, k);
      return;
    }
    const merged: Assigned[] = st.map((_, i) => {
      const first = seen[0]![i]!;
      return seen.every((s) => s[i] === first) ? first : '?';
    });
    const fn = this.fresh('k');
    w.write(`const ${fn} = (): void =>`).block(() => k.emit(w, merged));
    w.write(';').newLine();
    body(w, { cheap: true, emit: (w2) => void w2.writeLine(`${fn}();`) });
  }

  private assignTarget(left: TlaExpr, env: Env): number | undefined {
    if (left.kind === 'TlaPrimed' && !env.init) return this.tables.variableIndex.get(left.name);
    if (left.kind === 'TlaName' && env.init && env.names.get(left.name) === undefined)
      return this.tables.variableIndex.get(left.name);
    return undefined;
  }

  private assign(
    j: number,
    op: '=' | '\\in',
    right: TlaExpr,
    env: Env,
    st: St,
    k: K,
    w: CodeBlockWriter,
  ): void {
    const n = this.nextName(j);
    const r = this.val(right, env);
    const set = (s: St, v: Assigned): St => s.map((x, i) => (i === j ? v : x));
    if (op === '=') {
      const v = this.fresh('v');
      w.write('').block(() => {
        w.writeLine(`const ${v}: Value = ${r.c};`);
        const unassigned = (w2: CodeBlockWriter, kk: K): void => {
          w2.writeLine(`${n} = ${v};`);
          kk.emit(w2, set(st, 'a'));
          w2.writeLine(`${n} = undefined;`);
        };
        const compare = (w2: CodeBlockWriter, kk: K): void => {
          w2.write(`if (rt.eq(${n}!, ${v}))`).block(() => kk.emit(w2, set(st, 'a')));
        };
        if (st[j] === 'u') unassigned(w, k);
        else if (st[j] === 'a') compare(w, k);
        else {
          this.branching(st, k, w, (w2, kk) => {
            w2.write(`if (${n} === undefined)`).block(() => unassigned(w2, kk));
            w2.write('else').block(() => compare(w2, kk));
          });
        }
      });
      return;
    }
    const s = this.fresh('s');
    w.write('').block(() => {
      w.writeLine(`const ${s} = rt.elems(${r.c}, ${lit('The right side of \\in')});`);
      const unassigned = (w2: CodeBlockWriter, kk: K): void => {
        w2.write(`for (let i = 0; i < ${s}.length; i++)`).block(() => {
          w2.writeLine(`${n} = ${s}[i];`);
          kk.emit(w2, set(st, 'a'));
        });
        w2.writeLine(`${n} = undefined;`);
      };
      const member = (w2: CodeBlockWriter, kk: K): void => {
        w2.write(`if (${s}.some((x) => rt.valueEquals(x, ${n}!)))`).block(() =>
          kk.emit(w2, set(st, 'a')),
        );
      };
      if (st[j] === 'u') unassigned(w, k);
      else if (st[j] === 'a') member(w, k);
      else {
        this.branching(st, k, w, (w2, kk) => {
          w2.write(`if (${n} === undefined)`).block(() => unassigned(w2, kk));
          w2.write('else').block(() => member(w2, kk));
        });
      }
    });
  }

  private unchanged(idx: readonly number[], i: number, st: St, k: K, w: CodeBlockWriter): void {
    if (i === idx.length) {
      k.emit(w, st);
      return;
    }
    const j = idx[i]!;
    const n = this.nextName(j);
    const set = (v: Assigned): St => st.map((x, q) => (q === j ? v : x));
    const unassigned = (w2: CodeBlockWriter, kk: K): void => {
      w2.writeLine(`${n} = cur[${j}];`);
      this.unchanged(idx, i + 1, set('a'), kk, w2);
      w2.writeLine(`${n} = undefined;`);
    };
    const compare = (w2: CodeBlockWriter, kk: K): void => {
      w2.write(`if (rt.valueEquals(${n}!, cur[${j}]))`).block(() =>
        this.unchanged(idx, i + 1, set('a'), kk, w2),
      );
    };
    if (st[j] === 'u') unassigned(w, k);
    else if (st[j] === 'a') compare(w, k);
    else {
      this.branching(st, k, w, (w2, kk) => {
        w2.write(`if (${n} === undefined)`).block(() => unassigned(w2, kk));
        w2.write('else').block(() => compare(w2, kk));
      });
    }
  }

  /**
   * The final continuation of an action or Init: every variable must be assigned (statically
   * known ones are not tested again), then `onComplete` runs with the state array.
   */
  complete(missing: (variable: string) => string, onComplete: (w: CodeBlockWriter) => void): K {
    return {
      cheap: true,
      emit: (w, st) => {
        for (let i = 0; i < this.nvars; i++) {
          const msg = missing(this.tables.variables[i]!);
          if (st[i] === 'u') w.writeLine(`throw ${msg};`);
          else if (st[i] === '?')
            w.writeLine(`if (${this.nextName(i)} === undefined) throw ${msg};`);
        }
        if (!st.includes('u')) onComplete(w);
      },
    };
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
