// The visitor over statements and expressions: every nested statement and sub-expression is
// reached once, in source order, and each statement list says where it sits.

import type { Expr, Stmt } from '../../src/syntax/ast.js';
import {
  childExprs,
  forEachExpr,
  forEachStmt,
  onStmt,
  stmtExprs,
  stmtParts,
  unparen,
  type StmtCases,
} from '../../src/syntax/visit.js';
import { declsOf } from './helpers.js';

function bodyOf(body: string): readonly Stmt[] {
  const d = declsOf(`shared var x: 0..9 = 0\nprocess P[1] {\n${body}\n}`)[1];
  if (d?.kind !== 'ProcessDecl') throw new Error('not a process');
  return d.body.stmts;
}

function constExpr(text: string): Expr {
  const d = declsOf(`const X = ${text}`)[0];
  if (d?.kind !== 'ConstDecl') throw new Error('not a const');
  return d.value;
}

/** The value of `x := N`, or the kind of any other statement. */
function tag(s: Stmt): string {
  return s.kind === 'AssignStmt' && s.value.kind === 'IntLit' ? String(s.value.value) : s.kind;
}

const NESTED = `
  x := 1
  if x == 1 { x := 2 } else if x == 2 { x := 3 } else { x := 4 }
  while x < 9 { x := 5 }
  for t in snapshot {1, 2} { x := 6 }
  either { x := 7 } or { atomic { x := 8 } }
  x := 9 may fail when true { exit }
`;

describe('forEachStmt', () => {
  it('reaches every nested statement once, outer first, in source order', () => {
    const seen: string[] = [];
    forEachStmt(bodyOf(NESTED), (s) => seen.push(tag(s)));
    expect(seen).toEqual([
      '1',
      'IfStmt',
      '2',
      'IfStmt',
      '3',
      '4',
      'WhileStmt',
      '5',
      'ForStmt',
      '6',
      'EitherStmt',
      '7',
      'AtomicStmt',
      '8',
      'FaultStmt',
      '9',
      'ExitStmt',
    ]);
  });
});

describe('stmtParts', () => {
  it('gives an `else if` as an else holding one if statement, and a fault point its attempt and handler', () => {
    const [, ifStmt, whileStmt, , either, fault] = bodyOf(NESTED);
    const roles = (s: Stmt | undefined): unknown =>
      s === undefined
        ? undefined
        : stmtParts(s).map((p) => [
            p.role,
            p.index,
            p.stmts.map(tag),
            p.block === undefined ? 'no block' : 'block',
          ]);
    expect(roles(ifStmt)).toEqual([
      ['then', 0, ['2'], 'block'],
      ['else', 1, ['IfStmt'], 'no block'],
    ]);
    expect(roles(whileStmt)).toEqual([['loop', 0, ['5'], 'block']]);
    expect(roles(either)).toEqual([
      ['branch', 0, ['7'], 'block'],
      ['branch', 1, ['AtomicStmt'], 'block'],
    ]);
    expect(roles(fault)).toEqual([
      ['attempt', 0, ['9'], 'no block'],
      ['handler', 1, ['ExitStmt'], 'block'],
    ]);
  });
});

describe('stmtExprs', () => {
  it('lists a statement’s own expressions in source order', () => {
    const [call, any] = bodyOf('x := max_of(x, 3)\nx := any v in 0..2 where v > x');
    const print = (e: Expr): string => (e.kind === 'NameExpr' ? e.name.name : e.kind);
    expect(call === undefined ? [] : stmtExprs(call).map(print)).toEqual(['x', 'x', 'IntLit']);
    expect(any === undefined ? [] : stmtExprs(any).map(print)).toEqual([
      'x',
      'BinaryExpr',
      'BinaryExpr',
    ]);
  });
});

describe('expressions', () => {
  it('childExprs and forEachExpr keep source order', () => {
    const e = constExpr('{ v + 1 : v in (1..3) }');
    expect(childExprs(e).map((c) => c.kind)).toEqual(['BinaryExpr', 'ParenExpr']);
    const kinds: string[] = [];
    forEachExpr(e, (x) => kinds.push(x.kind));
    expect(kinds).toEqual([
      'SetMap',
      'BinaryExpr',
      'NameExpr',
      'IntLit',
      'ParenExpr',
      'BinaryExpr',
      'IntLit',
      'IntLit',
    ]);
    expect(unparen(childExprs(e)[1] ?? e).kind).toBe('BinaryExpr');
  });
});

describe('onStmt', () => {
  it('runs the case of the statement’s kind with the extra arguments', () => {
    const name = (s: Stmt, prefix: string): string => `${prefix}${s.kind}`;
    const cases: StmtCases<string, [string]> = {
      AssignStmt: name,
      AnyAssignStmt: name,
      AwaitStmt: name,
      AssertStmt: name,
      SkipStmt: name,
      IfStmt: name,
      WhileStmt: name,
      ForStmt: name,
      EitherStmt: name,
      AtomicStmt: name,
      CallStmt: name,
      ReturnStmt: name,
      CloneStmt: name,
      ExitStmt: name,
      FaultStmt: name,
      BreakStmt: name,
      ContinueStmt: name,
      ErrorStmt: (_s, p) => `${p}error`,
    };
    expect(bodyOf('await true\nskip').map((s) => onStmt(s, cases, '> '))).toEqual([
      '> AwaitStmt',
      '> SkipStmt',
    ]);
    // A table that leaves a kind out is a type error (checked by `npm run typecheck`).
    // @ts-expect-error ErrorStmt has no case
    const partial: StmtCases<string> = { ...cases, ErrorStmt: undefined };
    expect(partial.SkipStmt).toBe(name);
  });
});
