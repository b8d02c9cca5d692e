// `f` in the viewer on the recorded L-1 deadlock: the steps the deadlock does not depend on fold
// into one lane row per run, next and back skip them, and `f` again shows every step.

import { renderView } from '../../src/cli/viewer/render-view.js';
import { applyKey, initialState, type ViewerState } from '../../src/cli/viewer/viewer-state.js';
import { loadFile, texts, viewOf } from './helpers.js';

const l1 = viewOf(loadFile('landlock-l1-deadlock.json').results[0]!);
const SIZE = { columns: 120, rows: 40 };
const key = (s: ViewerState, char: string): ViewerState => applyKey(l1, s, { name: 'char', char });

describe('folding the L-1 deadlock in the viewer', () => {
  test('f folds: caller1 prepares in one row, next goes from the start to count (step 10)', () => {
    const folded = key(initialState(), 'f');
    expect(folded.folded).toBe(true);
    expect(folded.message).toBe('steps the violation does not depend on folded (f shows them)');
    const screen = texts(renderView(l1, folded, SIZE));
    expect(screen).toContainEqual(expect.stringMatching(/^ {2}1-9 +… 9 steps folded +│/));
    expect(screen).toContainEqual(expect.stringMatching(/^ {3}14 +… 1 step folded +│/));
    const later = texts(renderView(l1, { ...folded, cursor: 26 }, SIZE));
    expect(later).toContainEqual(expect.stringMatching(/^17-25 +│ +… 9 steps folded/));
    const visited: number[] = [];
    let s = folded;
    for (let i = 0; i < 14; i++) {
      s = key(s, 'l');
      visited.push(s.cursor);
    }
    expect(visited).toEqual([10, 11, 12, 13, 15, 16, 26, 27, 28, 29, 31, 32, 32, 32]);
    expect(s.message).toBe('no later step');
  });
  test('f again shows every step; folding from a folded step moves to the next shown one', () => {
    const all = key(key(initialState(), 'f'), 'f');
    expect(all.folded).toBe(false);
    expect(key(all, 'l').cursor).toBe(1);
    const onFolded = key({ ...initialState(), cursor: 3 }, 'f');
    expect(onFolded.cursor).toBe(10);
  });
});
