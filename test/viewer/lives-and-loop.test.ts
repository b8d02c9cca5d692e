// The viewer on results that record thread statuses and a lasso's closing step (test/trace/
// fixtures): births, exits and ends in the lanes and the state pane, the step back to the loop
// as the last row, and frame variables only while their call is live.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultFile } from '../../src/result/result-file.js';
import { renderView } from '../../src/cli/viewer/render-view.js';
import { initialState, type ViewerState } from '../../src/cli/viewer/viewer-state.js';
import { REPO, texts, viewOf } from './helpers.js';

const load = (name: string): ResultFile =>
  JSON.parse(
    readFileSync(join(REPO, 'test', 'trace', 'fixtures', `${name}.json`), 'utf8'),
  ) as ResultFile;
const lasso = viewOf(load('lasso').results[0]!);
const gone = viewOf(load('clone-gone').results[0]!);
const frame = viewOf(load('frame').results[0]!);
const at = (cursor: number): ViewerState => ({ ...initialState(), cursor });
const SIZE = { columns: 100, rows: 40 };
/** The state pane's lines: below its rule, above the footer. */
const statePane = (screen: readonly string[]): string[] =>
  screen.slice(screen.findIndex((l) => l.startsWith('── state after')) + 1, -1);

describe('births, exits and ends', () => {
  test('the initial state shows the unborn slot', () => {
    const screen = texts(renderView(gone, at(0), SIZE));
    expect(screen).toContain('thread p2 (unborn)');
    expect(screen.find((l) => l.startsWith('▶   0'))).toMatch(/start +unborn/);
  });
  test('the clone step: a born lane and the status change in the state pane', () => {
    const screen = texts(renderView(gone, at(2), SIZE));
    expect(screen.find((l) => l.startsWith('▶   2'))).toMatch(
      /c: clone P +\+ born \(clone of p1\)/,
    );
    expect(screen).toContain('* status: unborn -> alive by clone of p1');
  });
  test('exit makes the thread exiting, the exit of P makes it gone', () => {
    const exiting = texts(renderView(gone, at(4), SIZE));
    expect(exiting.find((l) => l.startsWith('▶   4'))).toMatch(/x: exit \(exiting\)/);
    expect(exiting).toContain('thread p1 (exiting)');
    expect(exiting).toContain('* status: alive -> exiting');
    const ended = texts(renderView(gone, at(5), SIZE));
    expect(ended).toContain('* status: exiting -> gone');
    const compact = texts(renderView(gone, at(5), { columns: 60, rows: 15 }));
    expect(compact).toContain('* thread p1: exiting -> gone');
  });
});

describe("the lasso's step back", () => {
  test("is the last step row, marked, and its state is the loop's first again", () => {
    const screen = texts(renderView(lasso, at(4), SIZE));
    expect(screen[1]).toBe('VIOLATED p  step 4 of 4');
    expect(screen.find((l) => l.startsWith('── state after step 4'))).toMatch(
      /^── state after step 4 \(state 1 again\) /,
    );
    expect(screen).toContain('* locked: true -> false');
    expect(screen).toContain(
      '      ↺ states 1..3 repeat forever: steps 2..3, then w1 W.drop (line 10) goes back to state 1',
    );
    const earlier = texts(renderView(lasso, at(0), SIZE));
    expect(earlier.find((l) => /^↩ +4 /.test(l))).toMatch(/drop: locked := false/);
  });
});

describe('frames', () => {
  test('a frame variable shows only while its call is live', () => {
    expect(statePane(texts(renderView(frame, at(0), SIZE))).some((l) => l.includes('tmp'))).toBe(
      false,
    );
    const call = texts(renderView(frame, at(1), SIZE));
    expect(call).toContain('call a1 › bump');
    expect(call).toContain('* tmp: (unset) -> 0');
    expect(texts(renderView(frame, at(4), SIZE))).toContain('* tmp: 1 -> (unset)');
    const after = statePane(texts(renderView(frame, at(5), SIZE)));
    expect(after).toContain('* done_a: false -> true');
    expect(after.some((l) => l.includes('tmp'))).toBe(false);
  });
});
