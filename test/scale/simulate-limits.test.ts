// Random simulation on the embedded engine that finds nothing: a holding module ends inconclusive
// with the number of behaviours explored, a time budget ends a long run; and the advice after a
// limit fills in the command lines to run next.
import { describe, expect, test } from '@jest/globals';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { adviceForLimit, simulate } from '../../src/engine/search/simulate.js';
import { atomicPair } from './sim-modules.js';

describe('embedded simulation', () => {
  test('a holding module is inconclusive (simulation) and says how many behaviours were explored', async () => {
    const f = atomicPair();
    const r = await simulate(interpretModule(f.module, f.config), f.config, {
      seed: 3,
      traces: 300,
      depth: 20,
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive?.reason).toBe('simulation');
    expect(r.inconclusive?.advice).toMatch(
      /^Simulation found no violation: 300 behaviours of up to 20 states \(seed 3\) explored/,
    );
    // Three threads, one atomic step each: every behaviour takes 3 steps; the one initial
    // state is counted once, as TLC counts it.
    expect(r.stats.statesGenerated).toBe(1 + 300 * 3);
    expect(r.stats.depth).toBe(4);
    // 2^3 subsets of finished threads.
    expect(r.stats.distinctStates).toBe(8);
    expect(r.trace).toBeNull();
  });

  test('a time budget ends a long simulation inconclusive, naming the time limit', async () => {
    const f = atomicPair(['t1', 't2', 't3', 't4', 't5', 't6']);
    const r = await simulate(interpretModule(f.module, f.config), f.config, {
      seed: 1,
      traces: 1e9,
      depth: 50,
      timeoutSeconds: 0.5,
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive?.reason).toBe('simulation');
    expect(r.inconclusive?.advice).toMatch(/time limit of 0.5 s was reached/);
    expect(r.stats.seconds).toBeLessThan(5);
  });
});

describe('advice after a limit', () => {
  test('memory: the distributed and the simulation command lines, filled in', () => {
    const text = adviceForLimit(
      'memory',
      'credspec check specs/tsync.cred --max-states 1000000 --timeout 600',
    );
    expect(text).toContain(
      'credspec check specs/tsync.cred --timeout 600 --engine tlc --distributed',
    );
    expect(text).toContain(
      'credspec check specs/tsync.cred --simulate --traces 10000 --depth 100 --seed 1',
    );
    expect(text).toMatch(/^The embedded engine ran out of memory\./);
  });

  test('timeout replaces an --engine already given', () => {
    const text = adviceForLimit('timeout', 'credspec check a.cred --engine embedded --timeout 60');
    expect(text).toContain('credspec check a.cred --timeout 60 --engine tlc --distributed');
    expect(text).not.toContain('--engine embedded');
  });

  test('after a simulation: the exhaustive command without the simulation options', () => {
    const text = adviceForLimit(
      'simulation',
      'credspec check a.cred --simulate --traces 50 --depth 9 --seed 4',
    );
    expect(text).toContain('\n  credspec check a.cred\n');
    expect(text).toContain('credspec check a.cred --engine tlc --distributed');
  });
});
