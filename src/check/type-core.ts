// The type checker's base: where diagnostics and types are recorded (the innermost macro
// instance, else the context), the types that type expressions, aliases and symbols denote, and
// the fit of an expression to an expected type.

import type { DefDecl, Expr, MacroDecl, Node, TypeDecl, TypeExpr } from '../syntax/ast.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, DiagnosticArgs } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import { hasName, type CheckContext, type ReportExtra } from './context.js';
import { printExpr } from './print-expr.js';
import type { FrameOwner, SymbolInfo } from './scopes.js';
import {
  BOOL,
  INT,
  enumType,
  THREAD,
  UNKNOWN,
  fits,
  optionalOf,
  seqOf,
  setOf,
  typeToString,
  unwrapOptional,
  type Type,
} from './types.js';
import { instantiateAlias } from '../syntax/type-subst.js';
import { at } from '../source/checked-index.js';

/** Where an expression is typed: inside an action property (primes allowed), and the frame owner. */
export interface TEnv {
  readonly action: boolean;
  readonly owner?: FrameOwner;
  /** Inside one call's instance of a macro body: each parameter's type, the argument's. */
  readonly params?: ReadonlyMap<SymbolInfo, Type>;
  /** Inside a macro instance: the owner of the call site, which `self` and `frame` stand for. */
  readonly caller?: FrameOwner;
}

/** One call of a macro being checked as an instance: diagnostics met in its body wait here. */
export interface Instance {
  readonly macro: MacroDecl;
  readonly diagnostics: Diagnostic[];
  readonly types: Map<Node, Type>;
}

export const GLOBAL: TEnv = { action: false };

export function hintOf(text: string | undefined): { hint?: string } {
  return text === undefined ? {} : { hint: text };
}

/** The checker's state, reporting, and the types of type expressions and symbols. */
export abstract class TypeCore {
  protected readonly symbolTypes = new Map<SymbolInfo, Type>();
  protected readonly inProgress = new Set<Node>();
  protected readonly aliasTypes = new Map<TypeDecl, Type>();
  protected readonly defResults = new Map<DefDecl, Type>();
  protected readonly macroResults = new Map<MacroDecl, Type>();
  /** Macro instances being checked, innermost last. */
  protected readonly instances: Instance[] = [];
  /** Per macro: the diagnostics its body gets with untyped parameters (reported by its own check). */
  protected readonly plainMacroKeys = new Map<MacroDecl, Set<string>>();

  constructor(protected readonly ctx: CheckContext) {}

  /** Reports into the innermost macro instance, if one is being checked, else into the context. */
  protected report(
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
  protected setType(n: Node, t: Type): void {
    const inst = this.instances[this.instances.length - 1];
    (inst?.types ?? this.ctx.types).set(n, t);
  }

  protected getType(n: Node): Type | undefined {
    for (let i = this.instances.length - 1; i >= 0; i--) {
      const t = at(this.instances, i, 'macro instance').types.get(n);
      if (t !== undefined) return t;
    }
    return this.ctx.types.get(n);
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

  protected typeOfUncached(t: TypeExpr): Type {
    switch (t.kind) {
      case 'NamedType': {
        const sym = this.ctx.symbols.get(t);
        if (sym === undefined) return UNKNOWN;
        switch (sym.kind) {
          case 'builtinType':
            return sym.name === 'bool' ? BOOL : sym.name === 'int' ? INT : THREAD;
          case 'enum':
            return sym.decl?.kind === 'EnumDecl' ? enumType(sym.decl) : UNKNOWN;
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
        return {
          kind: 'int',
          range: { text: `${printExpr(t.lo)}..${printExpr(t.hi)}`, lo: t.lo, hi: t.hi },
        };
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
    const earlier = this.aliasTypes.get(decl);
    if (earlier !== undefined) return earlier;
    this.aliasTypes.set(decl, result);
    return result;
  }

  /**
   * The type a generic alias stands for with the arguments of `use` (`Pair<Thread, bool>`). A
   * wrong number of arguments was reported by name resolution (CS1017); such a use is unknown.
   */
  protected aliasInstance(decl: TypeDecl, use: Extract<TypeExpr, { kind: 'NamedType' }>): Type {
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
        if (d?.kind === 'EnumDecl') t = setOf(enumType(d));
        break;
      case 'enumMember':
        t = this.memberType(sym);
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

  /** The type of an enum member: its enum's, found as the global the member's symbol names. */
  protected memberType(sym: SymbolInfo): Type {
    const e = sym.enumName === undefined ? undefined : this.ctx.globals.own(sym.enumName)?.decl;
    return e?.kind === 'EnumDecl' ? enumType(e) : UNKNOWN;
  }

  // --- expressions --------------------------------------------------------------------------

  /** Checks that `e` fits `expected`; reports CS3001 (or CS3013 for a record missing a field). */
  expect(e: Expr, expected: Type, what: string, env: TEnv): Type {
    const t = this.infer(e, env);
    if (!fits(t, expected)) this.mismatch(e, t, expected, what);
    return t;
  }

  protected mismatch(e: Node, actual: Type, expected: Type, what: string): void {
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

  /** Infers and records the type of `e` (type-exprs.ts). */
  abstract infer(e: Expr, env: TEnv): Type;
}
