// The progress line as a user at a terminal sees it: `credspec ci` and `check` with stderr on a
// real pseudo-terminal (@lydell/node-pty) and stdout redirected to a file, as in
// `credspec ci specs > out.txt`. The terminal shows which check runs (`n/3 spec variant
// (params)`), states, queue, depth, states/s and the time elapsed, and the line is wiped before
// anything else is written; the file holds only results. Under CI there is no line. The spec is
// a purpose-built one (test/fixtures/progress): three checks of growing size, the last with two
// parameters overridden.

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressText } from '../../src/cli/progress-line.js';
import { CLI, inTerminal, REPO } from './terminal.js';

const ESC = '\u001b';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credspec-progress-'));
  copyFileSync(
    join(REPO, 'test', 'fixtures', 'progress', 'countdown.cred'),
    join(dir, 'countdown.cred'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The progress lines drawn, without escapes. */
function progressLines(drawn: string): string[] {
  return drawn.split(/\r|\n|\u001b\[[0-9;?]*[A-Za-z]/).filter((l) => l.endsWith(' elapsed'));
}

test('ci > file: the terminal shows each check by number and its progress; the file only results', async () => {
  const [drawn, code] = await inTerminal(`node ${CLI} ci . > out.txt`, dir, { size: [160, 30] });
  expect(code).toBe(0);
  const lines = progressLines(drawn);
  expect(lines[0]).toMatch(/^1\/3 countdown\.cred base: starting, \d+:\d\d elapsed$/);
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^3\/3 countdown\.cred base \(START=1, THREADS=6\): starting, \d+:\d\d elapsed$/,
    ),
  );
  expect(lines.every((l) => l.length < 160)).toBe(true);
  // Each check reports its states, queue, depth and rate (the largest, 3,714 states, at least
  // when it ends).
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^3\/3 countdown\.cred base \(START=1, THREADS=6\): 3,714 states, [\d,]+ queued, depth \d+, [\d,]+ states\/s, \d+:\d\d elapsed$/,
    ),
  );
  // Wiped before anything else is written: after the last line drawn (and the line feed that
  // parks the cursor below it), an erase comes first.
  const last = drawn.slice(drawn.lastIndexOf(' elapsed') + ' elapsed'.length);
  expect(last.replace(/\u001b\[\?2026[hl]/g, '')).toMatch(
    new RegExp(`^(\r|\n|${ESC}\\[[0-9;]*[A-Za-z])*${ESC}\\[2K`),
  );
  const out = readFileSync(join(dir, 'out.txt'), 'utf8');
  expect(out).not.toContain(ESC);
  expect(out).not.toContain('elapsed');
  expect(out).toMatch(
    /\n3 checks: 3 as expected, 0 not as expected, 0 inconclusive, 0 failed to run\n$/,
  );
}, 120_000);

test('check names what it checks; under CI, or with stderr not a terminal, no line is drawn', async () => {
  const [drawn] = await inTerminal(
    `node ${CLI} check countdown.cred --variant base > out.txt`,
    dir,
  );
  expect(progressLines(drawn)[0]).toMatch(/^countdown\.cred base: starting, \d+:\d\d elapsed$/);
  const [underCi] = await inTerminal(`node ${CLI} check countdown.cred --variant base`, dir, {
    env: { CI: 'true' },
  });
  expect(underCi).toContain('countdown.cred base: holds');
  expect(progressLines(underCi)).toEqual([]);
  const [piped] = await inTerminal(
    `node ${CLI} check countdown.cred --variant base 2>err.txt`,
    dir,
  );
  expect(piped).toContain('countdown.cred base: holds');
  expect(readFileSync(join(dir, 'err.txt'), 'utf8')).not.toContain(ESC);
}, 120_000);

test('a line too long for the terminal keeps its numbers and loses the end of the name', () => {
  const check = { spec: 'specs/a.cred', variant: 'base', params: 'N=2, M=3', index: 3, total: 58 };
  const stats = { distinct: 12345, generated: 20000, queue: 67, depth: 9, seconds: 2 };
  const times = { checkMs: 4000, runMs: 75_000 };
  expect(progressText(check, stats, times, 200)).toBe(
    '3/58 specs/a.cred base (N=2, M=3): 12,345 states, 67 queued, depth 9, 6,173 states/s, 1:15 elapsed',
  );
  expect(progressText(check, stats, times, 80)).toBe(
    '3/58 specs/a.c…: 12,345 states, 67 queued, depth 9, 6,173 states/s, 1:15 elapsed',
  );
  expect(progressText({ ...check, total: null }, null, times, 80)).toBe(
    'specs/a.cred base (N=2, M=3): starting, 1:15 elapsed',
  );
});
