// The lock-order report (docs/language.md, section 8, "Lock order"): an inversion the bounded
// model never deadlocks on is found with both acquisition traces, by `check` (exit 1, in the
// text and the result file) and `ci` (a failure); `lock_order` accepts it; an unknown lock name
// in `lock_order` is an error at its position; a spec taking its locks in one order is quiet;
// a completion waited on with a lock held closes a cycle with the completer holding that lock.

import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/commands/check.js';
import { runCi } from '../../src/cli/commands/ci.js';
import { memoryIo } from '../../src/cli/io.js';
import type { ResultFile } from '../../src/result/result-file.js';
import { completionSpec } from '../support/completion-spec.js';
import { specWorkspaces } from '../support/spec-workspace.js';
import { schemaValidator } from '../support/schemas.js';
import { ROOT } from './locked-spec.js';
import { JAR, NO_JAR } from './pick-spec.js';
import { githubProblems, schemaProblems } from './sarif-checks.js';

const INVERSION = readFileSync(join(ROOT, 'test/fixtures/lock-order/inversion.cred'), 'utf8');
const ATOMIC = readFileSync(join(ROOT, 'test/fixtures/lock-order/atomic.cred'), 'utf8');
const CONDITIONAL = readFileSync(join(ROOT, 'test/fixtures/lock-order/conditional.cred'), 'utf8');
/** The same spec with the branch never taken: B completes outside the lock. */
const NOT_TAKEN = CONDITIONAL.replace('shared var go: bool = true', 'shared var go: bool = false');

/** The same two threads with the order B uses accepted. */
const ACCEPTED = `${INVERSION}
// B runs only after A is done: the two orders never overlap.
lock_order m2 < m1
`;

const CONSISTENT = `spec consistent

import kernel

shared var m1: Mutex = MUTEX_INIT
shared var m2: Mutex = MUTEX_INIT

process P[2] {
  take1: mutex_lock(m1)
  take2: mutex_lock(m2)
  drop2: mutex_unlock(m2)
  drop1: mutex_unlock(m1)
}

expect base: holds
`;

/**
 * B completes \`ready\` holding m, then A waits for it holding m: had A come first, B could never
 * take m to complete it. A starts only once B is through, so the model never deadlocks.
 */
const COMPLETION = completionSpec(
  'completion_under_lock',
  `  take: mutex_lock(m)
  signal: complete(ready)
  drop: mutex_unlock(m)`,
);

const workspace = specWorkspaces('credspec-lock-order-');

async function check(
  files: Record<string, string>,
  spec: string,
  options: Partial<Parameters<typeof runCheck>[0]> = {},
): Promise<{ code: number; out: string; err: string; result: ResultFile | null }> {
  const { dir, env } = workspace(files);
  const io = memoryIo({ cwd: dir, env });
  const code = await runCheck(
    { inputs: [`specs/${spec}`], variant: [], param: [], json: 'r.json', ...options },
    io,
  );
  let result: ResultFile | null = null;
  try {
    result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ResultFile;
  } catch {
    result = null;
  }
  return { code, out: io.out(), err: io.err(), result };
}

describe('the lock-order report', () => {
  test('finds an inversion the model never deadlocks on, with both acquisition traces', async () => {
    const { code, out, result } = await check({ 'inv.cred': INVERSION }, 'inv.cred');
    expect(code).toBe(1);
    expect(out).toContain('specs/inv.cred base: holds');
    expect(out).toContain(
      '  lock-order inversion: m1 -> m2 -> m1; this check reaches no deadlock through it',
    );
    expect(out).toContain(
      '    a1 takes m2 holding m1 at A.take2 (specs/inv.cred:15), trace of 3 states:',
    );
    expect(out).toContain(
      '    b1 takes m1 holding m2 at B.take1 (specs/inv.cred:24), trace of 9 states (5 steps of other threads not shown):',
    );
    const r = result?.results[0];
    expect(r?.verdict).toBe('holds');
    expect(schemaValidator('result')(result)).toBe(true);
    const cycle = r?.lockOrder?.cycles[0];
    expect(r?.lockOrder?.cycles).toHaveLength(1);
    expect(cycle?.locks).toEqual(['m1', 'm2']);
    const [first, second] = cycle?.edges ?? [];
    expect([first?.held, first?.taken, first?.thread, first?.step]).toEqual([
      'm1',
      'm2',
      'a1',
      'A.take2',
    ]);
    expect(first?.trace.map((s) => s.step)).toEqual(['init', 'A.take1', 'A.take2']);
    expect([second?.held, second?.taken, second?.thread, second?.step]).toEqual([
      'm2',
      'm1',
      'b1',
      'B.take1',
    ]);
    // B's trace runs A to its end first: the two orders never overlap.
    expect(second?.trace.map((s) => `${s.thread ?? '-'} ${s.step}`)).toEqual([
      '- init',
      'a1 A.take1',
      'a1 A.take2',
      'a1 A.drop2',
      'a1 A.drop1',
      'a1 A.done',
      'b1 B.wait',
      'b1 B.take2',
      'b1 B.take1',
    ]);
    // The last step of each trace is the acquisition, with the other lock held before it.
    expect(second?.trace[7]?.state.m2).toEqual({ '#mv': 'b1' });
    expect(second?.trace[8]?.state.m1).toEqual({ '#mv': 'b1' });
  });
});

