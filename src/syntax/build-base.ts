// The ground floor of the CST-to-AST builder (build-ast.ts): node ids, spans from tokens and CST
// nodes, and the CS1xxx diagnostics found while building. The floors above add types and
// expressions (build-expr.ts), statements (build-stmt.ts), then the file and its declarations.

import type { CstNode, IToken } from 'chevrotain';
import type { SyntaxCode } from '../diagnostics/codes/syntax.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from './ast.js';
import type { LineMap } from '../source/line-map.js';
import type { Span } from '../source/span.js';

type Toks = readonly IToken[] | undefined;

export function first<T>(xs: readonly T[] | undefined): T | undefined {
  return xs === undefined ? undefined : xs[0];
}

export function isReal(tok: IToken | undefined): tok is IToken & { endOffset: number } {
  return tok !== undefined && Number.isFinite(tok.startOffset) && Number.isFinite(tok.endOffset);
}

/** Tokens of several arrays in source order (operators of one precedence level). */
export function inOrder(...arrays: Toks[]): IToken[] {
  const all: IToken[] = [];
  for (const a of arrays) if (a) for (const t of a) all.push(t);
  return all.sort((x, y) => x.startOffset - y.startOffset);
}

/** The first real token under a CST node, in source order. */
export function firstToken(node: CstNode | undefined): IToken | undefined {
  if (node === undefined) return undefined;
  let best: IToken | undefined;
  const stack: CstNode[] = [node];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    for (const arr of Object.values(n.children)) {
      for (const el of arr) {
        if ('children' in el) stack.push(el);
        else if (isReal(el) && (best === undefined || el.startOffset < best.startOffset)) best = el;
      }
    }
  }
  return best;
}

export class BuilderBase {
  private nextId: number;
  /** End offset of the last real token seen: where a node with no tokens is placed. */
  private cursor = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    protected readonly file: string,
    protected readonly lines: LineMap,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  get next(): number {
    return this.nextId;
  }

  id(): number {
    return this.nextId++;
  }

  report(code: SyntaxCode, span: Span, args: Record<string, string | number> = {}): void {
    this.diagnostics.push({ code, severity: 'error', span, args });
  }

  // --- spans -----------------------------------------------------------------------------

  here(): Span {
    return this.lines.span(this.file, this.cursor, this.cursor);
  }

  tok(tok: IToken | undefined): Span {
    if (!isReal(tok)) return this.here();
    this.cursor = Math.max(this.cursor, tok.endOffset + 1);
    return this.lines.span(this.file, tok.startOffset, tok.endOffset + 1);
  }

  node(cst: CstNode | undefined): Span {
    const loc = cst?.location;
    const end = loc?.endOffset;
    if (loc === undefined || !Number.isFinite(loc.startOffset) || end === undefined)
      return this.here();
    if (!Number.isFinite(end)) return this.here();
    return this.lines.span(this.file, loc.startOffset, end + 1);
  }

  ident(tok: IToken | undefined): A.Ident {
    const span = this.tok(tok);
    return { kind: 'Ident', id: this.id(), span, name: isReal(tok) ? tok.image : '' };
  }
}
