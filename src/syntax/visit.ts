// The one description of how statements and expressions nest: which expressions a node holds
// directly, which statement lists a statement holds, and a dispatch over node kinds that must name
// every kind. Every pass that walks bodies (the checker's passes, lowering) goes through here, so
// a new statement or expression kind fails to compile until each table below says where its
// children are, and each pass that dispatches on kinds says what it does with it.
// Pure; keeps source order so diagnostics come out in a stable order.

import type { Block, Expr, Stmt } from './ast.js';

export type StmtKind = Stmt['kind'];
export type StmtOf<K extends StmtKind> = Extract<Stmt, { kind: K }>;
export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/** One function per statement kind, each given its statement and `A`: leaving a kind out does not compile. */
export type StmtCases<R, A extends readonly unknown[] = []> = {
  readonly [K in StmtKind]: (s: StmtOf<K>, ...args: A) => R;
};

/**
 * The statements with nothing inside to visit (no expression, no nested statement), doing
 * nothing: spread into a walk's `StmtCases` that only looks at what statements contain.
 */
export const NOTHING_INSIDE: Pick<
  StmtCases<void, readonly unknown[]>,
  'SkipStmt' | 'ExitStmt' | 'BreakStmt' | 'ContinueStmt' | 'ErrorStmt'
> = {
  SkipStmt: () => undefined,
  ExitStmt: () => undefined,
  BreakStmt: () => undefined,
  ContinueStmt: () => undefined,
  ErrorStmt: () => undefined,
};

/** One function per expression kind, each given its expression and `A`: leaving a kind out does not compile. */
export type ExprCases<R, A extends readonly unknown[] = []> = {
  readonly [K in ExprKind]: (e: ExprOf<K>, ...args: A) => R;
};

/** Runs the case for `s`'s kind. */
export function onStmt<R, A extends readonly unknown[]>(
  s: Stmt,
  cases: StmtCases<R, A>,
  ...args: A
): R {
  // The mapped type guarantees `cases[s.kind]` takes exactly `s`'s kind; TypeScript cannot follow
  // that correlation through the index, hence the widening.
  return (cases[s.kind] as (s: Stmt, ...args: A) => R)(s, ...args);
}

/** Runs the case for `e`'s kind. */
export function onExpr<R, A extends readonly unknown[]>(
  e: Expr,
  cases: ExprCases<R, A>,
  ...args: A
): R {
  return (cases[e.kind] as (e: Expr, ...args: A) => R)(e, ...args);
}

// ---------------------------------------------------------------------------------------------
// Expressions

const none = (): Expr[] => [];

const EXPR_CHILDREN: ExprCases<Expr[]> = {
  IntLit: none,
  BoolLit: none,
  StringLit: none,
  NoneLit: none,
  SelfExpr: none,
  FrameExpr: none,
  NameExpr: none,
  ErrorExpr: none,
  CallExpr: (e) => [...e.args],
  IndexExpr: (e) => [e.base, e.index],
  FieldExpr: (e) => [e.base],
  ArrowExpr: (e) => [e.base],
  PrimedExpr: (e) => [e.base],
  UnaryExpr: (e) => [e.operand],
  BinaryExpr: (e) => [e.left, e.right],
  CondExpr: (e) => [e.cond, e.then, e.else],
  SetLit: (e) => [...e.elements],
  SeqLit: (e) => [...e.elements],
  SetFilter: (e) => [e.set, e.pred],
  SetMap: (e) => [e.expr, e.set],
  MapComp: (e) => [e.set, e.value],
  RecordLit: (e) => e.fields.map((f) => f.value),
  RecordUpdate: (e) => [e.base, ...e.fields.map((f) => f.value)],
  MapUpdate: (e) => [e.base, e.key, e.value],
  QuantExpr: (e) => [e.set, e.body],
  ParenExpr: (e) => [e.inner],
};

/** Direct sub-expressions of `e`, in source order. */
export function childExprs(e: Expr): Expr[] {
  return onExpr(e, EXPR_CHILDREN);
}

/** Calls `fn` on `e` and every expression inside it, outer first. */
export function forEachExpr(e: Expr, fn: (x: Expr) => void): void {
  fn(e);
  for (const c of childExprs(e)) forEachExpr(c, fn);
}

