// `--exact` keeps whole packed states in the visited set instead of fingerprints: on the
// fixture modules (safety, liveness, errors) it finds the same states and the same
// counterexamples as the fingerprint search, and a note says when it cannot apply.

import { checkTlaModule } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import * as F from './fixture-modules.js';

/** What a user reads of a result, without the timings. */
function seen(r: EngineCheckResult): unknown {
  return { ...r, stats: { ...r.stats, seconds: 0, stateBytes: 0 } };
}

const fixtures: [string, () => F.Fixture][] = [
  ['mutex (liveness)', F.mutex],
  ['racy counter (invariant broken)', F.racyCounter],
  ['barrier lock', F.barrierLock],
  ['cred refcount', F.credRefcount],
  ['commit fairness (liveness)', F.commitFairness],
  ['peer copy (evaluation error)', F.peerCopy],
  ['tsync, three threads', () => F.tsyncSym({ symmetry: false })],
];

describe('exact visited set', () => {
  test.each(fixtures)(
    '%s: the same verdict, counts and trace as with fingerprints',
    async (_, f) => {
      const { module, config } = f();
      const fingerprints = await checkTlaModule(module, config);
      const exact = await checkTlaModule(module, config, { exact: true });
      expect(seen(exact)).toEqual(seen(fingerprints));
      expect(fingerprints.stats.distinctStates).toBeGreaterThan(1);
    },
  );

  test('under symmetry it keeps fingerprints and says so once', async () => {
    const { module, config } = F.tsyncSym({ symmetry: true });
    const notes: string[] = [];
    const exact = await checkTlaModule(module, config, {
      exact: true,
      onNote: (m) => notes.push(m),
    });
    const fingerprints = await checkTlaModule(module, config);
    expect(seen(exact)).toEqual(seen(fingerprints));
    expect(notes).toEqual([
      '--exact does not apply under symmetry (states are compared by the least fingerprint of their orbit); this run keeps fingerprints',
    ]);
  });
});