describe('the lock-order report in ci and with lock_order', () => {
  test('ci fails on it and counts it, though every verdict is as expected', async () => {
    const { dir, env } = workspace({ 'inv.cred': INVERSION });
    const io = memoryIo({ cwd: dir, env });
    const reports = { junit: 'r.xml', sarif: 'r.sarif' };
    expect(await runCi({ dir: 'specs', vacuityGate: true, ...reports }, io)).toBe(1);
    expect(io.out()).toContain(
      'FAIL specs/inv.cred: lock-order inversion: m1 -> m2 -> m1; this check reaches no deadlock through it',
    );
    expect(io.out()).toContain(
      '1 checks: 1 as expected, 0 not as expected, 0 inconclusive, 0 failed to run, 1 check with a lock-order inversion',
    );
    // JUnit: the verdict's case passes, a case of its own fails with both acquisitions.
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const cases = [doc.testsuites.testsuite.testcase].flat();
    expect(cases.map((c: { name: string }) => c.name)).toEqual(['base', 'lock order: base']);
    expect(cases[0].failure).toBeUndefined();
    const failure = cases[1].failure;
    expect(failure.type).toBe('LockOrderInversion');
    expect(failure.message).toBe(
      '1 lock-order inversion: m1 -> m2 -> m1; accept an order the kernel documents with `lock_order a < b`',
    );
    expect(failure['#text']).toContain(
      'a1 takes m2 holding m1 at A.take2 (specs/inv.cred:15), trace of 3 states:',
    );
    expect(failure['#text']).toContain('b1 takes m1 holding m2 at B.take1 (specs/inv.cred:24)');
    // SARIF: one result, valid and ingestible, at the first acquisition, a thread flow per edge.
    const log = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    expect(schemaProblems(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const [result, ...more] = log.runs[0].results;
    expect(more).toEqual([]);
    expect(result.ruleId).toBe('lock-order-inversion');
    expect(result.message.text).toBe(
      'specs/inv.cred base: lock-order inversion m1 -> m2 -> m1; this check reaches no deadlock through it: a1 takes m2 holding m1 at A.take2 (specs/inv.cred:15); b1 takes m1 holding m2 at B.take1 (specs/inv.cred:24). Rerun: credspec check specs/inv.cred --variant base',
    );
    expect(result.locations[0].physicalLocation.region.startLine).toBe(15);
    const flows = result.codeFlows[0].threadFlows.map(
      (f: { locations: { location: { message: { text: string } } }[] }) =>
        f.locations.map((l) => l.location.message.text),
    );
    expect(flows).toEqual([
      ['1: a1 mutex_lock(m1)', '2: a1 mutex_lock(m2)'],
      [
        '1: a1 mutex_lock(m1)',
        '2: a1 mutex_lock(m2)',
        '3: a1 mutex_unlock(m2)',
        '4: a1 mutex_unlock(m1)',
        '5: a1 a_done := true',
        '6: b1 await a_done',
        '7: b1 mutex_lock(m2)',
        '8: b1 mutex_lock(m1)',
      ],
    ]);
  });

  test('lock_order accepts the order: check and ci pass, nothing reported', async () => {
    const { code, out, result } = await check({ 'acc.cred': ACCEPTED }, 'acc.cred');
    expect(code).toBe(0);
    expect(out).not.toContain('lock-order');
    expect(result?.results[0]?.lockOrder).toBeUndefined();
    const { dir, env } = workspace({ 'acc.cred': ACCEPTED });
    const io = memoryIo({ cwd: dir, env });
    expect(
      await runCi({ dir: 'specs', vacuityGate: true, junit: 'r.xml', sarif: 'r.sarif' }, io),
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).runs[0].results).toEqual([]);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).not.toContain('lock order');
  });
});

