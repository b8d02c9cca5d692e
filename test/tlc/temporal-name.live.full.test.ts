// Live TLC (TLA2TOOLS_JAR, and TLC 1.7.4 beside it) on specs with two temporal properties: the
// runner names the property TLC's lasso violates first in declaration order, the one the
// embedded engine reports, whether TLC lists both (current TLC) or names none (1.7.4).
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { temporalJudge } from '../../src/engine/run/temporal-judge.js';
import { runTlc } from '../../src/tlc/run.js';
import { liveJars, liveSkipReason } from './live-tlc.js';
import { builtOf } from './small-specs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function stage(name: string): { module: string; config: string } {
  const built = builtOf(name);
  const dir = mkdtempSync(join(tmpdir(), 'credspec-temporal-'));
  dirs.push(dir);
  const module = join(dir, `${built.emitted.module.name}.tla`);
  const config = join(dir, `${built.emitted.module.name}.cfg`);
  writeFileSync(module, built.tlaText);
  writeFileSync(config, built.cfgText);
  return { module, config };
}

if (liveSkipReason) {
  describe(`naming a violated temporal property on live TLC (${liveSkipReason})`, () => {
    test.skip('tp, tplater and tpswap name the property the embedded engine names', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`naming a violated temporal property on live TLC, ${jar.name}`, () => {
      test.each(['tp', 'tplater', 'tpswap'])(
        '%s: TLC and the embedded engine name the same property',
        async (name) => {
          const built = builtOf(name);
          const exe = interpretModule(built.emitted.module, built.emitted.config);
          const embedded = await explore(exe, built.emitted.config);
          const tlc = await runTlc({
            ...stage(name),
            tlcJar: jar.path,
            judgeTemporal: temporalJudge(built),
          });
          expect([tlc.verdict, tlc.property]).toEqual(['violated', embedded.property]);
          expect(embedded.property).toBe(name === 'tp' ? 'p1' : 'p2');
          expect([tlc.stats.distinctStates, tlc.stats.statesGenerated]).toEqual([
            embedded.stats.distinctStates,
            embedded.stats.statesGenerated,
          ]);
        },
        60_000,
      );
    });
  }
}
