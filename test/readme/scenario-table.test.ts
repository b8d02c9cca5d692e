// The README's scenario table is what `credspec ci specs` reports today: every column but the
// time must match. Regenerate with `npm run scenario-table`.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { extractScenarioTable, maskTimes, renderScenarioTable } from '../../src/cli/reports/scenario-table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the README scenario table matches a fresh ci run (times aside)', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'credspec-readme-')), 'ci.json');
  const io = memoryIo({ cwd: ROOT, env: { CI: 'true', HOME: tmpdir() } });
  const code = await runCi({ dir: 'specs', json: out }, io);
  const results = JSON.parse(readFileSync(out, 'utf8')).results;
  const fresh = maskTimes(renderScenarioTable(results));
  const committed = extractScenarioTable(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(committed).not.toBeNull();
  if (maskTimes(committed!) !== fresh) {
    throw new Error(`README.md's scenario table is stale: run \`npm run build && npm run scenario-table\`.\nExpected:\n${fresh}`);
  }
  // The README's first command must succeed: every shipped scenario meets its expectation.
  expect({ exitCode: code, output: code === 0 ? '' : io.out() }).toEqual({ exitCode: 0, output: '' });
}, 600_000);
