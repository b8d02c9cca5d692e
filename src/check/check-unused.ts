// Unused declarations of the root file: params, consts, variables (shared, thread, frame), defs,
// macros and procedures nothing refers to. Takes the checker context after name resolution;
// reports CS2007 warnings. Never reports a declaration from an imported file (the prelude).

import type { Node } from '../syntax/ast.js';
import type { CheckContext } from './context.js';
import type { SymbolKind } from './scopes.js';

const WHAT: Partial<Record<SymbolKind, string>> = {
  param: 'param',
  const: 'const',
  sharedVar: 'shared variable',
  threadVar: 'thread variable',
  frameVar: 'local variable',
  def: 'def',
  macro: 'macro',
  procedure: 'procedure',
};

/** Reports each unused declaration of the root file, in source order. */
export function checkUnused(ctx: CheckContext): void {
  // A file without processes is a library (the prelude, shared cred types): its declarations
  // are there to be imported, so linting it on its own reports none of them as unused.
  const rootDecls = ctx.decls.filter(({ file }) => ctx.isRoot(file));
  if (!rootDecls.some(({ decl }) => decl.kind === 'ProcessDecl')) return;
  const candidates: Node[] = [];
  for (const { decl, file } of ctx.decls) {
    if (!ctx.isRoot(file)) continue;
    candidates.push(decl);
    if (decl.kind === 'ProcessDecl' || decl.kind === 'ProcedureDecl')
      candidates.push(...decl.locals);
  }
  for (const node of candidates) {
    const sym = ctx.declared.get(node);
    if (sym === undefined || sym.imported || sym.nameSpan === undefined) continue;
    const what = WHAT[sym.kind];
    if (what === undefined || ctx.used.has(sym)) continue;
    ctx.report('CS2007', sym.nameSpan, { what, name: sym.name });
  }
}
