// Says where an executable module comes from, in a form that can be posted to a worker thread
// (plain data), and builds the module from it in any thread: the compiled `.js` file the loader
// resolved, imported by its text, or the interpreter over the TLA+ tree. Part of the engine's
// runner: it reads the compiled file; it never compiles and never writes.

import { readFileSync } from 'node:fs';
import type { TlaModule, TlcConfig } from '../../tla/tla-ast.js';
import { constantBindings } from '../constants.js';
import { interpretModule } from '../interpret.js';
import type { ExecutableModule } from '../module-api.js';

/** How every thread of a parallel search obtains the same executable module. */
export type ModuleSource =
  | { readonly kind: 'compiled'; readonly path: string; readonly config: TlcConfig }
  | { readonly kind: 'interpreted'; readonly module: TlaModule; readonly config: TlcConfig };

/** Builds the executable module a source describes (constants bound from its config). */
export async function loadModuleSource(source: ModuleSource): Promise<ExecutableModule> {
  if (source.kind === 'interpreted') return interpretModule(source.module, source.config);
  const { runtime } = await import('../compile/runtime.js');
  const text = readFileSync(source.path, 'utf8');
  // The same import as the loader's: the generated file has no imports of its own.
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(text, 'utf8').toString('base64')}`)) as {
    createModule(rt: typeof runtime): (constants: ReturnType<typeof constantBindings>, selection?: TlcConfig) => ExecutableModule;
  };
  return mod.createModule(runtime)(constantBindings(source.config), source.config);
}
