// Builds credspec ASTs by hand for checker tests that must not depend on the parser (a malformed
// tree, a tree the grammar cannot produce). Takes names and positions; returns plain AST nodes
// and a one-file Program. Spans are one line long and start where the test says.

import type * as A from '../../src/syntax/ast.js';
import type { Program } from '../../src/syntax/program.js';
import type { Span } from '../../src/source/span.js';

let nextId = 1;

/** A span at `line:col` in `file`, `length` characters long. */
export function span(line: number, col: number, length = 1, file = 'test.cred'): Span {
  const offset = (line - 1) * 1000 + (col - 1);
  return {
    file,
    start: { offset, line, column: col },
    end: { offset: offset + length, line, column: col + length },
  };
}

const at0 = (): Span => span(1, 1);

/** An identifier at `line:col` (default 1:1). */
export function id(name: string, line = 1, col = 1): A.Ident {
  return { kind: 'Ident', id: nextId++, span: span(line, col, Math.max(1, name.length)), name };
}

export function name(n: string, line = 1, col = 1): A.NameExpr {
  const i = id(n, line, col);
  return { kind: 'NameExpr', id: nextId++, span: i.span, name: i };
}

export function int(value: number, line = 1, col = 1): A.IntLit {
  return { kind: 'IntLit', id: nextId++, span: span(line, col, String(value).length), value };
}

export function bool(value: boolean): A.BoolLit {
  return { kind: 'BoolLit', id: nextId++, span: at0(), value };
}

export function bin(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
  return { kind: 'BinaryExpr', id: nextId++, span: left.span, op, left, right };
}

export function named(n: string, line = 1, col = 1): A.NamedType {
  const i = id(n, line, col);
  return { kind: 'NamedType', id: nextId++, span: i.span, name: i };
}

export function block(...stmts: A.Stmt[]): A.Block {
  return { kind: 'Block', id: nextId++, span: at0(), stmts };
}

function stmtBase(
  s: Span,
  label?: A.Ident,
): { id: number; span: Span; label: A.Ident | undefined; kernel: undefined } {
  return { id: nextId++, span: s, label, kernel: undefined };
}

export function assign(target: A.Expr, value: A.Expr, label?: A.Ident): A.AssignStmt {
  return { kind: 'AssignStmt', ...stmtBase(target.span, label), target, value };
}

export function awaitS(cond: A.Expr, line = 1, col = 1): A.AwaitStmt {
  return { kind: 'AwaitStmt', ...stmtBase(span(line, col, 5)), cond };
}

export function callS(callee: A.Ident, args: A.Expr[] = [], target?: A.Expr): A.CallStmt {
  return { kind: 'CallStmt', ...stmtBase(callee.span), target, callee, args };
}

export function atomic(...stmts: A.Stmt[]): A.AtomicStmt {
  return { kind: 'AtomicStmt', ...stmtBase(at0()), body: block(...stmts) };
}

export function exit(line = 1, col = 1): A.ExitStmt {
  return { kind: 'ExitStmt', ...stmtBase(span(line, col, 4)) };
}

export function skip(line = 1, col = 1, label?: A.Ident): A.SkipStmt {
  return { kind: 'SkipStmt', ...stmtBase(span(line, col, 4), label) };
}

export function sharedVar(n: A.Ident, type: A.TypeExpr, init?: A.Expr): A.VarDecl {
  return { kind: 'VarDecl', id: nextId++, span: n.span, scope: 'shared', name: n, type, init };
}

export function process(
  n: A.Ident,
  body: A.Block,
  extra: Partial<A.ProcessDecl> = {},
): A.ProcessDecl {
  return {
    kind: 'ProcessDecl',
    id: nextId++,
    span: n.span,
    name: n,
    count: int(1),
    symmetric: false,
    spare: undefined,
    fairness: 'none',
    runsWhen: undefined,
    locals: [],
    body,
    ...extra,
  };
}

export function procedure(
  n: A.Ident,
  body: A.Block,
  extra: Partial<A.ProcedureDecl> = {},
): A.ProcedureDecl {
  return {
    kind: 'ProcedureDecl',
    id: nextId++,
    span: n.span,
    name: n,
    params: [],
    returnType: undefined,
    fairness: 'none',
    locals: [],
    body,
    ...extra,
  };
}

export function macro(n: A.Ident, params: A.Ident[], body: A.Block): A.MacroDecl {
  return { kind: 'MacroDecl', id: nextId++, span: n.span, name: n, params, body };
}

export function invariant(n: A.Ident, expr: A.Expr): A.InvariantDecl {
  return { kind: 'InvariantDecl', id: nextId++, span: n.span, name: n, expr };
}

/** A spec file with the given declarations. */
export function file(path: string, decls: A.Decl[], imports: A.ImportDecl[] = []): A.SpecFile {
  return {
    kind: 'SpecFile',
    id: nextId++,
    span: span(1, 1, 1, path),
    name: id('t'),
    imports,
    decls,
  };
}

/** A program whose root is the first file. */
export function program(...files: A.SpecFile[]): Program {
  const sources = files.map((ast) => ({ path: ast.span.file, text: '', ast }));
  return { root: sources[0]!, files: sources, diagnostics: [] };
}
