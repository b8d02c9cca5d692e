// The declarations lowering looks names up in, as the checker declared them: its global scope
// holds the first declaration of every top-level name (a second one is the checker's CS2002 or
// CS2006), so the table is that scope grouped by kind, in program order. Takes a CheckedProgram;
// returns a DeclTable. Also the root file's variants and expectations, which say what cases a
// loaded program has before it is checked.

import type { CheckedProgram } from '../check/check.js';
import type { SymbolInfo } from '../check/scopes.js';
import type {
  ConstDecl,
  DefDecl,
  ExpectDecl,
  InvariantDecl,
  ActionPropertyDecl,
  TemporalPropertyDecl,
  CoverDecl,
  MacroDecl,
  Node,
  ParamDecl,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
  VarDecl,
  VariantDecl,
} from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';

export type PropertyDecl = InvariantDecl | ActionPropertyDecl | TemporalPropertyDecl | CoverDecl;

/** What says which cases a spec has: the root file's variants (first of each name) and `expect` lines. */
export interface CaseDecls {
  readonly variants: ReadonlyMap<string, VariantDecl>;
  readonly expects: readonly ExpectDecl[];
}

/** Everything the lowering looks names up in. Variants produce a new table (variants.ts). */
export interface DeclTable {
  /** The checker's tables: constant expressions and param types are read through them. */
  readonly checked: CheckedProgram;
  readonly specName: string;
  readonly specFile: string;
  /** Source text per file, for statement text in comments and the source map. */
  readonly texts: ReadonlyMap<string, string>;
  readonly params: readonly ParamDecl[];
  /** Param defaults after the variant's `param NAME = value` lines. */
  readonly paramDefaults: ReadonlyMap<string, ParamDecl['default']>;
  readonly consts: ReadonlyMap<string, ConstDecl>;
  /** `shared var` and `thread var` in declaration order. */
  readonly globals: readonly VarDecl[];
  readonly processes: readonly ProcessDecl[];
  readonly procedures: ReadonlyMap<string, ProcedureDecl>;
  readonly macros: ReadonlyMap<string, MacroDecl>;
  readonly defs: ReadonlyMap<string, DefDecl>;
  /** The root file's properties (those of imported files are library checks, not the spec's). */
  readonly properties: readonly PropertyDecl[];
  readonly variants: ReadonlyMap<string, VariantDecl>;
  /** `override step Owner.label: stmt` of the variant chain: owner -> label -> statement. */
  readonly stepOverrides: ReadonlyMap<string, ReadonlyMap<string, Stmt>>;
}

/** The root file's variants and expectations, in source order; the first variant of a name wins. */
export function collectDecls(program: Program): CaseDecls {
  const variants = new Map<string, VariantDecl>();
  const expects: ExpectDecl[] = [];
  for (const d of program.root.ast.decls) {
    if (d.kind === 'VariantDecl' && d.name.name !== '' && !variants.has(d.name.name))
      variants.set(d.name.name, d);
    if (d.kind === 'ExpectDecl') expects.push(d);
  }
  return { variants, expects };
}

/** The tables being filled from the checker's global symbols. */
interface Tables {
  readonly params: ParamDecl[];
  readonly paramDefaults: Map<string, ParamDecl['default']>;
  readonly consts: Map<string, ConstDecl>;
  readonly globals: VarDecl[];
  readonly processes: ProcessDecl[];
  readonly procedures: Map<string, ProcedureDecl>;
  readonly macros: Map<string, MacroDecl>;
  readonly defs: Map<string, DefDecl>;
  readonly properties: PropertyDecl[];
}

/** The declaration table of a checked program (before any variant is applied). */
export function declTable(checked: CheckedProgram): DeclTable {
  const program = checked.program;
  const t: Tables = {
    params: [],
    paramDefaults: new Map(),
    consts: new Map(),
    globals: [],
    processes: [],
    procedures: new Map(),
    macros: new Map(),
    defs: new Map(),
    properties: [],
  };
  // Innermost first: the program's names in the order they were declared, then the built-ins (no declaration).
  for (const sym of checked.globals.visible()) {
    if (sym.decl !== undefined) add(t, sym, sym.decl);
  }
  return {
    checked,
    specName: program.root.ast.name.name !== '' ? program.root.ast.name.name : 'spec',
    specFile: program.root.path,
    texts: new Map(program.files.map((f) => [f.path, f.text])),
    ...t,
    variants: checked.variants,
    stepOverrides: new Map(),
  };
}

/** Files one global symbol under its kind. */
function add(t: Tables, sym: SymbolInfo, d: Node): void {
  const name = sym.name;
  switch (d.kind) {
    case 'ParamDecl':
      t.params.push(d);
      t.paramDefaults.set(name, d.default);
      break;
    case 'ConstDecl':
      t.consts.set(name, d);
      break;
    case 'VarDecl':
      t.globals.push(d);
      break;
    case 'ProcessDecl':
      t.processes.push(d);
      break;
    case 'ProcedureDecl':
      t.procedures.set(name, d);
      break;
    case 'MacroDecl':
      t.macros.set(name, d);
      break;
    case 'DefDecl':
      t.defs.set(name, d);
      break;
    case 'InvariantDecl':
    case 'ActionPropertyDecl':
    case 'TemporalPropertyDecl':
    case 'CoverDecl':
      if (!sym.imported) t.properties.push(d);
      break;
    default:
      break;
  }
}
