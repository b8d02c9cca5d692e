// Traversal helpers shared by the checks: the direct sub-expressions of an expression, the
// expressions and nested blocks of a statement. Takes tree nodes; returns arrays. Pure, and
// keeps source order so diagnostics come out in a stable order.

import type { Block, Expr, Stmt } from '../syntax/ast.js';

/** Direct sub-expressions of `e`, in source order. */
export function childExprs(e: Expr): Expr[] {
  switch (e.kind) {
    case 'IntLit':
    case 'BoolLit':
    case 'StringLit':
    case 'NoneLit':
    case 'SelfExpr':
    case 'FrameExpr':
    case 'NameExpr':
    case 'ErrorExpr':
      return [];
    case 'CallExpr':
      return [...e.args];
    case 'IndexExpr':
      return [e.base, e.index];
    case 'FieldExpr':
    case 'ArrowExpr':
    case 'PrimedExpr':
      return [e.base];
    case 'UnaryExpr':
      return [e.operand];
    case 'BinaryExpr':
      return [e.left, e.right];
    case 'CondExpr':
      return [e.cond, e.then, e.else];
    case 'SetLit':
    case 'SeqLit':
      return [...e.elements];
    case 'SetFilter':
      return [e.set, e.pred];
    case 'SetMap':
      return [e.expr, e.set];
    case 'MapComp':
      return [e.set, e.value];
    case 'RecordLit':
      return e.fields.map((f) => f.value);
    case 'RecordUpdate':
      return [e.base, ...e.fields.map((f) => f.value)];
    case 'MapUpdate':
      return [e.base, e.key, e.value];
    case 'QuantExpr':
      return [e.set, e.body];
    case 'ParenExpr':
      return [e.inner];
  }
}

/** Calls `fn` on `e` and every expression inside it, outer first. */
export function forEachExpr(e: Expr, fn: (x: Expr) => void): void {
  fn(e);
  for (const c of childExprs(e)) forEachExpr(c, fn);
}

/** The blocks nested directly in a statement (branches, loop bodies, handlers). */
export function childBlocks(s: Stmt): Block[] {
  switch (s.kind) {
    case 'IfStmt': {
      const out: Block[] = [s.then];
      if (s.else?.kind === 'Block') out.push(s.else);
      else if (s.else?.kind === 'IfStmt') out.push(...childBlocks(s.else));
      return out;
    }
    case 'WhileStmt':
    case 'ForStmt':
    case 'AtomicStmt':
      return [s.body];
    case 'EitherStmt':
      return [...s.branches];
    case 'FaultStmt':
      return [s.handler];
    default:
      return [];
  }
}

/** Calls `fn` on every statement of the block, nested ones included (a fault's body too), in source order. */
export function forEachStmt(block: Block, fn: (s: Stmt) => void): void {
  for (const s of block.stmts) visitStmt(s, fn);
}

function visitStmt(s: Stmt, fn: (s: Stmt) => void): void {
  fn(s);
  if (s.kind === 'FaultStmt') visitStmt(s.body, fn);
  if (s.kind === 'IfStmt') {
    forEachStmt(s.then, fn);
    // An `else if` is visited as a statement of its own so its condition is seen.
    if (s.else?.kind === 'IfStmt') visitStmt(s.else, fn);
    else if (s.else !== undefined) forEachStmt(s.else, fn);
    return;
  }
  for (const b of childBlocks(s)) forEachStmt(b, fn);
}

/** Strips parentheses. */
export function unparen(e: Expr): Expr {
  return e.kind === 'ParenExpr' ? unparen(e.inner) : e;
}
