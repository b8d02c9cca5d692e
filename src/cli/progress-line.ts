// One self-rewriting status line on standard error while models are checked: which check runs
// (`12/58 spec variant (params)` in ci), states found, queue, depth, rate and the time since the
// run started. Drawn by log-update, only when stderr is a terminal and neither CI nor TERM=dumb
// is set, so logs and redirected output hold only results; it is wiped before anything else is
// written, so it never lands in the middle of a line.

import { createLogUpdate } from 'log-update';
import type { Io, OutStream } from './io.js';
import type { ProgressStats } from '../driver/run-case.js';

/** The check that starts: its spec, variant and parameters as `NAME=value, ...` ('' for none). */
export interface StartingCheck {
  readonly spec: string;
  readonly variant: string;
  readonly params: string;
}

export interface ProgressLine {
  /** The Io to print through while the line may be shown: every write wipes the line first. */
  readonly io: Io;
  start(check: StartingCheck): void;
  update(stats: ProgressStats): void;
  clear(): void;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `m:ss`, or `h:mm:ss` from an hour on. */
function elapsedText(ms: number): string {
  const total = Math.floor(ms / 1000);
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The line's text, at most `width` characters: the check (numbered when the total is known), its
 * statistics and the run's time. A line too long loses the end of the check's name, not the numbers.
 */
export function progressText(
  check: StartingCheck & { readonly index: number; readonly total: number | null },
  stats: ProgressStats | null,
  times: { readonly checkMs: number; readonly runMs: number },
  width: number,
): string {
  const counter = check.total === null ? '' : `${check.index}/${check.total} `;
  const what = `${counter}${check.spec} ${check.variant}${check.params === '' ? '' : ` (${check.params})`}`;
  const elapsed = `${elapsedText(times.runMs)} elapsed`;
  let rest = `: starting, ${elapsed}`;
  if (stats !== null) {
    const seconds = stats.seconds ?? times.checkMs / 1000;
    const rate = Math.round(stats.distinct / Math.max(seconds, 0.001));
    rest = `: ${count(stats.distinct)} states, ${count(stats.queue)} queued, depth ${stats.depth}, ${count(rate)} states/s, ${elapsed}`;
  }
  if (what.length + rest.length <= width) return what + rest;
  const room = width - rest.length - 1;
  return room > 0 ? `${what.slice(0, room)}…${rest}` : (what + rest).slice(0, width);
}

function wiping(stream: OutStream, wipe: () => void): OutStream {
  return {
    write: (text: string) => {
      wipe();
      return stream.write(text);
    },
  };
}

/**
 * The progress line of a run on `io`, or one that draws nothing when stderr is not a terminal or
 * CI or TERM=dumb is set. `total` counts the checks the run will start; it is called only when
 * the line is drawn (counting loads every spec once more).
 */
export function progressLine(io: Io, total?: () => number): ProgressLine {
  const terminal = io.stderrTerminal;
  const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false';
  if (terminal === undefined || ci || io.env.TERM === 'dumb')
    return { io, start() {}, update() {}, clear() {} };
  const draw = createLogUpdate(terminal, { showCursor: true });
  const runStarted = Date.now();
  const checks = total === undefined ? null : total();
  let current: (StartingCheck & { index: number; total: number | null }) | null = null;
  let checkStarted = runStarted;
  let shown = false;
  const clear = (): void => {
    if (shown) draw.clear();
    shown = false;
  };
  const show = (stats: ProgressStats | null): void => {
    if (current === null) return;
    const now = Date.now();
    const times = { checkMs: now - checkStarted, runMs: now - runStarted };
    // One line: a line the terminal wraps would leave its first half behind when wiped.
    draw(progressText(current, stats, times, Math.max((terminal.columns || 80) - 1, 1)));
    shown = true;
  };
  return {
    io: {
      ...io,
      // Both: stdout may be the same terminal, or be stderr itself (`--json -`).
      stdout: wiping(io.stdout, clear),
      stderr: wiping(io.stderr, clear),
    },
    start(check) {
      current = { ...check, index: (current?.index ?? 0) + 1, total: checks };
      checkStarted = Date.now();
      show(null);
    },
    update: show,
    clear,
  };
}
