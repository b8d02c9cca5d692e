import { int, nm, stmtShapes } from './helpers.js';

describe('statements', () => {
  test('if / else if / else chains nest, the label stays on the outer if', () => {
    const [s] = stmtShapes('l: if a { skip } else if b { exit } else { await c }');
    expect(s).toEqual({
      kind: 'IfStmt',
      label: { kind: 'Ident', name: 'l' },
      cond: nm('a'),
      then: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      else: {
        kind: 'IfStmt',
        cond: nm('b'),
        then: { kind: 'Block', stmts: [{ kind: 'ExitStmt' }] },
        else: { kind: 'Block', stmts: [{ kind: 'AwaitStmt', cond: nm('c') }] },
      },
    });
  });

  test('while, for snapshot, for live, either/or, atomic', () => {
    expect(
      stmtShapes(
        'while x { skip }\nfor v in snapshot S { skip }\nfor v in live T { skip }\neither { skip } or { exit } or { skip }\natomic { a := 1; b := 2 }',
      ),
    ).toEqual([
      { kind: 'WhileStmt', cond: nm('x'), body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] } },
      {
        kind: 'ForStmt',
        binder: { kind: 'Ident', name: 'v' },
        mode: 'snapshot',
        set: nm('S'),
        body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      },
      {
        kind: 'ForStmt',
        binder: { kind: 'Ident', name: 'v' },
        mode: 'live',
        set: nm('T'),
        body: { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
      },
      {
        kind: 'EitherStmt',
        branches: [
          { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
          { kind: 'Block', stmts: [{ kind: 'ExitStmt' }] },
          { kind: 'Block', stmts: [{ kind: 'SkipStmt' }] },
        ],
      },
      {
        kind: 'AtomicStmt',
        body: {
          kind: 'Block',
          stmts: [
            { kind: 'AssignStmt', target: nm('a'), value: int(1) },
            { kind: 'AssignStmt', target: nm('b'), value: int(2) },
          ],
        },
      },
    ]);
  });

  test('may fail wraps the statement before it; the label and @kernel stay outside', () => {
    const [s] = stmtShapes(
      '@kernel("kernel/cred.c", "prepare_creds")\nprep: c := prepare() may fail { err := ENOMEM }\nx := 1 may fail when F { skip }',
    );
    expect(s).toEqual({
      kind: 'FaultStmt',
      label: { kind: 'Ident', name: 'prep' },
      kernel: { kind: 'KernelRef', file: 'kernel/cred.c', func: 'prepare_creds' },
      body: {
        kind: 'CallStmt',
        target: nm('c'),
        callee: { kind: 'Ident', name: 'prepare' },
        args: [],
      },
      handler: {
        kind: 'Block',
        stmts: [{ kind: 'AssignStmt', target: nm('err'), value: nm('ENOMEM') }],
      },
    });
    expect(stmtShapes('x := 1 may fail when F { skip }')[0]).toMatchObject({
      kind: 'FaultStmt',
      when: nm('F'),
      body: { kind: 'AssignStmt' },
    });
  });

  test('return takes a value only on its own line', () => {
    expect(stmtShapes('return\nx := 1')).toEqual([
      { kind: 'ReturnStmt' },
      { kind: 'AssignStmt', target: nm('x'), value: int(1) },
    ]);
  });
});
