// Runs a short command that should answer quickly (`java -version`, TLC's version probe) and
// returns what it printed. Starts it in its own process group and, when it outlives its time,
// kills the whole group, so a hung java or a wrapper script's children never stay behind.
// Never throws; a failure to start or a timeout is in the result.

import { spawn } from 'node:child_process';
import { killGroup, trackGroup } from './live-runs.js';

export interface BoundedOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Why the command gave no normal exit: it could not start, it timed out, it was killed. */
  readonly failed: string | null;
  /** It outlived its time, or was aborted, and its group was killed. */
  readonly timedOut: boolean;
}

/**
 * Runs `command args` with a time limit; keeps at most `maxBytes` of each stream. Resolves
 * once the process has exited and, after a timeout, once its whole group has been killed.
 */
export function runBounded(
  command: string,
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    maxBytes?: number;
    signal?: AbortSignal | undefined;
  },
): Promise<BoundedOutput> {
  const maxBytes = options.maxBytes ?? 1 << 20;
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forget = child.pid !== undefined ? trackGroup(child.pid) : () => false;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      if (stdout.length < maxBytes) stdout += c;
    });
    child.stderr.on('data', (c: string) => {
      if (stderr.length < maxBytes) stderr += c;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    // Aborting (Ctrl-C) ends it at once, as a timeout does.
    let aborted = false;
    const onAbort = (): void => {
      clearTimeout(timer);
      timedOut = true;
      aborted = true;
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const finish = (failed: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Whatever the command started in its group goes with it.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      forget();
      resolve({ stdout, stderr, failed, timedOut });
    };
    child.on('error', (e) => finish(e.message));
    // After a timeout, a process outside the group (one that left it) may still hold the pipes.
    const late = (): string =>
      aborted
        ? 'interrupted'
        : `no answer within ${Math.round(options.timeoutMs / 1000)} s; stopped`;
    child.on('exit', () => {
      if (timedOut) finish(late());
    });
    child.on('close', (code, signal) => {
      if (timedOut) return finish(late());
      finish(code === 0 ? null : signal !== null ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}
