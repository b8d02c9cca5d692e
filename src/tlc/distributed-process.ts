// Starts one Java process (a TLC run, server, worker or simulation) in its own process group and
// returns a handle to stream its output, stop it (SIGTERM, then SIGKILL after a grace period)
// and wait for its exit. It must not leave a process of the group behind once `exited` resolves,
// and must not read or interpret what the process prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup, trackGroup } from './live-runs.js';

export { killGroup } from './live-runs.js';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running Java process of our own. */
export interface JavaProcess {
  readonly pid: number | undefined;
  readonly args: readonly string[];
  /** Resolves once the process has exited (never rejects; a failure to start gives code null). */
  readonly exited: Promise<ProcessExit & { readonly startError?: string }>;
  /** True until it has exited. */
  running(): boolean;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`. Safe to call more than once. */
  stop(graceMs: number): void;
}

/** Starts `command args` in `cwd`, detached in its own process group; output goes to the callbacks. */
export function startJava(
  command: string,
  args: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    onStdout?: (chunk: string) => void;
    onStderr?: (chunk: string) => void;
  },
): JavaProcess {
  const child: ChildProcess = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = child.pid !== undefined ? trackGroup(child.pid) : () => false;
  let done = false;
  let killTimer: NodeJS.Timeout | undefined;
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (c: string) => options.onStdout?.(c));
  child.stderr!.on('data', (c: string) => options.onStderr?.(c));
  const exited = new Promise<ProcessExit & { startError?: string }>((resolve) => {
    child.on('error', (e) => {
      done = true;
      forget();
      resolve({ code: null, signal: null, startError: e.message });
    });
    child.on('close', (code, signal) => {
      done = true;
      clearTimeout(killTimer);
      // Whatever the JVM left in its group (a wrapper's children) goes with it.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      forget();
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid,
    args,
    exited,
    running: () => !done,
    stop(graceMs: number): void {
      if (done || child.pid === undefined || killTimer !== undefined) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
    },
  };
}
