// What every AST node has, and the identifier node: shared by the expression nodes
// (ast-expr.ts) and the rest of the tree (ast.ts).

import type { Span } from '../source/span.js';

/** Fields every node has. */
export interface NodeBase {
  readonly id: number;
  readonly span: Span;
}

/** A name as written; `name === ''` when the parser could not read one. */
export interface Ident extends NodeBase {
  readonly kind: 'Ident';
  readonly name: string;
}
