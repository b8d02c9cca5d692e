// The one way lowering fails: its input is inconsistent. Lowering reads a program the checker
// accepted, so everything a user can get wrong has been reported before it runs; what is left is
// a checker gap or a lowering bug, raised as this exception and shown as internal error CS9001.

import type { Inconsistent } from '../check/resolve-params.js';
import type { Span } from '../source/span.js';

/** The checked program (or the case built from it) is not one lowering can have been given. */
export class LoweringError extends Error {
  constructor(
    /** Where in the spec lowering found the inconsistency. */
    readonly span: Span,
    /** What it found, in words for the CS9001 message. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'LoweringError';
  }
}

/** Fails with a LoweringError: what the phases before lowering call on tables that do not match the tree. */
export const inconsistent: Inconsistent = (span, detail) => {
  throw new LoweringError(span, detail);
};
