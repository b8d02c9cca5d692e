// Takes nothing; declares the one shape in which finding Java, finding the jar and installing
// TLC report failure: a kind for code and tests, and a message for users that says what to do.
// It must not print or exit: the CLI turns a problem into its message and exit code 3.

/** Why TLC cannot be used. Every kind is an environment problem (CLI exit code 3). */
export type SetupProblemKind =
  | 'no-java'
  | 'old-java'
  | 'no-jar'
  | 'corrupt-jar'
  | 'download-failed'
  | 'checksum-mismatch'
  | 'write-failed';

export interface SetupProblem {
  readonly ok: false;
  readonly kind: SetupProblemKind;
  /** One paragraph: what failed and the ways to proceed. */
  readonly message: string;
}

/** A value, or the problem that prevented it. */
export type Setup<T> = ({ readonly ok: true } & T) | SetupProblem;

/** The way out that always exists: the embedded engine needs neither Java nor TLC. */
export const EMBEDDED_ADVICE =
  'or use the embedded engine, the default (run credspec check without --engine tlc), which needs neither Java nor TLC';

export function setupProblem(kind: SetupProblemKind, message: string): SetupProblem {
  return { ok: false, kind, message };
}
