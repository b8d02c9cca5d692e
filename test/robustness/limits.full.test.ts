// Limits hold whatever the model: the built command (bin/credspec.js over dist/; `npm run build`
// after changing src/) run as a process on specs whose symmetric groups or thread counts make
// the search explode. A limit ends the check inconclusive (exit 4) with its reason, symmetric
// groups of any size keep their reduction, SIGINT is seen while the search runs,
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
  writeFileSync(join(dir, 'many.cred'), symmetricSpec(64));
  writeFileSync(join(dir, 'huge.cred'), symmetricSpec(100000));
  // Compiles the module into this test's cache once, so the runs below time the check only.
  const warm = await runCli(['check', 'sym.cred']);
  expect(warm.code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('symmetric groups whose n! would dominate', () => {
  // The canonical form sorts the threads instead of trying the n! permutations per state and
  // never builds the group, so the search ends: one state per multiset of n phases out of 4,
  // C(n + 3, 3) orbits, with no group too large to keep.
  test.each([
    [7, 120],
    [9, 220],
    [12, 455],
  ])(
    '%i symmetric threads keep their symmetry and count the orbits: %i states',
    async (n, orbits) => {
      const r = await runCli(['check', 'sym.cred', '--param', `THREADS=${n}`]);
      expect(r.hung).toBe(false);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`holds  (${orbits} distinct states`);
      expect(r.stderr).not.toContain('symmetry reduction is off');
    },
    180_000,
  );

  test('40 symmetric threads with --timeout 2 end inconclusive (timeout), exit 4, symmetry kept', async () => {
    const r = await runCli([
      'check',
      'many.cred',
      '--param',
      'THREADS=40',
      '--timeout',
      '2',
      '--json',
      'forty.json',
    ]);
    expect(r.hung).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('inconclusive (timeout)');
    expect(r.stderr).not.toContain('symmetry reduction is off');
    const result = JSON.parse(readFileSync(join(dir, 'forty.json'), 'utf8')).results[0];
    expect(result.inconclusive.reason).toBe('timeout');
  });

  test('SIGINT while the symmetric model is searched stops the check promptly', async () => {
    let sent = 0;
    const send = (child: Child): void => {
      if (sent !== 0) return;
      sent = Date.now();
      child.kill('SIGINT');
    };
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const r = await runCli(['check', 'many.cred', '--param', 'THREADS=40'], {
      started: (child) => (timer = setTimeout(() => send(child), 10_000)),
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
