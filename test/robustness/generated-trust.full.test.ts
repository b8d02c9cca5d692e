// Committed generated files, the cases beside generated-trust.test.ts: ci fails naming a committed
// file that emit no longer writes the same way and one that is missing, and a committed source map
// that is not what emit writes is not the one a report names. Runs the built CLI
// (`npm run build`).

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jest } from '@jest/globals';
import { credspec, LOCKED, project, tempDir } from './cli-run.js';

jest.setTimeout(240_000);

test('ci fails naming a committed file that emit no longer writes the same way, and one that is missing', async () => {
  const root = tempDir('trust');
  const dir = project(root, 'work', 'x.cred', LOCKED);
  const env = { HOME: root, XDG_CACHE_HOME: join(root, 'cache') };
  expect((await credspec(['emit', 'specs'], dir, env)).code).toBe(0);
  expect((await credspec(['ci', 'specs'], dir, env)).code).toBe(0);
  // The spec changes (a bound) and generated/ is not emitted again; one file is deleted.
  writeFileSync(
    join(dir, 'specs', 'x.cred'),
    LOCKED.replace('shared var count: 0..3 = 0', 'shared var count: 0..4 = 0'),
  );
  rmSync(join(dir, 'generated', 'x', 'LockedCounter_base.cfg'));
  const ci = await credspec(['ci', 'specs'], dir, env);
  expect(ci.code).toBe(1);
  const failing = ci.stdout
    .split('\n')
    .filter((l) => l.startsWith('FAIL generated/'))
    .map((l) => l.replace(/:.*/, ''));
  expect(failing).toEqual(
    expect.arrayContaining([
      'FAIL generated/x/LockedCounter_base.tla',
      'FAIL generated/x/LockedCounter_base.js',
      'FAIL generated/x/LockedCounter_racy.tla',
      'FAIL generated/x/LockedCounter_base.cfg',
    ]),
  );
  expect(ci.stdout).toContain('FAIL generated/x/LockedCounter_base.cfg: missing; emit writes it');
});

test('a committed source map that is not what emit writes is not the one the report names', async () => {
  const root = tempDir('trust');
  const dir = project(root, 'work', 'x.cred', LOCKED);
  const env = { HOME: root, XDG_CACHE_HOME: join(root, 'cache') };
  expect((await credspec(['emit', 'specs'], dir, env)).code).toBe(0);
  const committed = join(dir, 'generated', 'x', 'LockedCounter_racy.map.json');
  const good = readFileSync(committed, 'utf8');
  writeFileSync(
    committed,
    good.replace(/"line": (\d+)/g, (_, n: string) => `"line": ${Number(n) + 40}`),
  );
  const run = await credspec(
    ['check', 'specs/x.cred', '--variant', 'racy', '--json', 'r.json'],
    dir,
    env,
  );
  expect(run.code).toBe(1);
  const module = (
    JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { results: { module: string }[] }
  ).results[0]!.module;
  expect(readFileSync(resolve(dir, module.replace(/\.tla$/, '.map.json')), 'utf8')).toBe(good);
});
