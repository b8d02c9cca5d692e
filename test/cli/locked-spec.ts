// A small spec with a lock, a variant that drops it and an expectation for each, written into a
// temporary folder laid out as a user's checkout: what the in-process tests of `credspec check`
// and `credspec ci` run on.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userEnv } from '../support/spec-workspace.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const LOCKED = `spec locked_counter

param THREADS: 1..3 = 2

shared var locked: bool = false
shared var count: 0..3 = 0

fair process Worker[THREADS] {
  take:    atomic { await !locked; locked := true }
  bump:    count := count + 1
  release: locked := false
}

invariant bounded: count <= THREADS

variant racy {
  override step Worker.take: skip
}

invariant one_inside: card({ t in Worker | at(t, release) }) <= 1

expect base: holds
expect "R-1" racy: violates one_inside
`;

/** A folder (made by `scratch`) holding specs/locked.cred, and the environment to run in it. */
export function lockedWorkspace(scratch: (prefix: string) => string): {
  dir: string;
  env: Record<string, string>;
} {
  const dir = scratch('credspec-check-');
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'locked.cred'), LOCKED);
  return {
    dir,
    env: userEnv(dir),
  };
}
