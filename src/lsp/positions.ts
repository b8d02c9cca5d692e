// Spans (1-based lines and columns counting UTF-16 units, as JavaScript strings do) to the
// protocol's 0-based ranges, and a protocol position back to an offset in a file's text.

import type { Location, Position, Range } from 'vscode-languageserver';
import type { Span } from '../source/span.js';
import type { Workspace } from './workspace.js';

export function rangeOf(span: Span): Range {
  return {
    start: { line: span.start.line - 1, character: span.start.column - 1 },
    end: { line: span.end.line - 1, character: span.end.column - 1 },
  };
}

export function locationOf(ws: Workspace, span: Span): Location {
  return { uri: ws.uriOf(span.file), range: rangeOf(span) };
}

/** The offset of a position in `text`; past the end of a line is that line's end. */
export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + pos.character, end);
}

/** True when `offset` lies in the span or just after it (a cursor at a name's end is on it). */
export function spanHolds(span: Span, file: string, offset: number): boolean {
  return span.file === file && span.start.offset <= offset && offset <= span.end.offset;
}
