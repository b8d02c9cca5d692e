// Distributed TLC listens where it is told and nowhere else: by default every RMI socket of the
// server and its local workers is bound to loopback; with `listen` naming one of this machine's
// addresses, to that address, and the workers still connect (the run gives its verdict). Read
// from /proc while the run goes. Live against TLA2TOOLS_JAR (and TLC 1.7.4 beside it).
import { afterAll, describe, expect, test } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindLauncherProblem } from '../../src/tlc/bind-launcher.js';
import { freePort } from '../../src/tlc/distributed-commands.js';
import { runTlcDistributed } from '../../src/tlc/distributed.js';
import { liveJars, liveSkipReason } from '../tlc/live-tlc.js';
import { isLoopback, listenersOf, type Listener } from './listeners.js';

/** 30 states in a ring: no deadlock, nothing violated, a few seconds of distributed run. */
const RING = {
  name: 'Ring',
  text: "---- MODULE Ring ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 30\nTypeOK == x \\in 0..29\n====\n",
  config: 'INIT Init\nNEXT Next\nINVARIANT TypeOK\n',
};

/** Runs Ring distributed and samples the listening sockets of every process it starts. */
async function runSampled(
  jar: string,
  listen?: string,
): Promise<{ verdict: string; distinct: number; listeners: Listener[] }> {
  const pids: number[] = [];
  const seen = new Map<string, Listener>();
  const timer = setInterval(() => {
    for (const l of listenersOf(pids)) seen.set(`${l.pid} ${l.address} ${l.port}`, l);
  }, 50);
  try {
    const r = await runTlcDistributed({
      module: RING,
      tlcJar: jar,
      workers: 2,
      timeoutSeconds: 120,
      ...(listen ? { listen } : {}),
      onStart: (s) => pids.push(s.pid),
    });
    return { verdict: r.verdict, distinct: r.stats.distinctStates, listeners: [...seen.values()] };
  } finally {
    clearInterval(timer);
  }
}

/** An address of this machine other machines could reach (not loopback), if it has one. */
const outward = Object.values(networkInterfaces())
  .flat()
  .find((a) => a !== undefined && !a.internal && a.family === 'IPv4')?.address;

if (liveSkipReason) {
  describe(`distributed TLC's listening addresses (${liveSkipReason})`, () => {
    test.skip('a default run listens on loopback only; --listen binds that address', () => {});
  });
} else {
  for (const jar of liveJars()) {
    describe(`distributed TLC's listening addresses with ${jar.name}`, () => {
      test('a default run: every socket the server and workers listen on is loopback, and the run holds', async () => {
        const r = await runSampled(jar.path);
        expect(r.verdict).toBe('holds');
        expect(r.distinct).toBe(30);
        // The registry and the server's export at least, and one per worker.
        expect(r.listeners.length).toBeGreaterThanOrEqual(2);
        expect(r.listeners.filter((l) => !isLoopback(l.address))).toEqual([]);
      }, 180_000);

      (outward ? test : test.skip)(
        `with listen naming this machine's address ${outward ?? '(none found: skipped)'}: bound there only, and the workers connect`,
        async () => {
          const port = await freePort(outward);
          const r = await runSampled(jar.path, `${outward}:${port}`);
          expect(r.verdict).toBe('holds');
          expect(r.distinct).toBe(30);
          expect(r.listeners.length).toBeGreaterThanOrEqual(2);
          expect(
            r.listeners.filter((l) => l.address !== outward && l.address !== `::ffff:${outward}`),
          ).toEqual([]);
          expect(r.listeners.some((l) => l.port === port)).toBe(true);
        },
        180_000,
      );
    });
  }
}

describe('a Java that cannot run the bind launcher', () => {
  const root = mkdtempSync(join(tmpdir(), 'credspec-jre-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('a JRE without jdk.compiler: a message that says what to install, naming the address', async () => {
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'java'), '#!/bin/sh\necho java.base@17.0.15\necho java.rmi@17.0.15\n');
    chmodSync(join(bin, 'java'), 0o755);
    const problem = await bindLauncherProblem(join(bin, 'java'), { PATH: bin }, '127.0.0.1');
    expect(problem).toMatch(/binds TLC's unauthenticated RMI ports to 127\.0\.0\.1 only/);
    expect(problem).toMatch(/has no jdk\.compiler module/);
    expect(problem).toMatch(/Install a JDK 11 or newer/);
  });

  (liveSkipReason ? test.skip : test)(
    `a distributed run on it stops before TLC starts, verdict error (exit 3) with that advice${liveSkipReason ? ` (${liveSkipReason})` : ''}`,
    async () => {
      // The real java for everything but --list-modules, which shows no jdk.compiler.
      const real = (process.env.PATH ?? '')
        .split(':')
        .map((d) => join(d, 'java'))
        .find((p) => existsSync(p));
      const bin = join(root, 'jre-bin');
      mkdirSync(bin);
      writeFileSync(
        join(bin, 'java'),
        `#!/bin/sh
if [ "$1" = --list-modules ]; then echo java.base@17.0.15; exit 0; fi
exec '${real}' "$@"
`,
      );
      chmodSync(join(bin, 'java'), 0o755);
      let started = 0;
      const r = await runTlcDistributed({
        module: RING,
        env: { PATH: bin, HOME: root },
        tlcJar: liveJars()[0]!.path,
        workers: 1,
        onStart: () => started++,
      });
      expect(r.verdict).toBe('error');
      expect(r.error?.message).toMatch(
        /has no jdk\.compiler module .*Install a JDK 11 or newer .*or check without --distributed/,
      );
      expect(started).toBe(0);
    },
    120_000,
  );
});
