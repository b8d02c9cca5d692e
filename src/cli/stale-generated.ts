// Which committed generated files differ from what `credspec emit` would write now, for `ci`:
// emit's own plan of a spec's files (planSpec: modules, configs, source maps, compiled modules
// and the folder's manifest) against the bytes
// under `generated/`. A spec none of whose files is under `generated/` is not committed there
// and is not judged; one that is must have every file emit writes, byte for byte.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StaleGenerated } from '../result/result-file.js';
import type { CheckedProgram } from '../check/check.js';
import { type ModuleCompiler, planSpec } from './emit-plan.js';
import { outputFolderOf } from '../driver/spec-output-folder.js';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The committed files of `spec` (under `<cwd>/generated`) that emit would write differently or
 * that are missing; `compiler` is asked only when some file of the spec is committed.
 */
export async function staleGenerated(
  spec: string,
  checked: CheckedProgram,
  cwd: string,
  generatedBy: string,
  compiler: () => Promise<ModuleCompiler>,
): Promise<StaleGenerated[]> {
  const root = resolve(cwd, 'generated');
  const folder = outputFolderOf(spec, cwd, root);
  const plain = planSpec(checked, { folder, specPath: spec, generatedBy });
  // A spec that does not emit is reported by its checks; one with nothing committed is not judged.
  if (!plain.ok) return [];
  const stems = new Set(
    plain.planned.files
      .filter((f) => f.path.endsWith('.tla'))
      .map((f) => f.path.replace(/\.tla$/, '')),
  );
  const candidates = [
    ...plain.planned.files.map((f) => f.path),
    ...[...stems].flatMap((s) => [`${s}.ts`, `${s}.js`]),
  ];
  if (!candidates.some((p) => readOrNull(join(root, p)) !== null)) return [];
  const rendered = planSpec(checked, {
    folder,
    specPath: spec,
    generatedBy,
    compile: await compiler(),
  });
  if (!rendered.ok) return [];
  const stale: StaleGenerated[] = [];
  for (const f of rendered.planned.files) {
    const current = readOrNull(join(root, f.path));
    if (current === f.text) continue;
    stale.push({
      spec,
      file: `generated/${f.path}`,
      reason: current === null ? 'missing' : 'differs',
    });
  }
  return stale;
}
