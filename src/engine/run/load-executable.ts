// The executable form of an emitted module for the embedded engine: the compiled TypeScript
// from the user's private cache of compiled modules (compiled into it once per module text and
// compiler build, verified on every read; a committed `.js` is never imported), and the direct
// interpreter of the same tree when the compiler refuses a construct.

import type { BuiltCase } from '../../emit/build-case.js';
import type { PrivateCache } from '../../cache/private-files.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import { constantBindings } from '../evaluation/constants.js';
import { interpretModule } from '../evaluation/interpret.js';
import { buildWithBoundedSymmetry } from './symmetry-limit.js';

/** Where the module comes from: the compiled-module cache, or the interpreter only (`interpret`). */
export interface ExecutableSource {
  readonly compiledCache: PrivateCache;
  readonly interpret: boolean;
}

/**
 * An executable module for the embedded engine, and the compiled code it runs (undefined:
 * interpreted). A symmetry group past the engine's limit is left out (symmetry-limit.ts) and
 * `symmetryDropped` says why.
 */
export async function loadExecutable(
  built: BuiltCase,
  options: ExecutableSource & {
    notice?: ((message: string) => void) | undefined;
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
  if (options.interpret) return interpreted();
  try {
    // ts-morph loads only when compiling.
    const { loadCompiled } = await import('../compile/load.js');
    const loaded = await loadCompiled(
      built.tlaText,
      built.emitted.module,
      options.compiledCache,
      options.notice,
    );
    return {
      executable: bounded((config) => loaded.factory(constantBindings(config), config)),
      javascript: loaded.javascript,
    };
  } catch (e) {
    if ((e as Error).name !== 'CompileError') throw e;
    return interpreted();
  }
}
