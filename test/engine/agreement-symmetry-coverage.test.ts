// Agreement with TLC on symmetry and coverage: symmetry gives TLC's recorded counts, and an action
// no state enables is reported unreached, as TLC's coverage reports it.

import * as F from './fixture-modules.js';
import {
  expectReplays,
  NEEDS,
  recordedStats,
  recordedTraceLength,
  run,
  withFixtures,
} from './recorded-runs.js';

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('10-symmetry-view: symmetry gives TLC counts; without it, more states and the same verdict', async () => {
    const tlc = recordedStats('10-symmetry-view')!;
    const sym = await run(F.tsyncSym({ symmetry: true }));
    expect(sym.verdict).toBe('violated');
    expect(sym.property).toBe('NoLayerLost');
    expect([
      sym.stats.statesGenerated,
      sym.stats.distinctStates,
      sym.stats.queued,
      sym.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(sym.trace).toHaveLength(recordedTraceLength('10-symmetry-view'));
    expectReplays(F.tsyncSym({ symmetry: true }), sym);
    const plain = await run(F.tsyncSym({ symmetry: false }));
    expect(plain.verdict).toBe('violated');
    expect(plain.trace).toHaveLength(sym.trace!.length);
    expect(plain.stats.distinctStates).toBeGreaterThan(sym.stats.distinctStates);
  });

  test('13-coverage: the never-enabled A_recover is reported unreached', async () => {
    const r = await run(F.mutex({ recover: true }));
    const tlc = recordedStats('13-coverage')!;
    expect(r.verdict).toBe('holds');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.unreached).toEqual({ actions: ['A_recover'], covers: [] });
  });
});
