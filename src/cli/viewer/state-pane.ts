// The state pane: the whole state after the current step, grouped shared / per thread / per
// call, each variable this step changed marked `* name: before -> after` (a thread's status
// too: `* status: unborn -> alive by clone of p1`), long values folded; at the last step the
// breaking state first. Pure. Groups are fitted to the room (unchanged groups fold to one line
// first), all open or all closed, as the user asks; what still does not fit scrolls.

import type { TraceStep } from '../../result/result-file.js';
import {
  classifyVariable,
  describeStatusChange,
  statusChanges,
  type StatusChange,
} from '../../trace/formats/trace-facts.js';
import { formatChange, formatValue } from '../../trace/formats/value-text.js';
import { breakingLines } from '../../trace/formats/breaking-lines.js';
import { truncate, type StyledLine, wrapLine } from './styled-line.js';
import { lastIndex, type TraceView } from './trace-view.js';

/** How the pane shows its groups: fitted to the room, every one open, every one closed to a line. */
export type GroupView = 'fit' | 'open' | 'closed';
import { at } from '../../source/checked-index.js';

interface Group {
  readonly title: string;
  readonly vars: { readonly name: string; readonly key: string; readonly status?: StatusChange }[];
}

/** The status changes of `step` (births, exits, ends), from the trace it belongs to. */
function statusChangesOf(view: TraceView, step: TraceStep): readonly StatusChange[] {
  return view.steps[step.index] === step ? statusChanges(view.steps, step.index) : [];
}

function groupsOf(view: TraceView, step: TraceStep): Group[] {
  const keys = [...new Set([...Object.keys(step.state), ...Object.keys(step.changes)])];
  const groups = new Map<string, Group>();
  const groupFor = (title: string): Group => {
    const found = groups.get(title);
    if (found !== undefined) return found;
    const made: Group = { title, vars: [] };
    groups.set(title, made);
    return made;
  };
  const order: string[] = ['shared'];
  for (const t of view.facts.threads) order.push(`thread ${t}`);
  // A thread that is not simply alive says so in its title; a status change is a changed line.
  const titleOf = (thread: string): string => {
    const status = step.threads?.[thread];
    return status === undefined || status === 'alive'
      ? `thread ${thread}`
      : `thread ${thread} (${status})`;
  };
  for (const c of statusChangesOf(view, step)) {
    const title = titleOf(c.thread);
    groupFor(title).vars.push({ name: 'status', key: `thread ${c.thread} status`, status: c });
  }
  for (const key of keys) {
    const s = classifyVariable(key);
    const title =
      s.kind === 'shared'
        ? 'shared'
        : s.kind === 'thread'
          ? titleOf(s.thread)
          : `call ${s.thread} › ${s.call}`;
    groupFor(title).vars.push({ name: s.name, key });
  }
  // Unborn, exiting and gone slots show even when they have no variables of their own.
  for (const [thread, status] of Object.entries(step.threads ?? {})) {
    const title = titleOf(thread);
    if (status !== 'alive') groupFor(title);
  }
  // Shared first, then each thread followed by its live calls.
  const sorted = [...groups.values()].sort(
    (a, b) =>
      rank(a.title) - rank(b.title) || a.title.localeCompare(b.title, 'en', { numeric: true }),
  );
  function rank(title: string): number {
    if (title === 'shared') return -1;
    const owner = at(title.replace(/^(thread|call) /, '').split(' › '), 0, 'a title');
    const thread = owner.replace(/ \(.*\)$/, '');
    const i = view.facts.threads.indexOf(thread);
    return (i < 0 ? order.length : i) * 2 + (title.startsWith('call') ? 1 : 0);
  }
  return sorted;
}

/** One variable of a group: its status change, its change, or its value. */
function variableLine(v: Group['vars'][number], step: TraceStep, width: number): StyledLine {
  const change = step.changes[v.key];
  if (v.status !== undefined) {
    const c = v.status;
    const by = c.by !== undefined ? ` by clone of ${c.by}` : '';
    return [
      { text: truncate(`* status: ${c.before} -> ${c.after}${by}`, width), style: 'changed' },
    ];
  }
  if (change !== undefined)
    return [{ text: truncate(`* ${v.name}: ${formatChange(change)}`, width), style: 'changed' }];
  const value = step.state[v.key];
  const shown = value === undefined ? 'none' : formatValue(value);
  return [{ text: truncate(`  ${v.name} = ${shown}`, width), style: 'plain' }];
}

/** The breaking state, at the trace's last step (not a lasso's step back), wrapped to the width. */
function breakingBlock(view: TraceView, step: TraceStep, width: number): StyledLine[] {
  const lines = breakingLines(view.result);
  if (step.index !== view.steps[lastIndex(view)]?.index || step.backTo !== undefined) return [];
  // A deadlock's whole state is the groups below: its heading says enough here.
  const shown = view.result.verdict === 'deadlock' ? lines.slice(0, 1) : lines;
  return shown.flatMap((l, i) =>
    wrapLine(l, width).map(
      (piece): StyledLine => [{ text: piece, style: i === 0 ? 'bad' : 'plain' }],
    ),
  );
}

