// Unit tests per construct of actions: each formula is the only action of a two-variable module;
// its successors are listed in the order TLC generates them, and what TLC reports as an error is
// an error result, not an exception.

import { checkTlaModule } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { TlaExpr } from '../../src/tla/tla-ast.js';
import { formatValue } from '../../src/engine/values/values.js';
import {
  action,
  and,
  bin,
  caseOf,
  choose,
  config,
  def,
  enabled,
  eq,
  exists,
  inSet,
  ite,
  module,
  not,
  or,
  primed,
  set,
  unchanged,
} from './tla-builders.js';

/** A module with x = 0 and y = 0 initially and `next` as its only action, Step. */
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

/** The successors of the initial state by `next`, each printed as `x,y`. */
const successors = (next: TlaExpr, extra: ReturnType<typeof def>[] = []): string[] => {
  const exe = interpretModule(counter(next, extra), config({}));
  const out: string[] = [];
  exe.initialStates((s) => {
    exe.successors(0, s, (t) => out.push(t.map((v) => formatValue(v)).join(',')));
  });
  return out;
};

describe('actions', () => {
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
