// One credspec cache (XDG_CACHE_HOME) for the tests that run the built CLI on shipped specs and
// test what it prints, not how it caches: a module compiled by one test file is read, verified,
// by the next, where a folder of each file's own compiled every module again (a cold `ci` of
// seccomp-tsync.cred costs three times a warm one). Entries are content-addressed and checked
// on every read, so a stale or concurrent entry cannot change a result; tests of the cache
// itself keep their own folders. The folder is private (0700), as credspec requires of a cache.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The shared cache folder under node_modules/.cache, made (private) when missing. */
export function sharedCacheHome(): string {
  const dir = join(ROOT, 'node_modules', '.cache', 'credspec-test-xdg');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
