// A `java -version` (or TLC version) probe that hangs is killed with everything it started:
// a java wrapper script's children must not outlive the probe. Needs no Java or TLC: the
// "java" here is a shell script that starts a child and never answers.
import { afterAll, describe, expect, test } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findJava } from '../../src/tlc/java.js';
import { runBounded } from '../../src/tlc/bounded-run.js';
import { runTlc } from '../../src/tlc/run.js';
import { survivors } from './process-check.js';

const root = mkdtempSync(join(tmpdir(), 'credspec-probe-'));
const started: number[] = [];
afterAll(() => {
  // A failing run of this test must not leave its own fake java behind either.
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  rmSync(root, { recursive: true, force: true });
});

/** A `java` that records its own pid and its child's, then hangs without printing a version. */
function hangingJava(name: string): { bin: string; pids: () => number[] } {
  const bin = join(root, name);
  const pidFile = join(root, `${name}.pids`);
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'java'),
    `#!/bin/sh\n/bin/sleep 600 &\necho "$$ $!" > '${pidFile}'\nwait\n`,
  );
  chmodSync(join(bin, 'java'), 0o755);
  const pids = (): number[] => {
    const found = existsSync(pidFile)
      ? readFileSync(pidFile, 'utf8').trim().split(/\s+/).map(Number)
      : [];
    started.push(...found);
    return found;
  };
  return { bin, pids };
}

describe('a hanging java probe', () => {
  test('java -version that never answers: a no-java problem, and neither it nor its child is left running', async () => {
    const java = hangingJava('java-version');
    const r = await findJava({ PATH: java.bin }, { timeoutMs: 1500 });
    expect(r.ok ? 'found' : r.kind).toBe('no-java');
    if (!r.ok)
      expect(r.message).toMatch(
        /did not report a Java version \(no answer within \d+ s; stopped\)/,
      );
    const pids = java.pids();
    expect(pids).toHaveLength(2);
    expect(await survivors(pids)).toEqual([]);
  }, 90_000);

  test('aborting a run while java -version hangs: inconclusive (interrupted), and nothing left running', async () => {
    const java = hangingJava('aborted');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 500);
    const r = await runTlc({
      module: { name: 'M', text: '---- MODULE M ----\n====\n', config: '' },
      env: { PATH: java.bin },
      signal: abort.signal,
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.inconclusive?.reason).toBe('interrupted');
    const pids = java.pids();
    expect(pids).toHaveLength(2);
    expect(await survivors(pids)).toEqual([]);
  }, 90_000);

  test('runBounded kills the whole group at its time limit and says it timed out', async () => {
    const java = hangingJava('bounded');
    const out = await runBounded(join(java.bin, 'java'), [], { env: {}, timeoutMs: 1000 });
    expect(out.timedOut).toBe(true);
    const pids = java.pids();
    expect(pids).toHaveLength(2);
    expect(await survivors(pids)).toEqual([]);
  });
});
