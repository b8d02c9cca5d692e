// The swimlane pane: one column per thread, one row per step, the current step highlighted,
// threads shown unborn before their clone, exiting, gone after their exit, the lasso's step
// back, and marker rows for what repeats forever and for stuttering. Folded, each run of steps the
// violation does not depend on is one row. Pure: (view, cursor, follow, width, height, folded) -> lines.

import { type FoldedRun, foldTrace, unfolded } from '../../trace/formats/fold-steps.js';
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

type Row =
  | { kind: 'step'; at: number }
  | { kind: 'folded'; run: FoldedRun }
  | { kind: 'note'; text: string };

/** The step rows: every step, or (folded) the essential ones with each run of the others as one row. */
function stepRows(view: TraceView, folded: boolean): Row[] {
  const parts = folded ? foldTrace(view.steps) : unfolded(view.steps);
  let at = 0;
  return parts.map((part): Row => {
    if (part.kind === 'folded') {
      at += part.steps.length;
      return { kind: 'folded', run: part };
    }
    return { kind: 'step', at: at++ };
  });
}

/** How many rows the steps take in the lanes. */
export function laneRows(view: TraceView, folded: boolean): number {
  return stepRows(view, folded).length;
}

/** A folded run's row: its step numbers, and in its thread's lane how many steps it stands for. */
function foldedRow(run: FoldedRun, threads: readonly string[], cellWidth: number): Segment[] {
  const first = run.steps[0]?.index ?? 0;
  const last = run.steps[run.steps.length - 1]?.index ?? first;
  const n = run.steps.length;
  const segs: Segment[] = [
    {
      text: fit(`${first === last ? first : `${first}-${last}`}`.padStart(GUTTER - 1), GUTTER),
      style: 'dim',
    },
  ];
  for (const t of threads)
    segs.push({
      text: `${fit(t === run.thread ? `… ${n} step${n === 1 ? '' : 's'} folded` : '│', cellWidth)} `,
      style: 'dim',
    });
  return segs;
}

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
  folded = false,
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
  const steps = stepRows(view, folded);
  const rows: Row[] = [...steps, ...notes(view, width)];
  // The cursor's row; a cursor on a folded step (folding never leaves it there) shows its run's row.
  const cursorRow = Math.max(
    0,
    steps.findIndex((row) => row.kind === 'step' && row.at >= cursor),
  );
  const r = view.result;
  const body = Math.max(0, height - 1);
  // Keep the current row in view, a third of the way down so what led to it stays visible.
  // At the last step the notes after it (the wait-for picture, the loop) come first, below it.
  const atEnd = cursor === view.steps.length - 1;
  const first = Math.max(
    0,
    Math.min(atEnd ? cursorRow : cursorRow - Math.floor(body / 3), rows.length - body),
  );
  for (const row of rows.slice(first, first + body)) {
    if (row.kind === 'note') {
      out.push([
        { text: ' '.repeat(GUTTER), style: 'plain' },
        { text: row.text, style: 'marker' },
      ]);
      continue;
    }
    if (row.kind === 'folded') {
      out.push(foldedRow(row.run, threads, cellWidth));
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
