// Agreement with TLC on the fixtures whose verdict is about behaviours: a lasso, a stuttering end,
// an action property and Termination under per-thread fairness give TLC's recorded verdict and
// counts, and every counterexample replays.

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
  test('04a-liveness-lasso: StarvationFree violated by a fair lasso', async () => {
    const f = F.spinlock();
    const r = await run(f);
    const tlc = recordedStats('04a-liveness-lasso')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('StarvationFree');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.loopsBackTo).not.toBeNull();
    expect(r.stuttering).toBe(false);
    expectReplays(f, r);
  });

  test('04b-liveness-stuttering: AllCommitted violated by stuttering', async () => {
    const f = F.commitFairness();
    const r = await run(f);
    const tlc = recordedStats('04b-liveness-stuttering')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('AllCommitted');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.stuttering).toBe(true);
    expect(r.loopsBackTo).toBeNull();
    expectReplays(f, r);
  });

  test('04c-action-property: ChainOnlyGrows violated on the 4th state', async () => {
    const f = F.seccompTsync();
    const r = await run(f);
    const tlc = recordedStats('04c-action-property')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('ChainOnlyGrows');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('04c-action-property'));
    expect(r.trace![3]!.action).toEqual({ name: 'A_tsync', params: { self: { '#mv': 't1' } } });
    expectReplays(f, r);
  });

  test('12-multiworker-progress: LostUpdates with 2 rounds holds, Termination included', async () => {
    // The full model (771,668 states) runs in the speed check; 2 rounds keeps this test short
    // while still exercising Termination under per-thread fairness.
    const r = await run(F.lostUpdates({ rounds: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.depth).toBe(13);
  });
});
