// The essential steps of S-5, the seccomp clone race, by step name: the shipped spec's search
// is the long part, so it runs in the full suite (essential-control.test.ts has the rest).

import { essentialChecks } from './essential-control-check.js';

const check = essentialChecks();

test('S-5: the early copy, the walk it misses, the clone, and the caller’s way to the check', async () => {
  const c = await check('specs/seccomp-tsync.cred', ['clone_unlocked'], ['SPARE=1']);
  expect(c.verdict).toBe('violated sc_cover');
  expect(c.steps.filter((s) => s.startsWith('*'))).toEqual([
    '* other1 Other.claim',
    '* other1 Other.may_clone',
    // The early copy of the parent's filter: run after the TSYNC walk's write, it would copy
    // the new filter and the violation would be gone.
    '* other1 Other.fork_copy',
    '* caller1 Caller.prctl_nnp',
    '* caller1 seccomp_tsync.prereq',
    '* caller1 seccomp_tsync.alloc',
    // The walk writes the filter the copy was taken before.
    '* caller1 seccomp_tsync.sync',
    // The child joins after the TSYNC walk and takes no step of its own: the clone, its last
    // move as well as its birth, is what the check's `alive(t)` reads.
    '* other1 Other.other_clone',
    '* caller1 seccomp_tsync.sc_cover',
  ]);
});
