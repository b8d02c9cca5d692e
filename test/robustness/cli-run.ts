// Runs the built CLI (`bin/credspec.js`, so `npm run build` first) in a folder of its own, as a
// user would, and small workspaces for it: the robustness tests need separate processes (two
// runs at once, a module imported or not) rather than the command functions in this one.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'credspec.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `credspec <args>` in `cwd` with `env` added to a clean environment (no inherited cache). */
export function credspec(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        CI: 'true',
        NO_COLOR: '1',
        CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temp folder (removed after the test file). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `credspec-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A project folder with `specs/<name>` holding `text`. */
export function project(parent: string, folder: string, name: string, text: string): string {
  const dir = join(parent, folder);
  mkdirSync(join(dir, 'specs'), { recursive: true });
  writeFileSync(join(dir, 'specs', name), text);
  return dir;
}

/** Two threads, a counter and a lock; `racy` drops the lock, so two threads can be inside at once. */
export const LOCKED = `spec locked_counter

param THREADS: 1..3 = 2

shared var locked: bool = false
shared var count: 0..3 = 0

fair process Worker[THREADS] {
  take:    atomic { await !locked; locked := true }
  bump:    count := count + 1
  release: locked := false
}

invariant one_inside: card({ t in Worker | at(t, release) }) <= 1

variant racy {
  override step Worker.take: skip
}

expect base: holds
expect racy: violates one_inside
`;
