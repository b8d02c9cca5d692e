// Random simulation on the embedded engine: a seeded run finds the lost update of a small
// module within a stated budget and finds it again, byte for byte, on a rerun; different seeds
// explore different behaviours; a deadlock is found on a random behaviour; the generator is
// reproducible. How a simulation that finds nothing ends, and the advice after a limit, are in
// simulate-limits.test.ts.
import { describe, expect, test } from '@jest/globals';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { simulate, Xoshiro128 } from '../../src/engine/search/simulate.js';
import type { CheckResult } from '../../src/result/check-result.js';
import { atomicPair, racyPair } from './sim-modules.js';

/** The result without the wall-clock seconds, as bytes to compare. */
function bytes(r: CheckResult): string {
  return JSON.stringify({ ...r, stats: { ...r.stats, seconds: 0 } });
}

describe('embedded simulation', () => {
  test('seed 7 finds the lost update of RacyPair within 200 behaviours of depth 10, and again byte for byte', async () => {
    const f = racyPair();
    const run = () =>
      simulate(interpretModule(f.module, f.config), f.config, { seed: 7, traces: 200, depth: 10 });
    const first = await run();
    expect(first.verdict).toBe('violated');
    expect(first.property).toBe('NoLostUpdate');
    const trace = first.trace!;
    // Init, two loads, two stores: the only way to lose the update with two threads.
    expect(trace).toHaveLength(5);
    expect(trace.slice(1).map((s) => s.action!.name)).toEqual([
      'A_load',
      'A_load',
      'A_store',
      'A_store',
    ]);
    expect(trace[4]!.state.counter).toBe(1);
    expect(trace[0]!.action).toBeNull();
    const second = await run();
    expect(bytes(second)).toBe(bytes(first));
  });

  test('every seed from 1 to 20 finds the violation within 200 behaviours', async () => {
    const f = racyPair();
    for (let seed = 1; seed <= 20; seed++) {
      const r = await simulate(interpretModule(f.module, f.config), f.config, {
        seed,
        traces: 200,
        depth: 10,
      });
      expect([seed, r.verdict, r.property]).toEqual([seed, 'violated', 'NoLostUpdate']);
    }
  });

  test('different seeds take different behaviours', async () => {
    const f = racyPair(['t1', 't2', 't3']);
    const traces = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      const r = await simulate(interpretModule(f.module, f.config), f.config, {
        seed,
        traces: 500,
        depth: 20,
      });
      expect(r.verdict).toBe('violated');
      traces.add(JSON.stringify(r.trace));
    }
    expect(traces.size).toBeGreaterThan(1);
  });

  test('deadlock is found on a random behaviour', async () => {
    // Without Terminating, a finished protocol has no step: with deadlock checking on, that is a deadlock.
    const f = atomicPair(['t1', 't2']);
    const module = {
      ...f.module,
      roles: {
        ...f.module.roles,
        actions: f.module.roles.actions.slice(0, 1),
        terminating: undefined,
      },
    };
    const r = await simulate(interpretModule(module, f.config), f.config, {
      seed: 5,
      traces: 10,
      depth: 10,
    });
    expect(r.verdict).toBe('deadlock');
    expect(r.trace).toHaveLength(3);
  });

  test('the generator is xoshiro128** and reproducible', () => {
    const a = new Xoshiro128(42);
    const b = new Xoshiro128(42);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    const c = new Xoshiro128(43);
    expect(c.nextU32()).not.toBe(xs[0]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[c.below(3)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(850);
  });
});
