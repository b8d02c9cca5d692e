// A temporary folder per test with a prelude of its own, for running the command line in process
// on files written into it, as the `credspec lint` tests do.

import { afterEach, beforeEach } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/commands/main.js';
import { memoryIo } from '../../src/cli/io.js';

export interface LintFolder {
  /** The test's folder: the working directory of every run. */
  readonly dir: string;
  /** The prelude every run reads (CREDSPEC_PRELUDE); it starts with a clean kernel.cred. */
  readonly prelude: string;
  /** Writes a file under the folder, making its parent folders. */
  write(rel: string, text: string): void;
  /** Runs the command line with these arguments in the folder. */
  lint(...args: string[]): Promise<{ code: number; out: string; err: string }>;
}

/** Gives each test of the file a fresh folder (removed after the test) and the tools to use it. */
export function lintFolder(): LintFolder {
  let dir = '';
  let prelude = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credspec-lint-'));
    prelude = join(dir, '.prelude');
    mkdirSync(prelude);
    writeFileSync(join(prelude, 'kernel.cred'), 'spec kernel\nshared var kernel_ticks: 0..3 = 0\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    get prelude() {
      return prelude;
    },
    write(rel, text) {
      const full = join(dir, rel);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
    },
    async lint(...args) {
      const io = memoryIo({ cwd: dir, env: { CREDSPEC_PRELUDE: prelude } });
      const code = await runCli(args, io);
      return { code, out: io.out(), err: io.err() };
    },
  };
}
