import { at, bin, declsOf, exprShape, int, nm } from './helpers.js';

describe('expressions', () => {
  test('precedence from ? : down to postfix', () => {
    expect(exprShape('a || b && !c == d')).toEqual(
      bin(
        '||',
        nm('a'),
        bin('&&', nm('b'), { kind: 'UnaryExpr', op: '!', operand: bin('==', nm('c'), nm('d')) }),
      ),
    );
    expect(exprShape('a => b => c')).toEqual(bin('=>', nm('a'), bin('=>', nm('b'), nm('c'))));
    expect(exprShape('a ? b : c ? d : e')).toEqual({
      kind: 'CondExpr',
      cond: nm('a'),
      then: nm('b'),
      else: { kind: 'CondExpr', cond: nm('c'), then: nm('d'), else: nm('e') },
    });
    expect(exprShape('x in 1..n + 1')).toEqual(
      bin('in', nm('x'), bin('..', int(1), bin('+', nm('n'), int(1)))),
    );
    expect(exprShape('a union b \\ c inter d')).toEqual(
      bin('inter', bin('\\', bin('union', nm('a'), nm('b')), nm('c')), nm('d')),
    );
    expect(exprShape('a + b * c mod d - -e')).toEqual(
      bin('-', bin('+', nm('a'), bin('mod', bin('*', nm('b'), nm('c')), nm('d'))), {
        kind: 'UnaryExpr',
        op: '-',
        operand: nm('e'),
      }),
    );
    expect(exprShape('1 - 2 - 3')).toEqual(bin('-', bin('-', int(1), int(2)), int(3)));
    expect(exprShape('not a and b or c')).toEqual(
      bin('||', bin('&&', { kind: 'UnaryExpr', op: '!', operand: nm('a') }, nm('b')), nm('c')),
    );
    expect(exprShape("-x[i].f->g'")).toEqual({
      kind: 'UnaryExpr',
      op: '-',
      operand: {
        kind: 'PrimedExpr',
        base: {
          kind: 'ArrowExpr',
          base: {
            kind: 'FieldExpr',
            base: { kind: 'IndexExpr', base: nm('x'), index: nm('i') },
            field: { kind: 'Ident', name: 'f' },
          },
          field: { kind: 'Ident', name: 'g' },
        },
      },
    });
    expect(exprShape('S subseteq T && x notin S')).toEqual(
      bin('&&', bin('subseteq', nm('S'), nm('T')), bin('notin', nm('x'), nm('S'))),
    );
  });

  test('spans of binary expressions cover both operands', () => {
    const d = declsOf('const X = a +   b * c')[0]!;
    if (d.kind !== 'ConstDecl') throw new Error('const expected');
    expect(at(d.value.span)).toBe('2:11');
    expect(d.value.span.end.column).toBe(22);
  });
});
