// The executable form of an emitted module for the embedded engine: the interpreter of the
// TLA+ tree. Kept behind one function so the check path decides in one place how a module
// becomes executable.

import type { BuiltCase } from '../pipeline/build-case.js';
import type { ExecutableModule } from '../engine/module-api.js';
import { interpretModule } from '../engine/interpret.js';

/** An executable module for the embedded engine. */
export async function loadExecutable(built: BuiltCase, _files: { tla: string; cfg: string }, _options: unknown): Promise<ExecutableModule> {
  return interpretModule(built.emitted.module, built.emitted.config);
}
