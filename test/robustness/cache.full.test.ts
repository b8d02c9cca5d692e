// The compiled-module cache of the built CLI, the cases beside cache.test.ts: a module planted
// there by another user is never imported, a damaged entry is compiled again with a one-line
// notice instead of blocking the spec, and a copy of the emitted files in the cache that is not
// what the run needs is written again. Runs the built CLI (`npm run build`). The project is
// checked once for the file and its cache restored before each test: each CLI run with a cold
// cache loads the module compiler, and under load the warm-up run alone took most of a test's time.

import { chownSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jest } from '@jest/globals';
import {
  expectRacyStillViolated,
  filesUnder,
  plant,
  racyModules,
  warmProjectPerTest,
} from './cache-harness.js';
import { credspec } from './cli-run.js';

jest.setTimeout(240_000);

/** One warm-up check for the file; each test starts from the cache it left. */
const warm = warmProjectPerTest();

(process.getuid?.() === 0 ? test : test.skip)(
  'a module planted in the cache by another user is not imported (needs root to chown)',
  async () => {
    const { root, dir, cache, env } = warm();
    const marker = join(root, 'imported');
    plant(cache, marker, (p) => chownSync(p, 65534, 65534));
    const stderr = await expectRacyStillViolated(dir, env, marker);
    expect(stderr).toMatch(
      /^credspec check: the cached compiled module \S+ LockedCounter_racy\.[0-9a-f]{64}\.js belongs to uid 65534, not to this user \(uid 0\); compiling it again$/m,
    );
  },
);

test('a damaged cache entry is compiled again with a one-line notice, not left to block the spec', async () => {
  const { dir, cache, env } = warm();
  for (const path of racyModules(cache)) {
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
  }
  const stderr = await expectRacyStillViolated(dir, env, join(dir, 'none'));
  const notices = stderr.split('\n').filter((l) => l.includes('cached compiled module'));
  expect(notices).toEqual([
    expect.stringMatching(
      /^credspec check: the cached compiled module \S+ LockedCounter_racy\.[0-9a-f]{64}\.js does not match its name; compiling it again$/,
    ),
  ]);
  expect(await expectRacyStillViolated(dir, env, join(dir, 'none'))).not.toMatch(/cached/);
});

test('a cached copy of the emitted files that is not what the run needs is written again, with a notice', async () => {
  const { dir, cache, env } = warm();
  const copies = filesUnder(join(cache, 'credspec')).filter((p) =>
    p.endsWith('LockedCounter_racy.map.json'),
  );
  expect(copies).toHaveLength(1);
  const map = copies[0]!;
  const good = readFileSync(map, 'utf8');
  // Another revision's lines: a report reading it would locate steps and variables wrongly.
  writeFileSync(
    map,
    good.replace(/"line": (\d+)/g, (_, n: string) => `"line": ${Number(n) + 40}`),
  );
  const run = await credspec(
    ['check', 'specs/x.cred', '--variant', 'racy', '--json', 'r.json'],
    dir,
    env,
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    `credspec check: the cached copy ${map} does not match its name; writing it again\n`,
  );
  expect(readFileSync(map, 'utf8')).toBe(good);
  const module = (
    JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { results: { module: string }[] }
  ).results[0]!.module;
  expect(readFileSync(resolve(dir, module).replace(/\.tla$/, '.map.json'), 'utf8')).toBe(good);
});
