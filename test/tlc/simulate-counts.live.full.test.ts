// What a simulation's counts mean on both engines: TLC's simulator counts no distinct states
// (it prints -1), so TLC's result counts the distinct states of the behaviour it printed and
// says the rest is not counted; on a one-path spec both engines give the same count. Live
// against TLA2TOOLS_JAR and TLC 1.7.4; the counting helper also without TLC.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { simulate } from '../../src/engine/search/simulate.js';
import { NOT_COUNTED, distinctStatesOf, runTlcSimulation } from '../../src/tlc/simulate.js';
import { liveJars, liveSkipReason } from './live-tlc.js';
import { builtOf } from './small-specs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function stage(name: string): string {
  const built = builtOf(name);
  const dir = mkdtempSync(join(tmpdir(), 'credspec-sim-'));
  dirs.push(dir);
  writeFileSync(join(dir, `${built.emitted.module.name}.cfg`), built.cfgText);
  const module = join(dir, `${built.emitted.module.name}.tla`);
  writeFileSync(module, built.tlaText);
  return module;
}

async function embedded(name: string) {
  const built = builtOf(name);
  return simulate(
    interpretModule(built.emitted.module, built.emitted.config),
    built.emitted.config,
    { traces: 5, depth: 10, seed: 1 },
  );
}

test('the distinct states of a printed behaviour: equal states once, whatever their key order', () => {
  expect(distinctStatesOf(null)).toBe(0);
  expect(
    distinctStatesOf([
      { action: null, state: { n: 0, pc: { '#map': [[{ '#mv': 'w1' }, 'a']] } } },
      {
        action: { name: 'A', params: {} },
        state: { n: 1, pc: { '#map': [[{ '#mv': 'w1' }, 'b']] } },
      },
      {
        action: { name: 'B', params: {} },
        state: { pc: { '#map': [[{ '#mv': 'w1' }, 'a']] }, n: 0 },
      },
    ]),
  ).toBe(2);
});

if (liveSkipReason) {
  describe(`simulation counts on live TLC (${liveSkipReason})`, () => {
    test.skip('a one-path violation counts the same on both engines; an inconclusive run says distinct states are not counted', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`simulation counts on live TLC, ${jar.name}`, () => {
      test('a one-path violation: the same verdict, trace, distinct states and depth as the embedded simulation', async () => {
        const tlc = await runTlcSimulation({
          module: stage('simpath'),
          tlcJar: jar.path,
          traces: 5,
          depth: 10,
          seed: 1,
        });
        const mine = await embedded('simpath');
        expect([tlc.verdict, tlc.property, tlc.trace?.length]).toEqual(['violated', 'small', 3]);
        expect([mine.verdict, mine.property, mine.trace?.length]).toEqual(['violated', 'small', 3]);
        const counts = (r: typeof tlc) => [r.stats.distinctStates, r.stats.depth];
        expect(counts(tlc)).toEqual([3, 3]);
        expect(counts(mine)).toEqual(counts(tlc));
        // States generated keep each simulator's own meaning (docs/scaling.md).
        expect(mine.stats.statesGenerated).toBe(3);
        expect(tlc.stats.statesGenerated).toBeGreaterThanOrEqual(3);
      }, 60_000);

      test('a holding spec: inconclusive, states generated as TLC reports them, and the advice says distinct states are not counted', async () => {
        const tlc = await runTlcSimulation({
          module: stage('simok'),
          tlcJar: jar.path,
          traces: 5,
          depth: 10,
          seed: 1,
        });
        const mine = await embedded('simok');
        expect([tlc.verdict, tlc.inconclusive?.reason]).toEqual(['inconclusive', 'simulation']);
        expect(tlc.inconclusive!.advice).toContain(NOT_COUNTED);
        expect(tlc.stats.distinctStates).toBe(0);
        // Five behaviours of the one path, 4 states each, the initial state counted once; TLC
        // runs each behaviour on through stuttering to the depth asked for (10 states).
        expect(mine.stats.statesGenerated).toBe(1 + 5 * 3);
        expect(tlc.stats.statesGenerated).toBe(1 + 5 * 10);
        expect(mine.stats.distinctStates).toBe(4);
      }, 60_000);
    });
  }
}
