// Lines of the viewer as data: text segments with a style name. The pure renderer returns
// these; the ink shell maps styles to colours and tests read the plain text. Width is counted
// in code points (the viewer's own characters are all one column wide).

/** What a segment means; the shell decides how it looks. */
export type Style =
  | 'plain'
  | 'bold'
  | 'dim'
  | 'current'
  | 'changed'
  | 'marker'
  | 'bad'
  | 'good'
  | 'heading';

export interface Segment {
  readonly text: string;
  readonly style: Style;
}

export type StyledLine = readonly Segment[];

/** A one-segment line. */
export function line(text: string, style: Style = 'plain'): StyledLine {
  return [{ text, style }];
}

/** Columns `text` takes on a terminal, counting code points. */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` cut to `width` columns, ending in "…" when it was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** `text` cut or padded with spaces to exactly `width` columns. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/** The plain text of a line. */
export function lineText(l: StyledLine): string {
  return l.map((s) => s.text).join('');
}

/** The line cut to `width` columns (the last kept segment ends in "…" when cut). */
export function clipLine(l: StyledLine, width: number): StyledLine {
  if (textWidth(lineText(l)) <= width) return l;
  const out: Segment[] = [];
  let used = 0;
  for (const s of l) {
    const w = textWidth(s.text);
    if (used + w < width) {
      out.push(s);
      used += w;
      continue;
    }
    out.push({ text: truncate(`${s.text}  `, width - used), style: s.style });
    break;
  }
  return out;
}
