// TLC's `-simulate` on fixture modules with real TLC (TLA2TOOLS_JAR and TLC 1.7.4; skipped by
// name without a jar): a seeded simulation finds RacyCounter's lost update, the same way twice;
// Mutex, which holds, ends inconclusive with the number of behaviours explored.
import { afterAll, describe, expect, test } from '@jest/globals';
import { rmSync } from 'node:fs';
import { runTlcSimulation } from '../../src/tlc/simulate.js';
import { liveJars, liveFixtureSkipReason, processAlive, stageFixture } from '../tlc/live-tlc.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function staged(caseName: string): string {
  const { dir, module } = stageFixture(caseName);
  dirs.push(dir);
  return module;
}

if (liveFixtureSkipReason) {
  describe(`TLC simulation (${liveFixtureSkipReason})`, () => {
    test.skip('finds a violation by simulation; a holding module is inconclusive', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`TLC simulation with ${jar.name}`, () => {
      test('02-invariant: seed 7 finds NoLostUpdate violated within 50 behaviours of depth 20, twice the same', async () => {
        const module = staged('02-invariant');
        let pid = 0;
        const run = () =>
          runTlcSimulation({
            module,
            tlcJar: jar.path,
            traces: 50,
            depth: 20,
            seed: 7,
            onStart: (s) => (pid = s.pid),
          });
        const r = await run();
        expect([r.verdict, r.property]).toEqual(['violated', 'NoLostUpdate']);
        expect(r.trace!.length).toBeGreaterThanOrEqual(5);
        expect(r.trace![0]!.action).toBeNull();
        const last = r.trace![r.trace!.length - 1]!.state;
        expect(last.counter).not.toBe((last.log as unknown[]).length);
        expect(processAlive(pid)).toBe(false);
        const again = await run();
        expect(JSON.stringify(again.trace)).toBe(JSON.stringify(r.trace));
      });

      test('01-success: 100 behaviours of depth 30 find nothing: inconclusive (simulation), with the count', async () => {
        const r = await runTlcSimulation({
          module: staged('01-success'),
          tlcJar: jar.path,
          traces: 100,
          depth: 30,
          seed: 7,
        });
        expect(r.verdict).toBe('inconclusive');
        expect(r.inconclusive?.reason).toBe('simulation');
        expect(r.inconclusive?.advice).toMatch(
          /found no violation: 100 behaviours of up to 30 states \(seed 7\)/,
        );
        expect(r.stats.statesGenerated).toBe(3001);
      });
    });
  }
}
