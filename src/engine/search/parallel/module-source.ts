// Says where an executable module comes from, in a form that can be posted to a worker thread
// (plain data), and builds the module from it in any thread: the compiled code the loader
// verified (its text, so every thread runs those bytes and no file is read again), or the
// interpreter over the TLA+ tree. Part of the engine's runner: it never compiles and never writes.

import type { TlaModule, TlcConfig } from '../../../tla/tla-ast.js';
import { constantBindings } from '../../evaluation/constants.js';
import { interpretModule } from '../../evaluation/interpret.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';

/** How every thread of a parallel search obtains the same executable module. */
export type ModuleSource =
  | { readonly kind: 'compiled'; readonly javascript: string; readonly config: TlcConfig }
  | { readonly kind: 'interpreted'; readonly module: TlaModule; readonly config: TlcConfig };

/** Builds the executable module a source describes (constants bound from its config). */
export async function loadModuleSource(source: ModuleSource): Promise<ExecutableModule> {
  if (source.kind === 'interpreted') return interpretModule(source.module, source.config);
  const { importFactory } = await import('../../compile/load.js');
  return (await importFactory(source.javascript))(constantBindings(source.config), source.config);
}
