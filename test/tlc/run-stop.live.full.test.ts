// Stopping a real TLC: a timeout, a state limit, Ctrl-C (AbortSignal) and a kill from outside,
// on the 12-multiworker-progress module (about 20 s to finish). Checks the verdict, the reason
// and that no java process is left.
import { afterAll, describe, expect, test } from '@jest/globals';
import { rmSync } from 'node:fs';
import { runTlcCommand } from '../../src/cli/commands/tlc.js';
import { runTlc } from '../../src/tlc/run.js';
import { liveJars, liveFixtureSkipReason, processAlive, stageFixture } from './live-tlc.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function longModule(): string {
  const { dir, module } = stageFixture('12-multiworker-progress');
  dirs.push(dir);
  return module;
}

if (liveFixtureSkipReason) {
  describe(`stopping a live TLC run (${liveFixtureSkipReason})`, () => {
    test.skip('timeout, max-states, abort and an outside kill', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`stopping a live TLC run with ${jar.name}`, () => {
      test('a 3 s timeout gives inconclusive (timeout) with advice, and no java left', async () => {
        let pid = 0;
        const began = Date.now();
        const r = await runTlc({
          module: longModule(),
          tlcJar: jar.path,
          timeoutSeconds: 3,
          onStart: (s) => (pid = s.pid),
        });
        expect(r.verdict).toBe('inconclusive');
        expect(r.inconclusive?.reason).toBe('timeout');
        expect(r.inconclusive?.advice).toMatch(/--timeout/);
        expect(Date.now() - began).toBeLessThan(15_000);
        expect(pid).toBeGreaterThan(0);
        expect(processAlive(pid)).toBe(false);
      });

      test('aborting (Ctrl-C) stops TLC and leaves no child process', async () => {
        const controller = new AbortController();
        let pid = 0;
        const promise = runTlc({
          module: longModule(),
          tlcJar: jar.path,
          signal: controller.signal,
          onStart: (s) => {
            pid = s.pid;
            setTimeout(() => controller.abort(), 1500);
          },
        });
        const r = await promise;
        expect(r.verdict).toBe('inconclusive');
        expect(r.inconclusive?.reason).toBe('interrupted');
        expect(pid).toBeGreaterThan(0);
        expect(processAlive(pid)).toBe(false);
      });

      test('TLC killed from outside mid-run gives verdict error with a message', async () => {
        const r = await runTlc({
          module: longModule(),
          tlcJar: jar.path,
          onStart: (s) => setTimeout(() => process.kill(s.pid, 'SIGKILL'), 2000),
        });
        expect(r.verdict).toBe('error');
        expect(r.error?.message).toMatch(
          /killed by SIGKILL from outside credspec.*Run the check again/s,
        );
      });

      test("credspec tlc version prints TLC's version line", async () => {
        const out: string[] = [];
        const code = await runTlcCommand(
          { action: 'version', jar: jar.path },
          {
            stdout: { write: (t: string) => out.push(t) },
            stderr: { write: () => 0 },
            env: process.env,
          },
        );
        expect(code).toBe(0);
        expect(out.join('')).toMatch(/^TLC2 Version \S/);
      });
    });
  }

  describe('state limit and progress with TLA2TOOLS_JAR (TLC 1.7.4 reports progress only every minute)', () => {
    test('max-states stops TLC once progress shows that many distinct states', async () => {
      const progress: number[] = [];
      const r = await runTlc({
        module: longModule(),
        tlcJar: liveJars()[0]!.path,
        maxStates: 50_000,
        progressIntervalSeconds: 1,
        onProgress: (p) => progress.push(p.distinct),
      });
      expect(r.verdict).toBe('inconclusive');
      expect(r.inconclusive?.reason).toBe('max-states');
      expect(r.stats.distinctStates).toBeGreaterThanOrEqual(50_000);
      expect(r.stats.distinctStates).toBeLessThan(771_668);
      expect(progress.length).toBeGreaterThan(0);
    });
  });
}
