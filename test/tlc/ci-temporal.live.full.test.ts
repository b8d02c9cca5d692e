// `credspec ci --engine tlc` on a spec whose two temporal properties are both violated and whose
// expectation names the first: met, as on the embedded engine (the developer's report: TLC
// said `FAIL ... violates, expected violates p1`). Live against TLA2TOOLS_JAR.
import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import { ENV_JAR, liveSkipReason } from './live-tlc.js';
import { SMALL_SPECS } from './small-specs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function ci(engine: 'embedded' | 'tlc'): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'credspec-ci-temporal-'));
  try {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'tp.cred'), SMALL_SPECS.tp!);
    const env = {
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      CI: 'true',
      CREDSPEC_PRELUDE: join(ROOT, 'prelude'),
      PATH: process.env.PATH ?? '',
      TLA2TOOLS_JAR: ENV_JAR ?? '',
    };
    const io = memoryIo({ cwd: dir, env });
    const code = await runCi({ dir: '.', engine }, io);
    return { code, out: io.out() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

(liveSkipReason ? describe.skip : describe)(
  `ci --engine tlc on two violated temporal properties (${liveSkipReason ?? 'TLA2TOOLS_JAR'})`,
  () => {
    test('both engines meet `expect base: violates p1`', async () => {
      const embedded = await ci('embedded');
      const tlc = await ci('tlc');
      for (const r of [embedded, tlc]) {
        expect(r.out).toMatch(/^ok .*violates p1/m);
        expect(r.code).toBe(0);
      }
    }, 120_000);
  },
);
