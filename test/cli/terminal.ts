// A shell line run in a real pseudo-terminal (@lydell/node-pty), for the tests of what a user
// at a terminal sees: everything drawn (escapes included) and the exit code. The environment is
// the test's own without CI, NO_COLOR and FORCE_COLOR (each test sets what it means to test),
// with the tests' shared cache (test/support/shared-cache.ts).

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedCacheHome } from '../support/shared-cache.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'bin', 'credspec.js');
const require = createRequire(join(REPO, 'package.json'));
const pty = require('@lydell/node-pty') as typeof import('@lydell/node-pty');

/** Runs `sh -c script` in a cols×rows terminal in `cwd`; `keys` are typed once `ready` is on screen (escapes aside). */
export function inTerminal(
  script: string,
  cwd: string,
  options: {
    env?: Record<string, string>;
    size?: [number, number];
    keys?: { ready: string; type: string };
  } = {},
): Promise<[string, number]> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(k) && !k.startsWith('JEST'))
      base[k] = v;
  const [cols, rows] = options.size ?? [100, 30];
  const proc = pty.spawn('/bin/sh', ['-c', script], {
    cols,
    rows,
    cwd,
    env: { ...base, TERM: 'xterm-256color', XDG_CACHE_HOME: sharedCacheHome(), ...options.env },
  });
  let drawn = '';
  let typed = false;
  proc.onData((d) => {
    drawn += d;
    const text = drawn.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    if (options.keys !== undefined && !typed && text.includes(options.keys.ready)) {
      typed = true;
      proc.write(options.keys.type);
    }
  });
  // A program that never ends (a key never typed) must not outlive the test.
  const stop = setTimeout(() => proc.kill(), 150_000);
  return new Promise((resolve) =>
    proc.onExit(({ exitCode }) => {
      clearTimeout(stop);
      resolve([drawn, exitCode]);
    }),
  );
}
