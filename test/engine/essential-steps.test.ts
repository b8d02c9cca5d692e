// The steps a violation depends on, on small specs written here and checked in process as a
// user runs `credspec check`; which steps are essential was worked out by hand. L-1, the
// Landlock v2 deadlock that must read in at most twelve unfolded steps, is in
// essential-steps.full.test.ts (its search takes half a minute).

import { check, essentialSteps } from './essential-check.js';

// Each worker does unrelated bookkeeping (`note`) before it increments x; x reaches 2 on the
// second increment. The invariant reads x: the last increment breaks it and needs the first
// one's write (from x = 0 it would make 1). The notes write y, which nothing reads.
const NOTED = `spec noted

shared var x: 0..2 = 0
shared var y: 0..2 = 0

process Worker[2] {
  note: y := 1
  one:  x := x + 1
}

invariant small: x < 2
`;

// Two workers take two locks in opposite orders: each holds one and waits for the other. The
// deadlock needs each worker's acquisition of the lock the other waits for (its last step);
// the warm-ups and the tests that found each lock free write nothing the deadlock reads.
const ABBA = `spec abba

shared var a: bool = false
shared var b: bool = false
shared var warm: 0..2 = 0

process P[1] {
  warmup: warm := warm + 1
  wait_a: await !a
  got_a:  a := true
  wait_b: await !b
  got_b:  b := true
  rel:    a := false; b := false
}

process Q[1] {
  warmup: warm := warm + 1
  wait_b: await !b
  got_b:  b := true
  wait_a: await !a
  got_a:  a := true
  rel:    a := false; b := false
}
`;

// The tutorial's lost update, with a peek at the counter before each load. Each load leaves
// `seen` at 0, the value it had, yet the race is in its timing: worker2's load moved after
// worker1's store, or worker1's load moved after worker2's store, and the counter counts both.
// The peeks read the counter too, but their values are overwritten by the loads: moving a peek
// after the other worker's store changes nothing.
const LOST = `spec lost

shared var count: 0..3 = 0

fair process Worker[2] {
  var seen: 0..3 = 0
  var peeked: 0..3 = 0
  peek:  peeked := count
  load:  seen := count
  store: count := seen + 1
}

invariant no_lost_update: (forall t in Worker: done(t)) => count == 2
`;

describe('essential steps', () => {
  test('lost update: both loads are essential though they write the value seen had; the peeks are folded', async () => {
    const c = await check('specs/lost.cred', LOST);
    expect(c.result.verdict).toBe('violated');
    expect(c.result.trace.slice(1).map((s) => `${s.thread} ${s.step}`)).toEqual([
      'worker2 Worker.peek',
      'worker2 Worker.load',
      'worker1 Worker.peek',
      'worker1 Worker.load',
      'worker1 Worker.store',
      'worker2 Worker.store',
    ]);
    expect(essentialSteps(c)).toEqual([
      'worker2 Worker.load',
      'worker1 Worker.load',
      'worker1 Worker.store',
      'worker2 Worker.store',
    ]);
    expect(c.out).toContain('7 states, 1 preemption, 4 essential;');
    expect(c.out).toContain('    1  worker2: 1 step folded (line 8)\n');
    expect(c.out).toContain('    3  worker1: 1 step folded (line 8)\n');
    expect(c.out).toMatch(
      / {4}4 {2}worker1 {2}specs\/lost\.cred:9:3 {2}Worker\.load\n {9}seen := count\n {9}\(no change\)/,
    );
  });

  test('noted: the two increments are essential, the notes are folded', async () => {
    const c = await check('specs/noted.cred', NOTED);
    expect(c.result.trace.slice(1).map((s) => `${s.thread} ${s.step}`)).toEqual([
      'worker1 Worker.note',
      'worker1 Worker.one',
      'worker2 Worker.note',
      'worker2 Worker.one',
    ]);
    expect(c.result.counterexample.essential).toEqual([2, 4]);
    expect(essentialSteps(c)).toEqual(['worker1 Worker.one', 'worker2 Worker.one']);
    expect(c.result.trace[0]?.essential).toBeUndefined();
    expect(c.out).toContain('5 states, 0 preemptions, 2 essential;');
    expect(c.out).toContain('    1  worker1: 1 step folded (line 7)\n');
    expect(c.out).toContain('    3  worker2: 1 step folded (line 7)\n');
    expect(c.out).not.toContain('Worker.note');
  });

  test('--all-steps shows every step', async () => {
    const c = await check('specs/noted.cred', NOTED, { allSteps: true });
    expect(c.out).toContain('worker1  specs/noted.cred:7:3  Worker.note');
    expect(c.out).not.toContain('folded');
  });

  test('abba: each thread’s acquisition of the lock the other waits for, not the warm-ups', async () => {
    const c = await check('specs/abba.cred', ABBA);
    expect(c.result.verdict).toBe('deadlock');
    expect(essentialSteps(c)).toEqual(['p1 P.got_a', 'q1 Q.got_b']);
    expect(c.out).toContain('folded');
  });
});