/**
 * The group lines at a fold level. 0 shows everything; 1 folds groups this step left alone; 2
 * also hides the unchanged variables of changed groups; 3 drops the folded groups to one
 * closing line, so what the step changed stays on screen; 4 closes every group to one line.
 */
function groupLines(
  view: TraceView,
  step: TraceStep,
  width: number,
  fold: 0 | 1 | 2 | 3 | 4,
): StyledLine[] {
  const groups = groupsOf(view, step);
  const out: StyledLine[] = [];
  let untouched = 0;
  for (const g of groups) {
    const changed = g.vars.filter((v) => v.status !== undefined || v.key in step.changes);
    if (fold === 4) {
      const what =
        g.vars.length === 0 ? '' : `: ${g.vars.length} variables, ${changed.length} changed`;
      out.push([
        {
          text: truncate(`${g.title}${what}`, width),
          style: changed.length > 0 ? 'heading' : 'dim',
        },
      ]);
      continue;
    }
    if (fold === 3 && changed.length === 0) {
      untouched++;
      continue;
    }
    if (fold >= 1 && changed.length === 0) {
      out.push([
        {
          text: truncate(
            g.vars.length === 0 ? g.title : `${g.title}: ${g.vars.length} unchanged`,
            width,
          ),
          style: 'dim',
        },
      ]);
      continue;
    }
    const hidden = fold >= 2 ? g.vars.length - changed.length : 0;
    out.push([
      {
        text: truncate(hidden === 0 ? g.title : `${g.title} (+${hidden} unchanged)`, width),
        style: 'heading',
      },
    ]);
    for (const v of fold >= 2 ? changed : g.vars) out.push(variableLine(v, step, width));
  }
  if (untouched > 0)
    out.push([{ text: truncate(`${untouched} more groups unchanged`, width), style: 'dim' }]);
  return out;
}

/** What the user chose for the pane: how its groups show, and the expression it evaluates. */
export interface PaneChoice {
  readonly groups: GroupView;
  readonly watch: string | null;
}

/** The `=` prompt's expression and its value at this step (or why it has none), wrapped. */
function watchBlock(
  view: TraceView,
  step: TraceStep,
  width: number,
  watch: string | null,
): StyledLine[] {
  if (watch === null) return [];
  if (view.evaluate === undefined)
    return [[{ text: truncate(`= ${watch}: reading the spec's names…`, width), style: 'dim' }]];
  const got = view.evaluate(step, watch);
  const text = got.ok ? `= ${watch}: ${formatValue(got.value)}` : `= ${watch}: error: ${got.error}`;
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width))
    .map((piece): StyledLine => [{ text: piece, style: got.ok ? 'heading' : 'bad' }]);
}

/** Every line of the pane for a step before scrolling: the watched expression, the breaking state, then the groups as `groups` says. */
export function stateLines(
  view: TraceView,
  step: TraceStep,
  width: number,
  height: number,
  pane: PaneChoice,
): StyledLine[] {
  const groups = pane.groups;
  const breaking = [
    ...watchBlock(view, step, width, pane.watch),
    ...breakingBlock(view, step, width),
  ];
  if (groups !== 'fit')
    return [...breaking, ...groupLines(view, step, width, groups === 'open' ? 0 : 4)];
  const room = height - breaking.length;
  let out = groupLines(view, step, width, 0);
  for (const fold of [1, 2, 3] as const)
    if (out.length > room) out = groupLines(view, step, width, fold);
  return [...breaking, ...out];
}

/**
 * Lines of the state pane, at most `height`, each at most `width` wide: from line `scroll` on
 * (held so the last line stays at the bottom) with a last line saying where the window is and
 * how to move it, when the lines do not fit.
 */
export function renderState(
  view: TraceView,
  step: TraceStep,
  width: number,
  height: number,
  pane: PaneChoice & { readonly scroll: number } = { groups: 'fit', watch: null, scroll: 0 },
): StyledLine[] {
  const all = stateLines(view, step, width, height, pane);
  if (all.length <= height) return all;
  const room = Math.max(0, height - 1);
  const first = Math.max(0, Math.min(pane.scroll, all.length - room));
  const shown = all.slice(first, first + room);
  const where = `lines ${first + 1}-${first + shown.length} of ${all.length}: j/k PgUp/PgDn scroll, e open, c close groups`;
  const status: StyledLine = [{ text: truncate(where, width), style: 'dim' }];
  return [...shown, status].slice(0, height);
}

/** The changed variables of a step, one line each (the compact layout's state). */
export function renderChanges(step: TraceStep, width: number, view?: TraceView): StyledLine[] {
  const entries = Object.entries(step.changes);
  const lives = view === undefined ? [] : statusChangesOf(view, step);
  if (entries.length === 0 && lives.length === 0)
    return [
      [{ text: truncate(step.index === 0 ? 'initial state' : '(no change)', width), style: 'dim' }],
    ];
  return [
    ...lives.map(
      (c): StyledLine => [
        { text: truncate(`* ${describeStatusChange(c)}`, width), style: 'changed' },
      ],
    ),
    ...entries.map(
      ([k, c]): StyledLine => [
        { text: truncate(`* ${k}: ${formatChange(c)}`, width), style: 'changed' },
      ],
    ),
  ];
}
