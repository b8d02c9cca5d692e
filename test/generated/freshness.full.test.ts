// The committed generated/ folder is exactly what `credspec emit specs` writes today: same
// files (the manifests included), same bytes. A difference fails with the list of files and the command that fixes it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProgram } from '../../src/check/check.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { moduleCompiler, planSpec } from '../../src/cli/emit-plan.js';
import { packageVersion } from '../../src/driver/package-root.js';
import { credFilesUnder, loadSpec } from '../../src/cli/spec-inputs.js';
import { outputFolderOf } from '../../src/driver/spec-output-folder.js';

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
  // Compiled modules are compared with the compiler's output (kept in a private cache of the
  // checkout's so that a second run does not compile again).
  const compile = await moduleCompiler({
    root: join(ROOT, 'node_modules', '.cache', 'credspec-freshness'),
    folder: 'compiled',
  });
  const io = { cwd: ROOT, env: {} };
  const expected = new Map<string, string>();
  for (const spec of credFilesUnder(join(ROOT, 'specs'), 'specs')) {
    const program = loadSpec(spec, io);
    const checked = checkProgram(program);
    expect(hasErrors([...program.diagnostics, ...checked.diagnostics])).toBe(false);
    const folder = outputFolderOf(spec, ROOT, 'generated');
    const rendered = planSpec(checked, {
      folder,
      specPath: spec,
      generatedBy: `credspec ${packageVersion()}`,
      compile,
    });
    if (!rendered.ok)
      throw new Error(
        `${spec} does not emit: ${rendered.diagnostics.map((d) => d.code).join(', ')}`,
      );
    for (const f of rendered.planned.files) expected.set(f.path, f.text);
  }
  const committed = filesUnder(join(ROOT, 'generated')).filter((f) => !f.endsWith('.md'));
  const problems: string[] = [];
  for (const path of [...expected.keys()].sort()) {
    if (!committed.includes(path)) problems.push(`missing: generated/${path}`);
    else if (readFileSync(join(ROOT, 'generated', path), 'utf8') !== expected.get(path))
      problems.push(`stale: generated/${path}`);
  }
  for (const path of committed)
    if (!expected.has(path)) problems.push(`not emitted any more: generated/${path}`);
  if (problems.length > 0) {
    throw new Error(
      `generated/ is out of date (run \`npx credspec emit specs\` and delete what is no longer emitted):\n${problems.join('\n')}`,
    );
  }
});