describe('the lock-order report: names and quiet specs', () => {
  test('a name in lock_order that is no lock class is an error at its position', async () => {
    const spec = INVERSION.replace('expect base: holds', 'lock_order m1 < m3\nexpect base: holds');
    const { code, err } = await check({ 'typo.cred': spec }, 'typo.cred');
    expect(code).toBe(2);
    const line = spec.split('\n').findIndex((l) => l.startsWith('lock_order')) + 1;
    expect(err).toContain(
      `specs/typo.cred:${line}:17: error CS2010: \`lock_order\` names \`m3\`, which is no lock class of this spec`,
    );
    expect(err).toContain('did you mean `m1`?');
    expect(err).not.toMatch(/\n\s+at /);
  });

  test('threads taking their locks in one order are quiet', async () => {
    const { code, out, result } = await check({ 'ok.cred': CONSISTENT }, 'ok.cred');
    expect(code).toBe(0);
    expect(out).toMatch(/^specs\/ok\.cred base: holds/m);
    expect(out).not.toContain('lock-order');
    expect(result?.results[0]?.lockOrder).toBeUndefined();
  });

  test('a completion waited on under a lock its completer holds closes a cycle', async () => {
    const { code, out, result } = await check({ 'c.cred': COMPLETION }, 'c.cred');
    expect(code).toBe(1);
    expect(result?.results[0]?.verdict).toBe('holds');
    expect(result?.results[0]?.lockOrder?.cycles[0]?.locks).toEqual(['m', 'ready']);
    expect(out).toContain(
      '  lock-order inversion: m -> ready -> m; this check reaches no deadlock through it\n',
    );
    expect(out).toContain('    b1 completes ready holding m at B.signal');
    expect(out).toContain('    a1 waits on ready holding m at A.wait');
  });
});

describe('the lock-order report of other searches and engines', () => {
  test('a simulation reports the inversion of the behaviours it took (exit 1)', async () => {
    const { code, out, result } = await check({ 'inv.cred': INVERSION }, 'inv.cred', {
      simulate: true,
      seed: 1,
      traces: 50,
    });
    expect(code).toBe(1);
    expect(result?.results[0]?.verdict).toBe('inconclusive');
    expect(out).toContain(
      '  lock-order inversion: m1 -> m2 -> m1; this check reaches no deadlock through it\n',
    );
    expect(out).toContain('    a1 takes m2 holding m1 at A.take2 (specs/inv.cred:15)');
    expect(out).toContain('    b1 takes m1 holding m2 at B.take1 (specs/inv.cred:24)');
    expect(schemaValidator('result')(result)).toBe(true);
  });

  test('locks taken inside atomic blocks close the cycle, named by the block', async () => {
    const { code, out, result } = await check({ 'at.cred': ATOMIC }, 'at.cred');
    expect(code).toBe(1);
    expect(out).toContain('specs/at.cred base: holds');
    expect(out).toContain(
      '    p1 takes b holding a at P.bump (specs/at.cred:15), trace of 3 states:',
    );
    expect(out).toContain(
      '    q1 takes a holding b at Q.bump (specs/at.cred:27), trace of 8 states (4 steps of other threads not shown):',
    );
    expect(result?.results[0]?.lockOrder?.cycles[0]?.edges.map((e) => e.kind)).toEqual([
      'acquire',
      'acquire',
    ]);
  });

  test('a completion under an if in an atomic block closes the cycle when the branch runs', async () => {
    const { code, out, result } = await check({ 'c.cred': CONDITIONAL }, 'c.cred');
    expect(code).toBe(1);
    expect(out).toContain('specs/c.cred base: holds');
    expect(out).toContain(
      '  lock-order inversion: m -> ready -> m; this check reaches no deadlock through it\n',
    );
    expect(out).toContain(
      '    b1 completes ready holding m at B.signal (specs/c.cred:22), trace of 2 states:',
    );
    expect(out).toContain('    a1 waits on ready holding m at A.wait (specs/c.cred:17)');
    expect(result?.results[0]?.lockOrder?.cycles[0]?.edges.map((e) => e.kind)).toEqual([
      'wait',
      'complete',
    ]);
  });

  test('the same block whose branch never runs shows no edge from it', async () => {
    expect(NOT_TAKEN).not.toBe(CONDITIONAL);
    const { code, out, result } = await check({ 'n.cred': NOT_TAKEN }, 'n.cred');
    expect(code).toBe(0);
    expect(out).toMatch(/^specs\/n\.cred base: holds/m);
    expect(out).not.toContain('lock-order');
    expect(result?.results[0]?.lockOrder).toBeUndefined();
  });

  (JAR === undefined ? test.skip : test)(
    `TLC records no order and says so, on stderr and in the result file${JAR === undefined ? ` (${NO_JAR})` : ''}`,
    async () => {
      const { dir, env } = workspace({ 'inv.cred': INVERSION });
      // TLC runs on the java on this machine's PATH.
      const io = memoryIo({ cwd: dir, env: { ...env, PATH: process.env.PATH ?? '' } });
      const code = await runCheck(
        {
          inputs: ['specs/inv.cred'],
          variant: [],
          param: [],
          json: 'r.json',
          engine: 'tlc',
          tlcJar: JAR,
        },
        io,
      );
      const err = io.err();
      const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ResultFile;
      expect(code).toBe(0);
      const note =
        'lock order: not recorded by TLC, which runs none of our code on its steps; the embedded engine (`--engine embedded`, any number of workers, or `--simulate`) reports lock-order inversions';
      expect(err).toContain(`credspec check: ${note}`);
      expect(result?.results[0]?.warnings).toEqual([note]);
      expect(result?.results[0]?.lockOrder).toBeUndefined();
    },
    120000,
  );
});
