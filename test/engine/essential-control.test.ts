// The essential steps a violation needs through control and through writes of an unchanged
// value, on the purpose-built specs in test/fixtures/essential/ (their comments give the
// reasoning), checked in process as a user runs `credspec check`; which steps are essential
// was worked out by hand. Also S-5, the seccomp clone race, by step name.

import { ROOT } from '../cli/locked-spec.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { checkIn, userEnv } from '../support/spec-workspace.js';

const scratch = scratchDirs();

interface Step {
  readonly thread: string | null;
  readonly step: string;
  readonly essential?: boolean;
}

async function check(path: string, variant: string[], param: string[] = []) {
  const dir = scratch('credspec-essential-control-');
  const { file, out } = await checkIn(ROOT, userEnv(dir), { inputs: [path], variant, param });
  const result = file?.results[0];
  if (result === undefined) throw new Error(`${path}: no result`);
  const trace = (result.trace ?? []) as readonly Step[];
  return {
    verdict: `${result.verdict} ${result.property}`,
    steps: trace.slice(1).map((s) => `${s.essential === true ? '*' : ' '} ${s.thread} ${s.step}`),
    out,
  };
}

const FLAG = 'test/fixtures/essential/flag-guard.cred';

describe('essential steps through control', () => {
  test('an await on a flag another thread raises: the raise and the await are essential', async () => {
    const c = await check(FLAG, ['base']);
    expect(c.verdict).toBe('violated use');
    expect(c.steps).toEqual([
      '  setter1 Setter.s_tick',
      '* setter1 Setter.fill',
      '* setter1 Setter.raise',
      '  waiter1 Waiter.w_tick',
      '* waiter1 Waiter.wait',
      '* waiter1 Waiter.use',
    ]);
    expect(c.out).toContain('7 states, 0 preemptions, 4 essential;');
  });

  test('an `if` testing a flag another thread raises: the raise and the test are essential', async () => {
    const c = await check(FLAG, ['tested']);
    expect(c.verdict).toBe('violated look');
    expect(c.steps.filter((s) => s.startsWith('*'))).toEqual([
      '* setter1 Setter.fill',
      '* setter1 Setter.raise',
      '* waiter1 Waiter.wait',
      '* waiter1 Waiter.look',
    ]);
  });

  test('a copy that writes the value its variable already had is the write the check reads', async () => {
    const c = await check('test/fixtures/essential/stale-copy.cred', []);
    expect(c.verdict).toBe('violated check');
    expect(c.steps).toEqual([
      '* copier1 Copier.copy',
      '  writer1 Writer.w_note',
      '* writer1 Writer.bump',
      '  copier1 Copier.c_note',
      '* copier1 Copier.check',
    ]);
  });

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
});
