// Type checking: the type of every expression (ctx.types) and whether it fits where it is used
// (initial values, conditions, operands, arguments, targets, returned values, each macro call's
// instance of the macro body, primes in properties). Needs resolve-names.ts's bindings. Reports
// CS3xxx, CS6001 and CS6002; does not judge control flow or atomicity (check-steps.ts does).

import type {
  Block,
  Decl,
  DefDecl,
  Expr,
  Ident,
  MacroDecl,
  Node,
  ProcedureDecl,
  ProcessDecl,
  PropertyQuantifier,
  RecordFieldInit,
  Stmt,
  TypeDecl,
  TypeExpr,
} from '../syntax/ast.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, DiagnosticArgs } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import { hasName, type CheckContext, type ReportExtra } from './context.js';
import { printExpr } from './print-expr.js';
import type { FrameOwner, SymbolInfo } from './scopes.js';
import { didYouMean } from '../syntax/suggest.js';
import {
  BOOL,
  INT,
  NONE,
  STRING,
  THREAD,
  UNKNOWN,
  comparable,
  elementOf,
  fits,
  join,
  optionalOf,
  seqOf,
  setOf,
  typeToString,
  unwrapOptional,
  type Type,
} from './types.js';
import { forEachStmt, unparen } from '../syntax/visit.js';
import { instantiateAlias } from '../syntax/type-subst.js';

/** Where an expression is typed: inside an action property (primes allowed), and the frame owner. */
interface TEnv {
  readonly action: boolean;
  readonly owner?: FrameOwner;
  /** Inside one call's instance of a macro body: each parameter's type, the argument's. */
  readonly params?: ReadonlyMap<SymbolInfo, Type>;
  /** Inside a macro instance: the owner of the call site, which `self` and `frame` stand for. */
  readonly caller?: FrameOwner;
}

/** One call of a macro being checked as an instance: diagnostics met in its body wait here. */
interface Instance {
  readonly macro: MacroDecl;
  readonly diagnostics: Diagnostic[];
  readonly types: Map<Node, Type>;
}

const GLOBAL: TEnv = { action: false };

/** Type-checks every declaration, body, property and step override of the program. */
export function checkTypes(ctx: CheckContext): void {
  const tc = new TypeChecker(ctx);
  for (const { decl } of ctx.decls) ctx.guard('type checking', decl, () => typeDecl(ctx, tc, decl));
  for (const { decl } of ctx.bodies) ctx.guard('type checking', decl, () => tc.body(decl));
}

function typeDecl(ctx: CheckContext, tc: TypeChecker, decl: Decl): void {
  switch (decl.kind) {
    case 'ConstDecl':
      tc.symbolType(ctx.declared.get(decl));
      break;
    case 'TypeDecl':
      tc.aliasType(decl);
      break;
    case 'ParamDecl':
      tc.typeOf(decl.type);
      break;
    case 'VarDecl':
      if (decl.init !== undefined)
        tc.expect(
          decl.init,
          tc.typeOf(decl.type),
          `the initial value of \`${decl.name.name}\``,
          GLOBAL,
        );
      break;
    case 'InvariantDecl':
    case 'CoverDecl':
      tc.expect(
        decl.expr,
        BOOL,
        `${decl.kind === 'InvariantDecl' ? 'invariant' : 'cover'} \`${decl.name.name}\``,
        GLOBAL,
      );
      break;
    case 'ActionPropertyDecl':
      tc.expect(decl.expr, BOOL, `action \`${decl.name.name}\``, { action: true });
      break;
    case 'TemporalPropertyDecl':
      for (const q of decl.quantifiers ?? []) tc.quantifier(q);
      tc.expect(decl.left, BOOL, `property \`${decl.name.name}\``, GLOBAL);
      if (decl.right !== undefined)
        tc.expect(decl.right, BOOL, `property \`${decl.name.name}\``, GLOBAL);
      break;
    case 'VariantDecl':
      for (const m of decl.members) {
        if (m.kind !== 'StepOverride') continue;
        const owner = ctx.symbols.get(m.owner)?.decl;
        if (owner?.kind === 'ProcessDecl' || owner?.kind === 'ProcedureDecl')
          tc.stmt(m.stmt, { action: false, owner });
      }
      break;
    default:
      break;
  }
}

/** The parameters a macro assigns to (by position): their arguments must be assignable. */
export function writtenMacroParams(ctx: CheckContext, macro: MacroDecl): Set<number> {
  const out = new Set<number>();
  const note = (target: Expr | undefined): void => {
    if (target === undefined) return;
    const root = rootName(target);
    if (root === undefined) return;
    const sym = ctx.symbols.get(root);
    if (sym?.kind === 'macroParam' && sym.owner === macro) {
      const i = macro.params.findIndex((p) => p.name === sym.name);
      if (i >= 0) out.add(i);
    }
  };
  forEachStmt(macro.body, (s) => {
    if (s.kind === 'AssignStmt' || s.kind === 'AnyAssignStmt') note(s.target);
    else if (s.kind === 'CallStmt' || s.kind === 'CloneStmt') note(s.target);
  });
  return out;
}

/** The variable a target expression writes into (`x` of `x[i].f`), if it is one. */
export function rootName(e: Expr): Extract<Expr, { kind: 'NameExpr' }> | undefined {
  const u = unparen(e);
  if (u.kind === 'NameExpr') return u;
  if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return rootName(u.base);
  return undefined;
}

/** True when `e` has the shape of something that can be written (a variable, element, field, frame field). */
export function isAssignableShape(e: Expr): boolean {
  const u = unparen(e);
  if (u.kind === 'NameExpr' || u.kind === 'ArrowExpr') return true;
  if (u.kind === 'IndexExpr' || u.kind === 'FieldExpr') return isAssignableShape(u.base);
  return false;
}

/** Operators that chain: operands and result of one type (see `chain`). */
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', 'mod']);
const LOGICAL: ReadonlySet<string> = new Set(['&&', '||', '=>']);

