// Golden emitted modules: each folder holds a small `.cred` and, under expected/, the `.tla`,
// `.cfg` and `.map.json` files `credspec emit` writes for it. A difference fails the test;
// `UPDATE_GOLDEN=1` rewrites the expected files (review the diff).

import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSpec } from '../../src/cli/commands/emit.js';
import { checkedOf } from '../model/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(here)
  .filter((d) => statSync(join(here, d)).isDirectory())
  .sort();

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((e) =>
      statSync(join(dir, e)).isDirectory()
        ? listFiles(join(dir, e), join(prefix, e))
        : [join(prefix, e)],
    );
}

describe('golden emitted modules', () => {
  test('every case folder has a spec', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
    for (const c of cases) expect(existsSync(join(here, c, `${c}.cred`))).toBe(true);
  });

  test.each(cases)('%s', (c) => {
    const specName = `${c}.cred`;
    const checked = checkedOf(readFileSync(join(here, c, specName), 'utf8'), specName);
    const r = renderSpec(checked, 'credspec 0.0.0-golden');
    if (!r.ok)
      throw new Error(JSON.stringify(r.diagnostics.map((d) => [d.code, d.args, d.span.start])));
    const expectedDir = join(here, c, 'expected');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const f of r.files) {
        mkdirSync(dirname(join(expectedDir, f.path)), { recursive: true });
        writeFileSync(join(expectedDir, f.path), f.text);
      }
    }
    expect(r.files.map((f) => f.path).sort()).toEqual(listFiles(expectedDir));
    for (const f of r.files) expect(f.text).toBe(readFileSync(join(expectedDir, f.path), 'utf8'));
  });
});
