// The printer on hand-built trees: whole-module text, body spans, parentheses, the .cfg text.

import { printCfg, printExpr, printTla } from '../../src/tla/print.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
import {
  and,
  app,
  apply,
  at,
  bin,
  bool,
  def,
  dot,
  eq,
  except,
  exists,
  fcn,
  forall,
  ite,
  moduleOf,
  neg,
  nm,
  not,
  num,
  or,
  primed,
  racyCounter,
  racyCounterConfig,
  rec,
  setOf,
  str,
  tuple,
  unchanged,
} from './print-builders.js';

const RACY_TEXT = `---- MODULE RacyCounter ----
\\* Non-atomic increment: a lost update.
\\* Generated for the printer tests; do not edit.
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Threads

VARIABLES pc, counter, regs, finished, log

vars == << pc, counter, regs, finished, log >>

Init ==
    /\\ pc = [t \\in Threads |-> "load"]
    /\\ counter = 0
    /\\ regs = [t \\in Threads |-> [tmp |-> 0, stores |-> 0]]
    /\\ finished = {}
    /\\ log = << >>

\\* step "load" (racy.cred:7:5)
A_load(self) ==
    /\\ pc[self] = "load"
    /\\ regs' = [regs EXCEPT ![self].tmp = counter]
    /\\ pc' = [pc EXCEPT ![self] = "store"]
    /\\ UNCHANGED << counter, finished, log >>

\\* step "store" (racy.cred:8:5)
A_store(self) ==
    /\\ pc[self] = "store"
    /\\ counter' = regs[self].tmp + 1
    /\\ regs' = [regs EXCEPT ![self].stores = @ + 1]
    /\\ log' = Append(log, [thread |-> self, wrote |-> regs[self].tmp + 1])
    /\\ finished' = finished \\cup {self}
    /\\ pc' = [pc EXCEPT ![self] = "Done"]

Terminating ==
    /\\ \\A self \\in Threads : pc[self] = "Done"
    /\\ UNCHANGED vars

Next ==
    \\/ \\E self \\in Threads : \\/ A_load(self)
                             \\/ A_store(self)
    \\/ Terminating

Spec ==
    /\\ Init
    /\\ [][Next]_vars
    /\\ WF_vars(Next)

\\* Every logged write is reflected in the counter.
NoLostUpdate == counter = Len(log)
====
`;

describe('printTla on a whole module', () => {
  test('prints the RacyCounter tree as readable TLA+ in the fixture layout', () => {
    expect(printTla(racyCounter()).text).toBe(RACY_TEXT);
  });

  test('gives each action body the span TLC reports for it (tlc-fixtures/02-invariant)', () => {
    const { lines } = printTla(racyCounter());
    // TLC printed "<A_load(t1) line 21, col 5 to line 24, col 45 of module RacyCounter>".
    expect(lines.get('A_load')).toEqual({ line: 21, column: 5, endLine: 24, endColumn: 45 });
    expect(lines.get('A_store')).toEqual({ line: 28, column: 5, endLine: 33, endColumn: 41 });
    expect(lines.get('NoLostUpdate')).toEqual({ line: 50, column: 17, endLine: 50, endColumn: 34 });
    expect(lines.get('vars')).toEqual({ line: 10, column: 9, endLine: 10, endColumn: 46 });
  });

  test('gives the pieces of a body TLC splits (disjuncts, \\E bodies) their own spans', () => {
    const m = moduleOf('Split', {
      variables: ['x'],
      defs: [
        def(
          'Jump',
          [],
          or(
            and(bin('>', nm('x'), num(0)), eq(primed('x'), bin('+', nm('x'), num(10)))),
            eq(primed('x'), num(5)),
          ),
        ),
        def(
          'Pick',
          [],
          exists(['v'], setOf(num(1), num(2)), eq(primed('x'), bin('+', nm('x'), nm('v')))),
        ),
      ],
    });
    const { text, lines } = printTla(m);
    const body = text.split('\n');
    expect(body.slice(7, 12)).toEqual([
      'Jump ==',
      '    \\/ /\\ x > 0',
      "       /\\ x' = x + 10",
      "    \\/ x' = 5",
      '',
    ]);
    expect(lines.get('Jump')).toEqual({ line: 9, column: 5, endLine: 11, endColumn: 13 });
    expect(lines.get('Jump/1')).toEqual({ line: 9, column: 8, endLine: 10, endColumn: 21 });
    expect(lines.get('Jump/2')).toEqual({ line: 11, column: 8, endLine: 11, endColumn: 13 });
    expect(body[12]).toBe("Pick == \\E v \\in {1, 2} : x' = x + v");
    expect(lines.get('Pick/1')).toEqual({ line: 13, column: 27, endLine: 13, endColumn: 36 });
    expect(lines.has('Pick/2')).toBe(false);
  });

  test('prints a module-defined vars tuple in place instead of adding one', () => {
    const m = moduleOf('OwnVars', {
      variables: ['a', 'b'],
      defs: [def('vars', [], tuple(nm('b'), nm('a')))],
    });
    const text = printTla(m).text;
    expect(text.match(/vars ==/g)).toHaveLength(1);
    expect(text).toContain('vars == << b, a >>');
  });

  test('extends Integers instead of Naturals when the tree negates anything (SANY needs it for prefix -)', () => {
    const m = moduleOf('Neg', { variables: ['x'], defs: [def('Init', [], eq(nm('x'), num(-1)))] });
    expect(printTla(m).text).toContain('EXTENDS Integers, Sequences, FiniteSets, TLC\n');
    const plain = moduleOf('Pos', {
      variables: ['x'],
      defs: [def('Init', [], eq(nm('x'), num(1)))],
    });
    expect(printTla(plain).text).toContain('EXTENDS Naturals, Sequences, FiniteSets, TLC\n');
  });

  test('is deterministic: the same tree prints the same bytes', () => {
    expect(printTla(racyCounter()).text).toBe(printTla(racyCounter()).text);
  });

  test('refuses a node kind outside the fragment by name', () => {
    const bogus = { kind: 'TlaLambda' } as unknown as TlaExpr;
    expect(() => printExpr(bogus)).toThrow(/TlaLambda/);
  });
});

