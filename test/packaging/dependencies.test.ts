// The runtime dependencies are exactly the packages the compiled code imports: a package that
// dist/ imports but package.json lists only for development breaks every install, and one it
// lists but dist/ never imports is installed by every user for nothing. Reads dist/ as built
// by jest's globalSetup from today's src/.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function jsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return jsFilesUnder(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/** The packages a module's code imports, statically or dynamically (`ajv/dist/2020.js` is `ajv`). */
function importedPackages(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

test('package.json dependencies are exactly what the shipped dist/ folders import', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    files: string[];
    dependencies: Record<string, string>;
  };
  const shipped = pkg.files.filter((f) => f.includes('dist/'));
  expect(shipped).toEqual(['dist/src', 'dist/grammar', '!dist/**/*.map']);
  const imported = new Set(
    shipped
      .filter((f) => !f.startsWith('!'))
      .flatMap((d) => jsFilesUnder(join(REPO, d)))
      .flatMap((f) => importedPackages(readFileSync(f, 'utf8'))),
  );
  expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
});

test('every dependency is pinned to one version, in package.json and in the lockfile root', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dependencies?: object; devDependencies?: object }>;
  };
  const root = lock.packages[''];
  expect(root?.dependencies).toEqual(pkg.dependencies);
  expect(root?.devDependencies).toEqual(pkg.devDependencies);
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    expect(`${name}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
    expect(`${name}@${lock.packages[`node_modules/${name}`]?.version}`).toBe(`${name}@${version}`);
  }
});
