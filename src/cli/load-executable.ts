// The executable form of an emitted module for the embedded engine: the compiled TypeScript
// (fresh beside the committed `.tla`, or compiled once into the user cache, keyed by content),
// and the direct interpreter of the same tree when the compiler refuses a construct.

import { dirname, join } from 'node:path';
import type { BuiltCase } from '../pipeline/build-case.js';
import type { ExecutableModule } from '../engine/module-api.js';
import { constantBindings } from '../engine/constants.js';
import { interpretModule } from '../engine/interpret.js';
import { buildWithBoundedSymmetry } from '../engine/symmetry-limit.js';
import { credspecCacheDir } from './cache-dir.js';

/** Where compiled modules are cached: `$XDG_CACHE_HOME/credspec/compiled` (or `~/.cache/...`). */
export function compiledCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(credspecCacheDir(env), 'compiled');
}

/**
 * An executable module for the embedded engine, and how it was obtained. A symmetry group past
 * the engine's limit is left out (symmetry-limit.ts) and `symmetryDropped` says why.
 */
export async function loadExecutable(
  built: BuiltCase,
  files: { tla: string; cfg: string },
  options: { env: Readonly<Record<string, string | undefined>>; warn?: (message: string) => void; symmetryDropped?: (message: string) => void },
): Promise<ExecutableModule> {
  const bounded = (build: Parameters<typeof buildWithBoundedSymmetry>[0]): ExecutableModule => {
    const b = buildWithBoundedSymmetry(build, built.emitted.config);
    if (b.symmetryDropped !== undefined) options.symmetryDropped?.(b.symmetryDropped);
    return b.module;
  };
  const interpreted = (): ExecutableModule => bounded((config) => interpretModule(built.emitted.module, config));
  if (options.env.CREDSPEC_INTERPRET === '1') return interpreted();
  const { loadCompiled } = await import('../engine/compile/load.js');
  try {
    const loaded = await loadCompiled(built.tlaText, dirname(files.tla), compiledCacheDir(options.env), built.emitted.module);
    return bounded((config) => loaded.factory(constantBindings(config), config));
  } catch (e) {
    if ((e as Error).name !== 'CompileError') throw e;
    options.warn?.(`the engine compiler refused ${built.emitted.module.name} (${(e as Error).message}); checking it with the interpreter`);
    return interpreted();
  }
}
