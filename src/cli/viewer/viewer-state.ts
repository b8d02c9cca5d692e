// The viewer's state and how each key changes it: a pure reducer, so navigation, following a
// thread and search are tested without a terminal. Takes the view, the state and a key;
// returns the next state. Never reads input itself; the ink shell translates key events.

import type { TraceStep } from '../../result/result-file.js';
import { lastIndex, stepAt, type TraceView } from './trace-view.js';

export type ViewerMode = 'steps' | 'help' | 'search';

export interface ViewerState {
  /** Position of the current step in the trace. */
  readonly cursor: number;
  /** The thread whose steps next/back jump to, or null for every step. */
  readonly follow: string | null;
  readonly mode: ViewerMode;
  /** The search text being typed (mode 'search'), or the last one searched. */
  readonly query: string;
  /** One line of feedback for the footer (search result, end of trace), or null. */
  readonly message: string | null;
  readonly quit: boolean;
}

/** A key press, already decoded. `char` carries the typed character for name 'char'. */
export type KeyPress =
  | {
      readonly name:
        | 'right'
        | 'left'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'enter'
        | 'escape'
        | 'backspace'
        | 'pageup'
        | 'pagedown';
    }
  | { readonly name: 'char'; readonly char: string };

/** The state the viewer opens in: the first step, every thread, no message. */
export function initialState(): ViewerState {
  return { cursor: 0, follow: null, mode: 'steps', query: '', message: null, quit: false };
}

function stepOf(view: TraceView, i: number): TraceStep | undefined {
  return view.steps[i];
}

function move(view: TraceView, s: ViewerState, dir: 1 | -1): ViewerState {
  const last = lastIndex(view);
  for (let i = s.cursor + dir; i >= 0 && i <= last; i += dir) {
    if (s.follow === null || stepOf(view, i)?.thread === s.follow)
      return { ...s, cursor: i, message: null };
  }
  const who = s.follow === null ? '' : ` of ${s.follow}`;
  return { ...s, message: dir === 1 ? `no later step${who}` : `no earlier step${who}` };
}

/** Why step `i` matches `query` (a variable it changes, or its text), or null. */
export function matchStep(step: TraceStep, query: string): string | null {
  const q = query.toLowerCase();
  const changed =
    Object.keys(step.changes).find(
      (k) => k.toLowerCase() === q || k.toLowerCase().endsWith(`.${q}`),
    ) ?? Object.keys(step.changes).find((k) => k.toLowerCase().includes(q));
  if (changed !== undefined) return `changes ${changed}`;
  for (const text of [step.source, step.step, step.thread]) {
    if (text !== null && text.toLowerCase().includes(q)) return `matches "${query}"`;
  }
  return null;
}

/** The next step after the cursor matching the query, wrapping to the start once. */
function search(view: TraceView, s: ViewerState, query: string): ViewerState {
  if (query === '') return { ...s, mode: 'steps', message: null };
  const n = view.steps.length;
  for (let k = 1; k <= n; k++) {
    const i = (s.cursor + k) % n;
    const step = stepAt(view, i);
    const why = matchStep(step, query);
    if (why !== null) {
      const wrapped = s.cursor + k >= n ? ' (from the start)' : '';
      return {
        ...s,
        mode: 'steps',
        query,
        cursor: i,
        message: `step ${step.index} ${why}${wrapped}`,
      };
    }
  }
  return { ...s, mode: 'steps', query, message: `no step changes or matches "${query}"` };
}

function cycleFollow(view: TraceView, s: ViewerState): ViewerState {
  const threads = view.facts.threads;
  const at = s.follow === null ? -1 : threads.indexOf(s.follow);
  const follow = threads[at + 1] ?? null;
  return {
    ...s,
    follow,
    message:
      follow === null
        ? 'following every thread'
        : `following ${follow}: next and back jump to its steps`,
  };
}

/** The state after one key press. */
export function applyKey(view: TraceView, s: ViewerState, key: KeyPress): ViewerState {
  if (s.mode === 'search') {
    if (key.name === 'enter') return search(view, s, s.query);
    if (key.name === 'escape') return { ...s, mode: 'steps', query: '', message: null };
    if (key.name === 'backspace') return { ...s, query: Array.from(s.query).slice(0, -1).join('') };
    if (key.name === 'char') return { ...s, query: s.query + key.char };
    return s;
  }
  if (s.mode === 'help') {
    if (key.name === 'char' && key.char === 'q') return { ...s, quit: true };
    return { ...s, mode: 'steps' };
  }
  switch (key.name) {
    case 'right':
    case 'down':
    case 'pagedown':
      return move(view, s, 1);
    case 'left':
    case 'up':
    case 'pageup':
      return move(view, s, -1);
    case 'home':
      return { ...s, cursor: 0, message: null };
    case 'end':
      return { ...s, cursor: lastIndex(view), message: null };
    case 'escape':
      return { ...s, message: null };
    case 'char':
      switch (key.char) {
        case 'n':
        case ' ':
        case 'l':
          return move(view, s, 1);
        case 'p':
        case 'h':
          return move(view, s, -1);
        case 'g':
          return { ...s, cursor: 0, message: null };
        case 'G':
          return { ...s, cursor: lastIndex(view), message: null };
        case 't':
          return cycleFollow(view, s);
        case '/':
          return { ...s, mode: 'search', query: '', message: null };
        case '?':
          return { ...s, mode: 'help', message: null };
        case 'q':
          return { ...s, quit: true };
        default:
          return s;
      }
    default:
      return s;
  }
}
