// The exit codes of CLI.md and the rule that picks one when a run has several outcomes:
// the first that applies in the order 3, 2, 1, 4, 0.

export const EXIT = { ok: 0, violated: 1, badInput: 2, toolFailed: 3, inconclusive: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const PRIORITY: readonly ExitCode[] = [3, 2, 1, 4, 0];

/** The code that wins among several outcomes. */
export function combineExitCodes(codes: Iterable<ExitCode>): ExitCode {
  const present = new Set(codes);
  return PRIORITY.find((c) => present.has(c)) ?? EXIT.ok;
}
