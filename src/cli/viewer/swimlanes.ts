// The swimlane pane: one column per thread, one row per step, the current step highlighted,
// threads shown unborn before their clone, exiting, gone after their exit, the lasso's step
// back, and marker rows for what repeats forever and for stuttering. Pure: (view, cursor, follow, width, height) -> lines.

import { loopSentence } from '../../trace/formats/text.js';
import { isAliveAt } from '../../trace/formats/trace-facts.js';
import type { TraceStep } from '../../result/result-file.js';
import { fit, type Segment, type StyledLine, wrapLine } from './styled-line.js';
import { stepAt, type TraceView } from './trace-view.js';

const GUTTER = 6; // marker (2) + index (3) + space

/** The short text of a step in its lane: `label: statement`. */
export function laneText(step: TraceStep): string {
  const label = step.step.includes('.')
    ? step.step.slice(step.step.lastIndexOf('.') + 1)
    : step.step;
  const text = step.source === null ? label : `${label}: ${step.source.replace(/\s+/g, ' ')}`;
  return step.outcome === undefined ? text : `${text} [${step.outcome}]`;
}

function cellFor(
  view: TraceView,
  step: TraceStep,
  thread: string,
): { text: string; style: Segment['style'] } {
  const life = view.facts.lives.get(thread);
  const own = step.thread === thread ? laneText(step) : null;
  if (life !== undefined) {
    if (life.bornAt === step.index)
      return {
        text: life.bornBy ? `+ born (clone of ${life.bornBy})` : '+ born (clone)',
        style: 'marker',
      };
    if (life.goneAt === step.index)
      return { text: own === null ? '(gone)' : `${own} (gone)`, style: 'marker' };
    if (life.exitingAt === step.index)
      return { text: own === null ? '(exiting)' : `${own} (exiting)`, style: 'marker' };
    if (!isAliveAt(life, step.index))
      return { text: step.index === 0 ? 'unborn' : '', style: 'dim' };
  }
  if (step.index === 0 && step.thread === null) return { text: 'start', style: 'dim' };
  if (own !== null) return { text: own, style: 'plain' };
  return { text: '│', style: 'dim' };
}

type Row = { kind: 'step'; at: number } | { kind: 'note'; text: string };

/** The rows after the last step: the lasso, the stuttering, or the deadlock and its wait-for picture. */
function notes(view: TraceView, width: number): Row[] {
  const out: Row[] = [];
  const r = view.result;
  if (r.loopsBackTo !== null)
    out.push({ kind: 'note', text: `↺ ${loopSentence(r) ?? `back to state ${r.loopsBackTo}`}` });
  else if (r.stuttering === true) out.push({ kind: 'note', text: '… then stuttering forever' });
  else if (r.verdict === 'deadlock') {
    out.push({ kind: 'note', text: '■ deadlock: no thread can move' });
    // Wrapped, not cut: the cycle and who holds what are the point of the picture.
    for (const w of view.waits)
      for (const piece of wrapLine(w, Math.max(1, width - GUTTER)))
        out.push({ kind: 'note', text: piece });
  }
  return out;
}

/** How many rows the lanes need at the last step to show it with every note under it. */
export function endRows(view: TraceView, width: number): number {
  return notes(view, width).length + 2;
}

/** Lines of the swimlane pane, exactly `height` of them (blank-padded), each at most `width` wide. */
export function renderSwimlanes(
  view: TraceView,
  cursor: number,
  follow: string | null,
  width: number,
  height: number,
): StyledLine[] {
  const threads = view.facts.threads;
  const lanes = Math.max(1, threads.length);
  const cellWidth = Math.max(3, Math.floor((width - GUTTER) / lanes) - 1);
  const out: StyledLine[] = [];
  const head: Segment[] = [{ text: fit('   #', GUTTER), style: 'heading' }];
  for (const t of threads)
    head.push({
      text: `${fit(t === follow ? `${t} (following)` : t, cellWidth)} `,
      style: t === follow ? 'current' : 'heading',
    });
  out.push(head);
  const rows: Row[] = [
    ...view.steps.map((_, at): Row => ({ kind: 'step', at })),
    ...notes(view, width),
  ];
  const r = view.result;
  const body = Math.max(0, height - 1);
  // Keep the current row in view, a third of the way down so what led to it stays visible.
  // At the last step the notes after it (the wait-for picture, the loop) come first, below it.
  const atEnd = cursor === view.steps.length - 1;
  const first = Math.max(
    0,
    Math.min(atEnd ? cursor : cursor - Math.floor(body / 3), rows.length - body),
  );
  for (const row of rows.slice(first, first + body)) {
    if (row.kind === 'note') {
      out.push([
        { text: ' '.repeat(GUTTER), style: 'plain' },
        { text: row.text, style: 'marker' },
      ]);
      continue;
    }
    const step = stepAt(view, row.at);
    const current = row.at === cursor;
    const mark = current
      ? '▶ '
      : step.backTo !== undefined
        ? '↩ '
        : r.loopsBackTo === step.index
          ? '↺ '
          : '  ';
    const segs: Segment[] = [
      { text: `${mark}${String(step.index).padStart(3)} `, style: current ? 'current' : 'dim' },
    ];
    for (const t of threads) {
      const c = cellFor(view, step, t);
      const style =
        current && step.thread === t
          ? 'current'
          : follow !== null && t !== follow
            ? 'dim'
            : c.style;
      segs.push({ text: `${fit(c.text, cellWidth)} `, style });
    }
    out.push(segs);
  }
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}
