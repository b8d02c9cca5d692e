import { bin, int, nm, stmtShapes } from './helpers.js';

describe('statements', () => {
  test('assignments to names, elements, fields and frame variables', () => {
    expect(stmtShapes('x := 1\nx[i] := 2\nx.f := 3\np->x := 4')).toEqual([
      { kind: 'AssignStmt', target: nm('x'), value: int(1) },
      {
        kind: 'AssignStmt',
        target: { kind: 'IndexExpr', base: nm('x'), index: nm('i') },
        value: int(2),
      },
      {
        kind: 'AssignStmt',
        target: { kind: 'FieldExpr', base: nm('x'), field: { kind: 'Ident', name: 'f' } },
        value: int(3),
      },
      {
        kind: 'AssignStmt',
        target: { kind: 'ArrowExpr', base: nm('p'), field: { kind: 'Ident', name: 'x' } },
        value: int(4),
      },
    ]);
  });

  test('any, clone, calls with and without a target', () => {
    expect(
      stmtShapes(
        'x := any S\nx := any v in S where v > 0\nc := clone G\nclone G\nr := p(a, b)\np()\nx := card(S) + 1',
      ),
    ).toEqual([
      { kind: 'AnyAssignStmt', target: nm('x'), set: nm('S') },
      {
        kind: 'AnyAssignStmt',
        target: nm('x'),
        binder: { kind: 'Ident', name: 'v' },
        set: nm('S'),
        where: bin('>', nm('v'), int(0)),
      },
      { kind: 'CloneStmt', target: nm('c'), group: { kind: 'Ident', name: 'G' } },
      { kind: 'CloneStmt', group: { kind: 'Ident', name: 'G' } },
      {
        kind: 'CallStmt',
        target: nm('r'),
        callee: { kind: 'Ident', name: 'p' },
        args: [nm('a'), nm('b')],
      },
      { kind: 'CallStmt', callee: { kind: 'Ident', name: 'p' }, args: [] },
      {
        kind: 'AssignStmt',
        target: nm('x'),
        value: bin(
          '+',
          { kind: 'CallExpr', callee: { kind: 'Ident', name: 'card' }, args: [nm('S')] },
          int(1),
        ),
      },
    ]);
  });

  test('await, assert with message, skip, exit, return with and without value', () => {
    expect(stmtShapes('await x\nassert x, "boom"\nassert y\nskip\nexit\nreturn\nreturn 3')).toEqual(
      [
        { kind: 'AwaitStmt', cond: nm('x') },
        { kind: 'AssertStmt', cond: nm('x'), message: 'boom' },
        { kind: 'AssertStmt', cond: nm('y') },
        { kind: 'SkipStmt' },
        { kind: 'ExitStmt' },
        { kind: 'ReturnStmt' },
        { kind: 'ReturnStmt', value: int(3) },
      ],
    );
  });
});
