// Source positions. Every AST node carries a Span; line and column are 1-based and count
// characters (a tab is one column), so a caret printed under a span lines up in any editor.

/** A position in a source file. `offset` is the 0-based character index. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open range [start, end) in one file. */
export interface Span {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/** `file:line:col` of the span's start, the form every message and trace uses. */
export function formatLocation(span: Span): string {
  return `${span.file}:${span.start.line}:${span.start.column}`;
}

/** The smallest span covering both; both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  return {
    file: a.file,
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}
