// Runs a short command that should answer quickly (`java -version`, TLC's version probe) and
// returns what it printed. Starts it in its own process group and, when it outlives its time,
// kills the whole group, so a hung java or a wrapper script's children never stay behind.
// Never throws; a failure to start or a timeout is in the result.

import { spawnGroup } from '../process/process-groups.js';

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
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawnGroup(command, args, {
      env: options.env,
      onStdout: (c) => {
        if (stdout.length < maxBytes) stdout += c;
      },
      onStderr: (c) => {
        if (stderr.length < maxBytes) stderr += c;
      },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, options.timeoutMs);
    // Aborting (Ctrl-C) ends it at once, as a timeout does.
    let aborted = false;
    const onAbort = (): void => {
      clearTimeout(timer);
      timedOut = true;
      aborted = true;
      child.kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const finish = (failed: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ stdout, stderr, failed, timedOut });
    };
    // After a timeout, a process outside the group (one that left it) may still hold the pipes.
    const late = (): string =>
      aborted
        ? 'interrupted'
        : `no answer within ${Math.round(options.timeoutMs / 1000)} s; stopped`;
    void child.leaderExited.then(() => {
      if (timedOut) finish(late());
    });
    void child.exited.then(({ code, signal, startError }) => {
      if (startError !== undefined) return finish(startError);
      if (timedOut) return finish(late());
      finish(code === 0 ? null : signal !== null ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}
