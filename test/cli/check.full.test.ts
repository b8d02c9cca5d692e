// `credspec check --simulate` in process on a shipped spec, the full suite's part of
// check.test.ts: a seeded simulation too large to exhaust finds the same trace on every run.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { ROOT } from './locked-spec.js';

const scratch = scratchDirs();

describe('simulation on a shipped spec', () => {
  test('a seeded run finds the L-7 deadlock on a configuration too large to exhaust, the same trace on every run', async () => {
    // One cache for both runs: the first compiles the module into it (committed code is never run).
    const home = scratch('credspec-sim-home-');
    const run = async (): Promise<{
      code: number;
      result: { verdict: string; trace: unknown[] };
    }> => {
      const dir = scratch('credspec-sim-');
      const io = memoryIo({
        cwd: ROOT,
        env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), CI: 'true' },
      });
      const args = {
        inputs: ['specs/landlock-tsync.cred'],
        variant: ['v3'],
        param: ['CALLERS=2', 'SIBLINGS=2', 'RESTARTS=0'],
        simulate: true,
        traces: 20000,
        depth: 300,
        seed: 1,
        json: join(dir, 'r.json'),
      };
      const code = await runCheck(args, io);
      return { code, result: JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).results[0] };
    };
    const first = await run();
    const second = await run();
    expect(first.code).toBe(1);
    expect(first.result.verdict).toBe('deadlock');
    expect(JSON.stringify(second.result.trace)).toBe(JSON.stringify(first.result.trace));
  }, 600_000);
});
