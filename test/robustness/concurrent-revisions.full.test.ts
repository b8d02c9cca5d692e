// Two revisions of one spec (same file name, same spec name: one with the lock, one without)
// in two folders sharing one XDG_CACHE_HOME, like two worktrees or two CI jobs with one HOME,
// checked at the same time on the embedded engine: each run gives its own verdict, names a
// module that is its own (never the other's path), and shows its trace through its own lines.
// Runs the built CLI (`npm run build`); ROUNDS rounds (CREDSPEC_ROUNDS to measure more by hand).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jest } from '@jest/globals';
import { credspec, LOCKED, project, tempDir } from './cli-run.js';

const ROUNDS = Number(process.env.CREDSPEC_ROUNDS ?? 20);
jest.setTimeout(60_000 + ROUNDS * 30_000);

const WITH_LOCK = LOCKED.replace(/\nvariant racy \{[^}]*\}\n/, '\n').replace(
  'expect racy: violates one_inside\n',
  '',
);
// No lock, and the steps three lines further down: a trace shown through the other revision's
// source map would name the wrong lines.
const WITHOUT_LOCK = `// revision without the lock\n//\n//\n${WITH_LOCK.replace('take:    atomic { await !locked; locked := true }', 'take:    skip').replace('expect base: holds', 'expect base: violates one_inside')}`;

interface Step {
  readonly step: string;
  readonly location: { readonly file: string; readonly line: number } | null;
}
interface Result {
  readonly results: readonly {
    readonly verdict: string;
    readonly module: string;
    readonly trace: readonly Step[] | null;
  }[];
}

test(`two revisions of x.cred checked at once in two folders sharing a cache give their own verdicts (${ROUNDS} rounds)`, async () => {
  expect(WITH_LOCK).not.toContain('variant racy');
  const root = tempDir('revisions');
  const env = { HOME: root, XDG_CACHE_HOME: join(root, 'cache') };
  const locked = project(root, 'a', 'x.cred', WITH_LOCK);
  const racy = project(root, 'b', 'x.cred', WITHOUT_LOCK);
  const racyLines = WITHOUT_LOCK.split('\n');
  const wrong: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const [a, b] = await Promise.all([
      credspec(['check', 'specs/x.cred', '--json', 'r.json'], locked, env),
      credspec(['check', 'specs/x.cred', '--json', 'r.json'], racy, env),
    ]);
    const ra = JSON.parse(readFileSync(join(locked, 'r.json'), 'utf8')) as Result;
    const rb = JSON.parse(readFileSync(join(racy, 'r.json'), 'utf8')) as Result;
    if (a.code !== 0 || ra.results[0]?.verdict !== 'holds')
      wrong.push(`round ${round}: with the lock: exit ${a.code}, ${ra.results[0]?.verdict}`);
    if (b.code !== 1 || rb.results[0]?.verdict !== 'violated')
      wrong.push(`round ${round}: without the lock: exit ${b.code}, ${rb.results[0]?.verdict}`);
    if (dirname(ra.results[0]!.module) === dirname(rb.results[0]!.module))
      wrong.push(
        `round ${round}: both runs name the module folder ${dirname(ra.results[0]!.module)}`,
      );
    for (const step of rb.results[0]?.trace ?? []) {
      if (step.location === null) continue;
      const label = step.step.split('.').pop()!;
      const line = racyLines[step.location.line - 1] ?? '';
      if (!line.includes(`${label}:`))
        wrong.push(
          `round ${round}: step ${step.step} shown at line ${step.location.line}: ${line.trim()}`,
        );
    }
  }
  expect(wrong).toEqual([]);
});
