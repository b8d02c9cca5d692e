// Limits hold whatever the model: the built command (bin/credspec.js over dist/; `npm run build`
// after changing src/) run as a process on specs whose symmetric groups or thread counts make
// the search explode. A limit ends the check inconclusive (exit 4) with its reason, a symmetry
// group past 7! permutations is left out with a warning, SIGINT is seen while the search runs,
// and numeric options outside their range are refused at once (exit 2) naming the option and
// range. The wall-clock bound on each run is only a guard against hanging, not a speed check.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'credspec.js');
/** Longest a run may take before the test gives up on it (a hang, not a slow run). */
const GUARD_MS = 45_000;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The guard had to kill it. */
  readonly hung: boolean;
}

let dir: string;
let env: NodeJS.ProcessEnv;

/** A spec with one symmetric group of THREADS threads (up to `max`), three steps each. */
function symmetricSpec(max: number): string {
  return [
    'spec sym_threads',
    '',
    `param THREADS: 1..${max} = 2`,
    '',
    'thread var phase: 0..3 = 0',
    '',
    'process Worker[THREADS] symmetric {',
    '  one:   phase := 1',
    '  two:   phase := 2',
    '  three: phase := 3',
    '}',
    '',
    'expect base: holds',
    '',
  ].join('\n');
}

type Child = ReturnType<typeof spawn>;

/** Runs the built CLI; `watch` is told the child once started, and sees stderr as it arrives. */
function runCli(
  args: readonly string[],
  watch?: { started?: (child: Child) => void; stderr?: (text: string, child: Child) => void },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watch?.started?.(child);
    let stdout = '';
    let stderr = '';
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, GUARD_MS);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      watch?.stderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build`.');
  dir = mkdtempSync(join(tmpdir(), 'credspec-limits-'));
  env = { PATH: process.env.PATH, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') };
  writeFileSync(join(dir, 'sym.cred'), symmetricSpec(12));
  writeFileSync(join(dir, 'huge.cred'), symmetricSpec(100000));
  // Compiles the module into this test's cache once, so the runs below time the check only.
  const warm = await runCli(['check', 'sym.cred']);
  expect(warm.code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('symmetric groups whose n! would dominate', () => {
  test('9 symmetric threads with --timeout 2 end inconclusive (timeout), exit 4, symmetry left out with a warning', async () => {
    const r = await runCli([
      'check',
      'sym.cred',
      '--param',
      'THREADS=9',
      '--timeout',
      '2',
      '--json',
      'nine.json',
    ]);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('inconclusive (timeout)');
    const warnings = r.stderr.split('\n').filter((l) => l.includes('symmetry reduction is off'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('9! = 362880');
    const result = JSON.parse(readFileSync(join(dir, 'nine.json'), 'utf8')).results[0];
    expect(result.inconclusive.reason).toBe('timeout');
    expect(result.warnings).toEqual([expect.stringContaining('symmetry reduction is off')]);
  });

  // The canonical form sorts the threads instead of trying the 7! permutations per state, so the
  // search ends: one state per multiset of 7 phases out of 4, C(10, 3) = 120 orbits.
  test('7 symmetric threads keep their symmetry and count the orbits: 120 states', async () => {
    const r = await runCli(['check', 'sym.cred', '--param', 'THREADS=7']);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('holds  (120 distinct states');
    expect(r.stderr).not.toContain('symmetry reduction is off');
  }, 180_000);

  test('11 symmetric threads with --memory end with exit 4 and the symmetry warning, never a V8 crash', async () => {
    const r = await runCli([
      'check',
      'sym.cred',
      '--param',
      'THREADS=11',
      '--memory',
      '250',
      '--timeout',
      '30',
    ]);
    expect(r.hung).toBe(false);
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(134);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('symmetry reduction is off');
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|Native stack/);
    expect(r.stdout).toMatch(/inconclusive \((memory|timeout)\)/);
  });

  test('SIGINT while the symmetric model is being set up and searched stops the check promptly', async () => {
    let sent = 0;
    const send = (child: Child): void => {
      if (sent !== 0) return;
      sent = Date.now();
      child.kill('SIGINT');
    };
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const r = await runCli(['check', 'sym.cred', '--param', 'THREADS=9'], {
      // A build that says nothing (the group being built) gets the signal ten seconds in; the
      // symmetry warning says the model is built and the search about to start.
      started: (child) => (timer = setTimeout(() => send(child), 10_000)),
      stderr: (text, child) => {
        if (text.includes('symmetry reduction is off')) setTimeout(() => send(child), 500);
      },
    }).finally(() => clearTimeout(timer));
    expect(r.hung).toBe(false);
    expect(sent).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(GUARD_MS);
    expect(r.code === 4 || r.code === 130).toBe(true);
    if (r.code === 4) expect(r.stdout).toContain('inconclusive (interrupted)');
  });
});

test('a huge thread count (THREADS=100000) is refused before anything is built: exit 2, and says why', async () => {
  // The declared range alone puts the model past the thread limit, so the front end refuses it
  // (CS5023) before the engine's own backstop for huge sets of model values is reached.
  const r = await runCli(['check', 'huge.cred', '--param', 'THREADS=100000']);
  expect(r.hung).toBe(false);
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(
    /huge\.cred:\d+:\d+: error CS5023: the processes may have 100000 threads in all; credspec checks at most 64/,
  );
});

describe('numeric options outside their range are refused with exit 2, naming the option and its range', () => {
  test.each([
    [['--workers', '1000'], '--workers must be a whole number from 0 to'],
    [['--workers', '0'], '--workers 0 (no local worker, remote ones only) goes with --distributed'],
    [['--timeout', '-1'], '--timeout must be a whole number from 1 to 2147483'],
    [['--timeout', 'abc'], '--timeout must be a whole number from 1 to 2147483'],
    [['--max-states', '0'], '--max-states must be a whole number from 1 to 2147483646'],
    [['--memory', '1e99'], '--memory must be a whole number from 1 to'],
    [['--memory', '99999999999999999999'], '--memory must be a whole number from 1 to'],
    [['--seed', '4294967296', '--simulate'], '--seed must be a whole number from 0 to 4294967295'],
    [['--depth', '0', '--simulate'], '--depth must be a whole number from 1 to'],
  ])('check %j', async (option, message) => {
    const r = await runCli(['check', 'sym.cred', ...option]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('ci --workers beyond the cores', async () => {
    const r = await runCli(['ci', '.', '--workers', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--workers must be a whole number from 1 to \d+ \(the cores available/,
    );
  });
});
