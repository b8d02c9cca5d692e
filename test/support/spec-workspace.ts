// Test helper: a scratch folder holding `specs/<name>` files, with the environment a user's
// shell would give credspec there (its own HOME and cache, CI output, this checkout's prelude).
// Call `specWorkspaces()` at the top level of a test file: its folders go when the file ends.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../src/cli/commands/check.js';
import { runCli } from '../../src/cli/commands/main.js';
import { memoryIo } from '../../src/cli/io.js';
import type { ResultFile } from '../../src/result/result-file.js';
import { scratchDirs } from './scratch-dirs.js';

const PRELUDE = fileURLToPath(new URL('../../prelude', import.meta.url));

export interface SpecWorkspace {
  readonly dir: string;
  readonly env: Record<string, string>;
}

/** The environment a user's shell gives credspec in `dir`: its own HOME and cache, CI output, this checkout's prelude. */
export function userEnv(dir: string): Record<string, string> {
  return { HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), CI: 'true', CREDSPEC_PRELUDE: PRELUDE };
}

/** A maker of workspaces named `<prefix>XXXXXX`, each with `files` written under `specs/`. */
export function specWorkspaces(prefix: string): (files: Record<string, string>) => SpecWorkspace {
  const scratch = scratchDirs();
  return (files) => {
    const dir = scratch(prefix);
    mkdirSync(join(dir, 'specs'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'specs', name), text);
    return { dir, env: userEnv(dir) };
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

/** What `credspec check` did in a workspace: its exit code, what it printed, and its result file. */
export interface CheckRun {
  readonly code: number;
  readonly out: string;
  /** The result file written with `--json` (parsed), or null when the run wrote none. */
  readonly file: ResultFile | null;
}

/**
 * `credspec check` in `cwd` with `env`, as a user runs it, with `--json` (a file in the HOME of
 * `env`) added to `options`: its exit code, its output and the result file.
 */
export async function checkIn(
  cwd: string,
  env: Record<string, string>,
  options: Partial<Parameters<typeof runCheck>[0]> & Pick<Parameters<typeof runCheck>[0], 'inputs'>,
): Promise<CheckRun> {
  const io = memoryIo({ cwd, env });
  const json = join(env.HOME ?? cwd, `r-${++checks}.json`);
  const code = await runCheck({ variant: [], param: [], json, ...options }, io);
  let file: ResultFile | null = null;
  try {
    file = JSON.parse(readFileSync(json, 'utf8')) as ResultFile;
  } catch {
    file = null;
  }
  return { code, out: io.out(), file };
}

let checks = 0;
