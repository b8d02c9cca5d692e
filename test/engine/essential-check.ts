// `credspec check` in process on one spec, for the essential-steps tests: the result file's
// first result and what the user reads. `text` null: a shipped spec, checked where it lies.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { memoryIo } from '../../src/cli/io.js';
import { ROOT } from '../cli/locked-spec.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

interface Checked {
  readonly result: {
    readonly verdict: string;
    readonly trace: readonly { thread: string | null; step: string; essential?: boolean }[];
    readonly counterexample: { essential?: number[] };
  };
  readonly out: string;
}

export async function check(
  path: string,
  text: string | null,
  extra: Partial<Parameters<typeof runCheck>[0]> = {},
): Promise<Checked> {
  const dir = scratch('credspec-essential-');
  if (text !== null) {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, path), text);
  }
  const env = {
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    CI: 'true',
    CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
  };
  const io = memoryIo({ cwd: text === null ? ROOT : dir, env });
  const json = join(dir, 'r.json');
  await runCheck({ inputs: [path], variant: [], param: [], json, ...extra }, io);
  const file = JSON.parse(readFileSync(json, 'utf8'));
  return { result: file.results[0], out: io.out() };
}

export const essentialSteps = (c: Checked): string[] =>
  c.result.trace.filter((s) => s.essential === true).map((s) => `${s.thread} ${s.step}`);
