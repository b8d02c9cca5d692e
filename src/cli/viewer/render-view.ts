// The viewer as a pure function: (view, state, size) -> exactly `rows` lines, none wider than
// `columns`. Full layout from 80x24 up (header, swimlanes, source, state, footer); below that
// a compact one (no swimlanes, a one-line source). The ink shell only draws what this returns.

import { describeParams } from '../../result/expectation.js';
import { loopSentence } from '../../trace/formats/text.js';
import { renderSource, sourceTitle } from './source-pane.js';
import { renderChanges, renderState } from './state-pane.js';
import { clipLine, fit, line, truncate, type Segment, type StyledLine } from './styled-line.js';
import { endRows, laneRows, renderSwimlanes } from './swimlanes.js';
import { lastIndex, stepAt, type TraceView } from './trace-view.js';
import type { ViewerState } from './viewer-state.js';

export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

/** The smallest size that gets the full layout. */
export const FULL_LAYOUT = { columns: 80, rows: 24 } as const;

/** Which layout a size gets. */
export function layoutFor(size: ScreenSize): 'full' | 'compact' {
  return size.columns >= FULL_LAYOUT.columns && size.rows >= FULL_LAYOUT.rows ? 'full' : 'compact';
}

/** The keys, as the help screen lists them. */
export const HELP_LINES: readonly string[] = [
  'Right, Down, Space, l  next step (of the followed thread, when following one)',
  'Left, Up, p, h         previous step',
  'Home, g / End, G       first step / last step',
  ':                      go to a step: type its number, Enter goes, Esc cancels',
  '=                      evaluate an expression at every step as a spec def would:',
  '                       type it, Enter shows it, empty stops',
  't                      follow a thread: cycles through them, then every thread',
  'f                      show the steps the violation does not depend on (again:',
  '                       fold them)',
  '/                      find the next step that changes a variable or matches',
  '                       text: type it, Enter searches, Esc cancels',
  'n / N                  next / previous match of the last search (n without one:',
  '                       next step)',
  'j / k                  scroll the state pane down / up a line',
  'PgDn / PgUp            scroll the state pane down / up ten lines',
  'e                      open every group of the state pane (again: fit them)',
  'c                      close every group to one line (again: fit them)',
  'Esc                    clear the message line',
  '?                      this help (any key closes it)',
  'q, Ctrl+C              quit',
];

function verdictSegment(view: TraceView): Segment {
  const r = view.result;
  const text =
    r.property === null ? r.verdict.toUpperCase() : `${r.verdict.toUpperCase()} ${r.property}`;
  return { text, style: r.verdict === 'holds' ? 'good' : 'bad' };
}

function stepCounter(view: TraceView, state: ViewerState): string {
  const step = stepAt(view, state.cursor);
  const last = stepAt(view, lastIndex(view));
  return `step ${step.index} of ${last.index}`;
}

function footer(state: ViewerState, width: number, compact: boolean): StyledLine {
  if (state.mode === 'search')
    return [{ text: truncate(`/${state.query}█  (Enter find, Esc cancel)`, width), style: 'bold' }];
  if (state.mode === 'expr')
    return [
      {
        text: truncate(`=${state.expr}█  (expression, Enter evaluates, Esc cancels)`, width),
        style: 'bold',
      },
    ];
  if (state.mode === 'goto')
    return [
      {
        text: truncate(`:${state.target}█  (step number, Enter go, Esc cancel)`, width),
        style: 'bold',
      },
    ];
  if (state.message !== null) return [{ text: truncate(state.message, width), style: 'bold' }];
  const hints = compact
    ? '←/→ step  t thread  / find  ? help  q quit'
    : '←/→ step  : go to  t follow  / find n/N  j/k e/c state  = eval  ? help  q quit';
  return [{ text: truncate(hints, width), style: 'dim' }];
}

function rule(title: string, width: number): StyledLine {
  const head = title === '' ? '' : `── ${title} `;
  return [
    { text: truncate(head, width) + '─'.repeat(Math.max(0, width - head.length)), style: 'dim' },
  ];
}

function helpScreen(width: number, rows: number): StyledLine[] {
  const out: StyledLine[] = [line('credspec trace: keys', 'heading'), []];
  for (const h of HELP_LINES) out.push(line(truncate(h, width)));
  out.push([], line('press any key to go back', 'dim'));
  return out.slice(0, rows);
}

