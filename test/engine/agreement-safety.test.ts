// Agreement with TLC on the fixtures whose verdict is about states: a fixture module of
// ../shared/tlc-fixtures, rebuilt as a tree, gives TLC's recorded verdict, distinct states, states
// generated, depth, states left on the queue and a counterexample of the recorded length; every
// trace replays.

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
  test('01-success: Mutex holds with 811 distinct states', async () => {
    const r = await run(F.mutex());
    const tlc = recordedStats('01-success')!;
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(tlc.distinct);
    expect(r.stats.statesGenerated).toBe(tlc.generated);
    expect(r.stats.depth).toBe(tlc.depth);
    expect(r.stats.queued).toBe(0);
    expect(r.unreached).toBeUndefined();
  });

  test('02-invariant: RacyCounter violates NoLostUpdate with a 5-state trace', async () => {
    const f = F.racyCounter();
    const r = await run(f);
    const tlc = recordedStats('02-invariant')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('NoLostUpdate');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('02-invariant'));
    expect(r.trace!.map((s) => s.action?.name ?? null)).toEqual([
      null,
      'A_load',
      'A_load',
      'A_store',
      'A_store',
    ]);
    expect(r.trace![1]!.action!.params).toEqual({ self: { '#mv': 't1' } });
    expect(r.trace![4]!.state).toMatchObject({
      counter: 1,
      finished: { '#set': [{ '#mv': 't1' }, { '#mv': 't2' }] },
    });
    expectReplays(f, r);
  });

  test('03-deadlock: BarrierLock deadlocks after 4 states', async () => {
    const f = F.barrierLock();
    const r = await run(f);
    const tlc = recordedStats('03-deadlock')!;
    expect(r.verdict).toBe('deadlock');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('03-deadlock'));
    expectReplays(f, r, { deadlock: true });
  });

  test('06-init-violation: an initial state violates the invariant', async () => {
    const f = F.nnpDomain();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('DomainNeedsNnp');
    expect(r.trace).toHaveLength(1);
    expect(r.trace![0]!.action).toBeNull();
    expectReplays(f, r);
  });
});
