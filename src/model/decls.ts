// The declarations of a loaded program gathered into lookup tables, the root file's first and
// imports after, each kind in source order. Takes a Program; returns a DeclTable. Does not
// report: name errors are the checker's; the lowering reports what it cannot lower.

import type {
  ConstDecl,
  DefDecl,
  EnumDecl,
  ExpectDecl,
  InvariantDecl,
  ActionPropertyDecl,
  TemporalPropertyDecl,
  CoverDecl,
  MacroDecl,
  ParamDecl,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
  TypeDecl,
  VarDecl,
  VariantDecl,
} from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';

export type PropertyDecl = InvariantDecl | ActionPropertyDecl | TemporalPropertyDecl | CoverDecl;

/** Everything the lowering looks names up in. Variants produce a new table (variants.ts). */
export interface DeclTable {
  readonly specName: string;
  readonly specFile: string;
  /** Source text per file, for statement text in comments and the source map. */
  readonly texts: ReadonlyMap<string, string>;
  readonly params: readonly ParamDecl[];
  /** Param defaults after the variant's `param NAME = value` lines. */
  readonly paramDefaults: ReadonlyMap<string, ParamDecl['default']>;
  readonly consts: ReadonlyMap<string, ConstDecl>;
  readonly enums: ReadonlyMap<string, EnumDecl>;
  /** Enum member name -> its enum. */
  readonly enumMembers: ReadonlyMap<string, EnumDecl>;
  readonly types: ReadonlyMap<string, TypeDecl>;
  /** `shared var` and `thread var` in declaration order. */
  readonly globals: readonly VarDecl[];
  readonly processes: readonly ProcessDecl[];
  readonly procedures: ReadonlyMap<string, ProcedureDecl>;
  readonly macros: ReadonlyMap<string, MacroDecl>;
  readonly defs: ReadonlyMap<string, DefDecl>;
  readonly properties: readonly PropertyDecl[];
  readonly variants: ReadonlyMap<string, VariantDecl>;
  readonly expects: readonly ExpectDecl[];
  /** `override step Owner.label: stmt` of the variant chain: owner -> label -> statement. */
  readonly stepOverrides: ReadonlyMap<string, ReadonlyMap<string, Stmt>>;
}

/** Collects the declarations of every file of the program; the first declaration of a name wins. */
export function collectDecls(program: Program): DeclTable {
  const texts = new Map<string, string>();
  const params: ParamDecl[] = [];
  const paramDefaults = new Map<string, ParamDecl['default']>();
  const consts = new Map<string, ConstDecl>();
  const enums = new Map<string, EnumDecl>();
  const enumMembers = new Map<string, EnumDecl>();
  const types = new Map<string, TypeDecl>();
  const globals: VarDecl[] = [];
  const globalNames = new Set<string>();
  const processes: ProcessDecl[] = [];
  const procedures = new Map<string, ProcedureDecl>();
  const macros = new Map<string, MacroDecl>();
  const defs = new Map<string, DefDecl>();
  const properties: PropertyDecl[] = [];
  const variants = new Map<string, VariantDecl>();
  const expects: ExpectDecl[] = [];
  const isRoot = (i: number): boolean => i === 0;

  program.files.forEach((file, index) => {
    texts.set(file.path, file.text);
    for (const d of file.ast.decls) {
      const name = d.kind === 'ExpectDecl' ? '' : d.name.name;
      switch (d.kind) {
        case 'ParamDecl':
          if (name !== '' && !paramDefaults.has(name)) {
            params.push(d);
            paramDefaults.set(name, d.default);
          }
          break;
        case 'ConstDecl':
          if (name !== '' && !consts.has(name)) consts.set(name, d);
          break;
        case 'EnumDecl':
          if (name !== '' && !enums.has(name)) {
            enums.set(name, d);
            for (const m of d.members) if (m.name !== '' && !enumMembers.has(m.name)) enumMembers.set(m.name, d);
          }
          break;
        case 'TypeDecl':
          if (name !== '' && !types.has(name)) types.set(name, d);
          break;
        case 'VarDecl':
          if (name !== '' && !globalNames.has(name)) {
            globalNames.add(name);
            globals.push(d);
          }
          break;
        case 'ProcessDecl':
          if (name !== '' && !processes.some((p) => p.name.name === name)) processes.push(d);
          break;
        case 'ProcedureDecl':
          if (name !== '' && !procedures.has(name)) procedures.set(name, d);
          break;
        case 'MacroDecl':
          if (name !== '' && !macros.has(name)) macros.set(name, d);
          break;
        case 'DefDecl':
          if (name !== '' && !defs.has(name)) defs.set(name, d);
          break;
        case 'InvariantDecl':
        case 'ActionPropertyDecl':
        case 'TemporalPropertyDecl':
        case 'CoverDecl':
          // Properties of imported files are library checks; only the root's are the spec's.
          if (isRoot(index) && name !== '') properties.push(d);
          break;
        case 'VariantDecl':
          if (isRoot(index) && name !== '' && !variants.has(name)) variants.set(name, d);
          break;
        case 'ExpectDecl':
          if (isRoot(index)) expects.push(d);
          break;
      }
    }
  });

  return {
    specName: program.root.ast.name.name !== '' ? program.root.ast.name.name : 'spec',
    specFile: program.root.path,
    texts,
    params,
    paramDefaults,
    consts,
    enums,
    enumMembers,
    types,
    globals,
    processes,
    procedures,
    macros,
    defs,
    properties,
    variants,
    expects,
    stepOverrides: new Map(),
  };
}
