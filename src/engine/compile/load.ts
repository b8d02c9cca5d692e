// Loads the compiled form of a TLA+ module: a fresh `<Module>.js` beside the `.tla` when there is
// one (fresh = its header carries the hash of this TLA+ text), else the copy in the cache folder
// keyed by that hash, compiling it there first when missing. Part of the engine's runner, so it
// touches files; ts-morph is imported (dynamically) only when something must be compiled.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TlaModule } from '../../tla/tla-ast.js';
import type { ExecutableModule } from '../module-api.js';
import type { Value } from '../values.js';
import { hashTlaText, isFresh, readHeader } from './header.js';
import { runtime, type CompiledSelection } from './runtime.js';

/** A compiled module bound to the runtime: instantiate it with constants and a configuration selection. */
export type CompiledFactory = (constants: ReadonlyMap<string, Value>, selection?: CompiledSelection) => ExecutableModule;

/** What `loadCompiled` loaded, and from where. */
export interface LoadedModule {
  readonly factory: CompiledFactory;
  /** The `.js` file imported. */
  readonly path: string;
  /** `beside`: the fresh file next to the `.tla`; `cache`: a cached copy; `compiled`: compiled just now into the cache. */
  readonly origin: 'beside' | 'cache' | 'compiled';
}

/** A file in the way that credspec did not write: loading refuses to overwrite it. */
export class ForeignFileError extends Error {
  override readonly name = 'ForeignFileError';
}

interface GeneratedModule {
  createModule(rt: typeof runtime): CompiledFactory;
}

/**
 * Loads the compiled module for `tlaText` (the text of `<dir>/<module.name>.tla`; `module` is
 * the tree it was printed from, used only when compiling). Never overwrites a file without a
 * credspec header; rewrites a cached file only when its header says it is stale.
 */
export async function loadCompiled(tlaText: string, dir: string, cacheDir: string, module: TlaModule): Promise<LoadedModule> {
  const hash = hashTlaText(tlaText);
  const beside = join(dir, `${module.name}.js`);
  if (existsSync(beside) && isFresh(readFileSync(beside, 'utf8'), hash)) {
    return { factory: await importFactory(beside), path: beside, origin: 'beside' };
  }
  const folder = join(cacheDir, hash.replace(/^sha256:/, '').slice(0, 24));
  const cached = join(folder, `${module.name}.js`);
  if (existsSync(cached) && isFresh(readFileSync(cached, 'utf8'), hash)) {
    return { factory: await importFactory(cached), path: cached, origin: 'cache' };
  }
  // ts-morph (and the TypeScript compiler inside it) loads only on this path.
  const { compileModule } = await import('./compile-module.js');
  const compiled = compileModule(module, { sourceText: tlaText });
  mkdirSync(folder, { recursive: true });
  writeOwned(join(folder, `${module.name}.ts`), compiled.typescript, (t) => readHeader(t) !== undefined);
  writeOwned(cached, compiled.javascript, (t) => readHeader(t) !== undefined);
  return { factory: await importFactory(cached), path: cached, origin: 'compiled' };
}

/** Writes `text` unless the file exists and `ours` says credspec did not write it; atomic by rename. */
function writeOwned(path: string, text: string, ours: (existing: string) => boolean): void {
  if (existsSync(path)) {
    const existing = readFileSync(path, 'utf8');
    if (existing === text) return;
    if (!ours(existing)) throw new ForeignFileError(`${path} exists and was not written by credspec; not overwriting it.`);
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Imports a generated file. Its text is imported as a `data:` URL: the file has no imports of
 * its own, and this way it loads as an ES module whatever package.json sits above the folder
 * (a `.js` under a CommonJS package would not).
 */
export async function importFactory(path: string): Promise<CompiledFactory> {
  const text = readFileSync(path, 'utf8');
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(text, 'utf8').toString('base64')}`)) as GeneratedModule;
  return mod.createModule(runtime);
}
