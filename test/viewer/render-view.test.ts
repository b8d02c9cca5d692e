// The viewer's pure part: what each pane shows for a step, the compact layout, the bounds of
// any screen size, and how keys move through the trace.

import fc from 'fast-check';
import { renderView, layoutFor } from '../../src/cli/viewer/render-view.js';
import { lineText, textWidth } from '../../src/cli/viewer/styled-line.js';
import {
  applyKey,
  initialState,
  type KeyPress,
  type ViewerState,
} from '../../src/cli/viewer/viewer-state.js';
import { makeTraceView } from '../../src/cli/viewer/trace-view.js';
import { loadFile, texts, viewOf } from './helpers.js';

const deadlock = viewOf(loadFile('tsync-deadlock.json').results[1]!);
const lasso = viewOf(loadFile('tsync-lasso.json').results[0]!);
const invariant = viewOf(loadFile('tsync-invariant.json').results[0]!);
const at = (cursor: number, extra: Partial<ViewerState> = {}): ViewerState => ({
  ...initialState(),
  cursor,
  ...extra,
});
const ch = (char: string): KeyPress => ({ name: 'char', char });
const press = (view: typeof deadlock, keys: KeyPress[], from = initialState()): ViewerState =>
  keys.reduce((s, k) => applyKey(view, s, k), from);

