// Test helper: a project whose racy variant the built CLI checked once, so its compiled modules
// are in the cache, and the ways the cache tests tamper with those modules and check again.

import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { credspec, LOCKED, project, tempDir } from './cli-run.js';

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile());
}

/** The cached compiled code of the racy variant, whatever the cache's layout. */
export function racyModules(cache: string): string[] {
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
export async function warmProject(): Promise<{
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

/** A warmed project, as `warmProject` returns it. */
type Warm = Awaited<ReturnType<typeof warmProject>>;

/**
 * Call at the top level of a test file whose tests each tamper with a warm cache: the project is
 * checked once (in beforeAll, one CLI run and one compile for the file), and before each test
 * its cache is put back as that run left it, so no test sees another's tampering and none pays
 * for the warm-up run within its own time limit.
 */
export function warmProjectPerTest(): () => Warm {
  let warm: Warm | undefined;
  let pristine = '';
  beforeAll(async () => {
    warm = await warmProject();
    pristine = join(warm.root, 'pristine-cache');
    cpSync(warm.cache, pristine, { recursive: true });
  }, 240_000);
  beforeEach(() => {
    if (warm === undefined) throw new Error('the project was not warmed');
    rmSync(warm.cache, { recursive: true, force: true });
    cpSync(pristine, warm.cache, { recursive: true });
  });
  return () => {
    if (warm === undefined) throw new Error('the project was not warmed');
    return warm;
  };
}

/** Replaces each cached racy module by the planted code: under its own name, or (content-named) under the planted text's hash. */
export function plant(cache: string, marker: string, finish: (path: string) => void): void {
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

export async function expectRacyStillViolated(
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
