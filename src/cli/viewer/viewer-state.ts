// The viewer's state and how each key changes it: a pure reducer, so navigation, following a
// thread and search are tested without a terminal. Takes the view, the state and a key;
// returns the next state. Never reads input itself; the ink shell translates key events.

import type { TraceStep } from '../../result/result-file.js';
import { lastIndex, stepAt, type TraceView } from './trace-view.js';
import { type GroupView, stateLines } from './state-pane.js';

/** The narrowest state pane (the full layout's): the most lines its wrapped text takes. */
const NARROWEST_PANE = 80;

export type ViewerMode = 'steps' | 'help' | 'search' | 'goto' | 'expr';

/** Lines PageUp and PageDown scroll the state pane by. */
export const PAGE_LINES = 10;

export interface ViewerState {
  /** Position of the current step in the trace. */
  readonly cursor: number;
  /** The thread whose steps next/back jump to, or null for every step. */
  readonly follow: string | null;
  readonly mode: ViewerMode;
  /** The search text being typed (mode 'search'), or the last one searched: `n` and `N` repeat it. */
  readonly query: string;
  /** The step number being typed after `:` (mode 'goto'). */
  readonly target: string;
  /** The expression being typed after `=` (mode 'expr'). */
  readonly expr: string;
  /** The expression the state pane evaluates at every step, or null for none. */
  readonly watch: string | null;
  /** The first line of the state pane on screen; back to 0 on every step. */
  readonly scroll: number;
  readonly groups: GroupView;
  /** Whether steps the violation does not depend on are folded (skipped by next and back); `f` toggles. */
  readonly folded: boolean;
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

/** The state the viewer opens in: the first step, every thread and every step, no message. */
export function initialState(): ViewerState {
  return {
    cursor: 0,
    follow: null,
    mode: 'steps',
    query: '',
    target: '',
    expr: '',
    watch: null,
    scroll: 0,
    groups: 'fit',
    folded: false,
    message: null,
    quit: false,
  };
}

function stepOf(view: TraceView, i: number): TraceStep | undefined {
  return view.steps[i];
}

function move(view: TraceView, s: ViewerState, dir: 1 | -1): ViewerState {
  const last = lastIndex(view);
  for (let i = s.cursor + dir; i >= 0 && i <= last; i += dir) {
    const step = stepOf(view, i);
    if (s.folded && step?.essential === false) continue;
    if (s.follow === null || step?.thread === s.follow)
      return { ...s, cursor: i, scroll: 0, message: null };
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

/** The next (or, going back, the previous) step from the cursor matching the query, wrapping once. */
function search(view: TraceView, s: ViewerState, query: string, dir: 1 | -1 = 1): ViewerState {
  if (query === '') return { ...s, mode: 'steps', message: null };
  const n = view.steps.length;
  for (let k = 1; k <= n; k++) {
    const i = (((s.cursor + dir * k) % n) + n) % n;
    const step = stepAt(view, i);
    const why = matchStep(step, query);
    if (why !== null) {
      const past = dir === 1 ? s.cursor + k >= n : s.cursor - k < 0;
      const wrapped = past ? (dir === 1 ? ' (from the start)' : ' (from the end)') : '';
      return {
        ...s,
        mode: 'steps',
        query,
        cursor: i,
        scroll: 0,
        message: `step ${step.index} ${why}${wrapped}`,
      };
    }
  }
  return { ...s, mode: 'steps', query, message: `no step changes or matches "${query}"` };
}

/** `n` and `N`: the search again, forward or back; with no search yet, `n` is the next step. */
function searchAgain(view: TraceView, s: ViewerState, dir: 1 | -1): ViewerState {
  if (s.query !== '') return search(view, s, s.query, dir);
  return dir === 1 ? move(view, s, 1) : { ...s, message: 'no search yet: / to search' };
}

/** The step whose index was typed after `:`. */
function goTo(view: TraceView, s: ViewerState): ViewerState {
  const wanted = Number(s.target);
  const i = view.steps.findIndex((step) => step.index === wanted);
  const done = { ...s, mode: 'steps' as const, target: '' };
  if (s.target === '') return { ...done, message: null };
  if (i < 0) return { ...done, message: `no step ${s.target}: steps are 0 to ${lastIndex(view)}` };
  return { ...done, cursor: i, scroll: 0, message: null };
}

/** The typed expression becomes the one the state pane evaluates; an empty one stops it. */
function watch(s: ViewerState): ViewerState {
  const text = s.expr.trim();
  return {
    ...s,
    mode: 'steps',
    expr: '',
    watch: text === '' ? null : text,
    scroll: 0,
    message: text === '' ? 'no expression evaluated' : null,
  };
}

/** A line of typed text (a search, a step number): Enter, Esc, Backspace and characters. */
function typed(
  s: ViewerState,
  key: KeyPress,
  field: 'query' | 'target' | 'expr',
  accept: (char: string) => boolean,
): ViewerState | null {
  if (key.name === 'escape') return { ...s, mode: 'steps', [field]: '', message: null };
  if (key.name === 'backspace')
    return { ...s, [field]: Array.from(s[field]).slice(0, -1).join('') };
  if (key.name === 'char' && accept(key.char)) return { ...s, [field]: s[field] + key.char };
  return key.name === 'enter' ? null : s;
}

function scrollBy(view: TraceView, s: ViewerState, lines: number): ViewerState {
  // Never past the last line the pane can have; the renderer keeps the window full.
  const step = stepAt(view, s.cursor);
  const most = stateLines(view, step, NARROWEST_PANE, 0, { ...s, groups: 'open' }).length - 1;
  return { ...s, scroll: Math.max(0, Math.min(most, s.scroll + lines)), message: null };
}

function toggleGroups(s: ViewerState, groups: GroupView): ViewerState {
  const next = s.groups === groups ? 'fit' : groups;
  const words = {
    fit: 'groups fitted to the room',
    open: 'every group open',
    closed: 'every group closed',
  };
  return { ...s, groups: next, scroll: 0, message: words[next] };
}

/** `f`: fold the steps the violation does not depend on, or show them all; the cursor stays on a shown step. */
function toggleFolded(view: TraceView, s: ViewerState): ViewerState {
  if (!view.steps.some((step) => step.essential === false))
    return { ...s, message: 'no step is folded: the result does not mark essential steps' };
  const folded = !s.folded;
  const on = { ...s, folded };
  const message = folded
    ? 'steps the violation does not depend on folded (f shows them)'
    : 'every step shown (f folds them again)';
  if (!folded || stepAt(view, s.cursor).essential !== false) return { ...on, message };
  const next = move(view, on, 1);
  const shown = next.cursor !== s.cursor ? next : move(view, on, -1);
  return { ...shown, message };
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

/** The state after a key in the steps mode's character keys. */
function applyChar(view: TraceView, s: ViewerState, char: string): ViewerState {
  switch (char) {
    case ' ':
    case 'l':
      return move(view, s, 1);
    case 'n':
      return searchAgain(view, s, 1);
    case 'N':
      return searchAgain(view, s, -1);
    case 'p':
    case 'h':
      return move(view, s, -1);
    case 'g':
      return { ...s, cursor: 0, scroll: 0, message: null };
    case 'G':
      return { ...s, cursor: lastIndex(view), scroll: 0, message: null };
    case 'j':
      return scrollBy(view, s, 1);
    case 'k':
      return scrollBy(view, s, -1);
    case 'e':
      return toggleGroups(s, 'open');
    case 'c':
      return toggleGroups(s, 'closed');
    case 't':
      return cycleFollow(view, s);
    case 'f':
      return toggleFolded(view, s);
    case '/':
      return { ...s, mode: 'search', query: '', message: null };
    case ':':
      return { ...s, mode: 'goto', target: '', message: null };
    case '=':
      return { ...s, mode: 'expr', expr: '', message: null };
    case '?':
      return { ...s, mode: 'help', message: null };
    case 'q':
      return { ...s, quit: true };
    default:
      return s;
  }
}

/** The state after one key press. */
export function applyKey(view: TraceView, s: ViewerState, key: KeyPress): ViewerState {
  if (s.mode === 'search') return typed(s, key, 'query', () => true) ?? search(view, s, s.query);
  if (s.mode === 'goto')
    return typed(s, key, 'target', (c) => c >= '0' && c <= '9') ?? goTo(view, s);
  if (s.mode === 'expr') return typed(s, key, 'expr', () => true) ?? watch(s);
  if (s.mode === 'help') {
    if (key.name === 'char' && key.char === 'q') return { ...s, quit: true };
    return { ...s, mode: 'steps' };
  }
  switch (key.name) {
    case 'right':
    case 'down':
      return move(view, s, 1);
    case 'left':
    case 'up':
      return move(view, s, -1);
    case 'pagedown':
      return scrollBy(view, s, PAGE_LINES);
    case 'pageup':
      return scrollBy(view, s, -PAGE_LINES);
    case 'home':
      return { ...s, cursor: 0, scroll: 0, message: null };
    case 'end':
      return { ...s, cursor: lastIndex(view), scroll: 0, message: null };
    case 'escape':
      return { ...s, message: null };
    case 'char':
      return applyChar(view, s, key.char);
    default:
      return s;
  }
}
