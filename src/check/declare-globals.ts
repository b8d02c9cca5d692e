// Top-level names: declares every declaration of every file into ctx.globals before any
// reference is resolved (resolve-names.ts), reporting a name declared twice in one file (CS2002),
// across two files (CS2006), or a built-in redeclared (CS2008).

import type { Decl, Ident } from '../syntax/ast.js';
import type { RelatedLocation } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../syntax/program.js';
import type { CheckContext } from './context.js';
import type { SymbolInfo, SymbolKind } from './scopes.js';
import { importReaches } from './imports.js';

/** Declares the top-level names of every file into ctx.globals, reporting clashes. */
export function declareGlobals(ctx: CheckContext): void {
  for (const { decl, file } of ctx.decls) {
    ctx.guard('name resolution', decl, () => {
      for (const sym of symbolsOf(decl, file, ctx)) declareGlobal(ctx, sym, file);
    });
  }
}

function symbolsOf(decl: Decl, file: SourceFile, ctx: CheckContext): SymbolInfo[] {
  const imported = !ctx.isRoot(file);
  const one = (kind: SymbolKind, name: Ident): SymbolInfo => ({
    kind,
    name: name.name,
    decl,
    nameSpan: name.span,
    imported,
  });
  switch (decl.kind) {
    case 'ParamDecl':
      return [one('param', decl.name)];
    case 'ConstDecl':
      return [one('const', decl.name)];
    case 'EnumDecl':
      return [
        one('enum', decl.name),
        ...decl.members.map(
          (m): SymbolInfo => ({
            kind: 'enumMember',
            name: m.name,
            decl: m,
            nameSpan: m.span,
            imported,
            enumName: decl.name.name,
          }),
        ),
      ];
    case 'TypeDecl':
      return [one('type', decl.name)];
    case 'VarDecl':
      return [one(decl.scope === 'thread' ? 'threadVar' : 'sharedVar', decl.name)];
    case 'ProcessDecl':
      return [one('process', decl.name)];
    case 'ProcedureDecl':
      return [one('procedure', decl.name)];
    case 'MacroDecl':
      return [one('macro', decl.name)];
    case 'DefDecl':
      return [one('def', decl.name)];
    case 'InvariantDecl':
      return [one('invariant', decl.name)];
    case 'ActionPropertyDecl':
      return [one('action', decl.name)];
    case 'TemporalPropertyDecl':
      return [one('property', decl.name)];
    case 'CoverDecl':
      return [one('cover', decl.name)];
    case 'VariantDecl':
    case 'ExpectDecl':
    case 'SweepDecl':
    case 'LockOrderDecl':
      return [];
  }
}

function declareGlobal(ctx: CheckContext, sym: SymbolInfo, file: SourceFile): void {
  if (sym.name === '' || sym.nameSpan === undefined) return;
  if (ctx.builtins.own(sym.name) !== undefined) {
    ctx.report('CS2008', sym.nameSpan, { name: sym.name });
    return;
  }
  const first = ctx.globals.define(sym);
  if (first === undefined) {
    if (sym.decl !== undefined) ctx.declared.set(sym.decl, sym);
    return;
  }
  const firstFile = fileOfSpan(ctx, first);
  if (firstFile === undefined || firstFile === file) {
    ctx.report(
      'CS2002',
      sym.nameSpan,
      { name: sym.name },
      { related: related(first, 'first declared here') },
    );
    return;
  }
  // Across files: the error belongs to the file that brought the other one in.
  const firstImportsSecond = importReaches(ctx.program, firstFile, file);
  const secondImportsFirst = importReaches(ctx.program, file, firstFile);
  const [here, there, thereFile] =
    secondImportsFirst && !firstImportsSecond ? [sym, first, firstFile] : [first, sym, file];
  if (here.nameSpan === undefined) return;
  ctx.report(
    'CS2006',
    here.nameSpan,
    { name: sym.name, other: thereFile.path },
    { related: related(there, `also declared in ${thereFile.path}`) },
  );
}

function fileOfSpan(ctx: CheckContext, sym: SymbolInfo): SourceFile | undefined {
  const span = sym.nameSpan;
  return span === undefined ? undefined : ctx.program.files.find((f) => f.path === span.file);
}

export function related(sym: SymbolInfo, note: string): RelatedLocation[] {
  return sym.nameSpan === undefined ? [] : [{ span: sym.nameSpan, note }];
}
