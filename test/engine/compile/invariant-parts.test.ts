// Invariants split into conjuncts with the variables each reads: the compiled module lists them,
// and the search evaluates on a successor only the conjuncts over variables the step changed,
// yet reports the verdict, the violated invariant, the counts and the counterexample the
// interpreter (which evaluates every invariant whole) reports.

import { constantBindings } from '../../../src/engine/evaluation/constants.js';
import { exploreSync } from '../../../src/engine/search/explore.js';
import { interpretModule } from '../../../src/engine/evaluation/interpret.js';
import type { TlaModule, TlcConfig } from '../../../src/tla/tla-ast.js';
import {
  action,
  and,
  bin,
  boxAction,
  config,
  def,
  dot,
  eq,
  except,
  at,
  fcn,
  ite,
  module,
  neq,
  or,
  primed,
  rec,
  unchanged,
} from '../tla-builders.js';
import { loadFresh } from './compiled-fixtures.js';

/**
 * Two counters x and y step up to `limit`; r holds None, then [n |-> 7] once y reaches 2; f is a
 * function over {1, 2} whose entry 1 counts up with x. `Inv` conjoins a bound on each counter, a
 * conjunct reading r's field only when r is not None (alone, it fails on None), and one on f.
 */
function counters(limit: number, bound: number): TlaModule {
  return module({
    name: 'InvParts',
    constants: ['None'],
    variables: ['x', 'y', 'r', 'f'],
    defs: [
      def(
        'Init',
        [],
        and(eq('x', 0), eq('y', 0), eq('r', 'None'), eq('f', fcn('i', bin('..', 1, 2), 0))),
      ),
      def(
        'IncX',
        [],
        and(
          bin('<', 'x', limit),
          eq(primed('x'), bin('+', 'x', 1)),
          eq(primed('f'), except('f', [[1], bin('+', at('f', 1), 1)])),
          unchanged('y', 'r'),
        ),
      ),
      def(
        'IncY',
        [],
        and(
          bin('<', 'y', limit),
          eq(primed('y'), bin('+', 'y', 1)),
          eq(primed('r'), ite(eq(bin('+', 'y', 1), 2), rec({ n: 7 }), 'r')),
          unchanged('x', 'f'),
        ),
      ),
      def('Next', [], or('IncX', 'IncY')),
      def('Spec', [], and('Init', boxAction('Next'))),
      def('XBound', [], bin('<=', 'x', bound)),
      def(
        'Inv',
        [],
        and(
          'XBound',
          bin('<=', 'y', bound),
          ite(neq('r', 'None'), bin('<=', dot('r', 'n'), bound), true),
          bin('<=', at('f', 1), bound),
        ),
      ),
    ],
    roles: { actions: [action('IncX'), action('IncY')], invariants: ['Inv'] },
  });
}

const cfg = (): TlcConfig =>
  config({ constants: { None: 'mv:None' }, invariants: ['Inv'], checkDeadlock: false });

async function bothRuns(m: TlaModule) {
  const c = cfg();
  const loaded = await loadFresh(m);
  const compiled = loaded.factory(constantBindings(c), c);
  const view = (r: ReturnType<typeof exploreSync>) => ({
    verdict: r.verdict,
    property: r.property,
    distinct: r.stats.distinctStates,
    generated: r.stats.statesGenerated,
    depth: r.stats.depth,
    trace: r.trace,
    error: r.error?.message,
  });
  return {
    compiled,
    a: view(exploreSync(compiled, c)),
    b: view(exploreSync(interpretModule(m, c), c)),
  };
}

describe('invariants checked conjunct by conjunct on successors', () => {
  test('the compiled invariant lists its conjuncts, flattened, with the variables they read', async () => {
    const { compiled } = await bothRuns(counters(3, 9));
    const inv = compiled.invariants[0];
    expect(inv?.parts?.map((p) => p.reads)).toEqual([[0], [1], [2], [3]]);
  });

  test('an invariant that holds: the same counts as the interpreter', async () => {
    const { a, b } = await bothRuns(counters(4, 9));
    expect(a.verdict).toBe('holds');
    expect(a.distinct).toBe(25);
    expect(a).toEqual(b);
  });

  test.each([
    ['a conjunct on a counter', 8, 7, 9],
    ['the record conjunct, which alone fails while r is None', 4, 5, 3],
  ])(
    'violated by %s: the same property, counts and shortest trace',
    async (_n, limit, bound, length) => {
      const { a, b } = await bothRuns(counters(limit, bound));
      expect(a.verdict).toBe('violated');
      expect(a.property).toBe('Inv');
      expect(a.trace?.length).toBe(length);
      expect(a).toEqual(b);
    },
  );
});
