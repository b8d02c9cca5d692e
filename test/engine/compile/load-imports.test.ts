// loadCompiled does not load ts-morph (or the TypeScript compiler) unless it has a module to
// compile: a run served from the cache never pays for the compiler.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

describe('loadCompiled', () => {
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
