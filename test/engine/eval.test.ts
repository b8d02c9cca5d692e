// Unit tests per construct: each expression is evaluated as the only invariant of a
// one-variable module, or as the only action, and compared with the value TLC gives.

import { checkTlaModule } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
import { formatValue } from '../../src/engine/values/values.js';
import {
  AT,
  action,
  and,
  app,
  at,
  bin,
  builtin,
  caseOf,
  choose,
  config,
  def,
  dot,
  enabled,
  eq,
  except,
  exists,
  fcn,
  filter,
  forall,
  inSet,
  ite,
  letIn,
  module,
  not,
  or,
  primed,
  rec,
  set,
  setMap,
  str,
  tup,
  unchanged,
} from './tla-builders.js';

/** Evaluates `e` in the initial state x = 0 (Threads = {t1, t2}, T1 = t1, T2 = t2) and prints it as TLC would. */
function evalExpr(e: TlaExpr, extraDefs = [] as ReturnType<typeof def>[]): string {
  const m = module({
    name: 'E',
    constants: ['Threads', 'T1', 'T2'],
    variables: ['x', 'out'],
    defs: [
      ...extraDefs,
      def('Init', [], and(eq('x', 0), eq('out', e))),
      def('Next', [], unchanged('x', 'out')),
      def('Spec', [], 'Init'),
    ],
    roles: { actions: [action('Next')] },
  });
  const exe = interpretModule(
    m,
    config({ constants: { Threads: ['t1', 't2'], T1: 'mv:t1', T2: 'mv:t2' } }),
  );
  const states: string[] = [];
  exe.initialStates((s) => states.push(formatValue(s[1]!)));
  return states.join(' | ');
}

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

  test('quantifiers, CHOOSE, IF, CASE, LET, operators with arguments', () => {
    expect(evalExpr(forall(['a', 'b'], set(1, 2), bin('<=', bin('+', 'a', 'b'), 4)))).toBe('TRUE');
    expect(evalExpr(exists('a', set(1, 2), eq('a', 3)))).toBe('FALSE');
    expect(evalExpr(choose('a', bin('..', 1, 9), bin('>', bin('*', 'a', 'a'), 10)))).toBe('4');
    expect(evalExpr(ite(bin('>', 1, 2), str('y'), str('n')))).toBe('"n"');
    expect(
      evalExpr(
        caseOf(
          [
            [false, 1],
            [true, 2],
          ],
          3,
        ),
      ),
    ).toBe('2');
    expect(evalExpr(caseOf([[false, 1]], 3))).toBe('3');
    expect(
      evalExpr(
        letIn(
          [
            ['a', 2],
            ['b', bin('*', 'a', 3)],
          ],
          bin('+', 'a', 'b'),
        ),
      ),
    ).toBe('8');
    expect(evalExpr(app('Twice', 21), [def('Twice', ['n'], bin('*', 'n', 2))])).toBe('42');
    expect(evalExpr(bin('%', -3, 5))).toBe('2');
    expect(evalExpr(bin('\\div', -3, 2))).toBe('-2');
    expect(evalExpr(not(bin('=>', true, false)))).toBe('TRUE');
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

describe('actions', () => {
  const counter = (next: TlaExpr, extra: ReturnType<typeof def>[] = []) =>
    module({
      name: 'A',
      constants: [],
      variables: ['x', 'y'],
      defs: [
        def('Init', [], and(eq('x', 0), eq('y', 0))),
        ...extra,
        def('Step', [], next),
        def('Next', [], 'Step'),
        def('Spec', [], 'Init'),
      ],
      roles: { actions: [action('Step')] },
    });
  const successors = (next: TlaExpr, extra: ReturnType<typeof def>[] = []): string[] => {
    const exe = interpretModule(counter(next, extra), config({}));
    const out: string[] = [];
    exe.initialStates((s) => {
      exe.successors(0, s, (t) => out.push(t.map((v) => formatValue(v)).join(',')));
    });
    return out;
  };

  test("conjuncts assign left to right; disjunctions, \\E and x' \\in S branch in order", () => {
    expect(successors(and(eq(primed('x'), 1), eq(primed('y'), bin('+', primed('x'), 1))))).toEqual([
      '1,2',
    ]);
    expect(successors(and(or(eq(primed('x'), 2), eq(primed('x'), 1)), unchanged('y')))).toEqual([
      '2,0',
      '1,0',
    ]);
    expect(
      successors(and(exists('v', set(2, 1), eq(primed('x'), 'v')), inSet(primed('y'), set(5, 4)))),
    ).toEqual(['1,4', '1,5', '2,4', '2,5']);
  });

  test("guards prune, IF branches, an assigned x' = e is a test", () => {
    expect(successors(and(bin('>', 'x', 0), eq(primed('x'), 1), unchanged('y')))).toEqual([]);
    expect(
      successors(and(ite(eq('x', 0), eq(primed('x'), 7), eq(primed('x'), 8)), unchanged('y'))),
    ).toEqual(['7,0']);
    expect(successors(and(eq(primed('x'), 1), eq(primed('x'), 2), unchanged('y')))).toEqual([]);
    expect(successors(and(eq(primed('x'), 1), eq(primed('x'), 1), unchanged('y')))).toEqual([
      '1,0',
    ]);
  });

  test('ENABLED of an action in a guard', () => {
    const extra = [def('Blocked', [], and(bin('>', 'x', 5), eq(primed('x'), 0)))];
    expect(
      successors(and(not(enabled('Blocked')), eq(primed('x'), 3), unchanged('y')), extra),
    ).toEqual(['3,0']);
    expect(successors(and(enabled('Blocked'), eq(primed('x'), 3), unchanged('y')), extra)).toEqual(
      [],
    );
  });

  test('an action that leaves a variable unassigned is an error naming it', async () => {
    const r = await checkTlaModule(counter(eq(primed('x'), 1)), config({}));
    expect(r.verdict).toBe('error');
    expect(r.error!.message).toContain('not completely specified by action Step');
    expect(r.error!.message).toContain('not assigned: y');
  });

  test('CHOOSE without a witness and a CASE without a match are errors', async () => {
    const r1 = await checkTlaModule(
      counter(and(eq(primed('x'), choose('v', set(1, 2), bin('>', 'v', 5))), unchanged('y'))),
      config({}),
    );
    expect(r1.verdict).toBe('error');
    expect(r1.error!.message).toContain('CHOOSE');
    expect(r1.error!.message).toContain('Step');
    const r2 = await checkTlaModule(
      counter(and(eq(primed('x'), caseOf([[false, 1]])), unchanged('y'))),
      config({}),
    );
    expect(r2.verdict).toBe('error');
    expect(r2.error!.message).toContain('CASE');
  });

  test('a missing constant is an error, not an exception', async () => {
    const m = module({
      name: 'C',
      constants: ['N'],
      variables: ['x'],
      defs: [
        def('Init', [], eq('x', 'N')),
        def('Next', [], unchanged('x')),
        def('Spec', [], 'Init'),
      ],
      roles: { actions: [action('Next')] },
    });
    const r = await checkTlaModule(m, config({}));
    expect(r.verdict).toBe('error');
    expect(r.error!.message).toBe(
      'The constant parameter N is not assigned a value by the configuration file.',
    );
  });
});
