// The searches after shrinking (run/minimise-trace.ts): the fewest-preemption search may leave
// the states shrinking's replays visited by at most `slack` steps in a row, and a seeded
// simulation's deadlock, none of whose steps can be dropped, is still shown with the fewest
// preemptions, the same for a seed, and still a deadlock. Hand-checked on
// test/fixtures/lock-order/abba.cred: 8 steps, 1 preemption.

import { join } from 'node:path';
import { minimiseTrace } from '../../src/engine/run/minimise-trace.js';
import { FingerprintSet } from '../../src/engine/search/fingerprint-set.js';
import { fewestPreemptions } from '../../src/engine/search/preemption-search.js';
import { simulate } from '../../src/engine/search/simulate.js';
import { ThreadTable } from '../../src/engine/search/step-threads.js';
import { FP, fingerprintState } from '../../src/engine/values/fingerprint.js';
import { interpretedCase } from '../support/interpreted-case.js';

const ABBA = join(process.cwd(), 'test/fixtures/lock-order/abba.cred');

function abba() {
  const { exe, config } = interpretedCase(ABBA);
  return { exe, config };
}

/** Each step as `thread action` (the action's TLA+ name). */
function steps(trace: readonly { action: { name: string; params?: unknown } | null }[]): string[] {
  return trace.slice(1).map((s) => s.action?.name ?? '?');
}

describe('the tube around the states shrinking visited', () => {
  test('the search reaches the deadlock only with slack for every step off the visited states', () => {
    const { exe } = abba();
    const threads = new ThreadTable(exe);
    // Only the initial state was visited: the deadlock, 8 steps on, is 8 steps off it.
    const within = new FingerprintSet(16);
    exe.initialStates((s) => {
      fingerprintState(s);
      within.lookupOrInsert(FP.h1, FP.h2, 0);
    });
    const target = { kind: 'deadlock' } as const;
    expect(fewestPreemptions(threads, target, { maxLength: 20, within, slack: 7 })).toBeUndefined();
    const found = fewestPreemptions(threads, target, { maxLength: 20, within, slack: 8 });
    expect(found?.schedule.steps).toHaveLength(8);
    expect(found?.preemptions).toBe(1);
    // Without `within` the search is the unrestricted one: the same answer.
    expect(fewestPreemptions(threads, target, { maxLength: 20 })?.preemptions).toBe(1);
  });
});

describe('a simulated deadlock none of whose steps can be dropped', () => {
  test('is shown in 8 steps with 1 preemption, the same for a seed, ending deadlocked', async () => {
    const { exe, config } = abba();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const run = async () => {
        const found = await simulate(exe, config, { traces: 50, depth: 40, seed });
        return minimiseTrace(exe, found, { trace: 'fewest-preemptions', shrink: true });
      };
      const shown = await run();
      expect(shown.verdict).toBe('deadlock');
      expect(shown.trace).toHaveLength(9);
      expect(shown.counterexample?.preemptions).toBe(1);
      // Each thread holds its first lock and waits for the other's.
      const last = shown.trace?.at(-1)?.state;
      expect([last?.['m1'], last?.['m2']]).toEqual([{ '#mv': 'a1' }, { '#mv': 'b1' }]);
      const again = await run();
      expect(steps(again.trace ?? [])).toEqual(steps(shown.trace ?? []));
      // Every thread's step appears once: s1..s3 and its first lock.
      expect(steps(shown.trace ?? []).sort()).toEqual(
        ['A_s1', 'A_s2', 'A_s3', 'A_take1', 'B_s1', 'B_s2', 'B_s3', 'B_take2'].sort(),
      );
    }
  });
});
