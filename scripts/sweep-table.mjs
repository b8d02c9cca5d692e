// Rewrites the sweep table in README.md from fresh `credspec sweep` runs over every shipped spec
// (embedded engine), with the budget of src/sweep/readme-table.ts. Run through
// `npm run sweep-table` (which builds first). Prints each spec's time and the total.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../dist/src/cli/commands/main.js';
import { memoryIo } from '../dist/src/cli/io.js';
import {
  readmeSweepArgs,
  renderSweepSection,
  replaceSweepSection,
} from '../dist/src/sweep/readme-table.js';

const root = new URL('..', import.meta.url).pathname;
const specs = readdirSync(join(root, 'specs'))
  .filter((f) => f.endsWith('.cred'))
  .sort()
  .map((f) => `specs/${f}`);
const tables = [];
const began = Date.now();
let worst = 0;
for (const spec of specs) {
  const t0 = Date.now();
  const io = memoryIo({ cwd: root, env: { ...process.env, CI: 'true' } });
  const code = await runCli(readmeSweepArgs(spec), io);
  process.stderr.write(io.err());
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  process.stdout.write(`${spec}: exit ${code}, ${seconds} s\n`);
  if (code === 2 || code === 3) {
    process.stderr.write(
      `credspec sweep ${spec} failed (exit ${code}); the table was not changed\n`,
    );
    process.exit(code);
  }
  worst = Math.max(worst, code);
  tables.push({ spec, table: io.out() });
}
const readmePath = join(root, 'README.md');
writeFileSync(
  readmePath,
  replaceSweepSection(readFileSync(readmePath, 'utf8'), renderSweepSection(tables)),
);
process.stdout.write(
  `README.md: ${specs.length} specs swept in ${((Date.now() - began) / 1000).toFixed(0)} s` +
    (worst === 1 ? ' (findings: a fixed variant breaks, see the table)\n' : '\n'),
);
