// The plain trace and the formats never load ink or React: following the static imports from
// the trace command reaches neither; the viewer is only reached through a dynamic import.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO } from './helpers.js';

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?:type\s+)?[^;]*?from\s+'([^']+)';/gms)]
    .filter((m) => !/^import\s+type\s/.test(m[0]))
    .map((m) => m[1]!);
}

test('static imports from the trace command reach neither ink, react nor the ink shell', () => {
  const start = join(REPO, 'src', 'cli', 'commands', 'trace.ts');
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  }
  expect(
    [...packages].filter((p) => p === 'ink' || p === 'react' || p.startsWith('react/')),
  ).toEqual([]);
  expect([...seen].some((f) => f.endsWith('app.tsx') || f.endsWith('run-viewer.ts'))).toBe(false);
  expect(seen.size).toBeGreaterThan(5);
  expect(readFileSync(start, 'utf8')).toContain("import('../viewer/run-viewer.js')");
});
