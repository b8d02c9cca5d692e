// Agreement with TLC on the fixtures whose verdict is about states: a fixture module of
// ../shared/tlc-fixtures, rebuilt as a tree, gives TLC's recorded verdict, distinct states, states
// generated, depth, states left on the queue and a counterexample of the recorded length; every
// trace replays.

import * as F from './fixture-modules.js';
import { expectRecordedRun, expectReplays, NEEDS, run, withFixtures } from './recorded-runs.js';

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('01-success: Mutex holds with 811 distinct states', async () => {
    const f = F.mutex();
    const r = await run(f);
    expect(r.verdict).toBe('holds');
    expectRecordedRun(r, f, '01-success', {
      counts: ['generated', 'distinct', 'depth'],
      traceLength: false,
      replays: false,
    });
    expect(r.stats.queued).toBe(0);
    expect(r.unreached).toBeUndefined();
  });

  test('02-invariant: RacyCounter violates NoLostUpdate with a 5-state trace', async () => {
    const f = F.racyCounter();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('NoLostUpdate');
    expectRecordedRun(r, f, '02-invariant');
    expect(r.trace?.map((s) => s.action?.name ?? null)).toEqual([
      null,
      'A_load',
      'A_load',
      'A_store',
      'A_store',
    ]);
    expect(r.trace?.[1]?.action?.params).toEqual({ self: { '#mv': 't1' } });
    expect(r.trace?.[4]?.state).toMatchObject({
      counter: 1,
      finished: { '#set': [{ '#mv': 't1' }, { '#mv': 't2' }] },
    });
  });

  test('03-deadlock: BarrierLock deadlocks after 4 states', async () => {
    const f = F.barrierLock();
    const r = await run(f);
    expect(r.verdict).toBe('deadlock');
    expectRecordedRun(r, f, '03-deadlock', { deadlock: true });
  });

  test('06-init-violation: an initial state violates the invariant', async () => {
    const f = F.nnpDomain();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('DomainNeedsNnp');
    expect(r.trace).toHaveLength(1);
    expect(r.trace?.[0]?.action).toBeNull();
    expectReplays(f, r);
  });
});
