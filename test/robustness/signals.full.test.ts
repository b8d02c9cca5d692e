// SIGINT, SIGTERM and SIGHUP on the built CLI (bin/credspec.js) while it is busy, on either
// engine: the run exits 130, 143 or 129, no process of it survives (TLC's JVMs run in groups of
// their own, so the scan follows every group the run or its children led), its temp folders
// are gone, and `ci --json` / `check --json` still write the checks that finished plus an
// inconclusive (interrupted) entry, `ci` with its summary line. The busy spec is Landlock rc6
// with CALLERS = 2, SIBLINGS = 2, which takes far longer than any test waits.

import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  commandLine,
  descendants,
  survivors,
  threadCount,
  watchTree,
  type ProcInfo,
} from './process-tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'credspec.js');
const LANDLOCK = join(ROOT, 'specs', 'landlock-tsync.cred');
const JAR =
  process.env.TLA2TOOLS_JAR !== undefined && existsSync(process.env.TLA2TOOLS_JAR)
    ? process.env.TLA2TOOLS_JAR
    : undefined;
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof EXIT_CODES;
const SIGNALS = Object.keys(EXIT_CODES) as StopSignal[];

let cache: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build`.');
  cache = mkdtempSync(join(tmpdir(), 'credspec-signals-cache-'));
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** A folder holding a private TMPDIR and a `ci` folder: a small spec that finishes, then the busy one. */
function workspace(): { dir: string; tmp: string } {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-signals-'));
  const text = readFileSync(LANDLOCK, 'utf8');
  // Without its one temporal property the spec is searched by --workers N worker threads.
  const body = text.slice(0, text.indexOf('\nexpect ')).replace(/^property ll_term: .*$/m, '');
  mkdirSync(join(dir, 'ci'));
  writeFileSync(join(dir, 'ci', 'a-small.cred'), `${body}\nexpect v3: holds\n`);
  writeFileSync(
    join(dir, 'ci', 'b-busy.cred'),
    `${body}\nexpect rc6 with CALLERS = 2, SIBLINGS = 2: holds\n`,
  );
  mkdirSync(join(dir, 'tmp'));
  return { dir, tmp: join(dir, 'tmp') };
}

interface Run {
  readonly child: ChildProcess;
  readonly pid: number;
  out(): string;
  err(): string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI in a process group of its own (as a shell job would be), in `dir`. */
function start(args: string[], dir: string, tmp: string, extraEnv: NodeJS.ProcessEnv = {}): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CACHE_HOME: cache,
    TMPDIR: tmp,
    NO_COLOR: '1',
    ...extraEnv,
  };
  delete env.GITHUB_ACTIONS;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid!, out: () => out, err: () => err, exit };
}

async function until(
  what: string,
  test: () => boolean,
  run: Run,
  limitMs = 120_000,
): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > limitMs)
      throw new Error(
        `timed out waiting for ${what}\nstdout:\n${run.out()}\nstderr:\n${run.err()}`,
      );
    if (run.child.exitCode !== null || run.child.signalCode !== null)
      throw new Error(`the run ended before ${what}\nstdout:\n${run.out()}\nstderr:\n${run.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** TLC checking (not a `java -version` probe): a JVM below the run started with `-tool`. */
function tlcRunning(run: Run): boolean {
  return descendants(run.pid).some((p) => / tlc2\.TLC .*-tool/.test(commandLine(p.pid)));
}

/**
 * Busy in the embedded engine's parallel search: two more threads (its workers) than the
 * process had once its thread count settled. Baselines differ with the machine's cores.
 */
async function searchRunning(run: Run): Promise<void> {
  let baseline = 0;
  let stableSince = Date.now();
  await until(
    'the thread count to settle',
    () => {
      const n = threadCount(run.pid);
      if (n !== baseline) {
        baseline = n;
        stableSince = Date.now();
      }
      return baseline > 1 && Date.now() - stableSince >= 600;
    },
    run,
  );
  // The workers add two threads. When the module was compiled already they may have started
  // before the count settled (then it never rises again): after a while the search is under way
  // either way, and the result's state count below says whether it was.
  const settled = Date.now();
  let fewest = baseline;
  await until(
    'the search workers',
    () => {
      const n = threadCount(run.pid);
      fewest = Math.min(fewest, n);
      return n >= fewest + 2 || Date.now() - settled > 45_000;
    },
    run,
  );
  // The workers load the compiled module before they search.
  await new Promise((r) => setTimeout(r, 3000));
}

/** Waits for the exit, then for any process of the run still alive (SIGKILL takes a moment). */
async function finish(
  run: Run,
  seen: () => ProcInfo[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; left: ProcInfo[] }> {
  const exit = await run.exit;
  let left = survivors(run.pid, seen());
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = survivors(run.pid, seen());
  }
  return { ...exit, left };
}

function describeLeft(left: readonly ProcInfo[]): string[] {
  return left.map((p) => `${p.pid} (group ${p.pgid}): ${commandLine(p.pid)}`);
}

/**
 * The exit code, no process left and an empty TMPDIR, told together so a failure shows all
 * three; whatever was left is killed afterwards so a failing run leaves nothing on the machine.
 */
function expectCleanEnd(
  signal: StopSignal,
  ended: { code: number | null; signal: NodeJS.Signals | null; left: ProcInfo[] },
  tmp: string,
  run: Run,
): void {
  const seen = {
    code: ended.code,
    killedBy: ended.signal,
    left: describeLeft(ended.left),
    tempFolders: readdirSync(tmp),
  };
  for (const p of ended.left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  if (seen.code !== EXIT_CODES[signal]) process.stderr.write(`stderr of the run:\n${run.err()}\n`);
  expect(seen).toEqual({ code: EXIT_CODES[signal], killedBy: null, left: [], tempFolders: [] });
}

interface ResultEntry {
  readonly spec: string;
  readonly verdict: string;
  readonly inconclusive?: { readonly reason: string };
  readonly stats: { readonly distinctStates: number };
}

function readResults(path: string): ResultEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { results: ResultEntry[] }).results;
}

