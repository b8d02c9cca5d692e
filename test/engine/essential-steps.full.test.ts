// L-1, the Landlock v2 deadlock, must read in at most twelve unfolded steps: the full suite's
// part of essential-steps.test.ts (a search of half a minute on a shipped spec).

import { check, essentialSteps } from './essential-check.js';

describe('essential steps', () => {
  test('L-1 (Landlock v2 deadlock) reads in at most twelve unfolded steps', async () => {
    const c = await check('specs/landlock-tsync.cred', null, {
      variant: ['v2'],
      param: ['CALLERS=2', 'SIBLINGS=0'],
    });
    expect(c.result.verdict).toBe('deadlock');
    const essential = c.result.counterexample.essential ?? [];
    expect(essential.length).toBeLessThanOrEqual(12);
    // `scheduled` tests `empty`, which the count set (to the value it had): had the count
    // found nobody, no work would be queued.
    expect(essentialSteps(c)).toEqual([
      'caller1 restrict_siblings.count',
      'caller1 restrict_siblings.scheduled',
      'caller1 restrict_siblings.schedule',
      'caller1 restrict_siblings.queue',
      'caller1 restrict_siblings.dec_prep',
      'caller1 restrict_siblings.must_wait',
      'caller2 restrict_siblings.count',
      'caller2 restrict_siblings.scheduled',
      'caller2 restrict_siblings.schedule',
      'caller2 restrict_siblings.queue',
      'caller2 restrict_siblings.dec_prep',
      'caller2 restrict_siblings.must_wait',
    ]);
  }, 180_000);
});