describe('full layout', () => {
  const screen = texts(renderView(deadlock, at(6), { columns: 100, rows: 30 }));
  test('is exactly the screen size', () => {
    expect(screen).toHaveLength(30);
    for (const l of screen) expect(textWidth(l)).toBeLessThanOrEqual(100);
  });
  test('header: spec, variant, params, engine, verdict, step i of n', () => {
    expect(screen[0]).toBe(
      'credspec trace  test/fixtures/results/tsync-mini.cred  variant v2 (CALLERS=2)  engine embedded',
    );
    expect(screen[1]).toBe('DEADLOCK  step 6 of 10');
  });
  test('swimlanes: a column per thread, the current step marked', () => {
    expect(screen[3]).toMatch(/^ {3}# {2}caller1 +caller2 +$/);
    const current = screen.find((l) => l.startsWith('▶'))!;
    expect(current).toMatch(/^▶ {3}6 queue: atomic \{ num_preparing/);
    expect(screen).toContain('      ■ deadlock: no thread can move');
  });
  test('source pane: file:line:col and the statement line highlighted', () => {
    expect(screen).toContainEqual(
      expect.stringMatching(
        /^── test\/fixtures\/results\/tsync-mini\.cred:31:12 {2}restrict_siblings\.queue/,
      ),
    );
    expect(screen).toContainEqual(expect.stringMatching(/^▶31 │ {5}queue: atomic \{/));
    const styled = renderView(deadlock, at(6), { columns: 100, rows: 30 }).find((l) =>
      lineText(l).startsWith('▶31'),
    )!;
    expect(
      styled.find((s) => s.style === 'current' && s.text.startsWith('atomic {')),
    ).toBeDefined();
  });
  test('state pane: groups, and what the step changed as before -> after', () => {
    expect(screen).toContain('call caller1 › restrict_siblings (+5 unchanged)');
    expect(screen).toContain('* num_preparing: 1 -> 2');
    expect(screen).toContain('* works: {} -> {caller1.restrict_siblings}');
    const styled = renderView(deadlock, at(6), { columns: 100, rows: 30 }).find(
      (l) => lineText(l) === '* num_preparing: 1 -> 2',
    )!;
    expect(styled[0]!.style).toBe('changed');
  });
  test('a roomy screen shows whole groups with unchanged values', () => {
    const big = texts(renderView(deadlock, at(6), { columns: 120, rows: 60 }));
    expect(big).toContain('shared');
    expect(big).toContain('  commits = 0');
    expect(big).toContain('  all_prepared = { done: false }');
  });
  test('lanes show a clone birth and an exit', () => {
    const screen11 = texts(renderView(invariant, at(11), { columns: 100, rows: 30 }));
    expect(screen11.find((l) => l.startsWith('▶'))).toMatch(
      /spawn: clone Sibling +\+ born \(clone\)/,
    );
    expect(screen11.find((l) => l.includes('leave: exit'))).toContain('leave: exit (gone)');
  });
  test('the lasso: loop start marked, loop-back row at the end', () => {
    const end = texts(renderView(lasso, at(22), { columns: 100, rows: 40 }));
    // A file written before the closing step was recorded says the step back is not known.
    expect(
      end.find((l) =>
        l.startsWith(
          '      ↺ states 1..22 repeat forever: steps 2..22, then a step back to state 1',
        ),
      ),
    ).toBeDefined();
    const start = texts(renderView(lasso, at(0), { columns: 100, rows: 40 }));
    expect(start.find((l) => /^↺ +1 /.test(l))).toBeDefined();
  });
  test('the initial state has no source line', () => {
    const s = texts(renderView(deadlock, at(0), { columns: 100, rows: 30 }));
    expect(s).toContain('the initial state: no statement ran yet');
  });
  test('a spec file that could not be read is said so', () => {
    const view = makeTraceView(deadlock.result, new Map());
    expect(texts(renderView(view, at(6), { columns: 100, rows: 30 }))).toContain(
      'source not available: test/fixtures/results/tsync-mini.cred',
    );
  });
});

describe('compact layout', () => {
  test('under 80x24: no swimlanes, a one-line source, the changes', () => {
    expect(layoutFor({ columns: 79, rows: 40 })).toBe('compact');
    expect(layoutFor({ columns: 100, rows: 23 })).toBe('compact');
    const s = texts(renderView(deadlock, at(6), { columns: 60, rows: 15 }));
    expect(s).toHaveLength(15);
    expect(s[0]).toBe('DEADLOCK step 6 of 10 caller1');
    expect(s[1]).toBe('test/fixtures/results/tsync-mini.cred:31:12 restrict_siblin…');
    expect(s[2]).toMatch(/^▶ queue: atomic \{/);
    expect(s).toContain('* caller2.sigpending: false -> true');
    expect(s.some((l) => l.includes('caller1 ') && l.includes('caller2 ') && l.includes('#'))).toBe(
      false,
    );
  });
  test('any size, down to 1x1, gives exactly rows lines none wider than columns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 22 }),
        fc.constantFrom<ViewerState['mode']>('steps', 'help', 'search'),
        (columns, rows, cursor, mode) => {
          const lines = renderView(lasso, at(cursor, { mode, query: 'abc' }), { columns, rows });
          expect(lines).toHaveLength(rows);
          for (const l of lines) expect(textWidth(lineText(l))).toBeLessThanOrEqual(columns);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('keys', () => {
  test('next, back, Home and End', () => {
    expect(press(deadlock, [{ name: 'right' }, ch('n'), ch(' ')]).cursor).toBe(3);
    expect(press(deadlock, [{ name: 'end' }, { name: 'left' }, ch('p')]).cursor).toBe(8);
    expect(press(deadlock, [{ name: 'end' }, { name: 'home' }]).cursor).toBe(0);
    const stuck = press(deadlock, [{ name: 'end' }, { name: 'right' }]);
    expect(stuck.cursor).toBe(10);
    expect(stuck.message).toBe('no later step');
  });
  test('t follows one thread, cycling through the threads, then every thread', () => {
    const s1 = press(deadlock, [ch('t')]);
    expect(s1.follow).toBe('caller1');
    expect(press(deadlock, [ch('t'), ch('t')]).follow).toBe('caller2');
    expect(press(deadlock, [ch('t'), ch('t'), ch('t')]).follow).toBeNull();
    const steps: number[] = [];
    let s = press(deadlock, [ch('t'), ch('t')]);
    for (let i = 0; i < 6; i++) {
      s = applyKey(deadlock, s, ch('n'));
      steps.push(s.cursor);
    }
    expect(steps).toEqual([2, 4, 7, 8, 10, 10]);
    expect(s.message).toBe('no later step of caller2');
    expect(applyKey(deadlock, s, ch('p')).cursor).toBe(8);
  });
  test('/ finds the next step that changes a variable', () => {
    const typed = press(deadlock, [ch('/'), ...'works'.split('').map(ch)]);
    expect(typed.mode).toBe('search');
    expect(texts(renderView(deadlock, typed, { columns: 100, rows: 30 })).at(-1)).toMatch(
      /^\/works█/,
    );
    const found = applyKey(deadlock, typed, { name: 'enter' });
    expect(found.cursor).toBe(6);
    expect(found.message).toBe('step 6 changes caller2.works');
    const again = press(
      deadlock,
      [ch('/'), ...'works'.split('').map(ch), { name: 'enter' }],
      found,
    );
    expect(again.cursor).toBe(8);
    expect(again.message).toBe('step 8 changes caller1.works');
  });
  test('/ matches statement text too, wraps once, and says when nothing matches', () => {
    const s = press(deadlock, [
      { name: 'end' },
      ch('/'),
      ...'restrict_siblings()'.split('').map(ch),
      { name: 'enter' },
    ]);
    expect(s.cursor).toBe(3);
    expect(s.message).toBe('step 3 matches "restrict_siblings()" (from the start)');
    const none = press(deadlock, [ch('/'), ...'zzz'.split('').map(ch), { name: 'enter' }]);
    expect(none.cursor).toBe(0);
    expect(none.message).toBe('no step changes or matches "zzz"');
    expect(
      press(deadlock, [ch('/'), ch('x'), { name: 'backspace' }, { name: 'escape' }]).mode,
    ).toBe('steps');
  });
  test('? shows help, any key closes it, q quits', () => {
    const help = press(deadlock, [ch('?')]);
    expect(texts(renderView(deadlock, help, { columns: 100, rows: 30 }))[0]).toBe(
      'credspec trace: keys',
    );
    expect(applyKey(deadlock, help, ch('x')).mode).toBe('steps');
    expect(press(deadlock, [ch('q')]).quit).toBe(true);
  });
});
