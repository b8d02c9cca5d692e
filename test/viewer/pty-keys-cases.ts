// The viewer's keys for reaching everything, in a real pseudo-terminal at a given size:
// `:` and a number, `/` then `n` and `N`, `G`, `e`/`c` and PgDn/`k`/`j`/PgUp in the state pane, help
// naming every key, the breaking state at the last step of a freshly checked lost update (and
// `=` evaluating an expression there, in the scope of the thread that took the step), and
// the whole wait-for picture with its cycle at the last step of the L-1 deadlock.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyKey, initialState, type ViewerState } from '../../src/cli/viewer/viewer-state.js';
import { loadFile, REPO, viewOf } from './helpers.js';
import { ESC, Session, TRACE } from './pty-session.js';

const S1 = 'test/fixtures/results/seccomp-s1-atomic.json';
const L1 = 'test/fixtures/results/landlock-l1-deadlock.json';
/** Tries (of 50 ms) for the first frame: node, ink and React start slowly on a loaded machine. */
const FIRST_FRAME = 600;

const atStep =
  (i: number) =>
  (l: string[]): boolean =>
    l.some((x) => x.startsWith(`VIOLATED sc_atomic  step ${i} of 23`));

/** Where `/filter`, then n, then N land from step 17, by the reducer the viewer runs. */
function searchStops(): number[] {
  const view = viewOf(loadFile('seccomp-s1-atomic.json').results[0]!);
  let s: ViewerState = { ...initialState(), cursor: 17 };
  for (const c of '/filter') s = applyKey(view, s, { name: 'char', char: c });
  s = applyKey(view, s, { name: 'enter' });
  const stops = [s.cursor];
  s = applyKey(view, s, { name: 'char', char: 'n' });
  stops.push(s.cursor);
  s = applyKey(view, s, { name: 'char', char: 'N' });
  return [...stops, s.cursor];
}

let lostUpdate: string;

async function quit(s: Session): Promise<void> {
  s.write('q');
  expect(await s.exit()).toBe(0);
  expect(s.restoredTerminal()).toBe(true);
}

/** Every line of the screen inside the terminal. */
function fits(screen: string[], cols: number, rows: number): void {
  expect(screen.length).toBeLessThanOrEqual(rows);
  for (const l of screen) expect(l.length).toBeLessThanOrEqual(cols);
}

/** : goes to a step, n and N repeat a search, the state pane opens, scrolls and closes, help lists every key. */
async function reachEverything(cols: number, rows: number): Promise<void> {
  const s = new Session([...TRACE, S1], cols, rows);
  try {
    await s.waitFor(atStep(0), 'step 0', FIRST_FRAME);
    await s.key(':', (l) => l.at(-1)!.startsWith(':█'), 'the step prompt');
    fits(await s.key('17\r', atStep(17), 'step 17 after :17'), cols, rows);

    const [first, next, back] = searchStops();
    expect(new Set([17, first, next]).size).toBe(3);
    expect(back).toBe(first);
    await s.key('/filter\r', atStep(first!), `step ${first} after /filter`);
    await s.key('n', atStep(next!), `step ${next} after n`);
    await s.key('N', atStep(back!), `step ${back} after N`);

    await s.key('G', atStep(23), 'the last step');
    let screen = await s.key(
      'e',
      (l) => l.some((x) => /^lines 1-\d+ of \d+: j\/k PgUp\/PgDn scroll/.test(x)),
      'every group open',
    );
    expect(screen).toContain('shared');
    screen = await s.key(
      `${ESC}[6~`,
      (l) => l.some((x) => x.startsWith('lines 11-')),
      'ten lines down after PgDn',
    );
    fits(screen, cols, rows);
    await s.key('k', (l) => l.some((x) => x.startsWith('lines 10-')), 'a line up after k');
    await s.key('j', (l) => l.some((x) => x.startsWith('lines 11-')), 'a line down after j');
    await s.key(
      `${ESC}[5~`,
      (l) => l.some((x) => x.startsWith('lines 1-')),
      'back to the top after PgUp',
    );
    // The step before the last, so no breaking state sits above the closed groups.
    screen = await s.key(
      'pc',
      (l) => atStep(22)(l) && l.includes('shared: 5 variables, 0 changed'),
      'every group closed at step 22',
    );
    expect(screen).toContain('call caller1 › seccomp_tsync: 6 variables, 0 changed');

    screen = await s.key('?', (l) => l[0] === 'credspec trace: keys', 'help');
    for (const key of [':', 'n / N', 'j / k', 'PgDn / PgUp', 'e', 'c', 'q, Ctrl+C'])
      expect(screen.some((l) => l.startsWith(`${key} `))).toBe(true);
    fits(screen, cols, rows);
    await s.key('x', atStep(22), 'help closed');
    await quit(s);
  } finally {
    if (s.exitCode === null) s.kill();
  }
}

