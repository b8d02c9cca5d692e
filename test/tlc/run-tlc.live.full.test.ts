// Fixture modules run through runTlc against each real jar (TLA2TOOLS_JAR, and TLC 1.7.4 when
// present): verdicts, counts, traces and error locations as a user would check them.
import { afterAll, describe, expect, test } from '@jest/globals';
import { readdirSync, rmSync } from 'node:fs';
import type { CheckResult } from '../../src/result/check-result.js';
import { runTlc } from '../../src/tlc/run.js';
import { liveJars, liveFixtureSkipReason, stageFixture } from './live-tlc.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(
  caseName: string,
  jar: string,
  extra: Partial<Parameters<typeof runTlc>[0]> = {},
): Promise<CheckResult> {
  const { dir, module } = stageFixture(caseName);
  dirs.push(dir);
  const result = await runTlc({ module, tlcJar: jar, ...extra });
  // Nothing is written beside the module: TLC ran in a copy.
  expect(readdirSync(dir).sort()).toEqual(
    readdirSync(dir)
      .filter((f) => f.endsWith('.tla') || f.endsWith('.cfg'))
      .sort(),
  );
  return result;
}

const self = (r: CheckResult, i: number): unknown => r.trace![i]!.action?.params.self;

if (liveFixtureSkipReason) {
  describe(`live TLC runs of the fixture modules (${liveFixtureSkipReason})`, () => {
    test.skip('01-success holds, 02-invariant violated, 03 deadlock, 04a lasso, 04b stuttering, 05 assert, 06 initial state, 07 parse error, 09a evaluation error, 14 -continue, 15 config error', () => {});
  });
} else {
  for (const jar of liveJars()) {
    const isRelease = jar.name === 'v1.7.4';
    describe(`live TLC runs of the fixture modules with ${jar.name}`, () => {
      test("01-success holds with TLC's counts", async () => {
        const r = await run('01-success', jar.path);
        expect(r.verdict).toBe('holds');
        expect(r.stats.distinctStates).toBe(811);
        expect(r.stats.statesGenerated).toBe(901);
        expect(r.stats.depth).toBe(19);
      });

      test('02-invariant: NoLostUpdate violated after 5 states', async () => {
        const r = await run('02-invariant', jar.path);
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('NoLostUpdate');
        expect(r.stats.distinctStates).toBe(27);
        expect(r.trace!.map((s) => s.action?.name ?? null)).toEqual([
          null,
          'A_load',
          'A_load',
          'A_store',
          'A_store',
        ]);
        // TLC 1.7.4 prints action labels without their arguments.
        expect(self(r, 1)).toEqual(isRelease ? undefined : { '#mv': 't1' });
      });

      test('03-deadlock: deadlock after 4 states', async () => {
        const r = await run('03-deadlock', jar.path);
        expect(r.verdict).toBe('deadlock');
        expect(r.property).toBeNull();
        expect(r.trace).toHaveLength(4);
      });

      test('04a-liveness-lasso: lasso back to state index 3', async () => {
        const r = await run('04a-liveness-lasso', jar.path);
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('StarvationFree');
        expect(r.trace).toHaveLength(7);
        expect(r.loopsBackTo).toBe(3);
        expect(r.stuttering).toBe(false);
      });

      test('04b-liveness-stuttering: stutters after 4 states', async () => {
        const r = await run('04b-liveness-stuttering', jar.path);
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('AllCommitted');
        expect(r.trace).toHaveLength(4);
        expect(r.stuttering).toBe(true);
        expect(r.loopsBackTo).toBeNull();
      });

      test('05-assert: the assertion message is the property', async () => {
        const r = await run('05-assert', jar.path);
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('Failure of assertion at cred.cred:14:5: put_cred: usage > 1');
        expect(r.trace).toHaveLength(6);
      });

      test('06-init-violation: one initial state', async () => {
        const r = await run('06-init-violation', jar.path);
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('DomainNeedsNnp');
        expect(r.trace).toHaveLength(1);
        expect(r.trace![0]!.action).toBeNull();
      });

      test('07-parse-error: error at line 19, column 5', async () => {
        const r = await run('07-parse-error', jar.path);
        expect(r.verdict).toBe('error');
        expect(r.error?.tlaLocation).toBe('TakeLock.tla:19:5');
      });

      test('09a-eval-error-domain: evaluation error at the failing expression', async () => {
        const r = await run('09a-eval-error-domain', jar.path);
        expect(r.verdict).toBe('error');
        expect(r.error?.tlaLocation).toBe('PeerCopy.tla:37:39');
        expect(r.error?.message).toContain('not in the domain');
      });

      test('14-continue: violations counted despite exit 0', async () => {
        const r = await run('14-continue', jar.path, { extraTlcArgs: ['-continue'] });
        expect(r.verdict).toBe('violated');
        expect(r.property).toBe('RegisterFresh');
        expect(r.stats.distinctStates).toBe(14);
      });

      test('15-config-error: the unassigned constant is named', async () => {
        const r = await run('15-config-error', jar.path);
        expect(r.verdict).toBe('error');
        expect(r.error?.message).toContain('NoThread');
      });
    });
  }
}
