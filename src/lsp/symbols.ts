// Document symbols (the outline: threads and their steps, procedures, macros, variants,
// properties, state) and workspace symbols (the same declarations over every known spec).

import { type DocumentSymbol, SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { Block, Decl, Ident, SpecFile } from '../syntax/ast.js';
import { forEachStmt } from '../syntax/visit.js';
import { locationOf, rangeOf } from './positions.js';
import type { Workspace } from './workspace.js';

const KIND: Readonly<Record<Decl['kind'], SymbolKind | undefined>> = {
  ParamDecl: SymbolKind.Constant,
  ConstDecl: SymbolKind.Constant,
  EnumDecl: SymbolKind.Enum,
  TypeDecl: SymbolKind.Struct,
  VarDecl: SymbolKind.Variable,
  ProcessDecl: SymbolKind.Class,
  ProcedureDecl: SymbolKind.Function,
  MacroDecl: SymbolKind.Method,
  DefDecl: SymbolKind.Function,
  InvariantDecl: SymbolKind.Property,
  ActionPropertyDecl: SymbolKind.Property,
  TemporalPropertyDecl: SymbolKind.Property,
  CoverDecl: SymbolKind.Property,
  VariantDecl: SymbolKind.Module,
  ExpectDecl: undefined,
  SweepDecl: undefined,
  LockOrderDecl: undefined,
};

function steps(body: Block): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  forEachStmt(body.stmts, (s) => {
    if (s.label !== undefined && s.label.name !== '')
      out.push({
        name: s.label.name,
        kind: SymbolKind.Event,
        range: rangeOf(s.span),
        selectionRange: rangeOf(s.label.span),
      });
  });
  return out;
}

function named(decl: Decl): Ident | undefined {
  return decl.kind === 'ExpectDecl' || decl.kind === 'SweepDecl' || decl.kind === 'LockOrderDecl'
    ? undefined
    : decl.name;
}

function children(decl: Decl): DocumentSymbol[] {
  switch (decl.kind) {
    case 'ProcessDecl':
    case 'ProcedureDecl':
      return steps(decl.body);
    case 'EnumDecl':
      return decl.members.map((m) => ({
        name: m.name,
        kind: SymbolKind.EnumMember,
        range: rangeOf(m.span),
        selectionRange: rangeOf(m.span),
      }));
    case 'VariantDecl':
      return decl.members.flatMap((m): DocumentSymbol[] =>
        m.kind === 'StepOverride'
          ? [
              {
                name: `${m.owner.name}.${m.label.name}`,
                kind: SymbolKind.Event,
                range: rangeOf(m.span),
                selectionRange: rangeOf(m.label.span),
              },
            ]
          : m.kind === 'DeclOverride'
            ? [
                {
                  name: m.decl.name.name,
                  kind: KIND[m.decl.kind] ?? SymbolKind.Function,
                  range: rangeOf(m.span),
                  selectionRange: rangeOf(m.decl.name.span),
                  children: children(m.decl),
                },
              ]
            : [
                {
                  name: m.name.name,
                  kind: SymbolKind.Constant,
                  range: rangeOf(m.span),
                  selectionRange: rangeOf(m.name.span),
                },
              ],
      );
    default:
      return [];
  }
}

/** The outline of one parsed file. */
export function documentSymbols(ast: SpecFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const d of ast.decls) {
    const name = named(d);
    const kind = KIND[d.kind];
    if (name === undefined || kind === undefined || name.name === '') continue;
    const kids = children(d);
    out.push({
      name: name.name,
      kind,
      range: rangeOf(d.span),
      selectionRange: rangeOf(name.span),
      ...(kids.length > 0 ? { children: kids } : {}),
    });
  }
  return out;
}

/** Top-level declarations of every known spec and what they import, whose name contains `query` (any case). */
export function workspaceSymbols(ws: Workspace, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const seen = new Set<string>();
  const out: SymbolInformation[] = [];
  for (const root of ws.allSpecs()) {
    for (const file of ws.analyze(root).checked.program.files) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      for (const d of file.ast.decls) {
        const name = named(d);
        const kind = KIND[d.kind];
        if (name === undefined || kind === undefined || name.name === '') continue;
        if (!name.name.toLowerCase().includes(wanted)) continue;
        out.push({
          name: name.name,
          kind,
          location: locationOf(ws, name.span),
          containerName: file.ast.name.name,
        });
      }
    }
  }
  return out;
}
