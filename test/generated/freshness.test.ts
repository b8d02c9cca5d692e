// The committed generated/ folder is exactly what `credspec emit specs` writes today: same
// files, same bytes. A difference fails with the list of files and the command that fixes it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProgram } from '../../src/check/check.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { moduleCompiler, renderSpec } from '../../src/cli/commands/emit.js';
import { packageVersion } from '../../src/cli/package-root.js';
import { credFilesUnder, loadSpec } from '../../src/cli/spec-inputs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(join(ROOT, 'generated'), p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

test('generated/ is what `credspec emit specs` writes today', async () => {
  // Compiled modules whose headers match their module's hash are taken as they are (see
  // moduleCompiler); the determinism test of the compiler covers their bytes.
  const compile = await moduleCompiler(join(ROOT, 'generated'));
  const io = { cwd: ROOT, env: {} };
  const expected = new Map<string, string>();
  for (const spec of credFilesUnder(join(ROOT, 'specs'), 'specs')) {
    const program = loadSpec(spec, io);
    const checked = checkProgram(program);
    expect(hasErrors([...program.diagnostics, ...checked.diagnostics])).toBe(false);
    const rendered = renderSpec(checked, `credspec ${packageVersion()}`, undefined, compile);
    if (!rendered.ok) throw new Error(`${spec} does not emit: ${rendered.diagnostics.map((d) => d.code).join(', ')}`);
    for (const f of rendered.files) expected.set(f.path, f.text);
  }
  const committed = filesUnder(join(ROOT, 'generated')).filter((f) => !f.endsWith('.md'));
  const problems: string[] = [];
  for (const path of [...expected.keys()].sort()) {
    if (!committed.includes(path)) problems.push(`missing: generated/${path}`);
    else if (readFileSync(join(ROOT, 'generated', path), 'utf8') !== expected.get(path)) problems.push(`stale: generated/${path}`);
  }
  for (const path of committed) if (!expected.has(path)) problems.push(`not emitted any more: generated/${path}`);
  if (problems.length > 0) {
    throw new Error(`generated/ is out of date (run \`npx credspec emit specs\` and delete what is no longer emitted):\n${problems.join('\n')}`);
  }
});
