// A diagnostic is data: a code from the one table (codes.ts), the arguments for its message
// template, and the span it points at. Text is made only when rendering (render.ts), so
// nothing ever matches on message text.

import type { Span } from '../source/span.js';
import type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

/** Named arguments substituted into the message template (`{name}`). */
export type DiagnosticArgs = Readonly<Record<string, string | number>>;

export interface RelatedLocation {
  readonly span: Span;
  /** A short note, already in plain words ("first declared here"). */
  readonly note: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly args: DiagnosticArgs;
  /** A "did you mean" or how-to-fix line, when one helps. */
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
}

/** True when any diagnostic is an error (the run then exits 2). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
