// Where credspec is installed: the folder holding its package.json, found from this module's
// own location (src/ under ts-jest, dist/src/ when built). Reads the file system; used by the
// command line and the language server for the version and the prelude folder.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === 'credspec') return { root: dir, version: parsed.version ?? '0.0.0' };
      } catch {
        // not ours: keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) return { root: dirname(fileURLToPath(import.meta.url)), version: '0.0.0' };
    dir = up;
  }
}

/** The package root folder. */
export function packageRoot(): string {
  cached ??= find();
  return cached.root;
}

/** The package version, from package.json. */
export function packageVersion(): string {
  cached ??= find();
  return cached.version;
}

/** The prelude folder: `CREDSPEC_PRELUDE` when set, else `<package root>/prelude`. */
export function preludeDir(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.CREDSPEC_PRELUDE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(packageRoot(), 'prelude');
}
