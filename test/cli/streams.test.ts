// Standard output as a pipe or a file, as shell users use it: `-` is standard output for every
// report option (the report is all stdout holds, the human lines go to stderr) and never a
// file named `-`; emit, which writes folders, refuses `--out -`; a reader that closes the pipe
// early (`| head -1`) ends the run quietly with the exit code it would have had; colour is on
// in a pipe only when FORCE_COLOR asks for it. The built CLI, run by bash.

import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedCacheHome } from '../support/shared-cache.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'bin', 'credspec.js');
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal|Unhandled 'error'|EPIPE/m;
/** The check of S-2's bug: a violation whose result file is far larger than a pipe's buffer. */
const VIOLATION = 'check seccomp-tsync.cred --variant force_add --param OWN_FILTER=true';
/** A spec whose four checks take a second, for `ci`: what is tested is where its reports go. */
const SMALL = `spec lost_update

import kernel

param THREADS: 1..3 = 2

shared var lock: Spinlock = SPINLOCK_INIT
shared var count: 0..3 = 0
thread var seen: 0..3 = 0

process Adder[THREADS] {
  take: spin_lock(lock)
  read: seen := count
  write: count := seen + 1
  release: spin_unlock(lock)
}

invariant no_lost_update: (forall t in Adder: done(t)) => count == THREADS

variant unlocked {
  override step Adder.take: skip
  override step Adder.release: skip
}

expect base: holds
expect base with THREADS = 3: holds
expect unlocked: violates no_lost_update
expect unlocked with THREADS = 1: holds
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-streams-'));
  copyFileSync(join(REPO, 'specs', 'seccomp-tsync.cred'), join(dir, 'seccomp-tsync.cred'));
  writeFileSync(join(dir, 'lost-update.cred'), SMALL);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code of the shell line: with a pipe, credspec's own (PIPESTATUS). */
  readonly code: number | null;
}

/** Runs a bash line in `dir` where `credspec` is the built CLI. */
function sh(line: string, env: Record<string, string> = {}): Ran {
  const r = spawnSync(
    'bash',
    ['--norc', '--noprofile', '-c', `credspec() { node ${CLI} "$@"; }\n${line}`],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: sharedCacheHome(), ...env },
    },
  );
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('- is standard output', () => {
  test('check --json -: the result file on stdout, the verdict on stderr, no file named -', () => {
    const r = sh(`credspec ${VIOLATION} --json - > out.json`);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      tool: string;
      results: { verdict: string }[];
    };
    expect(report.tool).toBe('credspec');
    expect(report.results.map((x) => x.verdict)).toEqual(['violated']);
    expect(r.stderr).toContain('seccomp-tsync.cred force_add (OWN_FILTER=true): violates sc_cover');
    expect(existsSync(join(dir, '-'))).toBe(false);
  });

  test.each([
    ['--junit', (text: string) => expect(text).toMatch(/^<\?xml version="1\.0"/)],
    ['--sarif', (text: string) => expect(JSON.parse(text).version).toBe('2.1.0')],
    ['--json', (text: string) => expect(JSON.parse(text).tool).toBe('credspec')],
  ])(
    'ci %s -: the report alone on stdout',
    (option, check) => {
      const r = sh(`credspec ci lost-update.cred ${option} -`);
      expect(r.code).toBe(0);
      check(r.stdout);
      expect(r.stderr).toContain('4 checks: 4 as expected');
      expect(existsSync(join(dir, '-'))).toBe(false);
    },
    120_000,
  );

  test('sweep --json -: the sweep report alone on stdout, its summary on stderr', () => {
    const r = sh('credspec sweep lost-update.cred --variant unlocked --json -');
    const report = JSON.parse(r.stdout) as { tool: string; spec: string };
    expect(report.tool).toBe('credspec');
    expect(report.spec).toBe('lost-update.cred');
    expect(r.stderr).toMatch(/unlocked/);
    expect(existsSync(join(dir, '-'))).toBe(false);
  }, 120_000);

  test('emit --out - is refused: emit writes folders, and no folder named - appears', () => {
    const r = sh('credspec emit seccomp-tsync.cred --out -');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'credspec emit: --out - : emit writes a folder of files for each spec, which cannot go to standard output; name a folder\n',
    );
    expect(existsSync(join(dir, '-'))).toBe(false);
  });
});

describe('a reader that closes early', () => {
  test('check --json - | head -1: exit 1 as without the pipe, nothing on stderr but the verdict', () => {
    const r = sh(`credspec ${VIOLATION} --json - | head -1; exit "\${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('{\n');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
  });

  test('trace --format json | head -1, and a reader gone before anything is written', () => {
    expect(sh(`credspec ${VIOLATION} --json big.json`).code).toBe(1);
    const head = sh('credspec trace big.json --format json | head -1; exit "${PIPESTATUS[0]}"');
    expect(head).toEqual({ stdout: '{\n', stderr: '', code: 0 });
    const gone = sh('credspec trace big.json --format text | true; exit "${PIPESTATUS[0]}"');
    expect(gone).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});

test('colour in a pipe only with FORCE_COLOR, and NO_COLOR alone keeps it off', () => {
  const bad = 'printf "process x {}\\n" > bad.cred; credspec lint bad.cred | cat';
  expect(sh(bad).stdout).not.toContain('\u001b[');
  expect(sh(bad, { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  expect(sh(bad, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[31merror\u001b[39m');
  expect(sh(bad, { FORCE_COLOR: '0' }).stdout).not.toContain('\u001b[');
});
