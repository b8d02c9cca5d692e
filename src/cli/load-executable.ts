// The executable form of an emitted module for the embedded engine: the compiled TypeScript
// from the user's private cache of compiled modules (compiled into it once per module text and
// compiler build, verified on every read; a committed `.js` is never imported), and the direct
// interpreter of the same tree when the compiler refuses a construct.

import type { BuiltCase } from '../emit/build-case.js';
import type { PrivateCache } from '../cache/private-files.js';
import type { ExecutableModule } from '../engine/module-api.js';
import { constantBindings } from '../engine/constants.js';
import { interpretModule } from '../engine/interpret.js';
import type { LoadedModule } from '../engine/compile/load.js';
import { buildWithBoundedSymmetry } from '../engine/symmetry-limit.js';
import { credspecCacheDir } from './cache-dir.js';

/** Where compiled modules are cached: `compiled/` of credspec's user cache folder (see cache-dir.ts). */
export function compiledCache(env: Readonly<Record<string, string | undefined>>): PrivateCache {
  return { root: credspecCacheDir(env), folder: 'compiled' };
}

/** The compiled module of a case, through the private cache (ts-morph loads only when compiling). */
export async function loadCompiledCase(
  built: BuiltCase,
  env: Readonly<Record<string, string | undefined>>,
  notice?: (message: string) => void,
): Promise<LoadedModule> {
  const { loadCompiled } = await import('../engine/compile/load.js');
  return loadCompiled(built.tlaText, built.emitted.module, compiledCache(env), notice);
}

/**
 * An executable module for the embedded engine, and the compiled code it runs (undefined:
 * interpreted). A symmetry group past the engine's limit is left out (symmetry-limit.ts) and
 * `symmetryDropped` says why.
 */
export async function loadExecutable(
  built: BuiltCase,
  options: {
    env: Readonly<Record<string, string | undefined>>;
    warn?: (message: string) => void;
    notice?: (message: string) => void;
    symmetryDropped?: (message: string) => void;
  },
): Promise<{ executable: ExecutableModule; javascript?: string }> {
  const bounded = (build: Parameters<typeof buildWithBoundedSymmetry>[0]): ExecutableModule => {
    const b = buildWithBoundedSymmetry(build, built.emitted.config);
    if (b.symmetryDropped !== undefined) options.symmetryDropped?.(b.symmetryDropped);
    return b.module;
  };
  const interpreted = (): { executable: ExecutableModule } => ({
    executable: bounded((config) => interpretModule(built.emitted.module, config)),
  });
  if (options.env.CREDSPEC_INTERPRET === '1') return interpreted();
  try {
    const loaded = await loadCompiledCase(built, options.env, options.notice);
    return {
      executable: bounded((config) => loaded.factory(constantBindings(config), config)),
      javascript: loaded.javascript,
    };
  } catch (e) {
    if ((e as Error).name !== 'CompileError') throw e;
    options.warn?.(
      `the engine compiler refused ${built.emitted.module.name} (${(e as Error).message}); checking it with the interpreter`,
    );
    return interpreted();
  }
}
