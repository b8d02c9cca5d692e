// The viewer's keys for reaching everything a result holds, on the pure reducer and renderer:
// `:` and a number to go to a step, `n`/`N` to repeat a search either way, `j`/`k` and
// PgDn/PgUp to scroll the state pane, `e`/`c` to open or close its groups, the breaking state at
// the last step, and a help screen that names every key the reducer answers.

import { HELP_LINES, renderView } from '../../src/cli/viewer/render-view.js';
import {
  applyKey,
  initialState,
  type KeyPress,
  type ViewerState,
} from '../../src/cli/viewer/viewer-state.js';
import type { TraceView } from '../../src/cli/viewer/trace-view.js';
import { loadFile, texts, viewOf } from './helpers.js';
import { loadEvaluator } from '../../src/cli/viewer/load-evaluator.js';

const s1 = viewOf(loadFile('seccomp-s1-atomic.json').results[0]!);
const SIZE = { columns: 80, rows: 24 };
const char = (c: string): KeyPress => ({ name: 'char', char: c });

function press(view: TraceView, keys: readonly (KeyPress | string)[], from = initialState()) {
  return keys.reduce<ViewerState>(
    (s, k) =>
      typeof k === 'string'
        ? Array.from(k).reduce((acc, c) => applyKey(view, acc, char(c)), s)
        : applyKey(view, s, k),
    from,
  );
}

describe(': goes to a step', () => {
  test('typed digits then Enter land on that step; the footer shows what is typed', () => {
    let s = press(s1, [':', '1']);
    expect(s.mode).toBe('goto');
    expect(texts(renderView(s1, s, SIZE)).at(-1)).toMatch(/^:1█/);
    s = press(s1, ['7', { name: 'enter' }], s);
    expect(s.cursor).toBe(17);
    expect(texts(renderView(s1, s, SIZE))[1]).toMatch(/step 17 of 23/);
  });
  test('a step the trace does not have says so; letters are not typed; Esc cancels', () => {
    const s = press(s1, [':', 'x9', '9', { name: 'enter' }]);
    expect(s.cursor).toBe(0);
    expect(s.message).toBe('no step 99: steps are 0 to 23');
    expect(press(s1, [':', '5', { name: 'escape' }]).cursor).toBe(0);
  });
});

describe('n and N after a search', () => {
  test('n finds the next step matching the last search, N the previous one, wrapping', () => {
    let s = press(s1, ['/', 'changed', { name: 'enter' }]);
    const first = s.cursor;
    expect(s.message).toMatch(/^step \d+ changes caller1\.seccomp_tsync\.changed/);
    s = press(s1, ['n'], s);
    expect(s.cursor).toBeGreaterThan(first);
    s = press(s1, ['N'], s);
    expect(s.cursor).toBe(first);
    s = press(s1, ['N'], s);
    expect(s.message).toMatch(/\(from the end\)$/);
  });
  test('without a search n is still the next step and N says there is none', () => {
    expect(press(s1, ['n']).cursor).toBe(1);
    expect(press(s1, ['N']).message).toBe('no search yet: / to search');
  });
});

describe('the state pane reaches every variable', () => {
  const atEnd = press(s1, ['G']);
  test('e opens every group, j and PgDn scroll, k and PgUp come back, c closes them', () => {
    const fitted = texts(renderView(s1, atEnd, SIZE));
    expect(fitted.some((l) => /unchanged$/.test(l))).toBe(true);
    const open = press(s1, ['e'], atEnd);
    const screen = texts(renderView(s1, open, SIZE));
    const status = screen.find((l) => l.startsWith('lines 1-'));
    expect(status).toMatch(/^lines 1-\d+ of \d+: j\/k PgUp\/PgDn scroll, e open, c close groups$/);
    const down = press(s1, [{ name: 'pagedown' }, 'j'], open);
    expect(down.scroll).toBe(11);
    expect(texts(renderView(s1, down, SIZE)).find((l) => l.startsWith('lines '))).toMatch(
      /^lines 12-/,
    );
    expect(press(s1, [{ name: 'pageup' }, 'k'], down).scroll).toBe(0);
    // The step before the last: no breaking state above the groups.
    const closed = texts(renderView(s1, press(s1, ['p', 'c'], atEnd), SIZE));
    expect(closed).toContain('shared: 5 variables, 0 changed');
    expect(closed).toContain('call caller1 › seccomp_tsync: 6 variables, 0 changed');
  });
  test('scrolling stops at the last line; a new step starts at the top', () => {
    let s = press(s1, ['e'], atEnd);
    for (let i = 0; i < 40; i++) s = press(s1, [{ name: 'pagedown' }], s);
    const screen = texts(renderView(s1, s, SIZE));
    const status = screen.find((l) => l.startsWith('lines ')) ?? '';
    const [, last, total] = /-(\d+) of (\d+)/.exec(status) ?? [];
    expect(last).toBe(total);
    expect(press(s1, [{ name: 'left' }], s).scroll).toBe(0);
  });
});

