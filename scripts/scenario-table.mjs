// Rewrites the scenario table in README.md from a fresh `credspec ci specs` run (embedded
// engine). Run through `npm run scenario-table`, after `npm run build`.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCi } from '../dist/src/cli/commands/ci.js';
import { memoryIo } from '../dist/src/cli/io.js';
import {
  renderScenarioTable,
  replaceScenarioTable,
} from '../dist/src/cli/reports/scenario-table.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(mkdtempSync(join(tmpdir(), 'credspec-table-')), 'ci.json');
const io = memoryIo({ cwd: root, env: { ...process.env, CI: 'true' } });
const code = await runCi({ dir: 'specs', json: out }, io);
process.stderr.write(io.err());
// The ci summary line, so that whoever regenerates the table sees what the run found.
process.stderr.write(`${io.out().trimEnd().split('\n').at(-1)}\n`);
if (code === 2 || code === 3) {
  process.stderr.write(`credspec ci failed (exit ${code}); the table was not changed\n`);
  process.exit(code);
}
const report = JSON.parse(readFileSync(out, 'utf8'));
const results = report.results;
const readmePath = join(root, 'README.md');
writeFileSync(
  readmePath,
  replaceScenarioTable(
    readFileSync(readmePath, 'utf8'),
    renderScenarioTable(results, report.catalogueReplays ?? []),
  ),
);
process.stdout.write(`README.md: ${results.length} scenarios (ci exit ${code})\n`);
