// The one way this process starts a child (TLC's JVMs, distributed workers, `java -version`
// probes): in a process group of its own, with its output streamed as text, a way to stop it
// (SIGTERM, then SIGKILL after a grace period) and a promise of its end. Remembers the groups
// still alive so that a run being stopped (the first Ctrl-C) can end them all and a process that
// must end at once (a second Ctrl-C, any exit: exit-cleanup.ts) can kill them synchronously. A
// group, not a pid: a `java` wrapper script and the JVM it starts both go, and nothing the child
// started outlives it.

import { spawn } from 'node:child_process';
import { cleanUpOnExit } from './exit-cleanup.js';

/** Between SIGTERM and SIGKILL when every group is ended at once (a run being stopped). */
const DEFAULT_GRACE_MS = 3000;

/** Groups started here whose leader has not exited yet, by leader pid, with the way to end each. */
const live = new Map<number, () => void>();

/**
 * Signals a whole process group. The group id cannot be reused while any member lives, so this
 * never reaches an unrelated process; a group that is gone already is no error.
 */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** How a child ended: its exit code or the signal that ended it, or why it could not start. */
export interface GroupExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly startError?: string;
}

/** A child started by `spawnGroup`, leading a process group of its own. */
export interface GroupProcess {
  /** Undefined when it could not start (`exited` then says why). */
  readonly pid: number | undefined;
  /** Resolves once it has exited and its output has been read to the end; never rejects. */
  readonly exited: Promise<GroupExit>;
  /**
   * Resolves once the leader has exited and the rest of its group was killed, even while a
   * process that left the group still holds its output open (`exited` then waits for that one).
   */
  readonly leaderExited: Promise<void>;
  /** True until `exited` has resolved. */
  running(): boolean;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`. Safe to call more than once. */
  stop(graceMs: number): void;
  /** SIGKILL to the whole group, now. */
  kill(): void;
}

export interface GroupSpawnOptions {
  readonly cwd?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly onStdout?: ((chunk: string) => void) | undefined;
  readonly onStderr?: ((chunk: string) => void) | undefined;
}

/**
 * Starts `command args` as the leader of a new process group, stdin closed, stdout and stderr
 * read as UTF-8 text into the callbacks. Whatever is left of the group is killed when the leader
 * exits, and a group still alive when this process exits is killed then.
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: GroupSpawnOptions = {},
): GroupProcess {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  // Read even without a callback: a pipe nobody drains would stop the child once it is full.
  child.stdout.on('data', (c: string) => options.onStdout?.(c));
  child.stderr.on('data', (c: string) => options.onStderr?.(c));
  const pid = child.pid;
  let done = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (graceMs: number): void => {
    if (pid === undefined || killTimer !== undefined || !live.has(pid)) return;
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
  };
  if (pid !== undefined) {
    cleanUpOnExit('groups', killAllGroups);
    live.set(pid, () => stop(DEFAULT_GRACE_MS));
  }
  const leaderExited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      clearTimeout(killTimer);
      if (pid !== undefined) {
        live.delete(pid);
        // Whatever the leader left in its group (a wrapper's children) goes with it.
        killGroup(pid, 'SIGKILL');
      }
      resolve();
    });
  });
  const exited = new Promise<GroupExit>((resolve) => {
    child.once('error', (e) => {
      done = true;
      resolve({ code: null, signal: null, startError: e.message });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return {
    pid,
    exited,
    leaderExited,
    running: () => !done,
    stop,
    kill: () => {
      if (pid !== undefined) killGroup(pid, 'SIGKILL');
    },
  };
}

/** How many groups started here are still alive (their leader has not exited). */
export function liveGroupCount(): number {
  return live.size;
}

/** Ends every group still alive as a stop would (SIGTERM, SIGKILL after the grace): a run being stopped. */
export function endAllGroups(): void {
  for (const end of live.values()) end();
}

/** SIGKILLs every group still alive, synchronously: for a process about to exit. */
export function killAllGroups(): void {
  for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
  live.clear();
}