/** Strips parentheses. */
export function unparen(e: Expr): Expr {
  return e.kind === 'ParenExpr' ? unparen(e.inner) : e;
}

// ---------------------------------------------------------------------------------------------
// Statements

const optional = (e: Expr | undefined): Expr[] => (e === undefined ? [] : [e]);

const STMT_EXPRS: StmtCases<Expr[]> = {
  AssignStmt: (s) => [s.target, s.value],
  AnyAssignStmt: (s) => [s.target, s.set, ...optional(s.where)],
  AwaitStmt: (s) => [s.cond],
  AssertStmt: (s) => [s.cond],
  SkipStmt: none,
  IfStmt: (s) => [s.cond],
  WhileStmt: (s) => [s.cond],
  ForStmt: (s) => [s.set],
  EitherStmt: none,
  AtomicStmt: none,
  CallStmt: (s) => [...optional(s.target), ...s.args],
  ReturnStmt: (s) => optional(s.value),
  CloneStmt: (s) => optional(s.target),
  ExitStmt: none,
  FaultStmt: (s) => optional(s.when),
  BreakStmt: none,
  ContinueStmt: none,
  ErrorStmt: none,
};

/**
 * The expressions a statement holds itself (not those of statements nested in it), in source
 * order. An `any ... where P` binder is in scope in `P`; a `for` binder in the body only.
 */
export function stmtExprs(s: Stmt): Expr[] {
  return onStmt(s, STMT_EXPRS);
}

/**
 * How a list of nested statements sits in its statement: `then` and `else` of an `if` (an
 * `else if` is an `else` holding one IfStmt), the body of a loop (`while`, `for`) or of an
 * `atomic` block, one `branch` of an `either`, and a fault point's guarded statement (`attempt`)
 * and its `handler`.
 */
export type PartRole = 'then' | 'else' | 'loop' | 'atomic' | 'branch' | 'attempt' | 'handler';

/** A statement list nested in a statement. */
export interface StmtPart {
  readonly role: PartRole;
  /**
   * Which of the statement's mutually exclusive alternatives this is (then 0, else 1; branch i;
   * attempt 0, handler 1); 0 for a loop or `atomic` body, which has no alternative.
   */
  readonly index: number;
  readonly stmts: readonly Stmt[];
  /** The block written in the source; undefined for an `else if` and a fault's guarded statement. */
  readonly block: Block | undefined;
}

const noParts = (): StmtPart[] => [];
const part = (role: PartRole, index: number, block: Block): StmtPart => ({
  role,
  index,
  stmts: block.stmts,
  block,
});

const STMT_PARTS: StmtCases<StmtPart[]> = {
  AssignStmt: noParts,
  AnyAssignStmt: noParts,
  AwaitStmt: noParts,
  AssertStmt: noParts,
  SkipStmt: noParts,
  IfStmt: (s) => {
    const then = part('then', 0, s.then);
    if (s.else === undefined) return [then];
    return [
      then,
      s.else.kind === 'Block'
        ? part('else', 1, s.else)
        : { role: 'else', index: 1, stmts: [s.else], block: undefined },
    ];
  },
  WhileStmt: (s) => [part('loop', 0, s.body)],
  ForStmt: (s) => [part('loop', 0, s.body)],
  EitherStmt: (s) => s.branches.map((b, i) => part('branch', i, b)),
  AtomicStmt: (s) => [part('atomic', 0, s.body)],
  CallStmt: noParts,
  ReturnStmt: noParts,
  CloneStmt: noParts,
  ExitStmt: noParts,
  FaultStmt: (s) => [
    { role: 'attempt', index: 0, stmts: [s.body], block: undefined },
    part('handler', 1, s.handler),
  ],
  BreakStmt: noParts,
  ContinueStmt: noParts,
  ErrorStmt: noParts,
};

/** The statement lists nested directly in `s`, in source order. */
export function stmtParts(s: Stmt): StmtPart[] {
  return onStmt(s, STMT_PARTS);
}

/** Calls `fn` on each statement of `stmts` and every statement nested in them, outer first, in source order. */
export function forEachStmt(stmts: Block | readonly Stmt[], fn: (s: Stmt) => void): void {
  for (const s of 'stmts' in stmts ? stmts.stmts : stmts) {
    fn(s);
    for (const p of stmtParts(s)) forEachStmt(p.stmts, fn);
  }
}
