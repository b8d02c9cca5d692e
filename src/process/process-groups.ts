// Starts every child process of a run (TLC's JVMs, distributed workers, `java -version` probes)
// in a process group of its own, ends the group when the run is aborted, and remembers the
// groups still alive so that a process that must end at once (a second Ctrl-C, any exit) can
// kill them all synchronously. A group, not a pid: a `java` wrapper script and the JVM it starts
// both go, and nothing the child started outlives it.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

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

export interface GroupSpawnOptions extends Omit<SpawnOptions, 'detached'> {
  /** Aborting ends the group: SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal?: AbortSignal | undefined;
  /** Between SIGTERM and SIGKILL (default 3000 ms). */
  readonly killGraceMs?: number | undefined;
}

/**
 * Spawns `command args` as the leader of a new process group. The group is ended on abort, and
 * whatever is left of it is killed when the leader exits. Returns the child as `spawn` does;
 * its `error` and `close` events are the caller's to handle.
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: GroupSpawnOptions = {},
): ChildProcess {
  const { signal, killGraceMs, ...spawnOptions } = options;
  const child = spawn(command, [...args], { ...spawnOptions, detached: true });
  const pid = child.pid;
  if (pid === undefined) return child; // It failed to start; `error` follows.
  let killTimer: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (killTimer !== undefined || !live.has(pid)) return;
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs ?? 3000);
  };
  live.set(pid, end);
  signal?.addEventListener('abort', end, { once: true });
  if (signal?.aborted === true) end();
  child.once('exit', () => {
    live.delete(pid);
    clearTimeout(killTimer);
    signal?.removeEventListener('abort', end);
    // Whatever the leader left in its group (a wrapper's children) goes with it.
    killGroup(pid, 'SIGKILL');
  });
  return child;
}

/**
 * Records a group started elsewhere (its leader already detached) so that `endAllGroups` and
 * `killAllGroups` reach it; the returned function forgets it once the group is gone.
 */
export function trackGroup(pid: number, graceMs = 3000): () => void {
  let killTimer: NodeJS.Timeout | undefined;
  live.set(pid, () => {
    if (killTimer !== undefined) return;
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
    killTimer.unref();
  });
  return () => {
    clearTimeout(killTimer);
    live.delete(pid);
  };
}

/** How many groups started here are still alive (their leader has not exited). */
export function liveGroupCount(): number {
  return live.size;
}

/** Ends every group still alive as an abort would (SIGTERM, SIGKILL after the grace): a run being stopped. */
export function endAllGroups(): void {
  for (const end of live.values()) end();
}

/** SIGKILLs every group still alive, synchronously: for a process about to exit. */
export function killAllGroups(): void {
  for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
  live.clear();
}
