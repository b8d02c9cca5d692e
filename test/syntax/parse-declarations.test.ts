import { bin, declsOf, int, nm, shape } from './helpers.js';

describe('declarations', () => {
  test('param, const, enum (trailing comma), type alias', () => {
    const [p, c, e, t] = declsOf(
      'param N: 1..4 = 2\nconst M = N * 2\nenum E { A, B, }\ntype R = { f: bool, g: 0..3 }',
    );
    expect(shape(p)).toEqual({
      kind: 'ParamDecl',
      name: { kind: 'Ident', name: 'N' },
      type: { kind: 'RangeType', lo: int(1), hi: int(4) },
      default: int(2),
    });
    expect(shape(c)).toMatchObject({ kind: 'ConstDecl', value: bin('*', nm('N'), int(2)) });
    expect(shape(e)).toMatchObject({ kind: 'EnumDecl', members: [{ name: 'A' }, { name: 'B' }] });
    expect(shape(t)).toMatchObject({
      kind: 'TypeDecl',
      type: {
        kind: 'RecordType',
        fields: [
          { kind: 'RecordTypeField', name: { name: 'f' }, type: { kind: 'NamedType' } },
          { name: { name: 'g' }, type: { kind: 'RangeType' } },
        ],
      },
    });
  });

  test('types: set, seq, map, optional, frame, ranges over expressions', () => {
    const ds = declsOf(
      'type A = set<Thread>\ntype B = seq<set<int>>\ntype C = map<Thread, 0..N+1>\ntype D = Thread?\ntype F = frame<p>\ntype G = map<Thread, set<frame<p>>>',
    );
    expect(ds.map((d) => (d.kind === 'TypeDecl' ? shape(d.type) : undefined))).toEqual([
      { kind: 'SetType', element: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } } },
      {
        kind: 'SeqType',
        element: {
          kind: 'SetType',
          element: { kind: 'NamedType', name: { kind: 'Ident', name: 'int' } },
        },
      },
      {
        kind: 'MapType',
        key: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
        value: { kind: 'RangeType', lo: int(0), hi: bin('+', nm('N'), int(1)) },
      },
      {
        kind: 'OptionalType',
        inner: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
      },
      { kind: 'FrameType', procedure: { kind: 'Ident', name: 'p' } },
      {
        kind: 'MapType',
        key: { kind: 'NamedType', name: { kind: 'Ident', name: 'Thread' } },
        value: {
          kind: 'SetType',
          element: { kind: 'FrameType', procedure: { kind: 'Ident', name: 'p' } },
        },
      },
    ]);
  });

  test('shared and thread variables, with and without initial value', () => {
    const [a, b] = declsOf('shared var x: bool = true\nthread var y: 0..3');
    expect(shape(a)).toMatchObject({
      kind: 'VarDecl',
      scope: 'shared',
      init: { kind: 'BoolLit', value: true },
    });
    expect(shape(b)).toMatchObject({ kind: 'VarDecl', scope: 'thread' });
    expect((b as { init: unknown }).init).toBeUndefined();
  });

  test('process modifiers, fairness and locals', () => {
    const ds = declsOf(
      'process A[1] { skip }\nfair process B[2] { skip }\nweak fair process C[N] symmetric spare S runs when !stopped[self] {\n  var v: bool = false\n  skip\n}\nstrong fair process D[1] { skip }',
    );
    expect(ds.map((d) => (d.kind === 'ProcessDecl' ? d.fairness : ''))).toEqual([
      'none',
      'weak',
      'weak',
      'strong',
    ]);
    const c = ds[2]!;
    if (c.kind !== 'ProcessDecl') throw new Error('process expected');
    expect(c.symmetric).toBe(true);
    expect(shape(c.spare)).toEqual(nm('S'));
    expect(shape(c.runsWhen)).toMatchObject({
      kind: 'UnaryExpr',
      op: '!',
      operand: { kind: 'IndexExpr', base: nm('stopped'), index: { kind: 'SelfExpr' } },
    });
    expect(c.locals.map((l) => [l.scope, l.name.name])).toEqual([['frame', 'v']]);
    expect(c.body.stmts.map((s) => s.kind)).toEqual(['SkipStmt']);
  });
});
