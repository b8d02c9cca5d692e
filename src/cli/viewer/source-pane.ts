// The source pane: the spec file around the current step's line, the statement highlighted
// from its column, and its `file:line:col`. Pure: the command has already read the files; a
// file it could not read is reported in the pane, never thrown.

import type { TraceStep } from '../../result/result-file.js';
import { truncate, type StyledLine } from './styled-line.js';
import type { TraceView } from './trace-view.js';

/** The `file:line:col` title of a step's source, with its kernel link and fault outcome. */
export function sourceTitle(step: TraceStep): string {
  if (step.location === null) return step.index === 0 ? 'initial state' : step.step;
  const l = step.location;
  const parts = [`${l.file}:${l.line}:${l.column}`, step.step];
  if (step.outcome !== undefined) parts.push(`(${step.outcome})`);
  if (step.kernel !== undefined)
    parts.push(
      `kernel ${[step.kernel.file, step.kernel.func].filter((x) => x !== undefined).join(' ')}`,
    );
  return parts.join('  ');
}

/** Lines of the source pane, exactly `height`, each at most `width` wide. */
export function renderSource(
  view: TraceView,
  step: TraceStep,
  width: number,
  height: number,
): StyledLine[] {
  const out: StyledLine[] = [];
  const loc = step.location;
  const lines = loc === null ? undefined : view.sources.get(loc.file);
  if (loc === null) {
    out.push([
      {
        text: truncate(
          step.index === 0
            ? 'the initial state: no statement ran yet'
            : `no source location for ${step.step}`,
          width,
        ),
        style: 'dim',
      },
    ]);
  } else if (lines === undefined) {
    out.push([{ text: truncate(`source not available: ${loc.file}`, width), style: 'dim' }]);
    if (step.source !== null)
      out.push([
        { text: '▶ ', style: 'current' },
        { text: truncate(step.source, width - 2), style: 'current' },
      ]);
  } else {
    const numberWidth = String(Math.min(lines.length, loc.line + height)).length;
    const first = Math.max(
      1,
      Math.min(loc.line - Math.floor((height - 1) / 2), lines.length - height + 1),
    );
    for (let n = first; n < first + height && n <= lines.length; n++) {
      const text = (lines[n - 1] ?? '').replace(/\t/g, ' ');
      const gutter = `${n === loc.line ? '▶' : ' '}${String(n).padStart(numberWidth)} │ `;
      const room = Math.max(0, width - gutter.length);
      if (n !== loc.line) {
        out.push([
          { text: gutter, style: 'dim' },
          { text: truncate(text, room), style: 'plain' },
        ]);
        continue;
      }
      const col = Math.max(0, loc.column - 1);
      const before = text.slice(0, col);
      const stmt = text.slice(col);
      const keep = truncate(before, room);
      out.push([
        { text: gutter, style: 'current' },
        { text: keep, style: 'plain' },
        { text: truncate(stmt, Math.max(0, room - keep.length)), style: 'current' },
      ]);
    }
  }
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}
