// Words a user reaches for as names: `call` is not a keyword (no construct uses it), so it can
// label a step; a real keyword used as a label is one CS1010, and `any` outside `x := any S` is
// one CS1041 for the whole misplaced choice, not a cascade through the rest of the line.

import { formatMessage } from '../../src/diagnostics/render.js';
import { parseSpec } from '../../src/syntax/parse.js';

function diagnostics(text: string): string[] {
  return parseSpec(text, 't.cred').diagnostics.map(
    (d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${formatMessage(d.code, d.args)}`,
  );
}

describe('keywords and names', () => {
  test('`call` labels a step and names a variable', () => {
    const r = parseSpec(
      'spec t\nshared var call: 0..3 = 0\nprocess P[1] {\n  call: call := 1\n}\n',
      't.cred',
    );
    expect(r.diagnostics).toEqual([]);
    const proc = r.ast.decls.find((d) => d.kind === 'ProcessDecl');
    expect(proc?.kind === 'ProcessDecl' ? proc.body.stmts[0]?.label?.name : undefined).toBe('call');
  });

  test('a keyword as a label is one CS1010 at the label', () => {
    expect(
      diagnostics('spec t\nshared var n: 0..3 = 0\nprocess P[1] {\n  exit: n := 1\n  skip\n}\n'),
    ).toEqual(['CS1010 4:3 `exit` is a keyword and cannot be used as a name']);
  });

  test('values before `:` stay values: `c ? self : none` and `{ self : t in S }`', () => {
    expect(
      diagnostics('spec t\nconst A = true ? self : none\nconst B = { self : t in Thread }\n'),
    ).toEqual([]);
  });

  test('`x := any S` and `x := any v in S where P` still parse', () => {
    expect(
      diagnostics('spec t\nprocess P[1] {\n  x := any S\n  y := any v in S where v > 1\n}\n'),
    ).toEqual([]);
  });

  test('`any` inside an index, an argument or an operand is one CS1041 each', () => {
    expect(
      diagnostics(
        'spec t\nprocess P[1] {\n  stopped[any t in Other] := true\n  f(any S)\n  x := 1 + any S\n}\n',
      ),
    ).toEqual([
      'CS1041 3:11 `any` is only allowed as `x := any S` (or `x := any v in S where P`)',
      'CS1041 4:5 `any` is only allowed as `x := any S` (or `x := any v in S where P`)',
      'CS1041 5:12 `any` is only allowed as `x := any S` (or `x := any v in S where P`)',
    ]);
  });
});
