// The compiled-module cache of the built CLI: a module planted there (the racy variant's code,
// edited to check no invariant and to leave a file when imported) and left writable by others is
// never imported. Runs the built CLI (`npm run build`). A module planted by another user, a
// damaged entry and a stale copy of the emitted files are in cache.full.test.ts.

import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { expectRacyStillViolated, plant, warmProject } from './cache-harness.js';

jest.setTimeout(240_000);

test('a module planted in the cache, writable by others, is not imported; the module is compiled again with a notice', async () => {
  const { root, dir, cache, env } = await warmProject();
  const marker = join(root, 'imported');
  plant(cache, marker, (p) => chmodSync(p, 0o666));
  const stderr = await expectRacyStillViolated(dir, env, marker);
  expect(stderr).toMatch(
    /^credspec check: the cached compiled module \S+ LockedCounter_racy\.[0-9a-f]{64}\.js is writable by everyone \(mode 666\); compiling it again$/m,
  );
  // Compiled again: a third run is quiet and still right.
  expect(await expectRacyStillViolated(dir, env, marker)).not.toMatch(/cached/);
});