describe('= evaluates an expression at the current step', () => {
  const atEnd = press(s1, ['G']);
  let view: TraceView = s1;
  beforeAll(async () => {
    view = await loadEvaluator(s1);
  }, 60000);
  // Wide enough that no value or message wraps.
  const paneOf = (s: ViewerState): string[] =>
    texts(renderView(view, s, { columns: 160, rows: 40 }));
  const evaluated = (text: string, from = atEnd): string | undefined => {
    const s = press(s1, ['=', text, { name: 'enter' }], from);
    return paneOf(s).find((l) => l.startsWith(`= ${text}:`));
  };
  test("until the spec's names are loaded the pane says so", () => {
    const s = press(s1, ['=', 'changed', { name: 'enter' }], atEnd);
    expect(texts(renderView(s1, s, SIZE))).toContain("= changed: reading the spec's names…");
  });
  test('the footer shows what is typed; Enter puts the value at the top of the state pane', () => {
    const typing = press(s1, ['=', 'finished'], atEnd);
    expect(typing.mode).toBe('expr');
    expect(paneOf(typing).at(-1)).toMatch(/^=finished█/);
    // A thread variable without a thread is, as in a property, the map of every thread's copy.
    expect(evaluated('finished')).toBe(
      '= finished: [caller1 |-> false, other1 |-> false, other2 |-> false]',
    );
  });
  test("the spec's names, as a def of the spec sees them: parameters, groups, threads' copies, defs", () => {
    expect(evaluated('OTHERS + card(GROUP)')).toBe('= OTHERS + card(GROUP): 5');
    expect(evaluated('{ c in GROUP | c notin Caller }')).toBe(
      '= { c in GROUP | c notin Caller }: {other1, other2}',
    );
    // A thread's copy by thread, under a binder.
    expect(evaluated('forall c in Caller: !finished[c]')).toBe(
      '= forall c in Caller: !finished[c]: true',
    );
    expect(evaluated('{ user_ret[c] : c in GROUP }')).toBe(
      '= { user_ret[c] : c in GROUP }: {R_NONE}',
    );
    // The spec's defs, with and without arguments; a def calling the prelude's.
    expect(evaluated('exec_pending()')).toBe('= exec_pending(): false');
    expect(evaluated('callers_finished() || OTHERS == 2')).toBe(
      '= callers_finished() || OTHERS == 2: true',
    );
  });
  test('the expression stays and is evaluated again at every step', () => {
    const s = press(s1, ['=', 'user_errno', { name: 'enter' }, 'g'], atEnd);
    expect(paneOf(s).find((l) => l.startsWith('= user_errno:'))).toBe(
      '= user_errno: [caller1 |-> OK, other1 |-> OK, other2 |-> OK]',
    );
    expect(s.watch).toBe('user_errno');
    // Esc keeps it; an empty expression stops it.
    expect(press(s1, ['=', 'x', { name: 'escape' }], s).watch).toBe('user_errno');
    const cleared = press(s1, ['=', { name: 'enter' }], s);
    expect(cleared.watch).toBeNull();
    expect(paneOf(cleared).some((l) => l.startsWith('= '))).toBe(false);
  });
  test("the checker's errors, at their column in the expression, are shown in the pane", () => {
    expect(evaluated('nosuch + 1')).toBe('= nosuch + 1: error: unknown name `nosuch` (column 1)');
    expect(evaluated('1 + true')).toBe(
      '= 1 + true: error: the right operand of `+` has type bool, expected int (column 5)',
    );
    expect(evaluated('OTHERS ==')).toBe(
      '= OTHERS ==: error: expected an expression, found end of file (column 10)',
    );
    // What only another procedure's code may name, and what only an action property may.
    expect(evaluated('bprm')).toBe('= bprm: error: unknown name `bprm` (column 1)');
    expect(evaluated("finished'")).toMatch(
      /: error: `finished'` \(next value\) is only allowed in an `action`/,
    );
    // Two expressions are not one.
    expect(evaluated('1 def x() = 2')).toBe('= 1 def x() = 2: error: not one expression');
  });
  test("in the scope of the thread that took the step: `self`, its procedure's locals", () => {
    // At the last step caller1 is in its call of seccomp_tsync, which found other2 changed.
    expect(evaluated('self')).toBe('= self: caller1');
    expect(evaluated('changed')).toBe('= changed: {other2}');
    expect(evaluated('finished[self] || changed == {}')).toBe(
      '= finished[self] || changed == {}: false',
    );
  });
  test('what the engine cannot evaluate, and what no state holds, say so', () => {
    expect(evaluated('head(<<>>)')).toMatch(/^= head\(<<>>\): error: .*empty sequence/);
    expect(evaluated('{ c in GROUP | stopped[c] }')).toBe(
      '= { c in GROUP | stopped[c] }: error: no step reads or writes stopped, so no state holds it',
    );
  });
});