function fullLayout(view: TraceView, state: ViewerState, size: ScreenSize): StyledLine[] {
  const { columns: w, rows } = size;
  const r = view.result;
  const step = stepAt(view, state.cursor);
  const params = describeParams(r.overrides ?? r.params);
  const out: StyledLine[] = [];
  out.push([
    { text: 'credspec trace  ', style: 'bold' },
    {
      text: `${r.spec}  variant ${r.variant}${params === '' ? '' : ` (${params})`}  engine ${r.engine}`,
      style: 'plain',
    },
  ]);
  const follow = state.follow === null ? '' : `  following ${state.follow}`;
  out.push([
    verdictSegment(view),
    { text: `  ${stepCounter(view, state)}${follow}`, style: 'bold' },
  ]);
  const avail = rows - 6; // two header lines, three rules, the footer
  const sourceHeight = Math.max(3, Math.min(9, Math.floor(avail / 4)));
  // Lanes take at most half the room, and no more than the trace needs; the state gets the rest.
  // At the last step they may take more, down to three lines of state, for the notes under it
  // (the wait-for picture and its cycle).
  const atEnd = state.cursor === lastIndex(view);
  const laneHeight = Math.max(
    3,
    Math.min(Math.floor((avail - sourceHeight) / 2), laneRows(view, state.folded) + 2),
    atEnd ? Math.min(endRows(view, w), avail - sourceHeight - 3) : 0,
  );
  const stateHeight = avail - sourceHeight - laneHeight;
  out.push(rule('', w));
  out.push(...renderSwimlanes(view, state.cursor, state.follow, w, laneHeight, state.folded));
  out.push(rule(sourceTitle(step), w));
  out.push(...renderSource(view, step, w, sourceHeight));
  out.push(
    rule(
      step.backTo === undefined
        ? `state after step ${step.index}`
        : `state after step ${step.index} (state ${step.backTo} again)`,
      w,
    ),
  );
  const stateLines = renderState(view, step, w, stateHeight, state);
  out.push(...stateLines);
  for (let i = stateLines.length; i < stateHeight; i++) out.push([]);
  out.push(footer(state, w, false));
  return out;
}

function compactLayout(view: TraceView, state: ViewerState, size: ScreenSize): StyledLine[] {
  const { columns: w, rows } = size;
  const step = stepAt(view, state.cursor);
  const r = view.result;
  const head: StyledLine = [
    verdictSegment(view),
    {
      text: ` ${stepCounter(view, state)} ${step.thread ?? ''}${state.follow === null ? '' : ` (following ${state.follow})`}`,
      style: 'bold',
    },
  ];
  const loc = step.location;
  const where =
    loc === null ? sourceTitle(step) : `${loc.file}:${loc.line}:${loc.column} ${step.step}`;
  const text =
    loc === null ? null : (view.sources.get(loc.file)?.[loc.line - 1]?.trim() ?? step.source);
  const out: StyledLine[] = [head, line(truncate(where, w))];
  if (text !== null && text !== undefined)
    out.push([
      { text: '▶ ', style: 'current' },
      { text: truncate(text, w - 2), style: 'current' },
    ]);
  if (r.loopsBackTo !== null && step.index === view.steps.length - 1)
    out.push(
      line(truncate(`↺ ${loopSentence(r) ?? `back to state ${r.loopsBackTo}`}`, w), 'marker'),
    );
  const room = Math.max(0, rows - out.length - 1);
  const changes = renderChanges(step, w, view);
  out.push(...changes.slice(0, room));
  if (changes.length > room && room > 0)
    out[out.length - 1] = line(truncate(`… ${changes.length - room + 1} more changes`, w), 'dim');
  while (out.length < rows - 1) out.push([]);
  if (rows >= 2) out.push(footer(state, w, true));
  return out;
}

/**
 * The screen for a state: exactly `size.rows` lines, each at most `size.columns` wide. A size
 * below 80x24 gets the compact layout; any size, down to one line, stays well formed.
 */
export function renderView(view: TraceView, state: ViewerState, size: ScreenSize): StyledLine[] {
  const columns = Math.max(1, Math.floor(size.columns));
  const rows = Math.max(1, Math.floor(size.rows));
  const fixed = { columns, rows };
  let lines: StyledLine[];
  if (state.mode === 'help') lines = helpScreen(columns, rows);
  else if (layoutFor(fixed) === 'full') lines = fullLayout(view, state, fixed);
  else lines = compactLayout(view, state, fixed);
  const out = lines.slice(0, rows).map((l) => clipLine(l, columns));
  while (out.length < rows) out.push([]);
  const [first] = lines;
  if (layoutFor(fixed) === 'compact' && rows === 1 && state.mode !== 'help' && first !== undefined)
    out[0] = clipLine(first, columns);
  return out.map((l) => (l.length === 0 ? [{ text: fit('', 0), style: 'plain' as const }] : l));
}
