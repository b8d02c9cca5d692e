// Committed generated code is never trusted for its header. A pull request that edits
// generated/<spec>/<Module>.js (keeping its "do not edit" header, which carries the hash of the
// .tla) so that the racy variant checks no invariant, and writes a file when it is imported:
// `check` still finds the violation and never runs that code, and `ci` fails naming the file in
// its output, summary, JSON, JUnit and SARIF reports; a project that commits no generated files
// is not judged on them. Runs the built CLI (`npm run build`). Stale, missing and edited
// committed files are in generated-trust.full.test.ts.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { credspec, LOCKED, project, tempDir } from './cli-run.js';

jest.setTimeout(240_000);

/** The racy module's code, edited to check no invariant and to leave `marker` when imported. */
function tamper(path: string, marker: string): void {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // After the three header lines, so the header (and the hash of the .tla it names) is intact.
  lines.splice(
    3,
    0,
    `await import('node:fs').then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, 'ran'));`,
  );
  const edited = lines.join('\n').replace('invariants: sel.invariants.map(', 'invariants: [].map(');
  expect(edited).not.toBe(text);
  writeFileSync(path, edited);
}

test('a tampered committed .js that would turn the racy variant green is not run, and ci names it', async () => {
  const root = tempDir('trust');
  const dir = project(root, 'work', 'x.cred', LOCKED);
  const env = { HOME: root, XDG_CACHE_HOME: join(root, 'cache') };
  expect((await credspec(['emit', 'specs'], dir, env)).code).toBe(0);
  const js = join(dir, 'generated', 'x', 'LockedCounter_racy.js');
  const marker = join(root, 'imported');
  tamper(js, marker);

  const check = await credspec(['check', 'specs/x.cred', '--variant', 'racy'], dir, env);
  expect(check.stdout).toMatch(/^specs\/x\.cred racy: violates one_inside/m);
  expect(check.code).toBe(1);
  expect(existsSync(marker)).toBe(false);

  const ci = await credspec(
    ['ci', 'specs', '--json', 'r.json', '--junit', 'r.xml', '--sarif', 'r.sarif'],
    dir,
    env,
  );
  expect(existsSync(marker)).toBe(false);
  expect(ci.code).toBe(1);
  expect(ci.stdout).toMatch(
    /^ok {3}specs\/x\.cred racy: violates one_inside, expected violates one_inside;/m,
  );
  expect(ci.stdout).toContain(
    'FAIL generated/x/LockedCounter_racy.js: differs from what emit writes now (run `credspec emit specs/x.cred` and commit the result)\n',
  );
  expect(ci.stdout).toMatch(
    /^2 checks: 2 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 1 stale generated file$/m,
  );
  const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
    staleGenerated?: unknown;
  };
  expect(json.staleGenerated).toEqual([
    { spec: 'specs/x.cred', file: 'generated/x/LockedCounter_racy.js', reason: 'differs' },
  ]);
  expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toMatch(
    /<testcase[^>]*name="generated\/x\/LockedCounter_racy\.js"[^>]*>\s*<failure message="generated\/x\/LockedCounter_racy\.js differs/,
  );
  const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as {
    runs: {
      results: {
        ruleId: string;
        level: string;
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
    }[];
  };
  const stale = sarif.runs[0]!.results.filter((r) => r.ruleId === 'stale-generated');
  expect(
    stale.map((r) => [r.level, r.locations[0]!.physicalLocation.artifactLocation.uri]),
  ).toEqual([['error', 'generated/x/LockedCounter_racy.js']]);
});

test('a project that commits no generated files is not judged on them', async () => {
  const root = tempDir('trust');
  const dir = project(root, 'work', 'x.cred', LOCKED);
  const ci = await credspec(['ci', 'specs'], dir, {
    HOME: root,
    XDG_CACHE_HOME: join(root, 'cache'),
  });
  expect(ci.stdout).toMatch(
    /^2 checks: 2 as expected, 0 not as expected, 0 inconclusive, 0 failed to run$/m,
  );
  expect(ci.code).toBe(0);
});
