// Symbols and scopes: what a name can denote, the built-in names, and nested lookup tables.
// Takes declarations; returns Scope objects. Does not report anything and does not walk
// statements (resolve-names.ts does).

import type { DefDecl, MacroDecl, Node, ProcedureDecl, ProcessDecl } from '../syntax/ast.js';
import type { Span } from '../source/span.js';

/** What a name denotes. Locals of a frame are `frameVar`; parameters are per kind of owner. */
export type SymbolKind =
  | 'param'
  | 'const'
  | 'enum'
  | 'enumMember'
  | 'type'
  | 'sharedVar'
  | 'threadVar'
  | 'process'
  | 'procedure'
  | 'macro'
  | 'def'
  | 'invariant'
  | 'action'
  | 'property'
  | 'cover'
  | 'frameVar'
  | 'procParam'
  | 'macroParam'
  | 'defParam'
  | 'binder'
  | 'builtinType'
  | 'builtinFn'
  | 'typeParam';

/** The owner of a frame: where locals and parameters live. */
export type FrameOwner = ProcessDecl | ProcedureDecl | MacroDecl | DefDecl;

/** One declared (or built-in) name. */
export interface SymbolInfo {
  readonly kind: SymbolKind;
  readonly name: string;
  /** The declaring node: a Decl, a Param, a VarDecl, an enum member Ident, a binder Ident. */
  readonly decl: Node | undefined;
  /** The span of the name as declared; undefined for built-ins. */
  readonly nameSpan: Span | undefined;
  /** True when declared in a file other than the root (the prelude, an imported file). */
  readonly imported: boolean;
  /** For locals and parameters: the frame they belong to. */
  readonly owner?: FrameOwner;
  /** For enum members: the enum's name. */
  readonly enumName?: string;
}

/** Built-in type names (docs/language.md, section 2). */
export const BUILTIN_TYPES = ['Thread', 'bool', 'int'] as const;

/** Built-in functions with their arity (docs/language.md, section 5). */
export const BUILTIN_FUNCTIONS: Readonly<Record<string, number>> = {
  card: 1,
  len: 1,
  head: 1,
  tail: 1,
  append: 2,
  done: 1,
  alive: 1,
  exiting: 1,
  unborn: 1,
  at: 2,
  in_call: 2,
};

/** Words for a symbol kind in messages: "`x` is a shared variable, not a type". */
export function describeKind(kind: SymbolKind): string {
  switch (kind) {
    case 'param':
      return 'a param';
    case 'const':
      return 'a const';
    case 'enum':
      return 'an enum';
    case 'enumMember':
      return 'an enum value';
    case 'type':
      return 'a type';
    case 'sharedVar':
      return 'a shared variable';
    case 'threadVar':
      return 'a thread variable';
    case 'process':
      return 'a process';
    case 'procedure':
      return 'a procedure';
    case 'macro':
      return 'a macro';
    case 'def':
      return 'a def';
    case 'invariant':
      return 'an invariant';
    case 'action':
      return 'an action property';
    case 'property':
      return 'a property';
    case 'cover':
      return 'a cover';
    case 'frameVar':
      return 'a local variable';
    case 'procParam':
    case 'macroParam':
    case 'defParam':
      return 'a parameter';
    case 'binder':
      return 'a bound variable';
    case 'builtinType':
      return 'a built-in type';
    case 'typeParam':
      return 'a type parameter';
    case 'builtinFn':
      return 'a built-in function';
  }
}

/** Kinds that name a type in a type position. */
export const TYPE_KINDS: ReadonlySet<SymbolKind> = new Set([
  'builtinType',
  'enum',
  'type',
  'process',
  'typeParam',
]);

/** Kinds that denote a value in an expression. Enums, groups and `Thread` denote their set of values. */
export const VALUE_KINDS: ReadonlySet<SymbolKind> = new Set([
  'param',
  'const',
  'enumMember',
  'sharedVar',
  'threadVar',
  'frameVar',
  'procParam',
  'macroParam',
  'defParam',
  'binder',
  'enum',
  'process',
  'builtinType',
]);

/** A lookup table with a parent. Lookup walks outwards; definition reports the clash to the caller. */
export class Scope {
  private readonly table = new Map<string, SymbolInfo>();

  constructor(readonly parent: Scope | undefined) {}

  /** Adds a symbol; returns the symbol already declared in this same scope under that name, if any. */
  define(sym: SymbolInfo): SymbolInfo | undefined {
    const existing = this.table.get(sym.name);
    if (existing !== undefined) return existing;
    this.table.set(sym.name, sym);
    return undefined;
  }

  /** The innermost symbol with that name. */
  lookup(name: string): SymbolInfo | undefined {
    return this.table.get(name) ?? this.parent?.lookup(name);
  }

  /** The symbol with that name in this scope only. */
  own(name: string): SymbolInfo | undefined {
    return this.table.get(name);
  }

  /** Every visible symbol, innermost first, shadowed ones left out; for "did you mean" hints. */
  visible(): SymbolInfo[] {
    const seen = new Set<string>();
    const out: SymbolInfo[] = [];
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      for (const sym of s.table.values()) {
        if (!seen.has(sym.name)) {
          seen.add(sym.name);
          out.push(sym);
        }
      }
    }
    return out;
  }
}

/** A scope holding the built-in types and functions; the program's global scope sits inside it. */
export function builtinScope(): Scope {
  const scope = new Scope(undefined);
  for (const name of BUILTIN_TYPES) {
    scope.define({
      kind: 'builtinType',
      name,
      decl: undefined,
      nameSpan: undefined,
      imported: true,
    });
  }
  for (const name of Object.keys(BUILTIN_FUNCTIONS)) {
    scope.define({ kind: 'builtinFn', name, decl: undefined, nameSpan: undefined, imported: true });
  }
  return scope;
}