class TypeChecker {
  private readonly symbolTypes = new Map<SymbolInfo, Type>();
  private readonly inProgress = new Set<Node>();
  private readonly aliasTypes = new Map<TypeDecl, Type>();
  private readonly defResults = new Map<DefDecl, Type>();
  private readonly macroResults = new Map<MacroDecl, Type>();
  /** Macro instances being checked, innermost last. */
  private readonly instances: Instance[] = [];
  /** Per macro: the diagnostics its body gets with untyped parameters (reported by its own check). */
  private readonly plainMacroKeys = new Map<MacroDecl, Set<string>>();

  constructor(private readonly ctx: CheckContext) {}

  /** Reports into the innermost macro instance, if one is being checked, else into the context. */
  private report(
    code: DiagnosticCode,
    span: Span,
    args: DiagnosticArgs,
    extra: ReportExtra = {},
  ): void {
    const inst = this.instances[this.instances.length - 1];
    if (inst === undefined) {
      this.ctx.report(code, span, args, extra);
      return;
    }
    const before = this.ctx.diagnostics.length;
    this.ctx.report(code, span, args, extra);
    inst.diagnostics.push(...this.ctx.diagnostics.splice(before));
  }

  /** Records a node's type; inside a macro instance the record is the instance's own. */
  private setType(n: Node, t: Type): void {
    const inst = this.instances[this.instances.length - 1];
    (inst?.types ?? this.ctx.types).set(n, t);
  }

  private getType(n: Node): Type | undefined {
    for (let i = this.instances.length - 1; i >= 0; i--) {
      const t = this.instances[i]!.types.get(n);
      if (t !== undefined) return t;
    }
    return this.ctx.types.get(n);
  }

  // --- declarations and bodies ------------------------------------------------------------

  body(decl: FrameOwner): void {
    const env: TEnv = { action: false, owner: decl };
    switch (decl.kind) {
      case 'ProcessDecl':
        this.expect(decl.count, INT, `the thread count of \`${decl.name.name}\``, GLOBAL);
        if (decl.spare !== undefined)
          this.expect(decl.spare, INT, `the spare count of \`${decl.name.name}\``, GLOBAL);
        if (decl.runsWhen !== undefined) this.expect(decl.runsWhen, BOOL, '`runs when`', env);
        this.locals(decl, env);
        this.block(decl.body, env);
        return;
      case 'ProcedureDecl':
        for (const p of decl.params) this.typeOf(p.type);
        if (decl.returnType !== undefined) this.typeOf(decl.returnType);
        this.locals(decl, env);
        this.block(decl.body, env);
        return;
      case 'MacroDecl':
        if (decl.returnType !== undefined) this.typeOf(decl.returnType);
        this.block(decl.body, env);
        return;
      case 'DefDecl': {
        for (const p of decl.params) this.typeOf(p.type);
        this.defResult(decl);
        return;
      }
    }
  }

  private locals(decl: ProcessDecl | ProcedureDecl, env: TEnv): void {
    for (const v of decl.locals) {
      const t = this.typeOf(v.type);
      if (v.init !== undefined)
        this.expect(v.init, t, `the initial value of \`${v.name.name}\``, env);
    }
  }

  /** A def's result type: the declared one (the body is checked against it) or the body's. */
  private defResult(decl: DefDecl): Type {
    const known = this.defResults.get(decl);
    if (known !== undefined) return known;
    if (this.inProgress.has(decl))
      return decl.returnType !== undefined ? this.typeOf(decl.returnType) : UNKNOWN;
    this.inProgress.add(decl);
    let result: Type;
    const env: TEnv = { action: false, owner: decl };
    if (decl.returnType !== undefined) {
      result = this.typeOf(decl.returnType);
      this.defResults.set(decl, result);
      this.expect(decl.body, result, `the body of def \`${decl.name.name}\``, env);
    } else {
      result = this.infer(decl.body, env);
      this.defResults.set(decl, result);
    }
    this.inProgress.delete(decl);
    return result;
  }

  // --- types as written ---------------------------------------------------------------------

  /** The type a type expression denotes, recorded in ctx.types. */
  typeOf(t: TypeExpr): Type {
    const known = this.ctx.types.get(t);
    if (known !== undefined) return known;
    const result = this.typeOfUncached(t);
    this.ctx.types.set(t, result);
    return result;
  }

  private typeOfUncached(t: TypeExpr): Type {
    switch (t.kind) {
      case 'NamedType': {
        const sym = this.ctx.symbols.get(t);
        if (sym === undefined) return UNKNOWN;
        switch (sym.kind) {
          case 'builtinType':
            return sym.name === 'bool' ? BOOL : sym.name === 'int' ? INT : THREAD;
          case 'enum':
            return { kind: 'enum', name: sym.name };
          case 'process':
            return { kind: 'thread', group: sym.name };
          case 'type':
            if (sym.decl?.kind !== 'TypeDecl') return UNKNOWN;
            return sym.decl.params.length > 0
              ? this.aliasInstance(sym.decl, t)
              : this.aliasType(sym.decl);
          default:
            return UNKNOWN;
        }
      }
      case 'RangeType':
        this.expect(t.lo, INT, 'the lower bound', GLOBAL);
        this.expect(t.hi, INT, 'the upper bound', GLOBAL);
        return { kind: 'int', range: `${printExpr(t.lo)}..${printExpr(t.hi)}` };
      case 'RecordType':
        return {
          kind: 'record',
          fields: t.fields.map((f) => ({ name: f.name.name, type: this.typeOf(f.type) })),
        };
      case 'SetType':
        return setOf(this.typeOf(t.element));
      case 'SeqType':
        return seqOf(this.typeOf(t.element));
      case 'MapType':
        return { kind: 'map', key: this.typeOf(t.key), value: this.typeOf(t.value) };
      case 'OptionalType':
        return optionalOf(this.typeOf(t.inner));
      case 'FrameType':
        return hasName(t.procedure) && this.ctx.symbols.has(t)
          ? { kind: 'frame', procedure: t.procedure.name }
          : UNKNOWN;
      case 'ErrorType':
        return UNKNOWN;
    }
  }

