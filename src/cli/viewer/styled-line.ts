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

/**
 * A line broken into pieces of at most `width` columns, the continuations indented four past the
 * line's own indent; breaks at the last space that fits (spacing kept), else mid-word.
 */
export function wrapLine(text: string, width: number): string[] {
  const indent = ' '.repeat(text.search(/[^ ]|$/));
  const out: string[] = [];
  let rest = Array.from(text);
  let lead = '';
  while (rest.length > 0) {
    const room = Math.max(1, width - lead.length);
    if (rest.length <= room) {
      out.push(lead + rest.join(''));
      break;
    }
    const space = rest.lastIndexOf(' ', room);
    const cut = space > indent.length ? space : room;
    out.push(lead + rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === ' ') rest = rest.slice(1);
    lead = width > indent.length + 8 ? `${indent}    ` : '';
  }
  return out;
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
