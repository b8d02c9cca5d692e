// TLC's distributed mode against real TLC, stopped (TLA2TOOLS_JAR; skipped by name without it):
// killing one worker mid-run then Ctrl-C, or killing every worker, leaves no process behind.
import { describe, expect, test } from '@jest/globals';
import { runTlcDistributed } from '../../src/tlc/distributed.js';
import { liveJars, liveFixtureSkipReason } from '../tlc/live-tlc.js';
import { stagedFixtures, waitGone } from './distributed-live.js';

const staged = stagedFixtures();

if (liveFixtureSkipReason) {
  describe(`TLC distributed mode (${liveFixtureSkipReason})`, () => {
    test.skip('killed workers leave nothing', () => {});
  });
} else {
  describe('TLC distributed mode: other verdicts, stopping, remote workers (TLA2TOOLS_JAR)', () => {
    const jar = liveJars()[0]!.path;

    test('killing one worker mid-run, then Ctrl-C: every process is gone', async () => {
      const controller = new AbortController();
      const workers: number[] = [];
      const pids: number[] = [];
      let killed = false;
      const r = await runTlcDistributed({
        module: staged('12-multiworker-progress'),
        tlcJar: jar,
        workers: 2,
        safetyOnly: true,
        progressIntervalSeconds: 1,
        signal: controller.signal,
        onStart: (s) => {
          pids.push(s.pid);
          if (s.role === 'worker') workers.push(s.pid);
        },
        onProgress: (p) => {
          if (!killed && p.distinct > 1000 && workers.length === 2) {
            killed = true;
            process.kill(-workers[0]!, 'SIGKILL');
            setTimeout(() => controller.abort(), 2000);
          }
        },
      });
      expect(killed).toBe(true);
      expect(r.verdict).toBe('inconclusive');
      expect(r.inconclusive?.reason).toBe('interrupted');
      expect(r.stats.distinctStates).toBeGreaterThan(1000);
      expect(await waitGone(pids)).toEqual([]);
    });

    test('killing every worker stops the server too, and leaves nothing', async () => {
      const workers: number[] = [];
      const pids: number[] = [];
      let killed = false;
      const r = await runTlcDistributed({
        module: staged('12-multiworker-progress'),
        tlcJar: jar,
        workers: 2,
        safetyOnly: true,
        progressIntervalSeconds: 1,
        timeoutSeconds: 60,
        onStart: (s) => {
          pids.push(s.pid);
          if (s.role === 'worker') workers.push(s.pid);
        },
        onProgress: (p) => {
          if (!killed && p.distinct > 1000 && workers.length === 2) {
            killed = true;
            for (const w of workers) process.kill(-w, 'SIGKILL');
          }
        },
      });
      expect(killed).toBe(true);
      expect(r.verdict).toBe('inconclusive');
      expect(r.inconclusive?.advice).toMatch(/Every local worker stopped/);
      expect(await waitGone(pids)).toEqual([]);
    });
  });
}
