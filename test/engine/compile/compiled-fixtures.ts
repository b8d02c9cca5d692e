// Compiles a TlaModule and loads the generated JavaScript the way the engine does (through
// loadCompiled, into a temporary folder), for the compiler's tests. Returns the bound factory.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCompiled, type LoadedModule } from '../../../src/engine/compile/load.js';
import { printTla } from '../../../src/tla/print.js';
import type { TlaModule } from '../../../src/tla/tla-ast.js';

const root = mkdtempSync(join(tmpdir(), 'credspec-compile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Prints the module beside a fresh folder and loads its compiled form through a cache folder. */
export async function loadFresh(module: TlaModule): Promise<LoadedModule> {
  const dir = mkdtempSync(join(root, 'spec-'));
  const text = printTla(module).text;
  writeFileSync(join(dir, `${module.name}.tla`), text);
  return loadCompiled(text, module, { root, folder: 'cache' });
}
