// Diagnostics to text. Takes diagnostics and a way to get each file's text; returns the lines a
// user reads: `file:line:col: error CSnnnn: message`, the source line, a caret line under the
// span (tabs copied so carets line up in any terminal), then hint and related notes. Colour only
// when asked. It writes nothing itself.

import pc from 'picocolors';
import { LineMap } from '../source/line-map.js';
import { formatLocation } from '../source/span.js';
import { CODES } from './codes.js';
import type { Diagnostic, DiagnosticArgs } from './diagnostic.js';

export interface RenderOptions {
  /** ANSI colour; off unless asked for. */
  readonly color?: boolean;
  /** The text of a file by its display path (undefined: show no source line). */
  readonly source?: (file: string) => string | undefined;
}

/** The message of a diagnostic: its code's template with `{name}` filled from its args. */
export function formatMessage(code: string, args: DiagnosticArgs): string {
  const info = (CODES as Record<string, { message: string } | undefined>)[code];
  const template = info?.message ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in args ? String(args[name]) : whole,
  );
}

/** Sort order for reports: file, line, column, then code (so output never depends on phase order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  return (
    a.span.start.line - b.span.start.line ||
    a.span.start.column - b.span.start.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * A renderer for many diagnostics: each file's line map is built once, the first time a
 * diagnostic in it is rendered (building one per diagnostic made a report quadratic in size).
 */
export function diagnosticRenderer(options: RenderOptions = {}): (d: Diagnostic) => string {
  const c = pc.createColors(options.color === true);
  const lineMaps = new Map<string, LineMap | undefined>();
  const mapOf = (file: string): LineMap | undefined => {
    if (!lineMaps.has(file)) {
      const text = options.source?.(file);
      lineMaps.set(file, text === undefined ? undefined : new LineMap(text));
    }
    return lineMaps.get(file);
  };
  return (d) => {
    const severity = d.severity === 'error' ? c.bold(c.red('error')) : c.bold(c.yellow('warning'));
    const out = [
      `${c.bold(formatLocation(d.span))}: ${severity} ${c.dim(d.code)}: ${formatMessage(d.code, d.args)}`,
    ];
    const map = mapOf(d.span.file);
    if (map !== undefined)
      out.push(
        ...sourceExcerpt(map, d, (s) => (d.severity === 'error' ? c.red(s) : c.yellow(s)), c.dim),
      );
    if (d.hint !== undefined) out.push(`  ${c.cyan('hint')}: ${d.hint}`);
    for (const r of d.related ?? [])
      out.push(`  ${c.cyan('note')}: ${formatLocation(r.span)}: ${r.note}`);
    return out.join('\n');
  };
}

/** Renders one diagnostic as lines of text joined with `\n` (no trailing newline). */
export function renderDiagnostic(d: Diagnostic, options: RenderOptions = {}): string {
  return diagnosticRenderer(options)(d);
}

/** The span's first line with a gutter, and carets under the span (to that line's end). */
function sourceExcerpt(
  map: LineMap,
  d: Diagnostic,
  paint: (s: string) => string,
  dim: (s: string) => string,
): string[] {
  const line = d.span.start.line;
  if (line > map.lineCount) return [];
  const text = map.lineText(line);
  // A file with no text (one credspec refused to read) has nothing to point at.
  if (map.lineCount === 1 && text === '') return [];
  const startCol = d.span.start.column;
  const endCol =
    d.span.end.line === line
      ? Math.max(d.span.end.column, startCol + 1)
      : Math.max(text.length + 1, startCol + 1);
  // Long lines (a 2 MB line) are cut around the span so the report stays readable.
  const windowStart = startCol > 120 ? startCol - 60 : 1;
  const windowEnd = Math.min(text.length, windowStart + 199);
  const shown = text.slice(windowStart - 1, windowEnd);
  const prefix = windowStart > 1 ? '...' : '';
  const suffix = windowEnd < text.length ? '...' : '';
  const leadWidth = startCol - windowStart;
  const lead =
    shown.slice(0, leadWidth).replace(/[^\t]/g, ' ') +
    ' '.repeat(Math.max(0, leadWidth - shown.length));
  const caretCount = Math.max(1, Math.min(endCol, windowEnd + 1) - startCol);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  return [
    `  ${dim(gutter + ' |')} ${prefix}${printable(shown)}${suffix}`,
    `  ${dim(pad + ' |')} ${' '.repeat(prefix.length)}${lead}${paint('^'.repeat(caretCount))}`,
  ];
}

/** Control characters shown as a visible placeholder of the same width (tabs kept). */
function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\u00b7');
}