  /** The type a `type` alias stands for, carrying the alias name for messages. */
  aliasType(decl: TypeDecl): Type {
    const known = this.aliasTypes.get(decl);
    if (known !== undefined) return known;
    if (this.inProgress.has(decl)) {
      this.report('CS3010', decl.name.span, { name: decl.name.name });
      this.aliasTypes.set(decl, UNKNOWN);
      return UNKNOWN;
    }
    this.inProgress.add(decl);
    const t = this.typeOf(decl.type);
    this.inProgress.delete(decl);
    const result: Type = t.kind === 'unknown' ? t : { ...t, alias: decl.name.name };
    if (!this.aliasTypes.has(decl)) this.aliasTypes.set(decl, result);
    return this.aliasTypes.get(decl)!;
  }

  /**
   * The type a generic alias stands for with the arguments of `use` (`Pair<Thread, bool>`). A
   * wrong number of arguments was reported by name resolution (CS1017); such a use is unknown.
   */
  private aliasInstance(decl: TypeDecl, use: Extract<TypeExpr, { kind: 'NamedType' }>): Type {
    const args = use.args ?? [];
    if (args.length !== decl.params.length) return UNKNOWN;
    if (this.inProgress.has(decl)) {
      this.report('CS3010', decl.name.span, { name: decl.name.name });
      return UNKNOWN;
    }
    this.inProgress.add(decl);
    // Rebuilt nodes keep the symbol of the node they copy, so nested aliases still resolve.
    const body = instantiateAlias(decl, args, (from, to) => {
      const sym = this.ctx.symbols.get(from);
      if (sym !== undefined) this.ctx.symbols.set(to, sym);
    });
    const t = this.typeOf(body);
    this.inProgress.delete(decl);
    if (t.kind === 'unknown') return t;
    return {
      ...t,
      alias: `${decl.name.name}<${args.map((a) => typeToString(this.typeOf(a))).join(', ')}>`,
    };
  }

  /** The type of a value a symbol denotes. Enums, groups and `Thread` denote their sets of values. */
  symbolType(sym: SymbolInfo | undefined): Type {
    if (sym === undefined) return UNKNOWN;
    const known = this.symbolTypes.get(sym);
    if (known !== undefined) return known;
    const d = sym.decl;
    if (d !== undefined && this.inProgress.has(d)) return UNKNOWN;
    if (d !== undefined) this.inProgress.add(d);
    let t: Type = UNKNOWN;
    switch (sym.kind) {
      case 'param':
        if (d?.kind === 'ParamDecl') t = this.typeOf(d.type);
        break;
      case 'const':
        if (d?.kind === 'ConstDecl') t = this.infer(d.value, GLOBAL);
        break;
      case 'enum':
        t = setOf({ kind: 'enum', name: sym.name });
        break;
      case 'enumMember':
        t = { kind: 'enum', name: sym.enumName ?? sym.name };
        break;
      case 'sharedVar':
      case 'threadVar':
      case 'frameVar':
        if (d?.kind === 'VarDecl') t = this.typeOf(d.type);
        break;
      case 'procParam':
      case 'defParam':
        if (d?.kind === 'Param') t = this.typeOf(d.type);
        break;
      case 'process':
        t = setOf({ kind: 'thread', group: sym.name });
        break;
      case 'builtinType':
        t = sym.name === 'Thread' ? setOf(THREAD) : sym.name === 'bool' ? setOf(BOOL) : UNKNOWN;
        break;
      case 'binder':
        t = (d !== undefined ? this.getType(d) : undefined) ?? UNKNOWN;
        break;
      default:
        t = UNKNOWN;
    }
    if (d !== undefined) this.inProgress.delete(d);
    // Binder types depend on where they are bound, which is fixed once typed; cache the rest.
    if (sym.kind !== 'binder') this.symbolTypes.set(sym, t);
    return t;
  }

  // --- expressions --------------------------------------------------------------------------

  /** Checks that `e` fits `expected`; reports CS3001 (or CS3013 for a record missing a field). */
  expect(e: Expr, expected: Type, what: string, env: TEnv): Type {
    const t = this.infer(e, env);
    if (!fits(t, expected)) this.mismatch(e, t, expected, what);
    return t;
  }

  private mismatch(e: Node, actual: Type, expected: Type, what: string): void {
    const exp = unwrapOptional(expected);
    if (actual.kind === 'record' && exp.kind === 'record') {
      const missing = exp.fields.find((f) => !actual.fields.some((a) => a.name === f.name));
      if (missing !== undefined) {
        this.report('CS3013', e.span, { type: typeToString(expected), field: missing.name });
        return;
      }
    }
    this.report('CS3001', e.span, {
      what,
      actual: typeToString(actual),
      expected: typeToString(expected),
    });
  }

  /** Infers and records the type of `e`. */
  infer(e: Expr, env: TEnv): Type {
    const t = this.inferUncached(e, env);
    this.setType(e, t);
    return t;
  }

