// Offsets to lines and columns for one text. Takes the decoded text; answers positions, spans and
// line contents. Line breaks are `\n`, `\r\n` and a lone `\r`; a tab is one column, as
// docs/language.md says. It does not read files.

import { at } from './checked-index.js';
import type { Position, Span } from './span.js';

/** The line starts of one text, for offset -> line:column in O(log lines). */
export class LineMap {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** Number of lines (an empty text has one, empty, line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a 0-based offset, clamped into [0, text.length]. */
  positionAt(offset: number): Position {
    const off = Number.isFinite(offset)
      ? Math.max(0, Math.min(Math.trunc(offset), this.text.length))
      : this.text.length;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at(this.starts, mid, 'line starts') <= off) lo = mid;
      else hi = mid - 1;
    }
    return { offset: off, line: lo + 1, column: off - at(this.starts, lo, 'line starts') + 1 };
  }

  /** The span [start, end) in `file`; `end` below `start` is raised to it. */
  span(file: string, start: number, end: number): Span {
    const s = this.positionAt(start);
    const e = this.positionAt(Math.max(end, s.offset));
    return { file, start: s, end: e };
  }

  /** The text of a 1-based line without its line break; '' past the end. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    const start = at(this.starts, line - 1, 'line starts');
    let end = line < this.starts.length ? at(this.starts, line, 'line starts') : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
