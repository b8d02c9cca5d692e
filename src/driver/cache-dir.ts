// Where credspec keeps what it can make again: emitted files for `--param` runs and compiled
// engine modules. `$XDG_CACHE_HOME/credspec` when that is an absolute path, else
// `~/.cache/credspec` (the same rule src/tlc/jar.ts uses for the installed TLC).

import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { PrivateCache } from '../cache/private-files.js';

/** The user cache folder of credspec. */
export function credspecCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'credspec');
}

/** Where compiled modules are cached: `compiled/` of credspec's user cache folder. */
export function compiledCache(env: Readonly<Record<string, string | undefined>>): PrivateCache {
  return { root: credspecCacheDir(env), folder: 'compiled' };
}
