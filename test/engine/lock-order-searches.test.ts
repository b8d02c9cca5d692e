// The lock-order report of every embedded search (search/lock-order.ts): the parallel search
// (2 workers) reports the inversion fixture's cycle with the same edges and traces as one worker,
// a seeded simulation finds it too, and a lock taken inside an `atomic` block closes a cycle
// (test/fixtures/lock-order/atomic.cred), as does a completion completed inside one with a lock
// the block took; an operation under a test in the block counts only where it ran.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockWatch } from '../../src/engine/run/lock-watch.js';
import { explore } from '../../src/engine/search/explore.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import { simulate } from '../../src/engine/search/simulate.js';
import type { LockOrderFound } from '../../src/result/check-result.js';
import { completionSpec } from '../support/completion-spec.js';
import { interpretedCase } from '../support/interpreted-case.js';
import { workerScript } from './parallel-workers.js';

const fixture = (name: string): string =>
  readFileSync(join(process.cwd(), 'test/fixtures/lock-order', name), 'utf8');

/** The one case of a spec text, its module interpreted, and its lock watch. */
function built(text: string) {
  const { built: b, module, config, exe } = interpretedCase('specs/x.cred', text);
  const locks = lockWatch(b.model, exe);
  if (locks === undefined) throw new Error('the spec takes no lock');
  return { module, config, exe, locks };
}

/** Each cycle as a user reads it: its locks, then per edge who took what and the trace's steps. */
function cycles(found: LockOrderFound | undefined) {
  return (found?.cycles ?? []).map((cycle) =>
    cycle.map((e) => ({
      edge: `${e.thread}: ${e.held} -> ${e.taken}`,
      steps: e.trace.map((s) => s.action?.name ?? 'init'),
    })),
  );
}

describe('lock order under the parallel search and simulation', () => {
  test('two workers report the inversion with the one-worker edges and traces', async () => {
    const { module, config, exe, locks } = built(fixture('inversion.cred'));
    const one = await explore(exe, config, { locks });
    const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
      workers: 2,
      workerScript,
      locks,
    });
    expect(many.verdict).toBe('holds');
    expect(cycles(many.lockOrder)).toEqual([
      [
        { edge: 'a1: m1 -> m2', steps: ['init', 'A_take1', 'A_take2'] },
        {
          edge: 'b1: m2 -> m1',
          steps: [
            'init',
            'A_take1',
            'A_take2',
            'A_drop2',
            'A_drop1',
            'A_done',
            'B_wait',
            'B_take2',
            'B_take1',
          ],
        },
      ],
    ]);
    expect(many.lockOrder?.edges).toBe(2);
    expect(many.lockOrder).toEqual(one.lockOrder);
  }, 120000);

  test('a seeded simulation finds it, the same on every run', async () => {
    const { config, exe, locks } = built(fixture('inversion.cred'));
    const first = await simulate(exe, config, { traces: 20, seed: 3, locks });
    const again = await simulate(exe, config, { traces: 20, seed: 3, locks });
    expect(first.verdict).toBe('inconclusive');
    const found = cycles(first.lockOrder);
    expect(found.map((c) => c.map((e) => e.edge))).toEqual([['a1: m1 -> m2', 'b1: m2 -> m1']]);
    // Each trace ends with the acquisition that showed its edge.
    expect(found[0]?.map((e) => e.steps[e.steps.length - 1])).toEqual(['A_take2', 'B_take1']);
    expect(again.lockOrder).toEqual(first.lockOrder);
  });
});

describe('lock order inside atomic blocks', () => {
  test('a lock an atomic block takes with another held closes the cycle', async () => {
    const { config, exe, locks } = built(fixture('atomic.cred'));
    const one = await explore(exe, config, { locks });
    expect(one.verdict).toBe('holds');
    expect(cycles(one.lockOrder)).toEqual([
      [
        { edge: 'p1: a -> b', steps: ['init', 'P_take_a', 'P_bump'] },
        {
          edge: 'q1: b -> a',
          steps: [
            'init',
            'P_take_a',
            'P_bump',
            'P_drop_a',
            'P_done',
            'Q_wait',
            'Q_take_b',
            'Q_bump',
          ],
        },
      ],
    ]);
  });

  test('a completion an atomic block completes under the lock it took waits on that lock', async () => {
    // B completes `ready` inside the block that holds m; A waits for `ready` holding m.
    const spec = completionSpec(
      'atomic_complete',
      `  signal: atomic {
    mutex_lock(m)
    complete(ready)
    mutex_unlock(m)
  }`,
    );
    const { config, exe, locks } = built(spec);
    const one = await explore(exe, config, { locks });
    expect(one.verdict).toBe('holds');
    expect(cycles(one.lockOrder).map((c) => c.map((e) => e.edge))).toEqual([
      ['a1: m -> ready', 'b1: ready -> m'],
    ]);
    expect(one.lockOrder?.cycles[0]?.map((e) => e.kind)).toEqual(['wait', 'complete']);
  });

  test('a complete under an if in the block counts where it ran, on two workers as on one', async () => {
    const { module, config, exe, locks } = built(fixture('conditional.cred'));
    const one = await explore(exe, config, { locks });
    const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
      workers: 2,
      workerScript,
      locks,
    });
    expect(cycles(one.lockOrder).map((c) => c.map((e) => e.edge))).toEqual([
      ['a1: m -> ready', 'b1: ready -> m'],
    ]);
    expect(many.lockOrder).toEqual(one.lockOrder);
  }, 120000);

  test('a release under an if in the block drops the lock only where the branch ran', async () => {
    // B completes \`ready\` after the block's test: with \`go\` it has released m by then.
    const spec = (go: boolean) => `spec atomic_release

import kernel

shared var m: Mutex = MUTEX_INIT
shared var ready: Completion = COMPLETION_INIT
shared var go: bool = ${go}
shared var b_done: bool = false

process A[1] {
  start: await b_done
  take: mutex_lock(m)
  wait: wait_for_completion(ready)
  drop: mutex_unlock(m)
}

process B[1] {
  signal: atomic {
    mutex_lock(m)
    if go {
      mutex_unlock(m)
    }
    complete(ready)
  }
  late: if !go {
    mutex_unlock(m)
  }
  done: b_done := true
}

expect base: holds
`;
    const released = built(spec(true));
    const kept = built(spec(false));
    const quiet = await explore(released.exe, released.config, { locks: released.locks });
    const found = await explore(kept.exe, kept.config, { locks: kept.locks });
    expect(quiet.verdict).toBe('holds');
    expect(cycles(quiet.lockOrder)).toEqual([]);
    expect(found.verdict).toBe('holds');
    expect(cycles(found.lockOrder).map((c) => c.map((e) => e.edge))).toEqual([
      ['a1: m -> ready', 'b1: ready -> m'],
    ]);
  });
});