const x = nm('x');
const y = nm('y');
const z = nm('z');
const S = nm('S');
/** Each case: its name, an expression tree, and the text printExpr must give. */
const cases: [string, TlaExpr, string][] = [
  ['left-assoc minus keeps its shape', bin('-', bin('-', x, y), z), 'x - y - z'],
  ['right-nested minus needs parentheses', bin('-', x, bin('-', y, z)), 'x - (y - z)'],
  ['sum under product', bin('*', bin('+', x, y), z), '(x + y) * z'],
  ['product under sum', bin('+', bin('*', x, y), z), 'x * y + z'],
  ['minus under plus on the left', bin('+', bin('-', x, y), z), 'x - y + z'],
  ['plus under minus on the left', bin('-', bin('+', x, y), z), '(x + y) - z'],
  ['% is non-associative', bin('%', bin('%', x, y), z), '(x % y) % z'],
  ['\\div is non-associative', bin('\\div', bin('\\div', x, y), num(2)), '(x \\div y) \\div 2'],
  ['negative literal on the right', bin('-', x, num(-1)), 'x - (-1)'],
  ['negation of a literal', neg(num(3)), '-3'],
  ['negation of a sum', neg(bin('+', x, y)), '-(x + y)'],
  ['~ of a relation', not(eq(x, y)), '~(x = y)'],
  ['~ of membership', not(bin('\\in', x, S)), '~(x \\in S)'],
  ['~ under =', eq(not(x), y), '(~x) = y'],
  ['= of two relations', eq(eq(x, y), bool(true)), '(x = y) = TRUE'],
  ['\\in with a union', bin('\\in', x, bin('\\cup', S, setOf(y))), 'x \\in S \\cup {y}'],
  ['\\cup then \\cap mix', bin('\\cap', bin('\\cup', S, S), S), '(S \\cup S) \\cap S'],
  ['\\cup chain', bin('\\cup', bin('\\cup', S, S), S), 'S \\cup S \\cup S'],
  ['set difference nested', bin('\\', bin('\\', S, S), S), '(S \\ S) \\ S'],
  ['range of sums', bin('..', bin('+', x, num(1)), y), 'x + 1 .. y'],
  ['range of atoms', bin('..', num(1), nm('N')), '1..N'],
  ['implication of conjunction', bin('=>', and(x, y), z), '(x /\\ y) => z'],
  ['implication nested right', bin('=>', x, bin('=>', y, z)), 'x => (y => z)'],
  ['conjunction of implication', and(bin('=>', x, y), z), '(x => y) /\\ z'],
  ['disjunction inside conjunction', and(or(x, y), z), '(x \\/ y) /\\ z'],
  ['same junction flattens', and(and(x, y), z), 'x /\\ y /\\ z'],
  ['empty conjunction', and(), 'TRUE'],
  ['empty disjunction', or(), 'FALSE'],
  ['one-item junction is its item', or(eq(x, y)), 'x = y'],
  [
    'exists under conjunction',
    and(exists(['v'], S, eq(nm('v'), x)), y),
    '(\\E v \\in S : v = x) /\\ y',
  ],
  [
    'exists on the right of implication',
    bin('=>', x, forall(['v', 'w'], S, eq(nm('v'), nm('w')))),
    'x => (\\A v, w \\in S : v = w)',
  ],
  ['IF under plus', bin('+', ite(x, num(1), num(2)), num(3)), '(IF x THEN 1 ELSE 2) + 3'],
  [
    'IF chain in ELSE',
    ite(x, num(1), ite(y, num(2), num(3))),
    'IF x THEN 1 ELSE IF y THEN 2 ELSE 3',
  ],
  [
    'IF with a quantifier in THEN',
    ite(x, exists(['v'], S, y), z),
    'IF x THEN (\\E v \\in S : y) ELSE z',
  ],
  ['primed variable compared', eq(primed('x'), bin('+', x, num(1))), "x' = x + 1"],
  [
    'function application of an EXCEPT',
    app(
      except(nm('f'), { path: [{ kind: 'index', index: num(1) }], value: bin('+', at, num(1)) }),
      num(1),
    ),
    '[f EXCEPT ![1] = @ + 1][1]',
  ],
  [
    'nested EXCEPT path',
    except(
      nm('r'),
      {
        path: [
          { kind: 'index', index: nm('self') },
          { kind: 'field', field: 'b' },
        ],
        value: num(0),
      },
      { path: [{ kind: 'field', field: 'c' }], value: str('x') },
    ),
    '[r EXCEPT ![self].b = 0, !.c = "x"]',
  ],
  ['field of an application', dot(app(nm('regs'), nm('self')), 'tmp'), 'regs[self].tmp'],
  ['record', rec(['a', num(1)], ['b', setOf()]), '[a |-> 1, b |-> {}]'],
  ['function', fcn('t', S, num(0)), '[t \\in S |-> 0]'],
  ['strings are escaped', str('say "hi"\\now\n'), '"say \\"hi\\"\\\\now\\n"'],
  ['set of a membership', setOf(bin('\\in', x, S)), '{(x \\in S)}'],
  [
    'set map with a membership head',
    { kind: 'TlaSetMap', expr: bin('\\in', x, S), variable: 'x', set: S },
    '{(x \\in S) : x \\in S}',
  ],
  [
    'set map',
    { kind: 'TlaSetMap', expr: bin('+', x, num(1)), variable: 'x', set: S },
    '{x + 1 : x \\in S}',
  ],
  [
    'set filter',
    { kind: 'TlaSetFilter', variable: 'x', set: S, pred: bin('>', x, num(0)) },
    '{x \\in S : x > 0}',
  ],
  [
    'CASE with OTHER',
    {
      kind: 'TlaCase',
      arms: [
        { cond: x, value: num(1) },
        { cond: y, value: exists(['v'], S, z) },
      ],
      other: num(0),
    },
    'CASE x -> 1 [] y -> (\\E v \\in S : z) [] OTHER -> 0',
  ],
  [
    'LET',
    {
      kind: 'TlaLet',
      defs: [
        { name: 'a', value: num(1) },
        { name: 'b', value: ite(x, num(1), num(2)) },
      ],
      body: bin('+', nm('a'), nm('b')),
    },
    'LET a == 1 b == (IF x THEN 1 ELSE 2) IN a + b',
  ],
  [
    'CHOOSE',
    { kind: 'TlaChoose', variable: 'v', set: S, pred: eq(nm('v'), x) },
    'CHOOSE v \\in S : v = x',
  ],
  [
    'DOMAIN of an application',
    eq({ kind: 'TlaBuiltin', op: 'DOMAIN', args: [app(nm('f'), x)] }, S),
    'DOMAIN f[x] = S',
  ],
  [
    'DOMAIN of EXCEPT',
    { kind: 'TlaBuiltin', op: 'DOMAIN', args: [bin('@@', nm('f'), nm('g'))] },
    'DOMAIN (f @@ g)',
  ],
  [
    'SUBSET under \\in',
    bin('\\in', x, { kind: 'TlaBuiltin', op: 'SUBSET', args: [S] }),
    'x \\in SUBSET S',
  ],
  [':> and @@', bin('@@', bin(':>', x, num(1)), bin(':>', y, num(2))), 'x :> 1 @@ y :> 2'],
  [
    'Assert',
    { kind: 'TlaBuiltin', op: 'Assert', args: [bin('<', x, num(3)), str('small')] },
    'Assert(x < 3, "small")',
  ],
  ['tuples', tuple(num(1), tuple()), '<< 1, << >> >>'],
  ['concatenation', bin('\\o', tuple(x), tuple(y)), '<< x >> \\o << y >>'],
  ['UNCHANGED one variable', unchanged('x'), 'UNCHANGED x'],
  ['UNCHANGED several', unchanged('x', 'y'), 'UNCHANGED << x, y >>'],
  ['UNCHANGED under =', eq(unchanged('x'), bool(true)), '(UNCHANGED x) = TRUE'],
  [
    'ENABLED of an application',
    { kind: 'TlaUnary', op: 'ENABLED', operand: apply('A', nm('t')) },
    'ENABLED A(t)',
  ],
  [
    'ENABLED of a conjunction',
    { kind: 'TlaUnary', op: 'ENABLED', operand: and(x, y) },
    'ENABLED (x /\\ y)',
  ],
  [
    'always eventually',
    {
      kind: 'TlaTemporal',
      op: '[]',
      operand: { kind: 'TlaTemporal', op: '<>', operand: eq(x, y) },
    },
    '[]<>(x = y)',
  ],
  [
    'eventually always',
    { kind: 'TlaTemporal', op: '<>', operand: { kind: 'TlaTemporal', op: '[]', operand: x } },
    '<>[]x',
  ],
  ['leads to', bin('~>', eq(x, num(1)), eq(y, num(2))), 'x = 1 ~> y = 2'],
  [
    'WF',
    { kind: 'TlaFairness', strength: 'WF', vars: 'vars', action: apply('A', nm('self')) },
    'WF_vars(A(self))',
  ],
  [
    'box action',
    { kind: 'TlaBoxAction', action: bin('=>', x, primed('x')), vars: 'vars' },
    "[][x => x']_vars",
  ],
  ['Permutations', { kind: 'TlaBuiltin', op: 'Permutations', args: [S] }, 'Permutations(S)'],
];