/** The last step of a lost update opens the state pane with the breaking state. */
async function breakingAtEnd(cols: number, rows: number): Promise<void> {
  const s = new Session([...TRACE, lostUpdate], cols, rows);
  try {
    await s.waitFor(
      (l) => l.some((x) => x.startsWith('VIOLATED no_lost_update  step 0 of 4')),
      'step 0',
      FIRST_FRAME,
    );
    const screen = await s.key(
      'G',
      (l) => l.some((x) => x.startsWith('VIOLATED no_lost_update  step 4 of 4')),
      'the last step',
    );
    const top = screen.findIndex((l) => l.startsWith('── state after step 4 '));
    expect(screen.slice(top + 1, top + 6).map((l) => l.trimEnd())).toEqual([
      'breaking state: state 4, where no_lost_update is false',
      '  false: count == 2',
      '         count is 1',
      '  what no_lost_update reads:',
      '    count = 1',
    ]);
    fits(screen, cols, rows);
    // `=` evaluates an expression of the spec at this step, above the breaking state.
    const evaluated = await s.key(
      '=count + 1\r',
      (l) => l.some((x) => x.startsWith('= count + 1: 2')),
      'the value of count + 1',
    );
    fits(evaluated, cols, rows);
    // In the scope of the thread that took the step: its `self` and its process's local.
    await s.key(
      '=seen + count\r',
      (l) => l.some((x) => x.startsWith('= seen + count: 1')),
      "the stepping thread's local",
    );
    await s.key(
      '=self\r',
      (l) => l.some((x) => /^= self: worker[12]\b/.test(x)),
      'the stepping thread',
    );
    await s.key(
      '=nosuch\r',
      (l) => l.some((x) => x.startsWith('= nosuch: error: unknown name `nosuch` (column 1)')),
      'an error',
    );
    await quit(s);
  } finally {
    if (s.exitCode === null) s.kill();
  }
}

/** The last step of the L-1 deadlock shows the whole wait-for picture and its cycle. */
async function deadlockPicture(cols: number, rows: number): Promise<void> {
  const s = new Session([...TRACE, L1], cols, rows);
  try {
    await s.waitFor(
      (l) => l.some((x) => x.startsWith('DEADLOCK  step 0 of 32')),
      'step 0',
      FIRST_FRAME,
    );
    const screen = await s.key(
      ':32\r',
      (l) => l.some((x) => x.startsWith('DEADLOCK  step 32 of 32')),
      'the last step',
    );
    const picture = screen.map((l) => l.trim()).join(' ');
    expect(picture).toContain('caller1  waits on all_prepared, held or owed by caller2 (asleep in');
    expect(picture).toContain('caller2  waits on all_prepared, held or owed by caller1 (asleep in');
    expect(screen.map((l) => l.trim())).toContain('cycle: caller1 -> caller2 -> caller1');
    fits(screen, cols, rows);
    await quit(s);
  } finally {
    if (s.exitCode === null) s.kill();
  }
}

/** The viewer's key tests at each of `sizes` (columns, rows), after one fresh check of a lost update. */
export function describeKeys(sizes: readonly (readonly [number, number])[]): void {
  beforeAll(() => {
    lostUpdate = join(mkdtempSync(join(tmpdir(), 'credspec-pty-keys-')), 'lost-update.json');
    const run = spawnSync(
      process.execPath,
      ['bin/credspec.js', 'check', 'test/trace/fixtures/lost-update.cred', '--json', lostUpdate],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: join(lostUpdate, '..') },
      },
    );
    expect(run.status).toBe(1);
  }, 60000);

  describe.each(sizes)('at %ix%i', (cols, rows) => {
    test(
      ': goes to a step, n and N repeat a search, the state pane opens, scrolls and closes, help lists every key',
      () => reachEverything(cols, rows),
      90000,
    );
    test(
      'the last step of a lost update opens the state pane with the breaking state',
      () => breakingAtEnd(cols, rows),
      60000,
    );
    test(
      'the last step of the L-1 deadlock shows the whole wait-for picture and its cycle',
      () => deadlockPicture(cols, rows),
      60000,
    );
  });
}
