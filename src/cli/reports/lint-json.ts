// `credspec lint --format json`: diagnostics as data for editors and CI that read JSON. Takes the
// sorted diagnostics and the counts the text summary line shows; returns the JSON-ready object
// that schema/lint.schema.json describes. Positions are 1-based; `endColumn` is the column just
// after the span (as in SARIF and the text carets), so an empty span has endColumn == column.

import { formatMessage } from '../../diagnostics/render.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../source/span.js';

export interface LintRange {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface LintJsonDiagnostic extends LintRange {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
  readonly related: readonly (LintRange & { readonly message: string })[];
}

export interface LintSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

export interface LintJson {
  readonly tool: 'credspec';
  readonly version: string;
  readonly summary: LintSummary;
  readonly diagnostics: readonly LintJsonDiagnostic[];
}

export function rangeOf(span: Span): LintRange {
  return {
    file: span.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
  };
}

export function toLintJson(
  diagnostics: readonly Diagnostic[],
  summary: LintSummary,
  version: string,
): LintJson {
  return {
    tool: 'credspec',
    version,
    summary,
    diagnostics: diagnostics.map((d) => ({
      ...rangeOf(d.span),
      severity: d.severity,
      code: d.code,
      message: formatMessage(d.code, d.args),
      hint: d.hint ?? null,
      related: (d.related ?? []).map((r) => ({ ...rangeOf(r.span), message: r.note })),
    })),
  };
}