  private inferUncached(e: Expr, env: TEnv): Type {
    switch (e.kind) {
      case 'IntLit':
        return INT;
      case 'BoolLit':
        return BOOL;
      case 'StringLit':
        return STRING;
      case 'NoneLit':
        return NONE;
      case 'SelfExpr': {
        const owner = env.caller ?? env.owner;
        return owner?.kind === 'ProcessDecl' ? { kind: 'thread', group: owner.name.name } : THREAD;
      }
      case 'FrameExpr': {
        const owner = env.caller ?? env.owner;
        return owner?.kind === 'ProcedureDecl'
          ? { kind: 'frame', procedure: owner.name.name }
          : UNKNOWN;
      }
      case 'NameExpr': {
        const sym = this.ctx.symbols.get(e);
        const param = sym?.kind === 'macroParam' ? env.params?.get(sym) : undefined;
        return param ?? this.symbolType(sym);
      }
      case 'ParenExpr':
        return this.infer(e.inner, env);
      case 'CallExpr':
        return this.call(e.callee, e.args, env);
      case 'IndexExpr': {
        const own = this.threadCopy(e, env);
        if (own !== undefined) return own;
        const base = unwrapOptional(this.infer(e.base, env));
        if (base.kind === 'map') {
          this.expect(e.index, base.key, 'the index', env);
          return base.value;
        }
        if (base.kind === 'seq') {
          this.expect(e.index, INT, 'the index', env);
          return base.element;
        }
        this.infer(e.index, env);
        if (base.kind !== 'unknown')
          this.report('CS3005', e.base.span, { type: typeToString(base), operation: 'indexed' });
        return UNKNOWN;
      }
      case 'FieldExpr': {
        const base = unwrapOptional(this.infer(e.base, env));
        return this.field(base, e.field, e.base);
      }
      case 'ArrowExpr': {
        const base = unwrapOptional(this.infer(e.base, env));
        if (base.kind === 'unknown') return UNKNOWN;
        if (base.kind !== 'frame') {
          this.report('CS3005', e.base.span, {
            type: typeToString(base),
            operation: 'followed by `->` (it is not a frame)',
          });
          return UNKNOWN;
        }
        const proc = this.ctx.globals.lookup(base.procedure)?.decl;
        const scope = proc?.kind === 'ProcedureDecl' ? this.ctx.frameScopes.get(proc) : undefined;
        const sym = scope?.own(e.field.name);
        if (sym === undefined) {
          const names =
            scope
              ?.visible()
              .filter((s) => s.owner === proc)
              .map((s) => s.name)
              .sort() ?? [];
          this.report(
            'CS3007',
            e.field.span,
            { proc: base.procedure, field: e.field.name },
            hintOf(didYouMean(e.field.name, names)),
          );
          return UNKNOWN;
        }
        this.ctx.bind(e.field, sym);
        return this.symbolType(sym);
      }
      case 'PrimedExpr': {
        const text = printExpr(e.base);
        if (!env.action) this.report('CS6001', e.span, { text });
        else if (!this.isStateVariablePath(e.base)) this.report('CS6002', e.base.span, { text });
        return this.infer(e.base, env);
      }
      case 'UnaryExpr':
        if (e.op === '!') {
          this.expect(e.operand, BOOL, 'the operand of `!`', env);
          return BOOL;
        }
        this.expect(e.operand, INT, 'the operand of `-`', env);
        return INT;
      case 'BinaryExpr':
        return this.binary(e, env);
      case 'CondExpr': {
        this.expect(e.cond, BOOL, 'the condition', env);
        const a = this.infer(e.then, env);
        const b = this.infer(e.else, env);
        const j = join(a, b);
        if (j === undefined) {
          this.report('CS3006', e.span, {
            op: '? :',
            left: typeToString(a),
            right: typeToString(b),
          });
          return UNKNOWN;
        }
        return j;
      }
      case 'SetLit':
      case 'SeqLit': {
        let acc: Type = UNKNOWN;
        for (const el of e.elements) {
          const t = this.infer(el, env);
          const j = join(acc, t);
          if (j === undefined) {
            this.report('CS3008', el.span, {
              what: e.kind === 'SetLit' ? 'the set' : 'the sequence',
              left: typeToString(acc),
              right: typeToString(t),
            });
            acc = UNKNOWN;
            break;
          }
          acc = j;
        }
        return e.kind === 'SetLit' ? setOf(acc) : seqOf(acc);
      }
      case 'SetFilter': {
        const set = this.infer(e.set, env);
        this.bindBinders([e.binder], this.elementType(set, e.set, 'the filtered set'));
        this.expect(e.pred, BOOL, 'the filter', env);
        return set.kind === 'set' ? set : setOf(UNKNOWN);
      }
      case 'SetMap': {
        const set = this.infer(e.set, env);
        this.bindBinders([e.binder], this.elementType(set, e.set, 'the mapped set'));
        return setOf(this.infer(e.expr, env));
      }
      case 'MapComp': {
        const set = this.infer(e.set, env);
        const key = this.elementType(set, e.set, 'the domain');
        this.bindBinders([e.binder], key);
        return { kind: 'map', key, value: this.infer(e.value, env) };
      }
      case 'RecordLit':
        return {
          kind: 'record',
          fields: e.fields.map((f) => ({ name: f.name.name, type: this.infer(f.value, env) })),
        };
      case 'RecordUpdate': {
        const base = this.infer(e.base, env);
        const rec = unwrapOptional(base);
        this.recordFields(rec, e.fields, e.base, env);
        return base;
      }
      case 'MapUpdate': {
        const base = this.infer(e.base, env);
        const b = unwrapOptional(base);
        if (b.kind === 'map') {
          this.expect(e.key, b.key, 'the key', env);
          this.expect(e.value, b.value, 'the new value', env);
        } else if (b.kind === 'seq') {
          this.expect(e.key, INT, 'the index', env);
          this.expect(e.value, b.element, 'the new value', env);
        } else {
          this.infer(e.key, env);
          this.infer(e.value, env);
          if (b.kind !== 'unknown')
            this.report('CS3005', e.base.span, {
              type: typeToString(b),
              operation: 'updated with `[k] = v`',
            });
        }
        return base;
      }
      case 'QuantExpr': {
        const set = this.infer(e.set, env);
        this.bindBinders(e.binders, this.elementType(set, e.set, `the set of \`${e.quantifier}\``));
        this.expect(e.body, BOOL, `the body of \`${e.quantifier}\``, env);
        return BOOL;
      }
      case 'ErrorExpr':
        return UNKNOWN;
    }
  }

