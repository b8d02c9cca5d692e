// The failing outcomes of test steps the search watches (search/branch-places.ts): an `if`
// without `else` whose test never fails, a `while` never left, a `for` never entered with
// nothing to iterate and an `await` no thread ever waited at are reported, one that some step
// takes (or some thread waits at) is not, and a parallel search (2 workers) reports the same as
// one worker.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { preludeDir } from '../../src/driver/package-root.js';
import { branchWatch } from '../../src/engine/run/branch-watch.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { explore } from '../../src/engine/search/explore.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import { loadProgram } from '../../src/syntax/load.js';
import { agreementCases } from '../../src/tlc/agreement-cases.js';
import { workerScript } from './parallel-workers.js';

// `low` never fails (total is at most 3 when it runs: one thread's bump and loop), `forever` is
// never left, `spin` always ends; `go` fails in base and passes with GO = true; `wait` runs
// only once total is 3, so it never waits in base, but with GO = true a late `gone` puts total
// back to 1 under a waiting thread. Two threads, so the workers share the states.
const SPEC = `spec branches

param GO: bool = false
shared var total: 0..4 = 0

process A[2] {
  go: if GO {
    gone: total := 1
  }
  low: if total < 4 {
    bump: total := total + 1
  }
  spin: while total < 3 {
    inc: total := total + 1
  }
  forever: while true {
    wait: await total >= 3
  }
}

expect base: holds
expect base with GO = true: holds
`;

const WAITS = readFileSync(join(process.cwd(), 'test/fixtures/waits.cred'), 'utf8');

function cases(text = SPEC) {
  const program = loadProgram('specs/branches.cred', {
    readFile: (p) => (p.endsWith('branches.cred') ? new TextEncoder().encode(text) : new Error(p)),
    preludeDir: preludeDir(process.env),
  });
  return agreementCases(checkProgram(program)).cases.map((c) => c.built);
}

describe('failing outcomes of test steps', () => {
  async function untakenOf(text: string): Promise<(readonly string[] | undefined)[]> {
    const untaken: (readonly string[] | undefined)[] = [];
    for (const built of cases(text)) {
      const { module, config } = built.emitted;
      const exe = interpretModule(module, config);
      const branches = branchWatch(built.model, exe);
      const one = await explore(exe, config, { ...(branches ? { branches } : {}) });
      const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
        workers: 2,
        workerScript,
        ...(branches ? { branches } : {}),
      });
      expect(one.verdict).toBe('holds');
      expect(many.unreached).toEqual(one.unreached);
      untaken.push(one.unreached?.branches);
    }
    return untaken;
  }

  test('those no step took are the result, the same on one worker and on two', async () => {
    expect(await untakenOf(SPEC)).toEqual([
      ['A_low', 'A_forever', 'A_wait'],
      ['A_go', 'A_low', 'A_forever'],
    ]);
  }, 120000);

  test('an await no thread waited at and a for never entered empty, the same on two workers', async () => {
    expect(await untakenOf(WAITS)).toEqual([['Waiter_sure', 'Waiter_each']]);
  }, 120000);
});
