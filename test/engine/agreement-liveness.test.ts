// Agreement with TLC on the fixtures whose verdict is about behaviours: a lasso, a stuttering end,
// an action property and Termination under per-thread fairness give TLC's recorded verdict and
// counts, and every counterexample replays.

import * as F from './fixture-modules.js';
import { expectRecordedRun, NEEDS, run, withFixtures } from './recorded-runs.js';

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('04a-liveness-lasso: StarvationFree violated by a fair lasso', async () => {
    const f = F.spinlock();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('StarvationFree');
    expect(r.loopsBackTo).not.toBeNull();
    expect(r.stuttering).toBe(false);
    expectRecordedRun(r, f, '04a-liveness-lasso', {
      counts: ['generated', 'distinct', 'depth'],
      traceLength: false,
    });
  });

  test('04b-liveness-stuttering: AllCommitted violated by stuttering', async () => {
    const f = F.commitFairness();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('AllCommitted');
    expect(r.stuttering).toBe(true);
    expect(r.loopsBackTo).toBeNull();
    expectRecordedRun(r, f, '04b-liveness-stuttering', {
      counts: ['generated', 'distinct', 'depth'],
      traceLength: false,
    });
  });

  test('04c-action-property: ChainOnlyGrows violated on the 4th state', async () => {
    const f = F.seccompTsync();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('ChainOnlyGrows');
    expectRecordedRun(r, f, '04c-action-property');
    expect(r.trace?.[3]?.action).toEqual({ name: 'A_tsync', params: { self: { '#mv': 't1' } } });
  });

  test('12-multiworker-progress: LostUpdates with 2 rounds holds, Termination included', async () => {
    // The full model (771,668 states) runs in the speed check; 2 rounds keeps this test short
    // while still exercising Termination under per-thread fairness.
    const r = await run(F.lostUpdates({ rounds: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.depth).toBe(13);
  });
});
