// Loads the compiled form of a TLA+ module from the user's private cache of compiled modules
// (src/engine/compile/compiled-cache.ts), compiling it there first when the cache has no sound
// entry. Part of the engine's runner, so it touches files; ts-morph is imported (dynamically)
// only when something must be compiled.
//
// A committed `generated/<spec>/<Module>.js` is never imported, whatever its header says. To
// trust it, its bytes would have to be compared with what the compiler makes now, and that is
// exactly what the cache entry holds: with a warm cache the committed file adds nothing, with a
// cold one checking it costs the same compile as not having it. So `check` stays fast by the
// cache (one compile per module text and compiler build, then a hash check per run) and a
// tampered committed file is never run.

import type { PrivateCache } from '../../cache/private-files.js';
import type { TlaModule } from '../../tla/tla-ast.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { Value } from '../values/values.js';
import { type CacheNotice, readCompiled, storeCompiled } from './compiled-cache.js';
import { type CompiledRuntime, type CompiledSelection, runtime } from './runtime.js';

/** A compiled module bound to the runtime: instantiate it with constants and a configuration selection. */
export type CompiledFactory = (
  constants: ReadonlyMap<string, Value>,
  selection?: CompiledSelection,
) => ExecutableModule;

/** What `loadCompiled` loaded, and from where. */
export interface LoadedModule {
  readonly factory: CompiledFactory;
  /** The JavaScript imported (verified against the cache entry's name, or compiled just now). */
  readonly javascript: string;
  /** `cache`: a sound cached entry; `compiled`: compiled just now (and stored when the cache is usable). */
  readonly origin: 'cache' | 'compiled';
}

interface GeneratedModule {
  createModule(rt: CompiledRuntime): CompiledFactory;
}

/**
 * Loads the compiled module for `tlaText` (the text printed from `module`, which is compiled
 * when the cache has no sound entry). `cache` null: compile in memory, store nothing.
 */
export async function loadCompiled(
  tlaText: string,
  module: TlaModule,
  cache: PrivateCache | null,
  notice: CacheNotice = () => undefined,
): Promise<LoadedModule> {
  const cached = cache === null ? null : readCompiled(cache, module.name, tlaText, notice);
  if (cached)
    return {
      factory: await importFactory(cached.javascript),
      javascript: cached.javascript,
      origin: 'cache',
    };
  // ts-morph (and the TypeScript compiler inside it) loads only on this path.
  const { compileModule } = await import('./compile-module.js');
  const compiled = compileModule(module, { sourceText: tlaText });
  if (cache !== null && cached !== null) storeCompiled(cache, module.name, tlaText, compiled);
  return {
    factory: await importFactory(compiled.javascript),
    javascript: compiled.javascript,
    origin: 'compiled',
  };
}

/**
 * Imports generated code from its text, as a `data:` URL: the code has no imports of its own,
 * it loads as an ES module wherever it came from, and what runs is the text that was verified,
 * not a file that could change between the check and the import.
 */
export async function importFactory(javascript: string): Promise<CompiledFactory> {
  const mod = (await import(
    `data:text/javascript;base64,${Buffer.from(javascript, 'utf8').toString('base64')}`
  )) as GeneratedModule;
  return mod.createModule(runtime);
}
