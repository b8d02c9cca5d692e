// The compiled-module cache of the built CLI: a module planted there (the racy variant's code,
// edited to check no invariant and to leave a file when imported) is never imported, a damaged
// entry is compiled again with a one-line notice instead of blocking the spec, and a copy of
// the emitted files in the cache that is not what the run needs is written again. Runs the
// built CLI (`npm run build`).

import {
  chmodSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { jest } from '@jest/globals';
import { credspec, LOCKED, project, tempDir } from './cli-run.js';

jest.setTimeout(240_000);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile());
}

/** The cached compiled code of the racy variant, whatever the cache's layout. */
function racyModules(cache: string): string[] {
  return filesUnder(join(cache, 'credspec', 'compiled')).filter((p) =>
    /LockedCounter_racy(\.[0-9a-f]{64})?\.js$/.test(p),
  );
}

function planted(text: string, marker: string): string {
  const lines = text.split('\n');
  lines.splice(
    3,
    0,
    `await import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, 'ran'));`,
  );
  return lines.join('\n').replace('invariants: sel.invariants.map(', 'invariants: [].map(');
}

const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');

/** A project checked once, so its compiled modules are in the cache. */
async function warmProject(): Promise<{
  root: string;
  dir: string;
  cache: string;
  env: Record<string, string>;
}> {
  const root = tempDir('cache');
  const dir = project(root, 'work', 'x.cred', LOCKED);
  const cache = join(root, 'cache');
  const env = { HOME: root, XDG_CACHE_HOME: cache };
  const first = await credspec(['check', 'specs/x.cred', '--variant', 'racy'], dir, env);
  expect(first.code).toBe(1);
  expect(racyModules(cache).length).toBeGreaterThan(0);
  return { root, dir, cache, env };
}

/** Replaces each cached racy module by the planted code: under its own name, or (content-named) under the planted text's hash. */
function plant(cache: string, marker: string, finish: (path: string) => void): void {
  for (const path of racyModules(cache)) {
    const text = planted(readFileSync(path, 'utf8'), marker);
    const target = /\.[0-9a-f]{64}\.js$/.test(path)
      ? path.replace(/[0-9a-f]{64}\.js$/, `${sha(text)}.js`)
      : path;
    writeFileSync(path, text);
    if (target !== path) renameSync(path, target);
    finish(target);
  }
}

async function expectRacyStillViolated(
  dir: string,
  env: Record<string, string>,
  marker: string,
): Promise<string> {
  const run = await credspec(['check', 'specs/x.cred', '--variant', 'racy'], dir, env);
  expect(run.stdout).toMatch(/^specs\/x\.cred racy: violates one_inside/m);
  expect(run.code).toBe(1);
  expect(existsSync(marker)).toBe(false);
  return run.stderr;
}

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

(process.getuid?.() === 0 ? test : test.skip)(
  'a module planted in the cache by another user is not imported (needs root to chown)',
  async () => {
    const { root, dir, cache, env } = await warmProject();
    const marker = join(root, 'imported');
    plant(cache, marker, (p) => chownSync(p, 65534, 65534));
    const stderr = await expectRacyStillViolated(dir, env, marker);
    expect(stderr).toMatch(
      /^credspec check: the cached compiled module \S+ LockedCounter_racy\.[0-9a-f]{64}\.js belongs to uid 65534, not to this user \(uid 0\); compiling it again$/m,
    );
  },
);

test('a damaged cache entry is compiled again with a one-line notice, not left to block the spec', async () => {
  const { dir, cache, env } = await warmProject();
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
  const { dir, cache, env } = await warmProject();
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
