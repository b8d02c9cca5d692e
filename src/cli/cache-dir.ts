// Where credspec keeps what it can make again: emitted files for `--param` runs and compiled
// engine modules. `$XDG_CACHE_HOME/credspec` when that is an absolute path, else
// `~/.cache/credspec` (the same rule src/tlc/jar.ts uses for the installed TLC).

import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The user cache folder of credspec. */
export function credspecCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'credspec');
}