describe('help', () => {
  test('names every key the reducer answers', () => {
    const help = HELP_LINES.join('\n');
    for (const key of [
      'Right',
      'Down',
      'Space',
      'l',
      'Left',
      'Up',
      'p',
      'h',
      'Home',
      'g',
      'End',
      'G',
    ])
      expect(help).toMatch(new RegExp(`(^|[ ,/])${key}([ ,/]|$)`, 'm'));
    for (const key of [
      ':',
      '=',
      't',
      '/',
      'n / N',
      'j / k',
      'PgDn / PgUp',
      'e',
      'c',
      'Esc',
      '?',
      'q, Ctrl+C',
    ])
      expect(HELP_LINES.some((l) => l.startsWith(`${key} `))).toBe(true);
    for (const l of HELP_LINES) expect(l.length).toBeLessThanOrEqual(80);
    expect(texts(renderView(s1, press(s1, ['?']), SIZE)).slice(2, 2 + HELP_LINES.length)).toEqual([
      ...HELP_LINES,
    ]);
  });
});

describe('the breaking state', () => {
  const result = loadFile('seccomp-s1-atomic.json').results[0]!;
  const view = viewOf({
    ...result,
    breakingState: {
      step: 22,
      falseParts: [
        {
          expression: 'changed == {}',
          where: { self: { '#mv': 'caller1' } },
          operands: [{ expression: 'changed', value: { '#set': [{ '#mv': 'other2' }] } }],
        },
      ],
      values: { 'caller1.seccomp_tsync.changed': { '#set': [{ '#mv': 'other2' }] } },
    },
  });
  test('opens the state pane at the last step, at 80x24, and only there', () => {
    const screen = texts(renderView(view, press(view, ['G']), SIZE));
    const top = screen.indexOf('── state after step 23 ' + '─'.repeat(57));
    expect(screen.slice(top + 1, top + 6).map((l) => l.trimEnd())).toEqual([
      'breaking state: state 22, where sc_atomic is false',
      '  false: changed == {}   (where self = caller1)',
      '         changed is {other2}',
      '  what sc_atomic reads:',
      '    caller1.seccomp_tsync.changed = {other2}',
    ]);
    const before = texts(renderView(view, press(view, ['G', 'p']), SIZE));
    expect(before.join('\n')).not.toContain('breaking state');
  });
});
