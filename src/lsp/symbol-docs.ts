// What the editor shows about a declaration: its signature as written, its type, and the doc
// comment (`/** ... */`) right above it. The prelude documents each operation this way (its one
// step, whether it may sleep, the kernel function it stands for), so hover reads the prelude's
// own comments; scripts/gen-prelude-doc.ts writes docs/prelude.md's reference with these same
// functions, so the page and the hover cannot say different things.

import { describeKind, type SymbolInfo } from '../check/scopes.js';
import { typeToString } from '../check/types.js';
import type { Node } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { Analysis } from './workspace.js';

/** The doc comment ending right before `offset` (only blank space between), without its stars. */
export function docCommentBefore(text: string, offset: number): string | undefined {
  const before = text.slice(0, offset).trimEnd();
  if (!before.endsWith('*/')) return undefined;
  const start = before.lastIndexOf('/**');
  if (start < 0) return undefined;
  return before
    .slice(start + 3, -2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*( |$)/, '').trimEnd())
    .join('\n')
    .trim();
}

function textOf(a: Analysis, file: string): string {
  return a.texts.get(file) ?? '';
}

/** The header of a procedure, macro, def or process as written (up to its body), on one line. */
function header(a: Analysis, decl: Node): string | undefined {
  const body = (decl as { body?: Node }).body;
  if (body === undefined || typeof body !== 'object' || !('span' in body)) return undefined;
  const text = textOf(a, decl.span.file).slice(decl.span.start.offset, body.span.start.offset);
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*=?\s*$/, '')
    .trim();
}

/** The type the checker gave the node written exactly at `span`, if any. */
export function typeAtSpan(a: Analysis, span: Span): string | undefined {
  for (const [node, type] of a.checked.types)
    if (
      node.span.file === span.file &&
      node.span.start.offset === span.start.offset &&
      node.span.end.offset === span.end.offset
    )
      return typeToString(type);
  return undefined;
}

/** The declared type of a variable, parameter or constant. */
function declaredType(a: Analysis, decl: Node | undefined): string | undefined {
  if (decl === undefined) return undefined;
  const typed = (decl as { type?: Node }).type ?? (decl as { value?: Node }).value;
  if (typed === undefined || typeof typed !== 'object') return undefined;
  const t = a.checked.types.get(typed);
  return t === undefined ? undefined : typeToString(t);
}

/** The one-line signature of a symbol: `macro send_signal(t)`, `thread var stopped: bool`. */
export function signatureOf(a: Analysis, sym: SymbolInfo, refSpan?: Span): string {
  const decl = sym.decl;
  if (
    decl !== undefined &&
    ['MacroDecl', 'ProcedureDecl', 'DefDecl', 'ProcessDecl'].includes(decl.kind)
  )
    return header(a, decl) ?? sym.name;
  const type =
    (refSpan === undefined ? undefined : typeAtSpan(a, refSpan)) ?? declaredType(a, decl);
  const kind = describeKind(sym.kind).replace(/^an? /, '');
  return type === undefined ? `(${kind}) ${sym.name}` : `(${kind}) ${sym.name}: ${type}`;
}

/** The doc comment of a symbol's declaration. */
export function docOf(a: Analysis, sym: SymbolInfo): string | undefined {
  if (sym.decl === undefined) return undefined;
  return docCommentBefore(textOf(a, sym.decl.span.file), sym.decl.span.start.offset);
}
