// The steps a violation depends on, on small specs written here and checked in process as a
// user runs `credspec check`; which steps are essential was worked out by hand. Also L-1, the
// Landlock v2 deadlock, which must read in at most twelve unfolded steps.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { memoryIo } from '../../src/cli/io.js';
import { ROOT } from '../cli/locked-spec.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

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

interface Checked {
  readonly result: {
    readonly verdict: string;
    readonly trace: readonly { thread: string | null; step: string; essential?: boolean }[];
    readonly counterexample: { essential?: number[] };
  };
  readonly out: string;
}

async function check(
  path: string,
  text: string | null,
  extra: Partial<Parameters<typeof runCheck>[0]> = {},
): Promise<Checked> {
  const dir = scratch('credspec-essential-');
  if (text !== null) {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, path), text);
  }
  const env = {
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    CI: 'true',
    CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
  };
  const io = memoryIo({ cwd: text === null ? ROOT : dir, env });
  const json = join(dir, 'r.json');
  await runCheck({ inputs: [path], variant: [], param: [], json, ...extra }, io);
  const file = JSON.parse(readFileSync(json, 'utf8'));
  return { result: file.results[0], out: io.out() };
}

const essentialSteps = (c: Checked): string[] =>
  c.result.trace.filter((s) => s.essential === true).map((s) => `${s.thread} ${s.step}`);

describe('essential steps', () => {
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
  });
});
