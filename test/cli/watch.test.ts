// `credspec check --watch` and `ci --watch` as a user runs them: the built CLI in a child process
// on specs in a temp folder. A change to an imported file checks its spec again (and only the
// specs that read it); Ctrl-C (SIGINT) ends the watch as it ends any run, with 130.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDirs } from '../support/scratch-dirs.js';
import { inTerminal } from './terminal.js';

const CLI = fileURLToPath(new URL('../../bin/credspec.js', import.meta.url));
const scratch = scratchDirs();

interface Watched {
  readonly child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves when standard output or error has matched `pattern` `times` times. */
  until(stream: 'out' | 'err', pattern: RegExp, times?: number): Promise<void>;
  exit: Promise<number | null>;
}

function watchCli(cwd: string, args: readonly string[]): Watched {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const text = { out: '', err: '' };
  const waiters: (() => void)[] = [];
  const onData = (stream: 'out' | 'err') => (chunk: Buffer) => {
    text[stream] += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout?.on('data', onData('out'));
  child.stderr?.on('data', onData('err'));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const count = (stream: 'out' | 'err', pattern: RegExp) =>
    text[stream].match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  return {
    child,
    out: () => text.out,
    err: () => text.err,
    exit,
    until: async (stream, pattern, times = 1) => {
      // A watch that never sees the change fails the test with its output, not jest's timeout.
      const deadline = Date.now() + 30_000;
      while (count(stream, pattern) < times) {
        const left = deadline - Date.now();
        const woke = await Promise.race([
          new Promise<'output'>((r) => waiters.push(() => r('output'))),
          exit.then(() => 'exited' as const),
          new Promise<'late'>((r) => setTimeout(() => r('late'), Math.max(left, 0)).unref()),
        ]);
        if (woke !== 'output' && count(stream, pattern) < times)
          throw new Error(`${woke} before ${pattern} ${times} times:\n${text.out}\n${text.err}`);
      }
    },
  };
}

function specFolder(): string {
  const dir = scratch('credspec-watch-');
  writeFileSync(join(dir, 'lib.cred'), 'spec lib\nconst LIMIT = 1\n');
  writeFileSync(
    join(dir, 'w.cred'),
    'spec w\nimport "lib.cred"\nshared var x: 0..3 = 0\nprocess P[1] {\n  inc: x := LIMIT\n}\ninvariant small: x <= 2\n',
  );
  writeFileSync(
    join(dir, 'other.cred'),
    'spec other\nshared var y: bool = false\nprocess Q[1] {\n  set: y := true\n}\ninvariant fine: y or not y\n',
  );
  return dir;
}

test('check --watch checks again when an import changes, and Ctrl-C exits with 130', async () => {
  const dir = specFolder();
  const run = watchCli(dir, ['check', '--watch', 'w.cred', 'other.cred']);
  try {
    await run.until('err', /watching \d+ spec files/);
    expect(run.out()).toMatch(/^w\.cred base: holds/m);
    expect(run.out()).toMatch(/^other\.cred base: holds/m);
    const firstRun = run.out().length;
    writeFileSync(join(dir, 'lib.cred'), 'spec lib\nconst LIMIT = 3\n');
    await run.until('err', /watching \d+ spec files/, 2);
    const second = run.out().slice(firstRun);
    expect(second).toMatch(/^w\.cred base: violates small /m);
    // other.cred does not import lib.cred: it is not checked again.
    expect(second).not.toContain('other.cred');
    expect(run.err()).toContain('lib.cred changed: checking w.cred again');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('check --watch checks a spec again when a missing import is created, folder and all', async () => {
  const dir = scratch('credspec-watch-missing-');
  // Only the spec is named on the command line: neither import's folder is watched as an input.
  writeFileSync(
    join(dir, 'w.cred'),
    'spec w\nimport "lib/limits.cred"\nimport "lib/start.cred"\nshared var x: 0..3 = START\nprocess P[1] {\n  inc: x := LIMIT\n}\ninvariant small: x <= 2\n',
  );
  const run = watchCli(dir, ['check', '--watch', 'w.cred']);
  try {
    await run.until('err', /watching \d+ spec files/);
    expect(run.err()).toMatch(
      /^w\.cred:2:1: error CS8001: cannot read lib\/limits\.cred: no such file/m,
    );
    // The folder lib/ does not exist yet: creating it with one of the two imports is seen.
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'limits.cred'), 'spec limits\nconst LIMIT = 3\n');
    await run.until('err', /watching \d+ spec files/, 2);
    expect(run.err()).toContain('lib/limits.cred changed: checking w.cred again');
    expect(run.err()).toMatch(
      /^w\.cred:3:1: error CS8001: cannot read lib\/start\.cred: no such file/m,
    );
    // Now lib/ exists and lib/start.cred is still missing: creating that file is seen too.
    const before = run.out().length;
    writeFileSync(join(dir, 'lib', 'start.cred'), 'spec start\nconst START = 0\n');
    await run.until('err', /watching \d+ spec files/, 3);
    expect(run.err()).toContain('lib/start.cred changed: checking w.cred again');
    expect(run.out().slice(before)).toMatch(/^w\.cred base: violates small /m);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
  } finally {
    run.child.kill('SIGKILL');
  }
}, 60_000);

test('ci --watch checks a spec again when it changes, and only that spec, reporting every spec', async () => {
  const dir = scratch('credspec-watch-ci-');
  const spec = (name: string, invariant: string) =>
    `spec ${name}\nshared var y: bool = false\nprocess Q[1] {\n  set: y := true\n}\ninvariant fine: ${invariant}\nexpect base: holds\n`;
  writeFileSync(join(dir, 'a.cred'), spec('a', 'y or not y'));
  writeFileSync(join(dir, 'b.cred'), spec('b', 'y or not y'));
  const run = watchCli(dir, ['ci', '--watch', '.']);
  try {
    await run.until('err', /watching \d+ spec files/);
    expect(run.out()).toMatch(/^2 checks: 2 as expected/m);
    const firstRun = run.out().length;
    const aLine = run.out().match(/^ok +a\.cred base: holds.*$/m)?.[0];
    expect(aLine).toMatch(/; 2 states, \d+\.\d\d s$/);
    writeFileSync(join(dir, 'b.cred'), spec('b', 'not y'));
    await run.until('err', /watching \d+ spec files/, 2);
    expect(run.err()).toContain('b.cred changed: checking b.cred again');
    const second = run.out().slice(firstRun);
    expect(second).toMatch(/^FAIL +b\.cred base: violates fine/m);
    // a.cred is not checked again: its last line is shown as it was, and counted.
    expect(second.split('\n').filter((l) => l.includes('a.cred'))).toEqual([aLine]);
    expect(second).toMatch(/^2 checks: 1 as expected, 1 not as expected/m);
    // b.cred fixed: both as expected again, a.cred still from its first check.
    writeFileSync(join(dir, 'b.cred'), spec('b', 'y or not y'));
    await run.until('err', /watching \d+ spec files/, 3);
    const third = run.out().slice(firstRun + second.length);
    expect(third.split('\n').filter((l) => l.includes('a.cred'))).toEqual([aLine]);
    expect(third).toMatch(/^ok +b\.cred base: holds/m);
    expect(third).toMatch(/^2 checks: 2 as expected, 0 not as expected/m);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('on a terminal the new report replaces the last one once it is complete', async () => {
  const dir = specFolder();
  // Standard error goes to a file the script polls: the change is made once the first run is
  // shown, and Ctrl-C sent once the second is. The count is read through a pipe so that it is a
  // number even before the watcher has created the file.
  const waitFor = (n: number) =>
    `while [ "$(cat err.txt 2>/dev/null | grep -c watching)" -lt ${n} ]; do sleep 0.2; done`;
  const script = [
    `node ${CLI} check --watch w.cred 2>err.txt & pid=$!`,
    waitFor(1),
    `printf 'spec lib\\nconst LIMIT = 3\\n' > lib.cred`,
    waitFor(2),
    'kill -INT $pid; wait $pid',
  ].join('; ');
  const [drawn, code] = await inTerminal(script, dir);
  expect(code).toBe(130);
  const clear = '\u001b[2J\u001b[3J\u001b[H';
  const reports = drawn.split(clear);
  // Each report is drawn after a clear: the first (holds), then the second (violates).
  expect(reports).toHaveLength(3);
  expect(reports[1]).toMatch(/w\.cred base: holds/);
  expect(reports[2]).toMatch(/w\.cred base: violates small/);
  expect(reports[2]).not.toMatch(/holds/);
}, 120_000);
