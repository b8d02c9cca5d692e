// loadCompiled: a fresh file beside the .tla is used as is, a stale one is left alone and the
// module is compiled into the cache keyed by the text's hash, the cache is reused, files
// credspec did not write are never overwritten, and the loader itself does not load ts-morph.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { constantBindings } from '../../../src/engine/constants.js';
import { compileModule } from '../../../src/engine/compile/compile-module.js';
import { hashTlaText } from '../../../src/engine/compile/header.js';
import { ForeignFileError, loadCompiled } from '../../../src/engine/compile/load.js';
import { printTla } from '../../../src/tla/print.js';
import * as F from '../fixture-modules.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function specDir(): { dir: string; cache: string; text: string } {
  const root = mkdtempSync(join(tmpdir(), 'credspec-load-'));
  roots.push(root);
  const dir = join(root, 'generated');
  const text = printTla(F.racyCounter().module).text;
  mkdirSync(dir);
  writeFileSync(join(dir, 'RacyCounter.tla'), text);
  return { dir, cache: join(root, 'cache'), text };
}

describe('loadCompiled', () => {
  const { module, config } = F.racyCounter();

  test('compiles into the cache keyed by the hash, then reuses the cached copy', async () => {
    const { dir, cache, text } = specDir();
    const first = await loadCompiled(text, dir, cache, module);
    expect(first.origin).toBe('compiled');
    expect(first.path).toBe(join(cache, hashTlaText(text).slice('sha256:'.length, 'sha256:'.length + 24), 'RacyCounter.js'));
    expect(existsSync(first.path.replace(/\.js$/, '.ts'))).toBe(true);
    const mtime = statSync(first.path).mtimeMs;
    const second = await loadCompiled(text, dir, cache, module);
    expect(second.origin).toBe('cache');
    expect(statSync(second.path).mtimeMs).toBe(mtime);
    // Whatever the origin, the module works: RacyCounter's one initial state.
    const states: unknown[] = [];
    second.factory(constantBindings(config), config).initialStates((s) => states.push(s));
    expect(states).toHaveLength(1);
  });

  test('imports a fresh .js beside the .tla', async () => {
    const { dir, cache, text } = specDir();
    writeFileSync(join(dir, 'RacyCounter.js'), compileModule(module, { sourceText: text }).javascript);
    const loaded = await loadCompiled(text, dir, cache, module);
    expect(loaded).toMatchObject({ origin: 'beside', path: join(dir, 'RacyCounter.js') });
    expect(existsSync(cache)).toBe(false);
  });

  test('leaves a stale .js beside the .tla untouched and compiles into the cache instead', async () => {
    const { dir, cache, text } = specDir();
    const stale = compileModule(module, { sourceText: 'an older version of the module\n' }).javascript;
    writeFileSync(join(dir, 'RacyCounter.js'), stale);
    const loaded = await loadCompiled(text, dir, cache, module);
    expect(loaded.origin).toBe('compiled');
    expect(readFileSync(join(dir, 'RacyCounter.js'), 'utf8')).toBe(stale);
  });

  test('refuses to overwrite a file in the cache that credspec did not write', async () => {
    const { dir, cache, text } = specDir();
    const folder = join(cache, hashTlaText(text).slice('sha256:'.length, 'sha256:'.length + 24));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'RacyCounter.js'), 'export const mine = 1;\n');
    await expect(loadCompiled(text, dir, cache, module)).rejects.toThrow(ForeignFileError);
    expect(readFileSync(join(folder, 'RacyCounter.js'), 'utf8')).toBe('export const mine = 1;\n');
  });

  test('does not import ts-morph unless it compiles (static imports of load.ts, followed through)', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        if (m[1] !== undefined) continue;
        const spec = m[2]!;
        expect(`${file} imports ${spec}`).not.toMatch(/ts-morph|typescript/);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(resolve('src/engine/compile/load.ts'));
    expect(seen.size).toBeGreaterThan(3);
    expect([...seen].some((f) => f.endsWith('compile-module.ts'))).toBe(false);
  });
});
