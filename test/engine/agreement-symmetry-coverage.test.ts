// Agreement with TLC on symmetry and coverage: symmetry gives TLC's recorded counts, and an action
// no state enables is reported unreached, as TLC's coverage reports it.

import * as F from './fixture-modules.js';
import { expectRecordedRun, NEEDS, run, withFixtures } from './recorded-runs.js';

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('10-symmetry-view: symmetry gives TLC counts; without it, more states and the same verdict', async () => {
    const f = F.tsyncSym({ symmetry: true });
    const sym = await run(f);
    expect(sym.verdict).toBe('violated');
    expect(sym.property).toBe('NoLayerLost');
    expectRecordedRun(sym, f, '10-symmetry-view');
    const plain = await run(F.tsyncSym({ symmetry: false }));
    expect(plain.verdict).toBe('violated');
    expect(plain.trace).toHaveLength(sym.trace?.length ?? -1);
    expect(plain.stats.distinctStates).toBeGreaterThan(sym.stats.distinctStates);
  });

  test('13-coverage: the never-enabled A_recover is reported unreached', async () => {
    const f = F.mutex({ recover: true });
    const r = await run(f);
    expect(r.verdict).toBe('holds');
    expectRecordedRun(r, f, '13-coverage', {
      counts: ['generated', 'distinct', 'depth'],
      traceLength: false,
      replays: false,
    });
    expect(r.unreached).toEqual({ actions: ['A_recover'], covers: [] });
  });
});
