import { bin, exprShape, int, nm } from './helpers.js';

describe('expressions', () => {
  test('literals, self, frame, none, hex, strings with escapes', () => {
    expect(exprShape('<< true, false, none, self, frame, 0x1f, 42, "a\\"b\\\\c\\n" >>')).toEqual({
      kind: 'SeqLit',
      elements: [
        { kind: 'BoolLit', value: true },
        { kind: 'BoolLit', value: false },
        { kind: 'NoneLit' },
        { kind: 'SelfExpr' },
        { kind: 'FrameExpr' },
        int(31),
        int(42),
        { kind: 'StringLit', value: 'a"b\\c\n' },
      ],
    });
    expect(exprShape('<< >>')).toEqual({ kind: 'SeqLit', elements: [] });
    expect(exprShape('<< a > b >>')).toEqual({
      kind: 'SeqLit',
      elements: [bin('>', nm('a'), nm('b'))],
    });
  });

  test('braces: set, empty set, set filter, set map, record', () => {
    expect(exprShape('{ a, b }')).toEqual({ kind: 'SetLit', elements: [nm('a'), nm('b')] });
    expect(exprShape('{}')).toEqual({ kind: 'SetLit', elements: [] });
    expect(exprShape('{ v in S | v > 0 }')).toEqual({
      kind: 'SetFilter',
      binder: { kind: 'Ident', name: 'v' },
      set: nm('S'),
      pred: bin('>', nm('v'), int(0)),
    });
    expect(exprShape('{ f(v) : v in S }')).toEqual({
      kind: 'SetMap',
      expr: { kind: 'CallExpr', callee: { kind: 'Ident', name: 'f' }, args: [nm('v')] },
      binder: { kind: 'Ident', name: 'v' },
      set: nm('S'),
    });
    expect(exprShape('{ f: 1, g: x in S }')).toEqual({
      kind: 'RecordLit',
      fields: [
        { kind: 'RecordFieldInit', name: { kind: 'Ident', name: 'f' }, value: int(1) },
        {
          kind: 'RecordFieldInit',
          name: { kind: 'Ident', name: 'g' },
          value: bin('in', nm('x'), nm('S')),
        },
      ],
    });
  });

  test('maps, updates, quantifiers, calls, parentheses', () => {
    expect(exprShape('[ t in Thread |-> {} ]')).toEqual({
      kind: 'MapComp',
      binder: { kind: 'Ident', name: 't' },
      set: nm('Thread'),
      value: { kind: 'SetLit', elements: [] },
    });
    expect(exprShape('r with { f: 1 }')).toEqual({
      kind: 'RecordUpdate',
      base: nm('r'),
      fields: [{ kind: 'RecordFieldInit', name: { kind: 'Ident', name: 'f' }, value: int(1) }],
    });
    expect(exprShape('m with [k] = v + 1')).toEqual({
      kind: 'MapUpdate',
      base: nm('m'),
      key: nm('k'),
      value: bin('+', nm('v'), int(1)),
    });
    expect(exprShape('forall a, b in S: a == b')).toEqual({
      kind: 'QuantExpr',
      quantifier: 'forall',
      binders: [
        { kind: 'Ident', name: 'a' },
        { kind: 'Ident', name: 'b' },
      ],
      set: nm('S'),
      body: bin('==', nm('a'), nm('b')),
    });
    expect(exprShape('exists t in Thread: at(t, p.wait)')).toMatchObject({
      kind: 'QuantExpr',
      quantifier: 'exists',
      body: { kind: 'CallExpr', args: [nm('t'), { kind: 'FieldExpr', base: nm('p') }] },
    });
    expect(exprShape('(a + b) * c')).toEqual(
      bin('*', { kind: 'ParenExpr', inner: bin('+', nm('a'), nm('b')) }, nm('c')),
    );
  });
});
