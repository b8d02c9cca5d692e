// Shared by the robustness tests of `credspec trace`: runs it in process with a recording Io,
// and the patterns no output may match (a stack trace; a raw control character).

import type { TraceArgs, TraceIo } from '../../src/cli/commands/trace.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stack frame line, as V8 prints them. */
export const STACK_TRACE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/**
 * A character no output may carry raw: C0 controls but line feed and tab, DEL, C1 controls,
 * bidi marks, embeddings, overrides and isolates, line and paragraph separators.
 */
export const RAW_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Runs `run` (runTrace) on `args` from `cwd`, off a terminal, and records what it printed. */
export async function captureTrace(
  run: (a: TraceArgs, io: TraceIo) => Promise<number>,
  args: TraceArgs,
  cwd: string,
  env: Record<string, string> = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: TraceIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env,
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
