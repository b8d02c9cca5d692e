// Test helper for the stream tests (streams.test.ts, streams.full.test.ts): a folder holding
// S-2's spec and a small one, and bash lines run there with `credspec` the built CLI.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedCacheHome } from '../support/shared-cache.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'bin', 'credspec.js');
export const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal|Unhandled 'error'|EPIPE/m;
/** The check of S-2's bug: a violation whose result file is far larger than a pipe's buffer. */
export const VIOLATION = 'check seccomp-tsync.cred --variant force_add --param OWN_FILTER=true';
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

/** Call at the top level of a test file: a folder with S-2's spec and a small one, removed after the file. */
export function streamsFolder(): void {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credspec-streams-'));
    copyFileSync(join(REPO, 'specs', 'seccomp-tsync.cred'), join(dir, 'seccomp-tsync.cred'));
    writeFileSync(join(dir, 'lost-update.cred'), SMALL);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}

/** The folder the shell lines run in. */
export const here = (): string => dir;

export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code of the shell line: with a pipe, credspec's own (PIPESTATUS). */
  readonly code: number | null;
}

/** Runs a bash line in `dir` where `credspec` is the built CLI. */
export function sh(line: string, env: Record<string, string> = {}): Ran {
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
