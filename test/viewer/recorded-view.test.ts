// The viewer's pure part on real recorded runs of the shipped specs: the source pane on the
// spec's line for each step, the change always visible in a state of a hundred variables, the
// L-1 wait-for picture under the swimlanes (none for a file from before results recorded it),
// and the size bound on every step.

import { renderView } from '../../src/cli/viewer/render-view.js';
import { textWidth } from '../../src/cli/viewer/styled-line.js';
import { makeTraceView } from '../../src/cli/viewer/trace-view.js';
import { applyKey, initialState, type ViewerState } from '../../src/cli/viewer/viewer-state.js';
import { loadFile, texts, viewOf } from './helpers.js';

const l1 = viewOf(loadFile('landlock-l1-deadlock.json').results[0]!);
const l3 = viewOf(loadFile('landlock-l3-frame.json').results[0]!);
const s1 = viewOf(loadFile('seccomp-s1-atomic.json').results[0]!);
const at = (cursor: number): ViewerState => ({ ...initialState(), cursor });
const SIZE = { columns: 120, rows: 40 };

describe('the L-1 deadlock', () => {
  test('the source pane shows the spec line of each step, highlighted', () => {
    const screen = texts(renderView(l1, at(16), SIZE));
    expect(screen[1]).toBe('DEADLOCK  step 16 of 32');
    expect(screen).toContainEqual(
      expect.stringMatching(
        /^── specs\/landlock-tsync\.cred:215:7 {2}restrict_siblings\.must_wait ─+$/,
      ),
    );
    expect(screen).toContainEqual(expect.stringMatching(/^▶215 │ {7}must_wait: if r > 0 \{$/));
    const first = texts(renderView(l1, at(1), SIZE));
    expect(first).toContainEqual(
      expect.stringMatching(/^▶385 │ {3}prctl_nnp: task_set_no_new_privs\(self\)$/),
    );
  });
  test('with a hundred variables the change stays on screen: groups fold, unchanged variables hide', () => {
    const screen = texts(renderView(l1, at(1), SIZE));
    expect(screen).toContain('thread caller1 (+18 unchanged)');
    expect(screen).toContain('* nnp: false -> true');
    const queue = texts(renderView(l1, at(13), SIZE));
    expect(queue).toContain(
      '* task_works: [caller1 |-> {}, caller2 |-> {}] -> [caller1 |-> {}, caller2 |-> {caller1}]',
    );
    expect(queue).toContain('* notify_signal: false -> true');
    expect(queue).toContain('* works: {} -> {caller2}');
  });
  test('under the swimlanes: each caller waits on all_prepared owed by the other, and the cycle', () => {
    const screen = texts(renderView(l1, at(32), SIZE));
    const i = screen.indexOf('      ■ deadlock: no thread can move');
    expect(i).toBeGreaterThan(0);
    expect(screen[i + 1]).toMatch(
      /^ {8}caller1 {2}waits on all_prepared, held or owed by caller2 \(asleep in wait_for_completion\(all_prepared\) at$/,
    );
    // Wrapped, not cut: the rest of the line under it, further in.
    expect(screen[i + 2]).toBe('            restrict_siblings.wait_prepared)');
    expect(screen[i + 3]).toMatch(
      /^ {8}caller2 {2}waits on all_prepared, held or owed by caller1 /,
    );
    expect(screen[i + 5]).toBe('        cycle: caller1 -> caller2 -> caller1');
  });
  test('at 80x24 the whole picture, wrapped, and its cycle are on screen at the last step', () => {
    const screen = texts(renderView(l1, at(32), { columns: 80, rows: 24 }));
    const i = screen.indexOf('      ■ deadlock: no thread can move');
    expect(i).toBeGreaterThan(0);
    expect(screen.slice(i + 1, i + 8).map((l) => l.trimEnd())).toEqual([
      '        caller1  waits on all_prepared, held or owed by caller2 (asleep in',
      '            wait_for_completion(all_prepared) at',
      '            restrict_siblings.wait_prepared)',
      '        caller2  waits on all_prepared, held or owed by caller1 (asleep in',
      '            wait_for_completion(all_prepared) at',
      '            restrict_siblings.wait_prepared)',
      '        cycle: caller1 -> caller2 -> caller1',
    ]);
  });
  test('the picture is the one the result records, whether or not the spec file was read', () => {
    expect(makeTraceView(l1.result, new Map()).waits).toEqual(l1.waits);
  });
  test('a result file written before results recorded waitsFor shows the deadlock row alone', () => {
    const { waitsFor: _, ...old } = l1.result;
    const screen = texts(renderView(viewOf(old), at(32), SIZE));
    const i = screen.indexOf('      ■ deadlock: no thread can move');
    expect(i).toBeGreaterThan(0);
    expect(screen.slice(i + 1).join('\n')).not.toContain('waits on');
  });
  test('t follows one caller: n visits only its steps', () => {
    let s = applyKey(l1, at(12), { name: 'char', char: 't' });
    s = applyKey(l1, s, { name: 'char', char: 't' });
    expect(s.follow).toBe('caller2');
    const visited: number[] = [];
    for (let k = 0; k < 4; k++) {
      s = applyKey(l1, s, { name: 'char', char: 'n' });
      visited.push(s.cursor);
    }
    expect(visited).toEqual([17, 18, 19, 20]);
  });
});

describe('L-3 and S-1', () => {
  test("L-3: the return step shows the caller frame's changes; the last step the sibling still waiting on it", () => {
    const ret = texts(renderView(l3, at(48), SIZE));
    expect(ret[1]).toBe('VIOLATED frame_use_after_return  step 48 of 49');
    expect(ret).toContain('call caller1 › restrict_siblings (+13 unchanged)');
    expect(ret).toContain('* preparation_error: ENOMEM -> OK');
    const last = texts(renderView(l3, at(49), SIZE));
    expect(last).toContainEqual(
      expect.stringMatching(/^▶286 │ +wait_commit: wait_for_completion\(ctx->ready_to_commit\)$/),
    );
  });
  test('S-1: a step of the variant shows its override in the source pane', () => {
    const screen = texts(renderView(s1, at(20), SIZE));
    expect(screen).toContainEqual(
      expect.stringMatching(/^── specs\/seccomp-tsync\.cred:478:37 {2}seccomp_tsync\.sync /),
    );
    expect(screen).toContainEqual(
      expect.stringMatching(/^▶478 │ {3}override step seccomp_tsync\.sync: atomic \{$/),
    );
  });
  test('every step of every recorded result fits the screen exactly', () => {
    for (const view of [l1, l3, s1]) {
      for (let i = 0; i < view.steps.length; i++) {
        for (const size of [SIZE, { columns: 80, rows: 24 }, { columns: 60, rows: 15 }]) {
          const screen = texts(renderView(view, at(i), size));
          expect(screen).toHaveLength(size.rows);
          for (const l of screen) expect(textWidth(l)).toBeLessThanOrEqual(size.columns);
        }
      }
    }
  });
});
