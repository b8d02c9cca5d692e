// The command line's view of its surroundings: output streams, whether stdout is a terminal,
// which streams take colour, the environment and the working folder. Commands take an Io so
// tests run the whole CLI in process and read what it printed; `processIo()` is the real one.

import { type ColourChoice, processColour } from './colour.js';

/** The streams of a terminal. */
export interface TerminalStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** Somewhere to write text. */
export interface OutStream {
  write(text: string): unknown;
}

export interface Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** True when stdout is a terminal (the interactive viewer). */
  readonly isTTY: boolean;
  /** Which streams take colour, decided once for the process (colour.ts); absent: neither. */
  readonly colour?: ColourChoice;
  /** Standard error when it is a terminal: the progress line is drawn there (progress-line.ts). */
  readonly stderrTerminal?: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line are relative to this folder. */
  readonly cwd: string;
  /** The real terminal, for the interactive trace viewer; absent in tests and pipes. */
  readonly terminal?: TerminalStreams;
  /** Aborted when the run is interrupted (SIGINT, SIGTERM, SIGHUP: signals.ts); runs stop and say so. */
  readonly signal?: AbortSignal;
}

/** The Io of the running process. */
export function processIo(): Io {
  const isTTY = process.stdout.isTTY === true;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY,
    colour: processColour(),
    ...(process.stderr.isTTY === true ? { stderrTerminal: process.stderr } : {}),
    env: process.env,
    cwd: process.cwd(),
    ...(isTTY && process.stdin.isTTY === true
      ? { terminal: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr } }
      : {}),
  };
}

/** An Io that records what was written, for tests and embedding. */
export function memoryIo(options: {
  cwd: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
}): Io & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => out,
    err: () => err,
  };
}

/** What went wrong writing the process's output, as seen by `watchProcessStreams`. */
export interface StreamWatch {
  /** The first write failure other than a closed pipe, as one line for the user; null if none. */
  failure(): string | null;
}

/**
 * Handles the process's stdout and stderr failing, in one place. A reader that closes early
 * (`credspec check x.cred | head -1`) is EPIPE: the rest of that stream's output is dropped and
 * the run ends with the exit code it would have had if the output had been read (docs/cli.md).
 * Any other failure (a full disk, a terminal gone: ENOSPC, EIO) loses output the user asked for,
 * so it is recorded: the caller says so on whichever stream still works and exits 3.
 */
export function watchProcessStreams(): StreamWatch {
  let failure: string | null = null;
  const watch =
    (name: 'stdout' | 'stderr') =>
    (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EPIPE') return;
      failure ??= `credspec: cannot write to standard ${name === 'stdout' ? 'output' : 'error'}: ${err.code ?? err.message}; output was lost\n`;
    };
  process.stdout.on('error', watch('stdout'));
  process.stderr.on('error', watch('stderr'));
  return { failure: () => failure };
}
