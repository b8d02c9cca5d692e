// Counterexamples with the fewest preemptions, shrunk simulation traces and TLC's traces
// re-minimised: small specs written here, checked in process as a user runs `credspec check`,
// whose traces were worked out by hand.

import fc from 'fast-check';
import { runCheck } from '../../src/cli/commands/check.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { minimiseTrace } from '../../src/engine/run/minimise-trace.js';
import { checkTlaModule } from '../../src/engine/search/explore.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import type { CheckResult } from '../../src/result/check-result.js';
import { checkIn, specWorkspaces } from '../support/spec-workspace.js';
import * as F from './fixture-modules.js';
import { NEEDS, withFixtures } from './recorded-runs.js';
import { tlcTrace } from './tlc-trace-json.js';

const workspace = specWorkspaces('credspec-preempt-');

// Two workers, two increments each; x reaches 3 after three steps. Breadth-first search meets
// worker1.one, worker2.one, worker1.two first (two preemptions: each switch leaves a worker
// that could go on); worker1 running to its end first has none.
const INCR = `spec incr

shared var x: 0..4 = 0

process Worker[2] {
  one: x := x + 1
  two: x := x + 1
}

invariant small: x < 3
`;

// The lost update: both must read before either writes, so one preemption is needed. The
// shortest trace the search finds alternates every step (four preemptions).
const LOST = `spec lost

shared var x: 0..2 = 0
shared var ended: 0..2 = 0

process Worker[2] {
  var t: 0..2 = 0
  read:  t := x
  write: x := t + 1
  fin:   ended := ended + 1
}

invariant counted: ended < 2 || x == 2
`;

// The lost update beside a thread that flips a bit forever: a random walk wanders through it.
const NOISY = LOST.replace('spec lost', 'spec noisy').replace(
  'invariant',
  `shared var n: 0..1 = 0

process Noise[1] {
  spin: while true {
    flip: n := 1 - n
  }
}

invariant`,
);

interface StepView {
  readonly thread: string | null;
  readonly step: string;
  readonly state: Record<string, unknown>;
}

interface ResultView {
  readonly verdict: string;
  readonly trace: readonly StepView[];
  readonly counterexample: { preemptions: number; trace: string; shrunkFrom?: number };
}

async function check(
  name: string,
  text: string,
  extra: Partial<Parameters<typeof runCheck>[0]> = {},
): Promise<{ result: ResultView; out: string }> {
  const { dir, env } = workspace({ [`${name}.cred`]: text });
  const { file, out } = await checkIn(dir, env, { inputs: [`specs/${name}.cred`], ...extra });
  return { result: file?.results[0] as unknown as ResultView, out };
}

const steps = (r: ResultView): string[] => r.trace.slice(1).map((s) => `${s.thread} ${s.step}`);

describe('fewest-preemption counterexamples', () => {
  test('incr: the fewest preemptions by default, the search’s own trace with --trace shortest', async () => {
    const fewest = await check('incr', INCR);
    expect(steps(fewest.result)).toEqual([
      'worker1 Worker.one',
      'worker1 Worker.two',
      'worker2 Worker.one',
    ]);
    expect(fewest.result.counterexample).toEqual({
      preemptions: 0,
      trace: 'fewest-preemptions',
      essential: [1, 2, 3],
    });
    expect(fewest.out).toContain('counterexample (4 states, 0 preemptions, 3 essential;');
    const shortest = await check('incr', INCR, { trace: 'shortest' });
    expect(steps(shortest.result)).toEqual([
      'worker1 Worker.one',
      'worker2 Worker.one',
      'worker1 Worker.two',
    ]);
    expect(shortest.result.counterexample).toEqual({
      preemptions: 2,
      trace: 'shortest',
      essential: [1, 2, 3],
    });
    expect(shortest.out).toContain('counterexample (4 states, 2 preemptions, 3 essential;');
  });

  test('lost update: one preemption, where the shortest trace has four', async () => {
    const shortest = await check('lost', LOST, { trace: 'shortest' });
    expect(shortest.result.counterexample.preemptions).toBe(4);
    const fewest = await check('lost', LOST);
    expect(fewest.result.trace).toHaveLength(shortest.result.trace.length);
    expect(steps(fewest.result)).toEqual([
      'worker2 Worker.read',
      'worker1 Worker.read',
      'worker1 Worker.write',
      'worker1 Worker.fin',
      'worker2 Worker.write',
      'worker2 Worker.fin',
    ]);
    expect(fewest.result.counterexample).toMatchObject({
      preemptions: 1,
      trace: 'fewest-preemptions',
    });
    expect(fewest.out).toContain('1 preemption, ');
  });
});

describe('shrinking a simulation’s counterexample', () => {
  test('the same seed gives the same shrunk trace, and every shrunk trace still violates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const sim = { simulate: true, seed, depth: 60, traces: 50 };
        const a = await check('noisy', NOISY, sim);
        const b = await check('noisy', NOISY, sim);
        expect(b.result.trace).toEqual(a.result.trace);
        if (a.result.verdict !== 'violated') return;
        const last = a.result.trace.at(-1)?.state;
        expect(last?.['ended']).toBe(2);
        expect(last?.['x']).not.toBe(2);
        // The noise thread is dropped whole; the race needs one preemption and six steps.
        expect(a.result.trace.every((s) => s.thread !== 'noise1')).toBe(true);
        expect(a.result.trace).toHaveLength(7);
        expect(a.result.counterexample.preemptions).toBe(1);
        if (a.result.counterexample.shrunkFrom !== undefined)
          expect(a.result.counterexample.shrunkFrom).toBeGreaterThan(7);
      }),
      { numRuns: 6 },
    );
  });

  test('a long random walk reports its original length', async () => {
    const { result, out } = await check('noisy', NOISY, {
      simulate: true,
      seed: 1,
      depth: 100,
      traces: 20,
    });
    expect(result.counterexample.shrunkFrom).toBe(12);
    expect(result.trace).toHaveLength(7);
    expect(out).toContain('7 states, shrunk from 12, 1 preemption, ');
  });
});

withFixtures(`TLC's traces re-minimised on the embedded engine${NEEDS}`, () => {
  test('02-invariant: TLC’s trace gets the preemption count of the embedded engine’s', async () => {
    const f = F.racyCounter();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('02-invariant', ['t1', 't2', 't3'], ['finished']);
    const tlc: CheckResult = {
      engine: 'tlc',
      verdict: 'violated',
      property: 'NoLostUpdate',
      stats: { distinctStates: 0, statesGenerated: 0, depth: 0, seconds: 0 },
      trace: t.trace,
      loopsBackTo: null,
      stuttering: false,
    };
    const asFound = minimiseTrace(exe, tlc, { trace: 'shortest', shrink: false });
    const fromTlc = minimiseTrace(exe, tlc, { trace: 'fewest-preemptions', shrink: false });
    const own = minimiseTrace(exe, await checkTlaModule(f.module, f.config), {
      trace: 'fewest-preemptions',
      shrink: false,
    });
    expect(asFound.counterexample?.preemptions).toBeGreaterThan(
      own.counterexample?.preemptions ?? 0,
    );
    expect(fromTlc.counterexample).toEqual(own.counterexample);
    expect(fromTlc.trace).toHaveLength(t.trace.length);
    const claim = { loopsBackTo: null, stuttering: false, property: 'NoLostUpdate' };
    expect(replayTrace(exe, fromTlc.trace ?? [], claim)).toEqual([]);
  });
});
