// The modules of /work/shared/tlc-fixtures (and the copies the TLC reader tests use) rebuilt
// as TlaModule trees with their configs, for agreement tests. Type invariants that use sets
// outside credspec's fragment (`[S -> T]`, `Seq(S)`, `Nat`) are left out: they hold in every
// recorded run, so they change no count. Returns data only.

export type { Fixture } from './fixtures/common.js';
export { peerCopy, errno } from './fixtures/eval-errors.js';
export { commitFairness, seccompTsync, spinlock } from './fixtures/liveness.js';
export { barrierLock, credRefcount, mutex, nnpDomain, racyCounter } from './fixtures/safety.js';
export { lostUpdates, tsyncSym } from './fixtures/scale.js';
