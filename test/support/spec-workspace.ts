// Test helper: a scratch folder holding `specs/<name>` files, with the environment a user's
// shell would give credspec there (its own HOME and cache, CI output, this checkout's prelude).
// Call `specWorkspaces()` at the top level of a test file: its folders go when the file ends.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/commands/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from './scratch-dirs.js';

const PRELUDE = fileURLToPath(new URL('../../prelude', import.meta.url));

export interface SpecWorkspace {
  readonly dir: string;
  readonly env: Record<string, string>;
}

/** A maker of workspaces named `<prefix>XXXXXX`, each with `files` written under `specs/`. */
export function specWorkspaces(prefix: string): (files: Record<string, string>) => SpecWorkspace {
  const scratch = scratchDirs();
  return (files) => {
    const dir = scratch(prefix);
    mkdirSync(join(dir, 'specs'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'specs', name), text);
    return {
      dir,
      env: { HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), CI: 'true', CREDSPEC_PRELUDE: PRELUDE },
    };
  };
}

/** `credspec lint` on `text` as `specs/m.cred` in a new workspace: its exit code and the lines that name the file. */
export async function lintInWorkspace(
  workspace: (files: Record<string, string>) => SpecWorkspace,
  text: string,
): Promise<{ code: number; lines: string[] }> {
  const { dir, env } = workspace({ 'm.cred': text });
  const io = memoryIo({ cwd: dir, env });
  const code = await runCli(['lint', 'specs/m.cred'], io);
  return {
    code,
    lines: io
      .out()
      .split('\n')
      .filter((l) => l.startsWith('specs/m.cred:')),
  };
}
