// `\A x \in S : P` inside an action, where TLC conjoins the instances of P instead of testing
// the formula as a boolean: a disjunction true both ways counts twice in "states generated",
// an instance may assign a primed variable, and the instances run first, then last to first.
// The expected numbers are TLC's (tla2tools, -workers 1) on the printed module; the
// interpreter and the compiled module must both give them.

import { constantBindings } from '../../src/engine/evaluation/constants.js';
import { explore } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import type { ExecutableModule } from '../../src/engine/evaluation/module-api.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import { loadFresh } from './compile/compiled-fixtures.js';
import {
  action,
  and,
  bin,
  boxAction,
  config,
  def,
  eq,
  forall,
  inSet,
  module,
  neq,
  or,
  primed,
  set,
} from './tla-builders.js';

/**
 * Init  == x = 0 /\ (\A c \in {1, 2} : (c # 1 /\ y = c) \/ TRUE) /\ y \in {0, 2}
 * A     == x = 0 /\ (\A c \in {1, 2, 3} : (c # 1 /\ y' = c) \/ TRUE) /\ y' \in {2, 3, 4} /\ x' = 1
 * B     == x = 0 /\ (\A c \in {1, 2} : c = 1 \/ c < 5) /\ x' = 2 /\ y' = y
 * Inv   == x = 0 \/ y = 4
 */
function forallModule(): TlaModule {
  return module({
    name: 'ForallAction',
    constants: [],
    variables: ['x', 'y'],
    defs: [
      def(
        'Init',
        [],
        and(
          eq('x', 0),
          forall('c', set(1, 2), or(and(neq('c', 1), eq('y', 'c')), true)),
          inSet('y', set(0, 2)),
        ),
      ),
      def(
        'A',
        [],
        and(
          eq('x', 0),
          forall('c', set(1, 2, 3), or(and(neq('c', 1), eq(primed('y'), 'c')), true)),
          inSet(primed('y'), set(2, 3, 4)),
          eq(primed('x'), 1),
        ),
      ),
      def(
        'B',
        [],
        and(
          eq('x', 0),
          forall('c', set(1, 2), or(eq('c', 1), bin('<', 'c', 5))),
          eq(primed('x'), 2),
          eq(primed('y'), 'y'),
        ),
      ),
      def('Next', [], or('A', 'B')),
      def('Spec', [], and('Init', boxAction('Next'))),
      def('Inv', [], or(eq('x', 0), eq('y', 4))),
    ],
    roles: { actions: [action('A'), action('B')] },
  });
}

const plain: TlcConfig = config({ checkDeadlock: false });
const withInv: TlcConfig = config({ checkDeadlock: false, invariants: ['Inv'] });

async function both(cfg: TlcConfig): Promise<[string, EngineCheckResult][]> {
  const m = forallModule();
  const compiled: ExecutableModule = (await loadFresh(m)).factory(constantBindings(cfg), cfg);
  return [
    ['interpreted', await explore(interpretModule(m, cfg), cfg)],
    ['compiled', await explore(compiled, cfg)],
  ];
}

describe('\\A inside an action', () => {
  test('counts one successor per way each instance holds, as TLC: 17 generated, 7 distinct', async () => {
    for (const [how, r] of await both(plain)) {
      expect([how, r.verdict]).toEqual([how, 'holds']);
      expect([how, r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
        how,
        17,
        7,
        2,
      ]);
    }
  });

  test('enumerates the first instance, then the others last to first: the first violation is y = 3', async () => {
    for (const [how, r] of await both(withInv)) {
      expect([how, r.verdict, r.property]).toEqual([how, 'violated', 'Inv']);
      expect([how, r.stats.statesGenerated, r.stats.distinctStates, r.stats.queued]).toEqual([
        how,
        4,
        3,
        1,
      ]);
      expect([how, r.trace!.map((s) => s.state)]).toEqual([
        how,
        [
          { x: 0, y: 2 },
          { x: 1, y: 3 },
        ],
      ]);
    }
  });
});