describe('printExpr parentheses', () => {
  test.each(cases)('%s', (_name, expr, text) => {
    expect(printExpr(expr)).toBe(text);
  });
});

describe('printCfg', () => {
  test('prints model values, numbers, booleans, strings, spec, invariants, properties, symmetry and deadlock', () => {
    const text = printCfg({
      constants: [
        { name: 'Caller', value: { kind: 'modelValues', names: ['caller1', 'caller2'] } },
        { name: 'None', value: { kind: 'modelValue', name: 'None' } },
        { name: 'MaxEpoch', value: { kind: 'int', value: 3 } },
        { name: 'Faults', value: { kind: 'bool', value: false } },
        { name: 'Mode', value: { kind: 'string', value: 'strict' } },
      ],
      specification: 'Spec',
      invariants: ['TypeOK', 'NoFailure'],
      properties: ['AllDone'],
      symmetry: 'Perms',
      checkDeadlock: false,
    });
    expect(text).toBe(`CONSTANTS
    Caller = {caller1, caller2}
    None = None
    MaxEpoch = 3
    Faults = FALSE
    Mode = "strict"

SPECIFICATION Spec

INVARIANT TypeOK
INVARIANT NoFailure

PROPERTY AllDone

SYMMETRY Perms

CHECK_DEADLOCK FALSE
`);
  });

  test('leaves out empty sections but always says how deadlock is treated', () => {
    expect(printCfg({ ...racyCounterConfig, invariants: [] })).toBe(
      'CONSTANTS\n    Threads = {t1, t2, t3}\n\nSPECIFICATION Spec\n\nCHECK_DEADLOCK TRUE\n',
    );
  });
});
