// `credspec replay`, in process: a counterexample replayed on its own case reproduces the trace
// check printed; on the fixed variant it says at which step and why it diverges; bad input is
// one line and exit 2. The L-1 pair of the shipped catalogue is in replay.full.test.ts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { runCi } from '../../src/cli/commands/ci.js';
import { runReplay } from '../../src/cli/commands/replay.js';
import { memoryIo } from '../../src/cli/io.js';
import { scratchDirs } from '../support/scratch-dirs.js';
import { LOCKED, lockedWorkspace } from './locked-spec.js';

const scratch = scratchDirs();

/** A workspace with the racy variant's counterexample in r.json, and what check printed. */
async function racyResult(): Promise<{ dir: string; env: Record<string, string>; out: string }> {
  const { dir, env } = lockedWorkspace(scratch);
  const io = memoryIo({ cwd: dir, env });
  const code = await runCheck(
    { inputs: ['specs/locked.cred'], variant: ['racy'], param: [], json: 'r.json' },
    io,
  );
  expect(code).toBe(1);
  return { dir, env, out: io.out() };
}

/** The trace's steps as check prints them: from the spec line of the trace on. */
function steps(text: string): string {
  return text.slice(text.indexOf('\n   0 '));
}

describe('credspec replay', () => {
  test('on its own case the counterexample is reproduced exactly, exit 1', async () => {
    const { dir, env, out } = await racyResult();
    const io = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', param: [] }, io)).toBe(1);
    const replayed = io.out();
    expect(replayed).toContain(
      'replay of specs/locked.cred racy on racy: still violates one_inside\n',
    );
    expect(replayed).toContain('one_inside is declared at specs/locked.cred:20:1');
    expect(steps(replayed)).toBe(steps(out));
    const trace = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).results[0].trace;
    for (const s of trace.slice(1)) expect(replayed).toContain(`${s.thread}  ${s.location.file}:`);
  });

  test('on the fixed variant: the step where it diverges, why, and both sides there, exit 0', async () => {
    const { dir, env } = await racyResult();
    const io = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', variant: 'base', param: [] }, io)).toBe(0);
    const text = io.out();
    // The racy take is `skip`: the second worker takes it while the first holds the lock, which
    // base's take waits for.
    expect(text).toMatch(
      /^replay of specs\/locked\.cred racy on base: diverges at step (\d+) of \d+\n {2}step \1 of the counterexample: worker\d Worker\.take at specs\/locked\.cred:17:30\n {2}on base: worker\d can take no step there \(it is blocked\)\n/,
    );
    expect(text).toContain('  state before the step (racy | base):\n');
    expect(text).toContain('    locked: false | true\n');
  });

  test('with a parameter that leaves the second worker out, it diverges at its first step', async () => {
    const { dir, env } = await racyResult();
    const io = memoryIo({ cwd: dir, env });
    expect(await runReplay({ file: 'r.json', variant: 'racy', param: ['THREADS=1'] }, io)).toBe(0);
    expect(io.out()).toMatch(
      /^replay of specs\/locked\.cred racy on racy \(THREADS=1\): diverges at step \d/,
    );
  });

  test('bad input: one line naming the problem, exit 2', async () => {
    const { dir, env } = await racyResult();
    writeFileSync(join(dir, 'not.json'), '{ nope');
    const bad = async (args: { file: string; variant?: string; param?: string[] }) => {
      const io = memoryIo({ cwd: dir, env });
      const code = await runReplay({ param: [], ...args }, io);
      return { code, err: io.err() };
    };
    expect(await bad({ file: 'missing.json' })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^credspec replay: cannot read missing\.json/),
    });
    expect(await bad({ file: 'not.json' })).toMatchObject({
      code: 2,
      err: 'credspec replay: not.json is not a credspec result file: not JSON\n',
    });
    expect(await bad({ file: 'r.json', variant: 'nosuch' })).toMatchObject({
      code: 2,
      err: 'credspec replay: specs/locked.cred has no variant "nosuch"\n',
    });
    expect(await bad({ file: 'r.json', param: ['NOSUCH=1'] })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^credspec replay: .*NOSUCH/),
    });
    const holds = memoryIo({ cwd: dir, env });
    await runCheck(
      { inputs: ['specs/locked.cred'], variant: ['base'], param: [], json: 'h.json' },
      holds,
    );
    expect(await bad({ file: 'h.json' })).toMatchObject({
      code: 2,
      err: 'credspec replay: h.json holds no safety counterexample to replay (a violated invariant or a deadlock)\n',
    });
  });
});

describe('credspec ci replays each catalogue break on its fix', () => {
  test('the pair of one id: the break diverges on the holding variant, in the JSON report', async () => {
    const { dir, env } = lockedWorkspace(scratch);
    // The base expectation gets the racy one's id: a catalogue pair.
    writeFileSync(
      join(dir, 'specs', 'locked.cred'),
      LOCKED.replace('expect base: holds', 'expect "R-1" base: holds'),
    );
    const io = memoryIo({ cwd: dir, env });
    expect(await runCi({ dir: 'specs', json: 'ci.json' }, io)).toBe(0);
    expect(io.out()).toContain('2 checks: 2 as expected');
    const report = JSON.parse(readFileSync(join(dir, 'ci.json'), 'utf8'));
    expect(report.catalogueReplays).toEqual([
      {
        tag: 'R-1',
        spec: 'specs/locked.cred',
        breaks: 'racy',
        fixed: 'base',
        outcome: 'diverges',
        detail: expect.stringMatching(
          /^diverges at step \d+ of \d+\n {2}step \d+ of the counterexample: worker\d Worker\.take at specs\/locked\.cred:17:30\n {2}on base: worker\d can take no step there \(it is blocked\)\n/,
        ),
      },
    ]);
  });
});