  /**
   * `x[t]` on a thread variable is thread t's copy (the prelude's convention: a thread's own copy
   * is `x`, another's is `x[t]`). Taken when the index is a thread, or untyped (a macro parameter)
   * and the variable itself cannot be indexed.
   */
  private threadCopy(e: Extract<Expr, { kind: 'IndexExpr' }>, env: TEnv): Type | undefined {
    // `x'[t]` in an action is `x[t]'`: the next value of thread t's copy.
    const b0 = unparen(e.base);
    const b = b0.kind === 'PrimedExpr' ? unparen(b0.base) : b0;
    if (b.kind !== 'NameExpr' || this.ctx.symbols.get(b)?.kind !== 'threadVar') return undefined;
    const varType = this.infer(e.base, env);
    const indexType = this.infer(e.index, env);
    const indexable = varType.kind === 'map' || varType.kind === 'seq';
    if (indexType.kind === 'thread' || (indexType.kind === 'unknown' && !indexable)) return varType;
    return undefined;
  }

  /** A quantifier over a whole temporal property: its set, and its binders' type. */
  quantifier(q: PropertyQuantifier): void {
    const set = this.infer(q.set, GLOBAL);
    this.bindBinders(q.binders, this.elementType(set, q.set, `the set of \`${q.quantifier}\``));
  }

  private bindBinders(binders: readonly Ident[], t: Type): void {
    for (const b of binders) this.setType(b, t);
  }

  /** The element type of a set operand, reporting CS3001 when it is no set. */
  private elementType(set: Type, node: Expr, what: string): Type {
    const el = elementOf(set);
    if (el !== undefined) return el;
    this.report('CS3001', node.span, { what, actual: typeToString(set), expected: 'a set' });
    return UNKNOWN;
  }

  private field(base: Type, field: Ident, baseNode: Expr): Type {
    if (base.kind === 'unknown') return UNKNOWN;
    if (base.kind !== 'record') {
      this.report('CS3005', baseNode.span, {
        type: typeToString(base),
        operation: `read with \`.${field.name}\` (it is not a record)`,
      });
      return UNKNOWN;
    }
    const f = base.fields.find((x) => x.name === field.name);
    if (f === undefined) {
      this.report(
        'CS3004',
        field.span,
        { type: typeToString(base), field: field.name },
        hintOf(didYouMean(field.name, base.fields.map((x) => x.name).sort())),
      );
      return UNKNOWN;
    }
    return f.type;
  }

  private recordFields(
    rec: Type,
    fields: readonly RecordFieldInit[],
    baseNode: Expr,
    env: TEnv,
  ): void {
    for (const f of fields) {
      if (rec.kind !== 'record') {
        this.infer(f.value, env);
        continue;
      }
      const ft = this.field(rec, f.name, baseNode);
      this.expect(f.value, ft, `field \`${f.name.name}\``, env);
    }
    if (rec.kind !== 'record' && rec.kind !== 'unknown') {
      this.report('CS3005', baseNode.span, {
        type: typeToString(rec),
        operation: 'updated with `with { f: e }` (it is not a record)',
      });
    }
  }

