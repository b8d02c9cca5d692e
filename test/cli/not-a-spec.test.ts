// A file that is not a `.cred` spec (a TLA+ module, a README) gets one message that says what
// credspec reads, at the file, exit 2: not a parse of its text into hundreds of errors, and no
// excerpt of a file that was never read.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(process.cwd());

test.each(['check', 'lint'])('%s on a .tla file: one line, exit 2', (command) => {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-not-a-spec-'));
  copyFileSync(
    join(ROOT, 'test/golden/fault-point/expected/_/fault-point/FaultPoint_base.tla'),
    join(dir, 'Basic.tla'),
  );
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/credspec.js'), command, 'Basic.tla'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: dir, NO_COLOR: '1' },
  });
  expect(run.status).toBe(2);
  const lines = run.stderr.trimEnd().split('\n').concat(run.stdout.trimEnd().split('\n'));
  expect(lines.filter((l) => l.includes(': error '))).toEqual([
    'Basic.tla:1:1: error CS8001: cannot read Basic.tla: it is not a `.cred` file (credspec reads `.cred` specs only)',
  ]);
  expect(run.stderr + run.stdout).not.toMatch(/^\s+\d* \|/m);
});
