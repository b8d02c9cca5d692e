// Bad input never crashes the front end: each case gets a located diagnostic with a stable code
// and a message a user can act on. One row per case: name, source, code, message, line, column
// of the first diagnostic.

import { formatMessage } from '../../src/diagnostics/render.js';
import { decodeSource } from '../../src/syntax/decode.js';
import { parseSpec } from '../../src/syntax/parse.js';

const H = 'spec t\n';

const CASES: ReadonlyArray<readonly [string, string, string, string, number, number]> = [
  ['empty file', '', 'CS1009', 'a spec file must start with `spec NAME`, found end of file', 1, 1],
  [
    'only comments',
    '// nothing\n/* here */\n',
    'CS1009',
    'a spec file must start with `spec NAME`, found end of file',
    3,
    1,
  ],
  [
    'missing spec header',
    'const X = 1\n',
    'CS1009',
    'a spec file must start with `spec NAME`, found `const`',
    1,
    1,
  ],
  [
    'spec header twice',
    H + 'spec u\n',
    'CS1027',
    'the `spec` header must be the first item of the file, and only one',
    2,
    1,
  ],
  ['unknown character', H + 'const X = 1 # 2\n', 'CS1001', 'unexpected character `#`', 2, 13],
  ['NUL byte', H + 'const X = 1\0\n', 'CS1001', 'unexpected character U+0000', 2, 12],
  [
    'unterminated string',
    H + 'const X = "abc\nconst Y = 1\n',
    'CS1004',
    'unterminated string: a string needs its closing `"` on the same line',
    2,
    11,
  ],
  [
    'unterminated block comment',
    H + 'const X = 1\n  /* never closed\nconst Y = 2\n',
    'CS1005',
    'unterminated block comment: `/*` has no closing `*/`',
    3,
    3,
  ],
  [
    'unknown escape',
    H + 'import "a\\qb.cred"\n',
    'CS1006',
    'unknown escape `\\q` in a string (known: `\\"`, `\\\\`, `\\n`)',
    2,
    10,
  ],
  [
    'keyword as a variable name',
    H + 'shared var process: bool\n',
    'CS1010',
    '`process` is a keyword and cannot be used as a name',
    2,
    12,
  ],
  [
    'keyword as a label',
    H + 'process P[1] {\n  step: skip\n}\n',
    'CS1010',
    '`step` is a keyword and cannot be used as a name',
    3,
    3,
  ],
  [
    'any inside an index',
    H + 'process P[1] {\n  stopped[any t in Other] := true\n}\n',
    'CS1041',
    '`any` is only allowed as `x := any S` (or `x := any v in S where P`)',
    3,
    11,
  ],
  [
    'keyword as a label before an assignment',
    H + 'process P[1] {\n  exit: n := 1\n}\n',
    'CS1010',
    '`exit` is a keyword and cannot be used as a name',
    3,
    3,
  ],
  [
    'missing closing brace',
    H + 'process P[1] {\n  skip\n\ninvariant i: true\n',
    'CS1003',
    'expected `}` to close the block opened at 2:14, found `invariant`',
    5,
    1,
  ],
  [
    'missing closing parenthesis',
    H + 'process P[1] {\n  x := (1 + 2\n  proc\n}\n',
    'CS1003',
    'expected `)` to close the parenthesis opened at 3:8, found `proc`',
    4,
    3,
  ],
  [
    'missing closing bracket',
    H + 'const X = a[1\n',
    'CS1003',
    'expected `]` to close the bracket opened at 2:12, found end of file',
    3,
    1,
  ],
  [
    'stray closing brace',
    H + 'const X = 1\n}\n',
    'CS1011',
    'expected a declaration, found `}`',
    3,
    1,
  ],
  [
    'expression missing',
    H + 'const X =\nconst Y = 2\n',
    'CS1013',
    'expected an expression, found `const`',
    3,
    1,
  ],
  ['junk at top level', H + '42\n', 'CS1011', 'expected a declaration, found `42`', 2, 1],
  [
    'unknown verdict',
    H + 'expect base: passes\n',
    'CS1031',
    'expected `holds`, `deadlock` or `violates NAME`, found `passes`',
    2,
    14,
  ],
  [
    'for without snapshot or live',
    H + 'process P[1] { for v in S { skip } }\n',
    'CS1032',
    'expected `snapshot` or `live` before the set of a `for` loop, found `S`',
    2,
    25,
  ],
  [
    'temporal property without a temporal operator',
    H + 'property p: x\n',
    'CS1033',
    'expected `eventually P`, `always eventually P`, `eventually always P` or `P leadsto Q`, found end of file',
    3,
    1,
  ],
  [
    'unknown variant member',
    H + 'variant v { skip }\n',
    'CS1034',
    'expected `param NAME = value`, `override procedure|macro|def|process ...` or `override step Owner.label: statement`, found `skip`',
    2,
    13,
  ],
  [
    'statement expected',
    H + 'process P[1] {\n  42\n}\n',
    'CS1003',
    'expected `}` to close the block opened at 2:14, found `42`',
    3,
    3,
  ],
  [
    'expression is not a statement',
    H + 'process P[1] {\n  x[1]\n}\n',
    'CS1023',
    'this expression is not a statement: only a procedure or macro call can stand alone',
    3,
    3,
  ],
  [
    'assignment to a call',
    H + 'process P[1] {\n  f(x) := 1\n}\n',
    'CS1022',
    'cannot assign to this expression: the left side of `:=` must be a variable, an element `x[i]`, a field `x.f` or `p->x`',
    3,
    3,
  ],
  [
    'may fail on an if',
    H + 'process P[1] {\n  if x { skip } may fail { skip }\n}\n',
    'CS1021',
    '`if` cannot be marked `may fail`: only a simple statement can',
    3,
    3,
  ],
  [
    'var in a nested block',
    H + 'process P[1] {\n  if x {\n    var y: bool\n  }\n}\n',
    'CS1024',
    'a local `var` must be declared directly in a process or procedure body',
    4,
    5,
  ],
  [
    'top-level var without scope',
    H + 'var x: bool\n',
    'CS1025',
    'a top-level variable is `shared var` or `thread var`',
    2,
    1,
  ],
  [
    'shared var in a body',
    H + 'procedure p() {\n  shared var x: bool\n}\n',
    'CS1026',
    '`shared` variables are declared at the top level, not in a body',
    3,
    3,
  ],
  [
    'unknown annotation',
    H + 'process P[1] {\n  @linux("a.c") skip\n}\n',
    'CS1028',
    'unknown annotation @linux: the only one is `@kernel("file", "function", "commit")`',
    3,
    4,
  ],
  [
    'kernel annotation without strings',
    H + 'process P[1] {\n  @kernel() skip\n}\n',
    'CS1029',
    '`@kernel` takes one to three strings (file, function, commit), found 0',
    3,
    3,
  ],
  [
    'symmetric twice',
    H + 'process P[1] symmetric symmetric { skip }\n',
    'CS1030',
    '`symmetric` is given twice',
    2,
    24,
  ],
  [
    'integer too large',
    H + 'const X = 99999999999999999999\n',
    'CS1015',
    'number 99999999999999999999 is too large (the largest is 9007199254740991)',
    2,
    11,
  ],
  [
    'fresh before a shared var',
    H + 'fresh shared var x: bool\n',
    'CS1040',
    '`fresh` applies only to a `thread var`',
    2,
    1,
  ],
  [
    'fresh before a local var',
    H + 'process P[1] {\n  fresh var x: bool\n  skip\n}\n',
    'CS1040',
    '`fresh` applies only to a `thread var`',
    3,
    3,
  ],
  [
    'a new keyword is no name',
    H + 'shared var break: bool\n',
    'CS1010',
    '`break` is a keyword and cannot be used as a name',
    2,
    12,
  ],
  [
    'map with one type argument',
    H + 'type T = map<int>\n',
    'CS1017',
    '`map` takes two type arguments, found 1',
    2,
    10,
  ],
  [
    'type that is an expression',
    H + 'type T = 1 + 2\n',
    'CS1014',
    'expected a type, found `1`',
    2,
    10,
  ],
  [
    'record literal mixing elements',
    H + 'const R = { f: 1, g }\n',
    'CS1002',
    'expected `:`, found `}`',
    2,
    21,
  ],
  [
    'set filter without binder',
    H + 'const S = { 1 | true }\n',
    'CS1019',
    'a set filter is written `{ v in S | P }`: expected `v in S` before `|`',
    2,
    13,
  ],
  [
    'set map without binder',
    H + 'const S = { f(x) : true }\n',
    'CS1020',
    'a set map is written `{ e : v in S }`: expected `v in S` after `:`',
    2,
    20,
  ],
  [
    'labelled overriding step',
    H + 'variant v {\n  override step P.a: b: skip\n}\n',
    'CS1035',
    'an overriding step takes its label from `P.a`: remove the label written here',
    3,
    22,
  ],
  [
    'missing colon in invariant',
    H + 'invariant i x > 0\n',
    'CS1002',
    'expected `:`, found `x`',
    2,
    13,
  ],
  [
    'weak without fair',
    H + 'weak process P[1] { skip }\n',
    'CS1011',
    'expected a declaration, found `weak`',
    2,
    1,
  ],
  ['process without count', H + 'process P { skip }\n', 'CS1002', 'expected `[`, found `{`', 2, 11],
  ['missing type in param', H + 'param N = 3\n', 'CS1002', 'expected `:`, found `=`', 2, 9],
  [
    'nesting too deep',
    H + 'const X = ' + '('.repeat(300) + '1' + ')'.repeat(300) + '\n',
    'CS1008',
    'nesting deeper than 200 levels; the rest of this file is not parsed',
    2,
    211,
  ],
  [
    'prefix operators too deep',
    H + 'const X = ' + '!'.repeat(300) + 'x\n',
    'CS1008',
    'nesting deeper than 200 levels; the rest of this file is not parsed',
    2,
    211,
  ],
  [
    'any where without binder',
    H + 'process P[1] {\n  x := any S where true\n}\n',
    'CS1002',
    'expected `v in S` before `where`, found `S`',
    3,
    12,
  ],
  [
    'label before a local var',
    H + 'process P[1] {\n  l: var x: bool\n}\n',
    'CS1039',
    'a label names a step: it cannot stand before `var`',
    3,
    3,
  ],
  [
    'keyword as field name',
    H + 'const X = r.in\n',
    'CS1010',
    '`in` is a keyword and cannot be used as a name',
    2,
    13,
  ],
  [
    'CRLF line endings keep lines right',
    'spec t\r\nconst X = 1\r\nconst Y = #\r\n',
    'CS1001',
    'unexpected character `#`',
    3,
    11,
  ],
  [
    'tab counts as one column',
    'spec t\n\tconst X = #\n',
    'CS1001',
    'unexpected character `#`',
    2,
    12,
  ],
];

