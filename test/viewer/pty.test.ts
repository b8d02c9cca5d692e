// The interactive viewer in a real pseudo-terminal: spawn `credspec trace` (the built CLI, as
// installed), press keys, read the screen (the text after the last full redraw, ANSI
// stripped), resize, quit, and check the terminal is restored and the exit code is 0.

import { ESC, Session, strip, TRACE } from './pty-session.js';

/** From step 0: Right, n and space forward, p back, End and Home; the screen follows each key. */
async function stepThrough(s: Session): Promise<void> {
  let screen = await s.waitFor(
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 0 of 10')),
    'step 0',
  );
  expect(screen[0]).toContain(
    'credspec trace  test/fixtures/results/tsync-mini.cred  variant v2 (CALLERS=2)',
  );
  expect(screen).toContain('the initial state: no statement ran yet');

  screen = await s.key(
    `${ESC}[C`,
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 1 of 10')),
    'step 1 after Right',
  );
  for (const k of ['n', ' ', 'n', 'n', 'n']) await s.key(k, () => true, k);
  screen = await s.waitFor((l) => l.some((x) => x.startsWith('DEADLOCK  step 6 of 10')), 'step 6');
  expect(
    screen.some((l) =>
      l.startsWith('── test/fixtures/results/tsync-mini.cred:31:12  restrict_siblings.queue'),
    ),
  ).toBe(true);
  expect(screen.some((l) => /^▶31 │ +queue: atomic \{/.test(l))).toBe(true);
  expect(screen).toContain('* works: {} -> {caller1.restrict_siblings}');

  screen = await s.key(
    'p',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 5 of 10')),
    'step 5 after p',
  );
  expect(
    screen.some((l) =>
      l.startsWith('── test/fixtures/results/tsync-mini.cred:29:9  restrict_siblings.scan'),
    ),
  ).toBe(true);
  expect(screen).toContain('* t: none -> caller2');

  screen = await s.key(
    `${ESC}[F`,
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 10 of 10')),
    'step 10 after End',
  );
  screen = await s.key(
    `${ESC}[H`,
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 0 of 10')),
    'step 0 after Home',
  );
}

/** t follows one thread then the next, n moves that thread; / searches; ? opens help, a key closes it. */
async function followSearchAndHelp(s: Session): Promise<void> {
  let screen = await s.key(
    't',
    (l) => l.some((x) => x.includes('following caller1')),
    'following caller1',
  );
  screen = await s.key(
    't',
    (l) => l.some((x) => x.includes('following caller2')),
    'following caller2',
  );
  screen = await s.key(
    'n',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 2 of 10  following caller2')),
    "caller2's first step",
  );

  await s.key('/', (l) => l.at(-1)!.startsWith('/█'), 'the search prompt');
  await s.key('sigpending', (l) => l.at(-1)!.startsWith('/sigpending█'), 'the typed query');
  screen = await s.key(
    '\r',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 6 of 10')),
    'search result',
  );
  expect(screen.at(-1)).toContain('step 6 changes caller2.sigpending');

  screen = await s.key('?', (l) => l[0] === 'credspec trace: keys', 'help');
  screen = await s.key(
    'x',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 6 of 10')),
    'help closed',
  );
}

/** 60x15 gives the compact layout, everything inside the window; 100x30 brings the full one back. */
async function compactLayout(s: Session): Promise<void> {
  s.resize(60, 15);
  const screen = await s.waitFor(
    (l) => l[0] === 'DEADLOCK step 6 of 10 caller1 (following caller2)',
    'the compact layout',
  );
  expect(screen[1]).toBe('test/fixtures/results/tsync-mini.cred:31:12 restrict_siblin…');
  expect(screen[2]).toMatch(/^▶ queue: atomic \{/);
  expect(screen).toContain('* caller2.sigpending: false -> true');
  expect(screen.some((l) => /#\s+caller1\s+caller2/.test(l))).toBe(false);
  expect(screen.length).toBeLessThanOrEqual(15);
  for (const l of screen) expect(l.length).toBeLessThanOrEqual(60);

  s.resize(100, 30);
  await s.waitFor(
    (l) => l.some((x) => /#\s+caller1\s+\S*\s*caller2/.test(x)),
    'the full layout again',
  );
}

/** q quits with exit code 0, the cursor shown again and the alternate screen left. */
async function quitRestoresTerminal(s: Session): Promise<void> {
  s.write('q');
  expect(await s.exit()).toBe(0);
  const tail = s.output.slice(s.output.lastIndexOf(`${ESC}[?25l`));
  expect(tail).toContain(`${ESC}[?25h`);
  expect(s.output.lastIndexOf(`${ESC}[?1049l`)).toBeGreaterThan(
    s.output.lastIndexOf(`${ESC}[?1049h`),
  );
}

test('keys move through the trace; resize gives the compact layout; q restores the terminal', async () => {
  const s = new Session([...TRACE, 'test/fixtures/results/tsync-deadlock.json'], 100, 30);
  try {
    await stepThrough(s);
    await followSearchAndHelp(s);
    await compactLayout(s);
    await quitRestoresTerminal(s);
  } finally {
    if (s.exitCode === null) s.kill();
  }
}, 60000);

test('off the viewer: --plain on a terminal prints the plain trace and exits 0 without the alternate screen', async () => {
  const s = new Session(
    [...TRACE, 'test/fixtures/results/tsync-invariant.json', '--plain'],
    100,
    30,
  );
  expect(await s.exit()).toBe(0);
  expect(s.output).not.toContain(`${ESC}[?1049h`);
  expect(strip(s.output)).toContain('verdict   violated finish_after_works');
}, 30000);
