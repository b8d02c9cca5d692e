import { bin, declsOf, int, nm, parseClean, shape } from './helpers.js';

describe('declarations', () => {
  test('procedure, macro and def', () => {
    const [p, m, d] = declsOf(
      'strong fair procedure p(a: Thread, b: 0..2): Errno {\n  var x: bool\n  return OK\n}\nmacro m(a, b) { a := b }\ndef f(x: int): bool = x > 0',
    );
    expect(shape(p)).toMatchObject({
      kind: 'ProcedureDecl',
      fairness: 'strong',
      params: [
        { kind: 'Param', name: { name: 'a' } },
        { name: { name: 'b' }, type: { kind: 'RangeType' } },
      ],
      returnType: { kind: 'NamedType', name: { name: 'Errno' } },
      locals: [{ kind: 'VarDecl', scope: 'frame', name: { name: 'x' } }],
      body: { stmts: [{ kind: 'ReturnStmt', value: nm('OK') }] },
    });
    expect(shape(m)).toMatchObject({
      kind: 'MacroDecl',
      params: [{ name: 'a' }, { name: 'b' }],
      body: { stmts: [{ kind: 'AssignStmt' }] },
    });
    expect(shape(d)).toMatchObject({
      kind: 'DefDecl',
      returnType: { kind: 'NamedType' },
      body: bin('>', nm('x'), int(0)),
    });
  });

  test('imports of the prelude and of a relative path', () => {
    const ast = parseClean('spec t\nimport kernel\nimport "lib/x.cred"');
    expect(ast.imports.map((i) => i.source)).toEqual([
      { kind: 'prelude', name: 'kernel' },
      { kind: 'path', path: 'lib/x.cred' },
    ]);
  });

  test('properties: invariant, action, the four temporal forms, cover', () => {
    const ds = declsOf(
      "invariant i: x\naction a: x' >= x\nproperty e: eventually x\nproperty ae: always eventually x\nproperty ea: eventually always x\nproperty l: x leadsto y\ncover c: x",
    );
    expect(ds.map((d) => d.kind)).toEqual([
      'InvariantDecl',
      'ActionPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'TemporalPropertyDecl',
      'CoverDecl',
    ]);
    expect(shape(ds[1])).toMatchObject({
      expr: bin('>=', { kind: 'PrimedExpr', base: nm('x') }, nm('x')),
    });
    expect(ds.slice(2, 6).map((d) => (d.kind === 'TemporalPropertyDecl' ? d.op : ''))).toEqual([
      'eventually',
      'always_eventually',
      'eventually_always',
      'leadsto',
    ]);
    expect(shape(ds[5])).toMatchObject({ left: nm('x'), right: nm('y') });
  });
});
