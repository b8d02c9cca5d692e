// TLC's distributed mode against real TLC with remote workers (TLA2TOOLS_JAR; skipped by name
// without it): the printed worker command, run as printed, does a remote worker's work, and
// `credspec tlc worker --connect` joins a run, or refuses a bad address.
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { runTlcWorkerCommand } from '../../src/cli/commands/tlc-worker.js';
import { freePort } from '../../src/tlc/distributed-commands.js';
import type { WorkerCommands } from '../../src/tlc/distributed-options.js';
import { runTlcDistributed } from '../../src/tlc/distributed.js';
import { liveJars, liveFixtureSkipReason, processAlive } from '../tlc/live-tlc.js';
import { stagedFixtures, waitGone } from './distributed-live.js';

const staged = stagedFixtures();

if (liveFixtureSkipReason) {
  describe(`TLC distributed mode (${liveFixtureSkipReason})`, () => {
    test.skip('printed worker command', () => {});
  });
} else {
  describe('TLC distributed mode: other verdicts, stopping, remote workers (TLA2TOOLS_JAR)', () => {
    const jar = liveJars()[0]!.path;

    test('the printed worker command, run as printed, does the work of a remote worker', async () => {
      let printed: WorkerCommands | undefined;
      const extra: number[] = [];
      const r = await runTlcDistributed({
        module: staged('01-success'),
        tlcJar: jar,
        workers: 0,
        safetyOnly: true,
        listen: `127.0.0.1:${await freePort()}`,
        timeoutSeconds: 60,
        printWorkerCommand: (c) => {
          printed = c;
          // What the user on the other machine pastes, with its own address filled in.
          const line = c.javaLine.replace('<this-machine-address>', '127.0.0.1');
          const child = spawn('sh', ['-c', line], { stdio: 'ignore', detached: true });
          extra.push(child.pid!);
        },
      });
      expect(printed?.credspec).toMatch(/^credspec tlc worker --connect 127\.0\.0\.1:\d+$/);
      expect(printed?.java).toContain('tlc2.tool.distributed.TLCWorker');
      expect(r.verdict).toBe('holds');
      expect(r.stats.distinctStates).toBe(811);
      // The worker started by hand ends by itself when the server says the work is done.
      const left = await waitGone(extra, 20_000);
      for (const pid of left) process.kill(-pid, 'SIGKILL');
      expect(left).toEqual([]);
    }, 120_000);

    test('credspec tlc worker --connect HOST:PORT joins the run and exits 0 when the work is done', async () => {
      const out: string[] = [];
      let worker: Promise<number> | undefined;
      let workerPid = 0;
      const r = await runTlcDistributed({
        module: staged('01-success'),
        tlcJar: jar,
        workers: 0,
        safetyOnly: true,
        listen: `127.0.0.1:${await freePort()}`,
        timeoutSeconds: 60,
        printWorkerCommand: (c) => {
          const connect = /--connect (\S+)$/.exec(c.credspec)![1]!;
          worker = runTlcWorkerCommand(
            { connect, jar, threads: 1 },
            {
              stdout: { write: (t: string) => out.push(t) },
              stderr: { write: (t: string) => out.push(t) },
              env: process.env,
              onStart: (s) => (workerPid = s.pid),
            },
          );
        },
      });
      expect(r.verdict).toBe('holds');
      expect(r.stats.distinctStates).toBe(811);
      expect(await worker).toBe(0);
      expect(out.join('')).toMatch(
        /connecting to 127\.0\.0\.1:\d+, reachable here at 127\.0\.0\.1/,
      );
      expect(out.join('')).toMatch(/work completed/);
      expect(processAlive(workerPid)).toBe(false);
    }, 120_000);

    test('credspec tlc worker with a bad --connect is a usage error', async () => {
      const err: string[] = [];
      const code = await runTlcWorkerCommand(
        { connect: 'no-port-here' },
        {
          stdout: { write: () => 0 },
          stderr: { write: (t: string) => err.push(t) },
          env: process.env,
        },
      );
      expect(code).toBe(2);
      expect(err.join('')).toMatch(/--connect takes the server's HOST:PORT/);
    });
  });
}
