// The replay checker accepts TLC's own counterexamples from ../shared/tlc-fixtures (trace.json) and
// rejects a tampered step or a lasso that is not fair.

import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { tlcTrace } from './tlc-trace-json.js';
import * as F from './fixture-modules.js';
import { NEEDS, withFixtures } from './recorded-runs.js';

withFixtures(`replay checker on TLC counterexamples${NEEDS}`, () => {
  test("04a: TLC's lasso is a fair behaviour violating StarvationFree", () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    expect(t.trace).toHaveLength(7);
    expect(t.loopsBackTo).toBe(3);
    expect(replayTrace(exe, t.trace, { ...t, property: 'StarvationFree' })).toEqual([]);
  });

  test("04b: TLC's stuttering end violates AllCommitted", () => {
    const f = F.commitFairness();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04b-liveness-stuttering', ['t1', 't2'], ['committed']);
    expect(t.stuttering).toBe(true);
    expect(replayTrace(exe, t.trace, { ...t, property: 'AllCommitted' })).toEqual([]);
  });

  test('a tampered trace is rejected with the step named', () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    const bad = t.trace.slice();
    bad[2] = { action: { name: 'A_cs', params: { self: { '#mv': 't1' } } }, state: bad[2]!.state };
    const problems = replayTrace(exe, bad, { ...t, property: 'StarvationFree' });
    expect(problems).toContain('state 3 is not a successor of state 2 by A_cs(t1)');
  });

  test('a lasso that is not fair is rejected', () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    // Stop at state 3 (both spinning) and claim it stutters: A_spin is enabled there.
    const problems = replayTrace(exe, t.trace.slice(0, 3), {
      loopsBackTo: null,
      stuttering: true,
      property: 'StarvationFree',
    });
    expect(problems.some((p) => p.includes('not fair'))).toBe(true);
  });
});
