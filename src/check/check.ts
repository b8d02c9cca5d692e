// The checker's entry point: names, types, labels and atomicity rules over a loaded program.
// Returns diagnostics and the side tables later phases read; never throws on bad input.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Program } from '../syntax/program.js';

export interface CheckedProgram {
  readonly program: Program;
  /** The checker's diagnostics only (the program's own come first when reporting). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Checks a loaded program. */
export function checkProgram(program: Program): CheckedProgram {
  return { program, diagnostics: [] };
}
