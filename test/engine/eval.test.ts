// Unit tests per construct: each expression is evaluated as the only invariant of a
// one-variable module and compared with the value TLC gives. Sets, functions, records,
// sequences, EXCEPT and Init branching here; the other operators in eval-operators.test.ts and
// actions in eval-actions.test.ts.

import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { formatValue } from '../../src/engine/values/values.js';
import {
  AT,
  action,
  at,
  bin,
  builtin,
  config,
  def,
  dot,
  eq,
  except,
  fcn,
  filter,
  inSet,
  module,
  rec,
  set,
  setMap,
  str,
  tup,
  unchanged,
} from './tla-builders.js';

import { evalExpr } from './eval-expr.js';

describe('values of expressions', () => {
  test('sets: enumeration sorts and removes duplicates, union, intersection, difference, subset', () => {
    expect(evalExpr(set(3, 1, 2, 1))).toBe('{1, 2, 3}');
    expect(evalExpr(bin('\\cup', set(1, 2), set(2, 3)))).toBe('{1, 2, 3}');
    expect(evalExpr(bin('\\cap', set(1, 2), set(2, 3)))).toBe('{2}');
    expect(evalExpr(bin('\\', set(1, 2, 3), set(2)))).toBe('{1, 3}');
    expect(evalExpr(bin('\\subseteq', set(1), set(1, 2)))).toBe('TRUE');
    expect(evalExpr(bin('..', 2, 4))).toBe('{2, 3, 4}');
    expect(evalExpr(builtin('Cardinality', 'Threads'))).toBe('2');
    expect(evalExpr(builtin('SUBSET', set(1, 2)))).toBe('{{}, {1}, {2}, {1, 2}}');
    expect(evalExpr(filter('v', bin('..', 1, 5), bin('>', 'v', 3)))).toBe('{4, 5}');
    expect(evalExpr(setMap(bin('*', 'v', 2), 'v', set(1, 2)))).toBe('{2, 4}');
    expect(evalExpr(set(str('b'), str('a')))).toBe('{"a", "b"}');
    expect(evalExpr(bin('\\notin', 'T1', 'Threads'))).toBe('FALSE');
  });

  test('functions: construction, application, DOMAIN, :> and @@', () => {
    expect(evalExpr(fcn('t', 'Threads', 0))).toBe('(t1 :> 0 @@ t2 :> 0)');
    expect(evalExpr(at(fcn('i', set(1, 2), bin('*', 'i', 10)), 2))).toBe('20');
    expect(evalExpr(fcn('i', bin('..', 1, 2), str('a')))).toBe('<<"a", "a">>');
    expect(evalExpr(builtin('DOMAIN', tup(5, 6)))).toBe('{1, 2}');
    expect(evalExpr(bin('@@', bin(':>', 1, str('a')), bin(':>', 3, str('b'))))).toBe(
      '(1 :> "a" @@ 3 :> "b")',
    );
    expect(evalExpr(eq(fcn('i', bin('..', 1, 2), 'i'), tup(1, 2)))).toBe('TRUE');
  });

  test('records and sequences', () => {
    expect(evalExpr(dot(rec({ a: 1, b: 2 }), 'b'))).toBe('2');
    expect(evalExpr(builtin('Append', tup(1), 2))).toBe('<<1, 2>>');
    expect(evalExpr(builtin('Head', tup(7, 8)))).toBe('7');
    expect(evalExpr(builtin('Tail', tup(7, 8)))).toBe('<<8>>');
    expect(evalExpr(builtin('Len', tup()))).toBe('0');
    expect(evalExpr(bin('\\o', tup(1), tup(2, 3)))).toBe('<<1, 2, 3>>');
    expect(evalExpr(eq(rec({ a: 1, b: 2 }), rec({ b: 2, a: 1 })))).toBe('TRUE');
  });

  test('EXCEPT with @, nested paths and several clauses', () => {
    const f = fcn('t', 'Threads', rec({ n: 0, s: set() }));
    expect(evalExpr(except(f, [['T1', '.n'], bin('+', AT, 5)]))).toBe(
      '(t1 :> [n |-> 5, s |-> {}] @@ t2 :> [n |-> 0, s |-> {}])',
    );
    expect(
      evalExpr(
        except(f, [['T2', '.s'], bin('\\cup', AT, set(1))], [['T1'], rec({ n: 9, s: set() })]),
      ),
    ).toBe('(t1 :> [n |-> 9, s |-> {}] @@ t2 :> [n |-> 0, s |-> {1}])');
    expect(evalExpr(except(tup(1, 2), [[2], bin('*', AT, 10)]))).toBe('<<1, 20>>');
  });

  test('x \\in S in Init branches over S in order', () => {
    const m = module({
      name: 'I',
      constants: [],
      variables: ['x'],
      defs: [
        def('Init', [], inSet('x', set(3, 1, 2))),
        def('Next', [], unchanged('x')),
        def('Spec', [], 'Init'),
      ],
      roles: { actions: [action('Next')] },
    });
    const exe = interpretModule(m, config({}));
    const xs: string[] = [];
    exe.initialStates((s) => xs.push(formatValue(s[0]!)));
    expect(xs).toEqual(['1', '2', '3']);
  });
});
