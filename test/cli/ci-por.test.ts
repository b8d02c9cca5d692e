// `credspec ci --por` in process: it reduces the embedded engine only. That the reduction keeps
// every expectation of a shipped spec is in ci-por.full.test.ts (half a minute), the agreement
// of reduced and full searches in test/engine/por-differential.test.ts.

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const COUNTDOWN = fileURLToPath(new URL('../fixtures/progress/countdown.cred', import.meta.url));

const scratch = scratchDirs();

describe('credspec ci --por', () => {
  test('refuses --engine tlc', async () => {
    const dir = scratch('credspec-ci-por-');
    const io = memoryIo({ cwd: dir, env: { HOME: dir } });
    expect(await runCi({ dir: 'specs', por: true, engine: 'tlc' }, io)).toBe(2);
    expect(io.err()).toContain('--por reduces the embedded engine');
  });
});

describe('credspec ci notes', () => {
  test('each note names its check and is said once per check', async () => {
    const dir = scratch('credspec-ci-notes-');
    cpSync(COUNTDOWN, join(dir, 'countdown.cred'));
    const io = memoryIo({ cwd: dir, env: { HOME: dir } });
    expect(await runCi({ dir: 'countdown.cred', por: true }, io)).toBe(0);
    const notes = io
      .err()
      .split('\n')
      .filter((line) => line.includes('--por:'));
    expect(notes.map((line) => line.replace(/--por: .*/, '--por:'))).toEqual([
      'credspec ci: countdown.cred base: --por:',
      'credspec ci: countdown.cred base (THREADS=3): --por:',
      'credspec ci: countdown.cred base (START=1, THREADS=6): --por:',
    ]);
  });
});
