// The interactive viewer in a real pseudo-terminal on real runs of the shipped specs: the
// recorded L-1 deadlock through `credspec trace` (step, source line, follow a thread, the
// wait-for picture, quit), and `credspec check ... --view` opening the viewer right after the
// deadlock it found (the built CLI, which jest's globalSetup builds when src/ changed).

import { join } from 'node:path';
import { REPO } from './helpers.js';
import { ESC, Session, TRACE } from './pty-session.js';

const L1 = 'test/fixtures/results/landlock-l1-deadlock.json';
const at =
  (i: number) =>
  (l: string[]): boolean =>
    l.some((x) => x.startsWith(`DEADLOCK  step ${i} of 32`));

/** From step 0: Right and Left with the spec line and changes, 13 n to the queueing step, p back. */
async function stepWithSpecLines(s: Session): Promise<void> {
  let screen = await s.waitFor(at(0), 'step 0');
  expect(screen[0]).toContain(
    'credspec trace  specs/landlock-tsync.cred  variant v2 (CALLERS=2, SIBLINGS=0)',
  );
  expect(screen).toContain('the initial state: no statement ran yet');

  screen = await s.key(`${ESC}[C`, at(1), 'step 1 after Right');
  expect(
    screen.some((l) => l.startsWith('── specs/landlock-tsync.cred:385:3  Caller.prctl_nnp')),
  ).toBe(true);
  expect(screen.some((l) => /^▶385 │ +prctl_nnp: task_set_no_new_privs\(self\)/.test(l))).toBe(
    true,
  );
  expect(screen).toContain('* nnp: false -> true');

  screen = await s.key(`${ESC}[D`, at(0), 'step 0 after Left');

  // Step 13: caller1 queues its task work on caller2, which gets TIF_NOTIFY_SIGNAL.
  for (let i = 0; i < 13; i++) s.write('n');
  screen = await s.waitFor(at(13), 'step 13 after 13 n');
  expect(
    screen.some((l) => l.startsWith('── specs/landlock-tsync.cred:197:9  restrict_siblings.queue')),
  ).toBe(true);
  expect(screen.some((l) => /^▶197 │ +queue: atomic \{/.test(l))).toBe(true);
  expect(screen).toContain(
    '* task_works: [caller1 |-> {}, caller2 |-> {}] -> [caller1 |-> {}, caller2 |-> {caller1}]',
  );
  expect(screen).toContain('* notify_signal: false -> true');

  screen = await s.key('p', at(12), 'step 12 after p');
  expect(
    screen.some((l) =>
      l.startsWith('── specs/landlock-tsync.cred:196:7  restrict_siblings.schedule'),
    ),
  ).toBe(true);
  expect(screen.some((l) => /^▶196 │ +schedule: for t in live/.test(l))).toBe(true);
}

/** Follow caller2 only: from step 12 caller1's steps to 16 are skipped; caller2 starts at 17. */
async function followCaller2(s: Session): Promise<void> {
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
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 17 of 32  following caller2')),
    "caller2's next step",
  );
  expect(
    screen.some((l) => l.startsWith('── specs/landlock-tsync.cred:385:3  Caller.prctl_nnp')),
  ).toBe(true);
  screen = await s.key(
    'n',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 18 of 32  following caller2')),
    "caller2's step after",
  );
  screen = await s.key(
    'p',
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 17 of 32  following caller2')),
    "caller2's step before",
  );
}

/** The last step and the wait-for picture: each caller waits on all_prepared, owed by the other. */
async function lastStepWaitsFor(s: Session): Promise<void> {
  const screen = await s.key(
    `${ESC}[F`,
    (l) => l.some((x) => x.startsWith('DEADLOCK  step 32 of 32')),
    'the last step after End',
  );
  expect(
    screen.some((l) =>
      l.startsWith('── specs/landlock-tsync.cred:215:7  restrict_siblings.must_wait'),
    ),
  ).toBe(true);
  expect(screen.some((l) => /^▶215 │ +must_wait: if r > 0 \{/.test(l))).toBe(true);
  expect(screen.some((l) => l.includes('■ deadlock: no thread can move'))).toBe(true);
  expect(
    screen.some((l) => l.includes('caller1  waits on all_prepared, held or owed by caller2')),
  ).toBe(true);
  expect(
    screen.some((l) => l.includes('caller2  waits on all_prepared, held or owed by caller1')),
  ).toBe(true);
  expect(screen.some((l) => l.includes('cycle: caller1 -> caller2 -> caller1'))).toBe(true);
  for (const l of screen) expect(l.length).toBeLessThanOrEqual(120);
}

test('the L-1 deadlock: step forward and back with its spec line, follow one thread, see who owes whom, quit', async () => {
  const s = new Session([...TRACE, L1], 120, 40);
  try {
    await stepWithSpecLines(s);
    await followCaller2(s);
    await lastStepWaitsFor(s);

    s.write('q');
    expect(await s.exit()).toBe(0);
    expect(s.restoredTerminal()).toBe(true);
  } finally {
    if (s.exitCode === null) s.kill();
  }
}, 60000);

describe('credspec check --view', () => {
  test("opens the viewer on the L-1 deadlock it just found; q quits with check's own exit code", async () => {
    const s = new Session(
      [
        join(REPO, 'bin', 'credspec.js'),
        'check',
        'specs/landlock-tsync.cred',
        '--variant',
        'v2',
        '--param',
        'CALLERS=2',
        '--param',
        'SIBLINGS=0',
        '--view',
      ],
      120,
      40,
    );
    try {
      let screen = await s.waitFor(at(0), 'the viewer at step 0', 600);
      // The check's own report came first, on the normal screen.
      const before = s.output.slice(0, s.output.indexOf(`${ESC}[?1049h`));
      expect(before).toContain('specs/landlock-tsync.cred v2 (CALLERS=2');
      expect(before).toContain('deadlock');
      expect(
        screen.some((l) =>
          l.startsWith(
            'credspec trace  specs/landlock-tsync.cred  variant v2 (CALLERS=2, SIBLINGS=0)  engine embedded',
          ),
        ),
      ).toBe(true);
      screen = await s.key(`${ESC}[F`, at(32), 'the last step after End');
      expect(
        screen.some((l) =>
          l.startsWith('── specs/landlock-tsync.cred:215:7  restrict_siblings.must_wait'),
        ),
      ).toBe(true);
      expect(
        screen.some((l) => l.includes('caller1  waits on all_prepared, held or owed by caller2')),
      ).toBe(true);
      s.write('q');
      // A deadlock found is check's exit code 1, the same with or without --view.
      expect(await s.exit()).toBe(1);
      expect(s.restoredTerminal()).toBe(true);
    } finally {
      if (s.exitCode === null) s.kill();
    }
  }, 90000);
});
