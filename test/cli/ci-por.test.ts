// `credspec ci --por` in process: it reduces the embedded engine only. That the reduction keeps
// every expectation of a shipped spec is in ci-por.full.test.ts (half a minute), the agreement
// of reduced and full searches in test/engine/por-differential.test.ts.

import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const scratch = scratchDirs();

describe('credspec ci --por', () => {
  test('refuses --engine tlc', async () => {
    const dir = scratch('credspec-ci-por-');
    const io = memoryIo({ cwd: dir, env: { HOME: dir } });
    expect(await runCi({ dir: 'specs', por: true, engine: 'tlc' }, io)).toBe(2);
    expect(io.err()).toContain('--por reduces the embedded engine');
  });
});
