// The expression nodes of the AST (see ast.ts for the conventions every node follows).

import type { BinaryOp } from '../../grammar/operators.js';
import type { Ident, NodeBase } from './ast-node.js';

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | IntLit
  | BoolLit
  | StringLit
  | NoneLit
  | SelfExpr
  | FrameExpr
  | NameExpr
  | CallExpr
  | IndexExpr
  | FieldExpr
  | ArrowExpr
  | PrimedExpr
  | UnaryExpr
  | BinaryExpr
  | CondExpr
  | SetLit
  | SetFilter
  | SetMap
  | MapComp
  | SeqLit
  | RecordLit
  | RecordUpdate
  | MapUpdate
  | QuantExpr
  | ParenExpr
  | ErrorExpr;

export interface IntLit extends NodeBase {
  readonly kind: 'IntLit';
  readonly value: number;
}

export interface BoolLit extends NodeBase {
  readonly kind: 'BoolLit';
  readonly value: boolean;
}

export interface StringLit extends NodeBase {
  readonly kind: 'StringLit';
  readonly value: string;
}

export interface NoneLit extends NodeBase {
  readonly kind: 'NoneLit';
}

export interface SelfExpr extends NodeBase {
  readonly kind: 'SelfExpr';
}

/** `frame`: a reference to the current procedure call, of type `frame<p>`. */
export interface FrameExpr extends NodeBase {
  readonly kind: 'FrameExpr';
}

export interface NameExpr extends NodeBase {
  readonly kind: 'NameExpr';
  readonly name: Ident;
}

/** `f(args)`: a `def`, a built-in (`card`, `len`, `done`, `at`, ...). */
export interface CallExpr extends NodeBase {
  readonly kind: 'CallExpr';
  readonly callee: Ident;
  readonly args: readonly Expr[];
}

export interface IndexExpr extends NodeBase {
  readonly kind: 'IndexExpr';
  readonly base: Expr;
  readonly index: Expr;
}

export interface FieldExpr extends NodeBase {
  readonly kind: 'FieldExpr';
  readonly base: Expr;
  readonly field: Ident;
}

/** `p->x`: variable `x` of the procedure call that frame reference `p` points at. */
export interface ArrowExpr extends NodeBase {
  readonly kind: 'ArrowExpr';
  readonly base: Expr;
  readonly field: Ident;
}

/** `e'`: the value after the step (action properties only). */
export interface PrimedExpr extends NodeBase {
  readonly kind: 'PrimedExpr';
  readonly base: Expr;
}

export interface UnaryExpr extends NodeBase {
  readonly kind: 'UnaryExpr';
  readonly op: '!' | '-';
  readonly operand: Expr;
}

export type { BinaryOp };

export interface BinaryExpr extends NodeBase {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `c ? a : b` */
export interface CondExpr extends NodeBase {
  readonly kind: 'CondExpr';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface SetLit extends NodeBase {
  readonly kind: 'SetLit';
  readonly elements: readonly Expr[];
}

/** `{ v in S | P }` */
export interface SetFilter extends NodeBase {
  readonly kind: 'SetFilter';
  readonly binder: Ident;
  readonly set: Expr;
  readonly pred: Expr;
}

/** `{ e : v in S }` */
export interface SetMap extends NodeBase {
  readonly kind: 'SetMap';
  readonly expr: Expr;
  readonly binder: Ident;
  readonly set: Expr;
}

/** `[ v in S |-> e ]` */
export interface MapComp extends NodeBase {
  readonly kind: 'MapComp';
  readonly binder: Ident;
  readonly set: Expr;
  readonly value: Expr;
}

/** `<< a, b >>` */
export interface SeqLit extends NodeBase {
  readonly kind: 'SeqLit';
  readonly elements: readonly Expr[];
}

export interface RecordFieldInit extends NodeBase {
  readonly kind: 'RecordFieldInit';
  readonly name: Ident;
  readonly value: Expr;
}

/** `{ f: e, g: e }` */
export interface RecordLit extends NodeBase {
  readonly kind: 'RecordLit';
  readonly fields: readonly RecordFieldInit[];
}

/** `r with { f: e }` */
export interface RecordUpdate extends NodeBase {
  readonly kind: 'RecordUpdate';
  readonly base: Expr;
  readonly fields: readonly RecordFieldInit[];
}

/** `m with [k] = e` */
export interface MapUpdate extends NodeBase {
  readonly kind: 'MapUpdate';
  readonly base: Expr;
  readonly key: Expr;
  readonly value: Expr;
}

/** `forall a, b in S: P` / `exists v in S: P` */
export interface QuantExpr extends NodeBase {
  readonly kind: 'QuantExpr';
  readonly quantifier: 'forall' | 'exists';
  readonly binders: readonly Ident[];
  readonly set: Expr;
  readonly body: Expr;
}

/** Kept so spans and printed statement text match what the user wrote. */
export interface ParenExpr extends NodeBase {
  readonly kind: 'ParenExpr';
  readonly inner: Expr;
}

export interface ErrorExpr extends NodeBase {
  readonly kind: 'ErrorExpr';
}

/** Any node of the tree. */
