// The command line's one answer to SIGINT, SIGTERM and SIGHUP. The first signal aborts the run
// through the AbortSignal every run takes and ends every child process group it started; the
// run then stops its engine, removes its temp folders and writes what it has (reports of the
// checks that finished, an inconclusive entry for the interrupted one, the summary), and the
// process exits with 128 + the signal's number. A second signal, or a run that does not stop
// within the grace period, ends the process at once: children killed, temp folders removed.
// Commands that cannot stop part-way (lint, emit, trace, tlc) end at once on the first signal.

import { cleanUpNow } from '../process/exit-cleanup.js';
import { endAllGroups } from '../process/process-groups.js';

/** The exit code of a run stopped by each signal: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

const SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as StopSignal[];

/** How long a run may take to stop after the first signal before the process ends at once. */
const DEFAULT_GRACE_MS = 15_000;

export interface SignalLayer {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  received(): StopSignal | null;
  /** The exit code the run ends with because of a signal, or null when none came. */
  exitCode(): number | null;
  /** Says whether the running command stops by itself on abort (check, ci, tlc worker) or must be ended at once. */
  setGraceful(graceful: boolean): void;
  /** Removes the handlers (the exit cleanup stays: it only acts on what is still alive). */
  uninstall(): void;
}

export interface SignalLayerOptions {
  readonly stderr: { write(text: string): unknown };
  /** Ends the process; `process.exit` unless a test replaces it. */
  readonly exit?: (code: number) => void;
  readonly graceMs?: number;
}

/**
 * Installs the handlers on this process. On any exit (an uncaught error included) no child
 * group started by the run survives and no temp folder stays: exit-cleanup.ts sees to that.
 */
export function installSignalLayer(options: SignalLayerOptions): SignalLayer {
  const controller = new AbortController();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let first: StopSignal | null = null;
  let graceful = false;
  let watchdog: NodeJS.Timeout | undefined;
  const say = (text: string): void => {
    try {
      options.stderr.write(text);
    } catch {
      // A terminal that hung up (SIGHUP) cannot be written to; the run still stops.
    }
  };
  const endNow = (signal: StopSignal): void => {
    cleanUpNow();
    exit(SIGNAL_EXIT_CODES[signal]);
  };
  const handlers = new Map<StopSignal, () => void>();
  for (const signal of SIGNALS) {
    const handler = (): void => {
      if (first !== null || !graceful) {
        if (first !== null) say(`credspec: ${signal} again: ending at once\n`);
        first ??= signal;
        return endNow(signal);
      }
      first = signal;
      say(
        `credspec: ${signal}: stopping the run and writing what it has (another signal ends at once)\n`,
      );
      controller.abort(new Error(`interrupted by ${signal}`));
      endAllGroups();
      watchdog = setTimeout(() => {
        say(
          `credspec: the run did not stop within ${Math.round((options.graceMs ?? DEFAULT_GRACE_MS) / 1000)} s of ${signal}: ending at once\n`,
        );
        endNow(signal);
      }, options.graceMs ?? DEFAULT_GRACE_MS);
      watchdog.unref();
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return {
    signal: controller.signal,
    received: () => first,
    exitCode: () => (first === null ? null : SIGNAL_EXIT_CODES[first]),
    setGraceful: (g) => {
      graceful = g;
    },
    uninstall: () => {
      clearTimeout(watchdog);
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}
