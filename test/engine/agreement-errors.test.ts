// Agreement with TLC on the fixtures that stop on a failed Assert or an evaluation error: the same
// property or message, TLC's recorded counts and a trace of the recorded length.

import * as F from './fixture-modules.js';
import { expectRecordedRun, NEEDS, run, withFixtures } from './recorded-runs.js';

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('05-assert: the failing Assert is the violated property', async () => {
    const f = F.credRefcount();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('Failure of assertion at cred.cred:14:5: put_cred: usage > 1');
    expectRecordedRun(r, f, '05-assert');
  });

  test('09a-eval-error-domain: a function applied outside its domain', async () => {
    const f = F.peerCopy();
    const r = await run(f);
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toContain('Attempted to apply function');
    expect(r.error?.message).toContain(
      'to argument NoThread, which is not in the domain of the function.',
    );
    expect(r.error?.message).toContain('A_copy');
    expectRecordedRun(r, f, '09a-eval-error-domain');
  });

  test('09b-eval-error-compare: comparing 0 with a string in an invariant', async () => {
    const f = F.errno();
    const r = await run(f);
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toContain(
      'Attempted to check equality of integer 0 with non-integer:\n"ENOMEM"',
    );
    expect(r.error?.message).toContain('NoENOMEM');
    // TLC's distinct count after an invariant evaluation error is an artefact of its error
    // reporting (it re-evaluates); generated, queue and depth agree.
    expectRecordedRun(r, f, '09b-eval-error-compare', {
      counts: ['generated', 'queued', 'depth'],
      replays: false,
    });
  });
});