  /**
   * An operator whose operands and result share one type (`&&`, `+`), down its left spine
   * without recursion: a chain of a thousand terms is a tree a thousand deep. Same checks and
   * the same order of diagnostics as checking each node's left operand, then its right.
   */
  private chain(
    e: Extract<Expr, { kind: 'BinaryExpr' }>,
    type: Type,
    ops: ReadonlySet<string>,
    env: TEnv,
  ): Type {
    const spine: Extract<Expr, { kind: 'BinaryExpr' }>[] = [e];
    let bottom = e.left;
    while (bottom.kind === 'BinaryExpr' && ops.has(bottom.op)) {
      spine.push(bottom);
      bottom = bottom.left;
    }
    this.expect(bottom, type, `the left operand of \`${spine[spine.length - 1]!.op}\``, env);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i]!;
      this.expect(node.right, type, `the right operand of \`${node.op}\``, env);
      if (i > 0) this.setType(node, type);
    }
    return type;
  }

  private binary(e: Extract<Expr, { kind: 'BinaryExpr' }>, env: TEnv): Type {
    const op = e.op;
    const what = (side: string): string => `the ${side} operand of \`${op}\``;
    switch (op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case 'mod':
        return this.chain(e, INT, ARITHMETIC, env);
      case '<':
      case '<=':
      case '>':
      case '>=':
        this.expect(e.left, INT, what('left'), env);
        this.expect(e.right, INT, what('right'), env);
        return BOOL;
      case '..':
        this.expect(e.left, INT, what('left'), env);
        this.expect(e.right, INT, what('right'), env);
        return setOf(INT);
      case '&&':
      case '||':
      case '=>':
        return this.chain(e, BOOL, LOGICAL, env);
      case '==':
      case '!=': {
        const a = this.infer(e.left, env);
        const b = this.infer(e.right, env);
        if (!comparable(a, b))
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(b) });
        return BOOL;
      }
      case 'in':
      case 'notin': {
        const a = this.infer(e.left, env);
        const s = this.infer(e.right, env);
        const el = this.elementType(s, e.right, what('right'));
        if (!comparable(a, el))
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(s) });
        return BOOL;
      }
      case 'subseteq':
      case 'union':
      case 'inter':
      case '\\': {
        const a = this.infer(e.left, env);
        const b = this.infer(e.right, env);
        const setLeft = elementOf(a) !== undefined;
        const setRight = elementOf(b) !== undefined;
        this.elementType(a, e.left, what('left'));
        this.elementType(b, e.right, what('right'));
        // An operand that is no set was just reported; its clash with the other is the same mistake.
        if (!setLeft || !setRight) return op === 'subseteq' ? BOOL : UNKNOWN;
        const j = join(a, b);
        if (j === undefined) {
          this.report('CS3006', e.span, { op, left: typeToString(a), right: typeToString(b) });
          return op === 'subseteq' ? BOOL : UNKNOWN;
        }
        return op === 'subseteq' ? BOOL : j;
      }
    }
  }

  /** Checks a call of a def or built-in function and returns its result type. */
  private call(callee: Ident, args: readonly Expr[], env: TEnv): Type {
    const sym = this.ctx.symbols.get(callee);
    if (sym?.kind === 'macro') {
      // A value-returning macro in a condition (where that is allowed is a step rule).
      const macro = sym.decl as MacroDecl;
      const argTypes = this.macroArgs(macro, callee, args, env);
      const r = this.macroResult(macro);
      if (r === undefined)
        this.report('CS3011', callee.span, { callee: 'macro', name: macro.name.name });
      const own =
        argTypes === undefined ? undefined : this.instance(macro, callee, args, argTypes, env);
      return r === undefined ? UNKNOWN : macro.returnType !== undefined ? r : (own ?? r);
    }
    if (sym === undefined || (sym.kind !== 'def' && sym.kind !== 'builtinFn')) {
      for (const a of args) this.infer(a, env);
      return UNKNOWN;
    }
    if (sym.kind === 'def') {
      const def = sym.decl as DefDecl;
      if (!this.arity(callee, def.params.length, args)) {
        for (const a of args) this.infer(a, env);
        return this.defResult(def);
      }
      def.params.forEach((p, i) =>
        this.expect(
          args[i]!,
          this.typeOf(p.type),
          `argument \`${p.name.name}\` of \`${callee.name}\``,
          env,
        ),
      );
      return this.defResult(def);
    }
    return this.builtin(callee, args, env);
  }

  private arity(callee: Ident, expected: number, args: readonly Expr[]): boolean {
    if (args.length === expected) return true;
    this.report('CS3002', callee.span, { name: callee.name, expected, actual: args.length });
    return false;
  }

  private builtin(callee: Ident, args: readonly Expr[], env: TEnv): Type {
    const name = callee.name;
    const expectedArity = name === 'append' || name === 'at' || name === 'in_call' ? 2 : 1;
    if (!this.arity(callee, expectedArity, args)) {
      for (const a of args) this.infer(a, env);
      return UNKNOWN;
    }
    const a0 = args[0]!;
    const seqArg = (): Type => {
      const t = this.infer(a0, env);
      if (t.kind === 'seq' || t.kind === 'unknown') return t;
      this.report('CS3001', a0.span, {
        what: `the argument of \`${name}\``,
        actual: typeToString(t),
        expected: 'a seq',
      });
      return UNKNOWN;
    };
    switch (name) {
      case 'card': {
        const t = this.infer(a0, env);
        this.elementType(t, a0, 'the argument of `card`');
        return INT;
      }
      case 'len':
        seqArg();
        return INT;
      case 'head': {
        const t = seqArg();
        return t.kind === 'seq' ? t.element : UNKNOWN;
      }
      case 'tail':
        return seqArg();
      case 'append': {
        const t = seqArg();
        const el = t.kind === 'seq' ? t.element : UNKNOWN;
        const v = this.infer(args[1]!, env);
        if (!fits(v, el)) {
          const j = join(el, v);
          if (j === undefined) {
            this.mismatch(args[1]!, v, el, 'the appended value');
            return t;
          }
          return seqOf(j);
        }
        return t.kind === 'seq' ? t : seqOf(v);
      }
      case 'done':
      case 'alive':
      case 'exiting':
      case 'unborn':
        this.expect(a0, THREAD, `the argument of \`${name}\``, env);
        return BOOL;
      case 'at':
      case 'in_call':
        // The second argument is a label or a procedure name, bound by resolve-names.ts.
        this.expect(a0, THREAD, `the thread argument of \`${name}\``, env);
        return BOOL;
      default:
        for (const a of args) this.infer(a, env);
        return UNKNOWN;
    }
  }

  private isStateVariablePath(e: Expr): boolean {
    const root = rootName(e);
    if (root === undefined) return false;
    const k = this.ctx.symbols.get(root)?.kind;
    return k === 'sharedVar' || k === 'threadVar';
  }

  // --- statements ---------------------------------------------------------------------------

  private block(b: Block, env: TEnv): void {
    for (const s of b.stmts) this.stmt(s, env);
  }

  /** The type of an assignment target, after checking that it can be written. */
  private target(t: Expr, env: TEnv): Type {
    this.checkAssignable(t);
    return this.infer(t, env);
  }

  private checkAssignable(t: Expr): void {
    const u = unparen(t);
    switch (u.kind) {
      case 'NameExpr': {
        const sym = this.ctx.symbols.get(u);
        if (sym === undefined) return;
        const ok =
          sym.kind === 'sharedVar' ||
          sym.kind === 'threadVar' ||
          sym.kind === 'frameVar' ||
          sym.kind === 'procParam' ||
          sym.kind === 'macroParam';
        if (!ok)
          this.report('CS3003', u.span, { name: u.name.name, reason: describeForAssign(sym) });
        return;
      }
      case 'IndexExpr':
      case 'FieldExpr':
        this.checkAssignable(u.base);
        return;
      case 'ArrowExpr':
        return;
      case 'ErrorExpr':
        return;
      default:
        this.report('CS3003', u.span, { name: printExpr(u), reason: 'not a variable' });
    }
  }

  stmt(s: Stmt, env: TEnv): void {
    switch (s.kind) {
      case 'AssignStmt': {
        const t = this.target(s.target, env);
        this.expect(s.value, t, 'the assigned value', env);
        return;
      }
      case 'AnyAssignStmt': {
        const t = this.target(s.target, env);
        const set = this.infer(s.set, env);
        const el = this.elementType(set, s.set, 'the set of `any`');
        if (s.binder !== undefined) this.setType(s.binder, el);
        if (s.where !== undefined) this.expect(s.where, BOOL, 'the `where` condition', env);
        if (!fits(el, t)) this.mismatch(s.set, el, t, 'the chosen element');
        return;
      }
      case 'AwaitStmt':
        this.expect(s.cond, BOOL, 'the condition of `await`', env);
        return;
      case 'AssertStmt':
        this.expect(s.cond, BOOL, 'the condition of `assert`', env);
        return;
      case 'IfStmt':
        this.expect(s.cond, BOOL, 'the condition of `if`', env);
        this.block(s.then, env);
        if (s.else?.kind === 'Block') this.block(s.else, env);
        else if (s.else !== undefined) this.stmt(s.else, env);
        return;
      case 'WhileStmt':
        this.expect(s.cond, BOOL, 'the condition of `while`', env);
        this.block(s.body, env);
        return;
      case 'ForStmt': {
        const set = this.infer(s.set, env);
        this.setType(s.binder, this.elementType(set, s.set, 'the set of `for`'));
        this.block(s.body, env);
        return;
      }
      case 'EitherStmt':
        for (const b of s.branches) this.block(b, env);
        return;
      case 'AtomicStmt':
        this.block(s.body, env);
        return;
      case 'CallStmt':
        this.callStmt(s, env);
        return;
      case 'ReturnStmt': {
        const proc =
          env.owner?.kind === 'ProcedureDecl' || env.owner?.kind === 'MacroDecl'
            ? env.owner
            : undefined;
        if (s.value === undefined) return;
        if (proc?.returnType !== undefined)
          this.expect(s.value, this.typeOf(proc.returnType), 'the returned value', env);
        else this.infer(s.value, env);
        return;
      }
      case 'CloneStmt': {
        if (s.target === undefined) return;
        const t = this.target(s.target, env);
        const sym = this.ctx.symbols.get(s.group);
        if (sym?.kind !== 'process') return;
        const child: Type = { kind: 'thread', group: sym.name };
        if (!fits(child, t)) this.mismatch(s.target, child, t, `the new thread of \`${sym.name}\``);
        return;
      }
      case 'FaultStmt':
        this.stmt(s.body, env);
        if (s.when !== undefined)
          this.expect(s.when, BOOL, 'the condition of `may fail when`', env);
        this.block(s.handler, env);
        return;
      case 'SkipStmt':
      case 'ExitStmt':
      case 'BreakStmt':
      case 'ContinueStmt':
      case 'ErrorStmt':
        return;
    }
  }

  /**
   * What a macro returns: its declared result type, else the type of its final `return e`
   * (parameters are untyped, so that may be unknown); undefined when it returns nothing.
   */
  private macroResult(macro: MacroDecl): Type | undefined {
    if (macro.returnType !== undefined) return this.typeOf(macro.returnType);
    const last = macro.body.stmts[macro.body.stmts.length - 1];
    if (last?.kind !== 'ReturnStmt' || last.value === undefined) return undefined;
    const known = this.macroResults.get(macro);
    if (known !== undefined) return known;
    if (this.inProgress.has(macro)) return UNKNOWN;
    this.inProgress.add(macro);
    const t = this.infer(last.value, { action: false, owner: macro });
    this.inProgress.delete(macro);
    this.macroResults.set(macro, t);
    return t;
  }

  /**
   * Arguments of a macro call: counted, typed, and assignable where the macro writes its
   * parameter. Returns their types, or undefined when their number is wrong.
   */
  private macroArgs(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    env: TEnv,
  ): Type[] | undefined {
    const types = args.map((a) => this.infer(a, env));
    if (!this.arity(callee, macro.params.length, args)) return undefined;
    for (const i of [...writtenMacroParams(this.ctx, macro)].sort((a, b) => a - b)) {
      const arg = args[i]!;
      if (!isAssignableShape(arg))
        this.report('CS3009', arg.span, { macro: macro.name.name, param: macro.params[i]!.name });
      else this.checkAssignable(arg);
    }
    return types;
  }

  /**
   * Checks one call's instance of a macro: the body again, each parameter typed as its argument
   * and `self`/`frame` as at the call site (a macro is a template, so each call can go wrong on
   * its own). What goes wrong only in this instance is reported at the argument the offending
   * body expression uses (else at the call), with a note at the macro line. Returns the type of
   * the instance's `return e`, if it has one.
   */
  private instance(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    argTypes: readonly Type[],
    env: TEnv,
  ): Type | undefined {
    const result = this.instanceOf(macro, callee, args, argTypes, env);
    // A variant's `override macro` runs at the same call sites: its body must fit them too.
    for (const { decl, variant } of this.ctx.bodies) {
      if (variant === undefined || decl.kind !== 'MacroDecl' || decl === macro) continue;
      if (decl.name.name === macro.name.name && decl.params.length === macro.params.length)
        this.instanceOf(decl, callee, args, argTypes, env, variant.name.name);
    }
    return result;
  }

  private instanceOf(
    macro: MacroDecl,
    callee: Ident,
    args: readonly Expr[],
    argTypes: readonly Type[],
    env: TEnv,
    variant?: string,
  ): Type | undefined {
    if (this.instances.some((i) => i.macro === macro) || this.inProgress.has(macro))
      return undefined;
    const params = new Map<SymbolInfo, Type>();
    macro.params.forEach((p, i) => {
      const sym = this.ctx.declared.get(p);
      if (sym !== undefined) params.set(sym, argTypes[i] ?? UNKNOWN);
    });
    const plain = this.plainMacroDiagnostics(macro);
    const inst: Instance = { macro, diagnostics: [], types: new Map() };
    this.instances.push(inst);
    let result: Type | undefined;
    try {
      this.block(macro.body, {
        action: false,
        owner: macro,
        params,
        caller: env.caller ?? env.owner,
      });
      const last = macro.body.stmts[macro.body.stmts.length - 1];
      if (last?.kind === 'ReturnStmt' && last.value !== undefined)
        result = this.getType(last.value);
    } finally {
      this.instances.pop();
    }
    const uses = this.paramUses(macro);
    for (const d of inst.diagnostics) {
      if (plain.has(diagnosticKey(d))) continue;
      const use =
        uses.find((u) => within(u.span, d.span) || within(d.span, u.span)) ??
        useInStatement(macro, uses, d.span);
      const arg = use === undefined ? undefined : args[use.index];
      const where =
        arg === undefined
          ? ''
          : `, with \`${macro.params[use!.index]!.name}\` = \`${printExpr(arg)}\``;
      const which = variant === undefined ? '' : ` (as variant \`${variant}\` overrides it)`;
      const note = {
        span: d.span,
        note: `it arises here, in macro \`${macro.name.name}\`${which}${where}`,
      };
      this.report(d.code, arg?.span ?? callee.span, d.args, {
        ...(d.hint !== undefined ? { hint: d.hint } : {}),
        related: [note, ...(d.related ?? [])],
      });
    }
    return result;
  }

  /** The diagnostics a macro's body gets with untyped parameters, as keys (its own check reports them). */
  private plainMacroDiagnostics(macro: MacroDecl): ReadonlySet<string> {
    const known = this.plainMacroKeys.get(macro);
    if (known !== undefined) return known;
    const inst: Instance = { macro, diagnostics: [], types: new Map() };
    this.inProgress.add(macro);
    this.instances.push(inst);
    try {
      this.block(macro.body, { action: false, owner: macro });
    } finally {
      this.instances.pop();
      this.inProgress.delete(macro);
    }
    const keys = new Set(inst.diagnostics.map(diagnosticKey));
    this.plainMacroKeys.set(macro, keys);
    return keys;
  }

  /** Where a macro's body reads or writes its parameters, in source order. */
  private paramUses(macro: MacroDecl): { index: number; span: Span }[] {
    const out: { index: number; span: Span }[] = [];
    for (const [node, sym] of this.ctx.symbols) {
      if (sym.kind !== 'macroParam' || sym.owner !== macro || node.kind !== 'NameExpr') continue;
      const index = macro.params.findIndex((p) => p.name === sym.name);
      if (index >= 0) out.push({ index, span: node.span });
    }
    return out.sort((a, b) => a.span.start.offset - b.span.start.offset);
  }

  private callStmt(s: Extract<Stmt, { kind: 'CallStmt' }>, env: TEnv): void {
    const sym = this.ctx.symbols.get(s.callee);
    if (sym?.kind === 'def' || sym?.kind === 'builtinFn') {
      // `x := f(args)` with a def or built-in f is an assignment of a function's value.
      const result = this.call(s.callee, s.args, env);
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        if (!fits(result, t))
          this.mismatch(s.target, result, t, `the result of \`${s.callee.name}\``);
      }
      return;
    }
    if (sym?.kind === 'procedure') {
      const proc = sym.decl as ProcedureDecl;
      if (this.arity(s.callee, proc.params.length, s.args)) {
        proc.params.forEach((p, i) =>
          this.expect(
            s.args[i]!,
            this.typeOf(p.type),
            `argument \`${p.name.name}\` of \`${proc.name.name}\``,
            env,
          ),
        );
      } else {
        for (const a of s.args) this.infer(a, env);
      }
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        if (proc.returnType === undefined)
          this.report('CS3011', s.callee.span, { callee: 'procedure', name: proc.name.name });
        else {
          const r = this.typeOf(proc.returnType);
          if (!fits(r, t)) this.mismatch(s.target, r, t, `the result of \`${proc.name.name}\``);
        }
      }
      return;
    }
    if (sym?.kind === 'macro') {
      const macro = sym.decl as MacroDecl;
      const argTypes = this.macroArgs(macro, s.callee, s.args, env);
      const own =
        argTypes === undefined ? undefined : this.instance(macro, s.callee, s.args, argTypes, env);
      if (s.target !== undefined) {
        const t = this.target(s.target, env);
        const declared = this.macroResult(macro);
        const r =
          declared === undefined || macro.returnType !== undefined ? declared : (own ?? declared);
        if (r === undefined)
          this.report('CS3011', s.callee.span, { callee: 'macro', name: macro.name.name });
        else if (!fits(r, t)) this.mismatch(s.target, r, t, `the result of \`${macro.name.name}\``);
      }
      return;
    }
    for (const a of s.args) this.infer(a, env);
    if (s.target !== undefined) this.infer(s.target, env);
  }
}