/**
 * After a failed assertion: the run's group is killed and the watcher stopped, so that neither
 * outlives the test (jest would wait for them).
 */
function abandon(run: Run, watch: { stop(): void }): void {
  watch.stop();
  try {
    process.kill(-run.pid, 'SIGKILL');
  } catch {
    // Gone already: the test saw it end.
  }
}

/** `ci` over the two specs, interrupted while the busy one runs; asserts everything a user would check. */
async function interruptCi(
  signal: StopSignal,
  engineArgs: string[],
  busy: (run: Run) => Promise<void>,
  again = false,
): Promise<void> {
  const embedded = !engineArgs.includes('tlc');
  const { dir, tmp } = workspace();
  let cleanup = (): void => undefined;
  try {
    const run = start(
      // The gate off: one check of the small spec leaves places unreached, not what is tested here.
      [
        'ci',
        'ci',
        '--json',
        'out/ci.json',
        '--junit',
        'out/ci.xml',
        '--no-vacuity-gate',
        ...engineArgs,
      ],
      dir,
      tmp,
    );
    const watch = watchTree(run.pid);
    cleanup = () => abandon(run, watch);
    await until(
      'the small spec to finish',
      () => /a-small\.cred v3: holds, expected holds/.test(run.out()),
      run,
    );
    await busy(run);
    process.kill(run.pid, signal);
    if (again) {
      await new Promise((r) => setTimeout(r, 20));
      process.kill(run.pid, signal);
    }
    const ended = await finish(run, watch.seen);
    watch.stop();
    expectCleanEnd(signal, ended, tmp, run);
    if (again) return; // Ended at once: what was written depends on when the second signal came.
    expect(run.out()).toMatch(
      /^\?\? +ci\/b-busy\.cred rc6 \(CALLERS=2, SIBLINGS=2\): inconclusive, expected holds/m,
    );
    expect(run.out()).toMatch(
      /^2 checks: 1 as expected, 0 not as expected, 1 inconclusive, 0 failed to run$/m,
    );
    const results = readResults(join(dir, 'out', 'ci.json'));
    expect(results.map((r) => [r.spec, r.verdict, r.inconclusive?.reason ?? null])).toEqual([
      ['ci/a-small.cred', 'holds', null],
      ['ci/b-busy.cred', 'inconclusive', 'interrupted'],
    ]);
    // The embedded search was under way when the signal came, not still loading the module.
    if (embedded) expect(results[1]!.stats.distinctStates).toBeGreaterThan(1);
    const junit = readFileSync(join(dir, 'out', 'ci.xml'), 'utf8');
    expect(junit).toMatch(/<testcase[^>]*name="v3"[^>]*>/);
    expect(junit).toMatch(/<error[^>]*message="inconclusive \(interrupted\)/);
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `check` of the busy case alone, interrupted while it runs. */
async function interruptCheck(
  signal: StopSignal,
  engineArgs: string[],
  busy: (run: Run) => Promise<void>,
): Promise<void> {
  const embedded = !engineArgs.includes('tlc');
  const { dir, tmp } = workspace();
  let cleanup = (): void => undefined;
  try {
    // TLC checks the shipped spec; the embedded engine its copy without the temporal property, which it searches on worker threads.
    const spec = embedded ? 'ci/b-busy.cred' : LANDLOCK;
    const run = start(
      [
        'check',
        spec,
        '--variant',
        'rc6',
        '--param',
        'CALLERS=2',
        '--param',
        'SIBLINGS=2',
        '--json',
        'r.json',
        ...engineArgs,
      ],
      dir,
      tmp,
    );
    const watch = watchTree(run.pid);
    cleanup = () => abandon(run, watch);
    await busy(run);
    process.kill(run.pid, signal);
    const ended = await finish(run, watch.seen);
    watch.stop();
    expectCleanEnd(signal, ended, tmp, run);
    expect(run.out()).toMatch(/rc6 \(CALLERS=2, SIBLINGS=2\): inconclusive/);
    const results = readResults(join(dir, 'r.json'));
    expect(results.map((r) => [r.verdict, r.inconclusive?.reason])).toEqual([
      ['inconclusive', 'interrupted'],
    ]);
    if (embedded) expect(results[0]!.stats.distinctStates).toBeGreaterThan(1);
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('signals on the embedded engine (parallel search, --workers 2)', () => {
  for (const signal of SIGNALS) {
    it(`ci: ${signal} exits ${EXIT_CODES[signal]}, writes the finished check and the interrupted one, prints the summary`, async () => {
      await interruptCi(signal, ['--workers', '2'], searchRunning);
    }, 180_000);
  }

  for (const signal of SIGNALS) {
    it(`check: ${signal} exits ${EXIT_CODES[signal]} with the interrupted case in --json`, async () => {
      await interruptCheck(signal, ['--workers', '2'], searchRunning);
    }, 180_000);
  }
});

const tlcDescribe = JAR !== undefined ? describe : describe.skip;
tlcDescribe(
  `signals on TLC${JAR === undefined ? ' (skipped: TLA2TOOLS_JAR is not set or names no file)' : ''}`,
  () => {
    const tlc = ['--engine', 'tlc'];
    const tlcBusy = async (run: Run): Promise<void> => {
      await until('TLC to check the busy spec', () => tlcRunning(run), run);
      await new Promise((r) => setTimeout(r, 500));
    };

    for (const signal of SIGNALS) {
      it(`ci --engine tlc: ${signal} exits ${EXIT_CODES[signal]}, ends TLC's JVM and its temp folder, writes the report and summary`, async () => {
        await interruptCi(signal, tlc, tlcBusy);
      }, 180_000);

      it(`check --engine tlc: ${signal} exits ${EXIT_CODES[signal]}, ends TLC's JVM and its temp folder, writes --json`, async () => {
        await interruptCheck(signal, tlc, tlcBusy);
      }, 180_000);
    }

    it('ci --engine tlc: a second SIGINT during the cleanup ends at once, still killing TLC and removing its folder', async () => {
      await interruptCi('SIGINT', tlc, tlcBusy, true);
    }, 180_000);
  },
);

describe('signals while TLC is being set up (no TLC needed)', () => {
  it('check --engine tlc: SIGTERM during the `java -version` probe ends the probe and what it started, exits 143, writes --json', async () => {
    const { dir, tmp } = workspace();
    try {
      // A java that never answers and has started a child of its own, as a wrapper script would.
      mkdirSync(join(dir, 'jdk', 'bin'), { recursive: true });
      writeFileSync(join(dir, 'jdk', 'bin', 'java'), '#!/bin/sh\nsleep 300 &\nwait\n');
      chmodSync(join(dir, 'jdk', 'bin', 'java'), 0o755);
      const run = start(
        ['check', LANDLOCK, '--variant', 'rc6', '--engine', 'tlc', '--json', 'r.json'],
        dir,
        tmp,
        { JAVA_HOME: join(dir, 'jdk') },
      );
      const watch = watchTree(run.pid);
      await until(
        'the java probe and its child',
        () => descendants(run.pid).some((p) => commandLine(p.pid).startsWith('sleep 300')),
        run,
      );
      process.kill(run.pid, 'SIGTERM');
      const ended = await finish(run, watch.seen);
      watch.stop();
      expectCleanEnd('SIGTERM', ended, tmp, run);
      expect(
        readResults(join(dir, 'r.json')).map((r) => [r.verdict, r.inconclusive?.reason]),
      ).toEqual([['inconclusive', 'interrupted']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
