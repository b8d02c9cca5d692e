// `credspec replay` on a shipped catalogue pair, in process: L-1's v2 deadlock replayed on its
// own case, on v3 (it runs through) and on rc6 (it diverges where rc6 guards). The engine runs
// the whole landlock spec three times, so this is in the full suite beside replay.test.ts.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { runReplay } from '../../src/cli/commands/replay.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { ROOT } from './locked-spec.js';

const scratch = scratchDirs();

/** The trace's steps as check prints them: from the spec line of the trace on. */
function steps(text: string): string {
  return text.slice(text.indexOf('\n   0 '));
}

describe('credspec replay on a shipped catalogue pair', () => {
  test('L-1: the v2 deadlock runs through on v3 and diverges on rc6 at the step rc6 guards', async () => {
    const dir = scratch('credspec-replay-');
    mkdirSync(join(dir, 'specs'));
    copyFileSync(
      join(ROOT, 'specs', 'landlock-tsync.cred'),
      join(dir, 'specs', 'landlock-tsync.cred'),
    );
    const env = {
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      CI: 'true',
      CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
    };
    // The parameters of `expect "L-1" v2 with CALLERS = 2, SIBLINGS = 0: deadlock`.
    const params = ['CALLERS=2', 'SIBLINGS=0'];
    const check = memoryIo({ cwd: dir, env });
    const args = { inputs: ['specs/landlock-tsync.cred'], variant: ['v2'], param: params };
    expect(await runCheck({ ...args, json: 'r.json' }, check)).toBe(1);
    expect(check.out()).toContain('v2 (CALLERS=2, SIBLINGS=0): deadlock');
    const same = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', param: [] }, same)).toBe(1);
    expect(same.out()).toContain(': still deadlocks\n');
    expect(steps(same.out())).toBe(steps(check.out()));
    const v3 = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', variant: 'v3', param: [] }, v3)).toBe(0);
    expect(v3.out()).toMatch(
      /on v3 \(CALLERS=2, SIBLINGS=0\): the whole schedule runs \(\d+ steps\) and nothing is violated; its last state is no deadlock\n$/,
    );
    const rc6 = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', variant: 'rc6', param: [] }, rc6)).toBe(0);
    expect(rc6.out()).toMatch(
      /on rc6 \(CALLERS=2, SIBLINGS=0\): diverges at step \d+ of \d+\n {2}step \d+ of the counterexample: caller\d restrict_siblings\.discover at specs\/landlock-tsync\.cred:\d+:\d+\n {2}on rc6: the step is not enabled there; caller\d can take instead: restrict_siblings\.locked\n/,
    );
  }, 600_000);
});