function describeForAssign(sym: SymbolInfo): string {
  switch (sym.kind) {
    case 'param':
      return 'a param (set it with `--param`, a variant or an expectation)';
    case 'const':
      return 'a const';
    case 'enumMember':
      return 'an enum value';
    case 'binder':
      return 'a bound variable';
    case 'defParam':
      return 'a parameter of a def';
    default:
      return 'not a variable';
  }
}

/**
 * The first parameter use in the innermost statement of the macro around `span`: a value that
 * does not fit a parameter it is assigned to (`l := self`) is that parameter's argument's fault.
 */
function useInStatement(
  macro: MacroDecl,
  uses: readonly { index: number; span: Span }[],
  span: Span,
): { index: number; span: Span } | undefined {
  let inner: Stmt | undefined;
  forEachStmt(macro.body, (s) => {
    if (within(span, s.span) && (inner === undefined || within(s.span, inner.span))) inner = s;
  });
  return inner === undefined ? undefined : uses.find((u) => within(u.span, inner!.span));
}

/** Identifies a diagnostic by what it says and where. */
function diagnosticKey(d: Diagnostic): string {
  return `${d.code}|${d.span.file}|${d.span.start.offset}|${d.span.end.offset}|${JSON.stringify(d.args)}`;
}

/** True when span `inner` lies inside span `outer` (same file). */
function within(inner: Span, outer: Span): boolean {
  return (
    inner.file === outer.file &&
    outer.start.offset <= inner.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}

function hintOf(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}
