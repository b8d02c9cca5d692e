/**
 * The bench and the maintenance scripts load the built package (`dist/src/...`) by path at run
 * time, so the type checker never sees those imports: a file moved in src/ breaks them silently
 * until someone runs a benchmark. Each `join(dist, 'a', 'b.js')` must name a source file that
 * exists, and each name taken from it must be one that file exports.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const FOLDERS = ['bench', 'scripts'];

interface DistImport {
  readonly script: string;
  readonly source: string;
  readonly names: readonly string[];
}

/** `const { a, b } = await import(join(dist, 'x', 'y.js'))` and `join(root, 'dist', 'src', ...)` forms. */
function distImports(script: string, text: string): DistImport[] {
  const found: DistImport[] = [];
  const pattern =
    /\{([\w\s,:]*)\}\s*=\s*await\s+import\(\s*join\(\s*(?:dist|root,\s*'dist',\s*'src')\s*,((?:\s*'[^']+'\s*,?)+)\)\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const [, names = '', parts = ''] = m;
    const segments = [...parts.matchAll(/'([^']+)'/g)].map((p) => p[1] ?? '');
    const base = join('src', ...segments).replace(/\.js$/, '');
    const source = ['.ts', '.tsx'].map((e) => base + e).find((f) => existsSync(join(ROOT, f)));
    found.push({
      script,
      source: source ?? `${base}.ts (missing)`,
      names: names
        .split(',')
        .map((n) => n.trim().split(':')[0]?.trim() ?? '')
        .filter((n) => n !== ''),
    });
  }
  return found;
}

/** Whether `file` exports `name` (a declaration, or an `export { ... }` list naming it). */
function exportsName(file: string, name: string): boolean {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const declared = new RegExp(
    `export\\s+(?:async\\s+)?(?:function\\*?|const|let|class)\\s+${name}\\b`,
  );
  const listed = [...text.matchAll(/export\s*\{([^}]*)\}/g)].some((m) =>
    (m[1] ?? '').split(',').some((item) => {
      const parts = item.trim().split(/\s+as\s+/);
      return (parts[1] ?? parts[0])?.trim() === name;
    }),
  );
  return declared.test(text) || listed;
}

const scripts = FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => join(folder, f)),
);
const imports = scripts.flatMap((s) => distImports(s, readFileSync(join(ROOT, s), 'utf8')));

describe('scripts that load the build', () => {
  it('finds the imports of the bench and the TLC recorder', () => {
    expect(imports.filter((i) => i.script === 'bench/engine-run.mjs').length).toBeGreaterThan(5);
    expect(imports.some((i) => i.script === 'scripts/record-tlc.mjs')).toBe(true);
  });

  it('a missing file or a name it does not export is found', () => {
    const [broken] = distImports('x.mjs', "const { f } = await import(join(dist, 'nowhere.js'));");
    expect(broken?.source).toBe('src/nowhere.ts (missing)');
    expect(exportsName('src/engine/index.ts', 'noSuchName')).toBe(false);
    expect(exportsName('src/engine/index.ts', 'runEmbedded')).toBe(true);
  });

  it('every file they load exists and exports what they take from it', () => {
    const problems = imports.flatMap((i) =>
      i.source.endsWith('(missing)')
        ? [`${i.script}: ${i.source}`]
        : i.names
            .filter((n) => !exportsName(i.source, n))
            .map((n) => `${i.script}: ${i.source} does not export ${n}`),
    );
    expect(problems).toEqual([]);
  });
});