describe('invalid input: the first diagnostic of each case', () => {
  test.each(CASES)('%s', (_name, source, code, message, line, column) => {
    const r = parseSpec(source, 't.cred');
    const d = r.diagnostics[0];
    expect(d).toBeDefined();
    expect({
      code: d!.code,
      message: formatMessage(d!.code, d!.args),
      line: d!.span.start.line,
      column: d!.span.start.column,
    }).toEqual({ code, message, line, column });
    expect(d!.span.file).toBe('t.cred');
    expect(d!.severity).toBe('error');
  });

  test('there are at least 30 cases with distinct names', () => {
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

describe('three errors give three diagnostics', () => {
  test('one per broken declaration, in order', () => {
    const r = parseSpec(
      'spec t\nconst A = \nconst B = 1 +\nconst C = )\ninvariant ok: true\n',
      't.cred',
    );
    expect(r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([
      ['CS1013', 3, 1],
      ['CS1013', 4, 1],
      ['CS1013', 4, 11],
    ]);
    expect(r.ast.decls.map((d) => d.kind)).toEqual([
      'ConstDecl',
      'ConstDecl',
      'ConstDecl',
      'InvariantDecl',
    ]);
  });

  test('errors in separate process bodies are all reported and later declarations still parse', () => {
    const r = parseSpec(
      'spec t\nprocess A[1] {\n  x := \n}\nprocess B[1] {\n  await\n}\nprocess C[1] {\n  y := (1\n}\nconst K = 1\n',
      't.cred',
    );
    expect(r.diagnostics.map((d) => [d.code, d.span.start.line])).toEqual([
      ['CS1013', 4],
      ['CS1013', 7],
      ['CS1003', 10],
    ]);
    expect(r.ast.decls.map((d) => d.kind)).toEqual([
      'ProcessDecl',
      'ProcessDecl',
      'ProcessDecl',
      'ConstDecl',
    ]);
  });

  test('junk between declarations is reported once per run and parsing resumes', () => {
    const r = parseSpec('spec t\n42 43\nconst B = 1\n)))\nconst C = 2\n', 't.cred');
    expect(
      r.diagnostics.map((d) => [
        d.code,
        formatMessage(d.code, d.args),
        d.span.start.line,
        d.span.start.column,
      ]),
    ).toEqual([
      ['CS1011', 'expected a declaration, found `42`', 2, 1],
      ['CS1011', 'expected a declaration, found `)`', 4, 1],
    ]);
    expect(r.ast.decls.map((d) => d.kind)).toEqual(['ConstDecl', 'ConstDecl']);
  });

  test('a file past the error limit says so once', () => {
    const r = parseSpec('spec t\n' + 'const = 1\n'.repeat(300), 't.cred');
    expect(r.diagnostics.length).toBe(101);
    expect(r.diagnostics[100]!.code).toBe('CS1038');
  });
});

describe('invalid UTF-8', () => {
  test('the first bad byte is located by line and column and its byte offset is named', () => {
    const bytes = Buffer.concat([
      Buffer.from('spec t\nconst X = "é'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"\n'),
    ]);
    const d = decodeSource(bytes, 'u.cred');
    expect(
      d.diagnostics.map((x) => [
        x.code,
        formatMessage(x.code, x.args),
        x.span.start.line,
        x.span.start.column,
      ]),
    ).toEqual([['CS1007', 'invalid UTF-8: byte 0xC3 at byte offset 20', 2, 13]]);
    expect(d.text.startsWith('spec t\n')).toBe(true);
  });

  test('truncated sequence at the end of the file, overlong encodings and surrogates are refused', () => {
    for (const [bytes, offset] of [
      [[0x73, 0x70, 0xe2, 0x82], 2],
      [[0xc0, 0xaf], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xf5, 0x80, 0x80, 0x80], 0],
    ] as const) {
      const d = decodeSource(Uint8Array.from(bytes), 'u.cred');
      expect(d.diagnostics.map((x) => x.args.offset)).toEqual([offset]);
    }
  });

  test('valid multi-byte text gives no diagnostic', () => {
    expect(decodeSource(Buffer.from('spec t // ünïcödé 𝔘\n'), 'u.cred').diagnostics).toEqual([]);
  });
});
