// Values too large to build and output nobody reads end a run with a message, never a native
// stack: the built command (bin/credspec.js over dist/; `npm run build` after changing src/) run
// as a process. An interval past the engine's 2^20-member limit is refused with an error naming
// it, its size and the step's line on both engines' paths (compiled and CREDSPEC_INTERPRET=1),
// where building it used to crash V8 (exit 134); membership in such an interval still works.
// A reader that closes after one line leaves no stack trace and the run's own exit code; a
// stdout that fails otherwise (a full device) is reported with exit 3 rather than lost silently.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './cli-run.js';

const CLI = join(ROOT, 'bin', 'credspec.js');

const HUGE = [
  'spec huge',
  'param N: 0..2000000000 = 2000000000',
  'shared var x: 0..N = 0',
  'process Worker[1] {',
  '  bump: x := any 0..N',
  '}',
  'invariant small: x <= N',
  'expect base: holds',
  '',
].join('\n');

/** The range is only tested for membership (the variable's type), never enumerated. */
const HUGE_MEMBERSHIP = [
  'spec wide',
  'param N: 0..2000000000 = 2000000000',
  'shared var x: 0..N = 0',
  'process Worker[1] {',
  '  bump: if x < 3 { x := x + 1 }',
  '}',
  'invariant small: x <= N',
  'expect base: holds',
  '',
].join('\n');

const SMALL = (name: string): string =>
  [
    `spec ${name}`,
    'shared var x: 0..3 = 0',
    'process Worker[2] {',
    '  bump: if x < 3 { x := x + 1 }',
    '}',
    'invariant small: x <= 3',
    'expect base: holds',
    '',
  ].join('\n');

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const STACK = /^\s+at .+\(.*:\d+:\d+\)$|node:internal|Unhandled 'error'|FATAL ERROR|v8::internal/m;

/**
 * Runs the built CLI in `cwd`. With `firstLineOnly`, stdout is closed once its first line has
 * arrived, as `| head -1` does; with `stdoutFd`, stdout is that file descriptor.
 */
function run(
  args: readonly string[],
  cwd: string,
  extraEnv: Record<string, string>,
  opts: { firstLineOnly?: boolean; stdoutFd?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = {
      PATH: process.env.PATH ?? '',
      CI: 'true',
      NO_COLOR: '1',
      XDG_CACHE_HOME: join(cwd, '.cache'),
      CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
      ...extraEnv,
    };
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env,
      stdio: ['ignore', opts.stdoutFd ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.firstLineOnly && stdout.includes('\n')) child.stdout?.destroy();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe.each([
  ['compiled', {}],
  ['interpreted', { CREDSPEC_INTERPRET: '1' }],
] as const)('an interval past the enumeration limit (%s)', (_name, engineEnv) => {
  test('is refused with an error naming it, its size and the step, not a V8 crash', async () => {
    const dir = tempDir('huge-range');
    writeFileSync(join(dir, 'huge.cred'), HUGE);
    const r = await run(['check', 'huge.cred'], dir, engineEnv);
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(134);
    expect(r.code).toBe(3);
    const out = r.stdout + r.stderr;
    expect(out).toContain('huge.cred base: error');
    expect(out).toContain(
      'the range 0..2000000000 has 2000000001 members, more than the 1048576 a check enumerates: `0..N` at huge.cred:5:18; N is 2000000000',
    );
    expect(out).toMatch(/in step Worker\.bump, [^\n]*huge\.cred:5:3/);
    expect(out).not.toMatch(STACK);
  }, 120_000);

  test('still answers membership in it without building it', async () => {
    const dir = tempDir('wide-range');
    writeFileSync(join(dir, 'wide.cred'), HUGE_MEMBERSHIP);
    const r = await run(['check', 'wide.cred'], dir, engineEnv);
    expect(r.stdout + r.stderr).toContain('wide.cred base: holds');
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('lint on enumerated ranges', () => {
  test('warns (CS5024) at an `any` over a range past the limit under the defaults, naming its size', async () => {
    const dir = tempDir('huge-lint');
    writeFileSync(join(dir, 'huge.cred'), HUGE);
    const r = await run(['lint', 'huge.cred'], dir, {});
    expect(r.stdout + r.stderr).toContain(
      'huge.cred:5:18: warning CS5024: the range `0 .. N` has 2000000001 members with the default params; the engine enumerates at most 1048576',
    );
    expect(r.code).toBe(0);
  }, 60_000);

  test("warns under an expectation's params, and not for a range only tested for membership", async () => {
    const dir = tempDir('huge-lint-expect');
    const spec = HUGE.replace('= 2000000000', '= 3').replace(
      'expect base: holds',
      'expect base: holds\nexpect base with N = 2000000: holds',
    );
    writeFileSync(join(dir, 'huge.cred'), spec);
    writeFileSync(join(dir, 'wide.cred'), HUGE_MEMBERSHIP);
    const r = await run(['lint', '.'], dir, {});
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      'huge.cred:5:18: warning CS5024: the range `0 .. N` has 2000001 members with N = 2000000',
    );
    expect(out).not.toContain('wide.cred:');
    expect(out).toContain('2 files, 0 errors, 1 warning');
  }, 60_000);
});

describe('output nobody reads', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('closed-pipe');
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `s${i}.cred`), SMALL(`s${i}`));
  });

  test.each([['check'], ['lint']])(
    '%s piped into a reader that closes after one line ends quietly with its own exit code',
    async (command) => {
      const full = await run([command, '.'], dir, {});
      const cut = await run([command, '.'], dir, {}, { firstLineOnly: true });
      expect(cut.signal).toBeNull();
      expect(cut.stderr).not.toMatch(STACK);
      expect(cut.stderr).not.toContain('EPIPE');
      expect(cut.code).toBe(full.code);
    },
    180_000,
  );

  const devFull = existsSync('/dev/full');
  (devFull ? test : test.skip)(
    `a stdout that cannot be written (${devFull ? '/dev/full' : 'skipped: no /dev/full on this machine'}) is reported with exit 3, not lost silently`,
    async () => {
      const fd = openSync('/dev/full', 'w');
      try {
        const r = await run(['lint', '.'], dir, {}, { stdoutFd: fd });
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('credspec: cannot write to standard output: ENOSPC');
        expect(r.stderr).not.toMatch(STACK);
      } finally {
        closeSync(fd);
      }
    },
    120_000,
  );
});
