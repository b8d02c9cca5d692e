// Agreement with TLC: each fixture module of ../shared/tlc-fixtures, rebuilt as a tree,
// must give TLC's recorded verdict, distinct states, states generated, depth, states left on
// the queue and a counterexample of the recorded length; every trace must replay.

import { readFileSync } from 'node:fs';
import { checkTlaModule } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import { FIXTURES, fixturesPresent } from '../tlc/fixture-files.js';
import * as F from './fixture-modules.js';

/** Skipped by name where the recorded runs are not beside the checkout. */
const withFixtures = fixturesPresent ? describe : describe.skip;
const NEEDS = fixturesPresent ? '' : ` (skipped: no recorded TLC runs at ${FIXTURES})`;

/** The final statistics line of a recorded TLC run: generated, distinct, queued, depth. */
function recordedStats(
  dir: string,
): { generated: number; distinct: number; queued: number; depth: number } | undefined {
  const out = readFileSync(`${FIXTURES}/${dir}/plain.out`, 'utf8');
  const m =
    /^(\d+) states generated, (\d+) distinct states found, (\d+) states left on queue\.$/m.exec(
      out,
    );
  const d = /The depth of the complete state graph search is (\d+)\./.exec(out);
  if (m === null || d === null) return undefined;
  return {
    generated: Number(m[1]),
    distinct: Number(m[2]),
    queued: Number(m[3]),
    depth: Number(d[1]),
  };
}

/** Number of `State n:` lines of the recorded trace (a `Stuttering` line excluded). */
function recordedTraceLength(dir: string): number {
  const out = readFileSync(`${FIXTURES}/${dir}/plain.out`, 'utf8');
  return (out.match(/^State \d+: </gm) ?? []).length;
}

async function run(f: F.Fixture): Promise<EngineCheckResult> {
  return checkTlaModule(f.module, f.config);
}

function expectReplays(
  f: F.Fixture,
  r: EngineCheckResult,
  extra: { deadlock?: boolean } = {},
): void {
  const exe = interpretModule(f.module, f.config);
  const problems = replayTrace(exe, r.trace!, {
    loopsBackTo: r.loopsBackTo,
    stuttering: r.stuttering,
    property: r.property,
    ...extra,
  });
  expect(problems).toEqual([]);
}

withFixtures(`agreement with recorded TLC runs${NEEDS}`, () => {
  test('01-success: Mutex holds with 811 distinct states', async () => {
    const r = await run(F.mutex());
    const tlc = recordedStats('01-success')!;
    expect(r.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(tlc.distinct);
    expect(r.stats.statesGenerated).toBe(tlc.generated);
    expect(r.stats.depth).toBe(tlc.depth);
    expect(r.stats.queued).toBe(0);
    expect(r.unreached).toBeUndefined();
  });

  test('02-invariant: RacyCounter violates NoLostUpdate with a 5-state trace', async () => {
    const f = F.racyCounter();
    const r = await run(f);
    const tlc = recordedStats('02-invariant')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('NoLostUpdate');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('02-invariant'));
    expect(r.trace!.map((s) => s.action?.name ?? null)).toEqual([
      null,
      'A_load',
      'A_load',
      'A_store',
      'A_store',
    ]);
    expect(r.trace![1]!.action!.params).toEqual({ self: { '#mv': 't1' } });
    expect(r.trace![4]!.state).toMatchObject({
      counter: 1,
      finished: { '#set': [{ '#mv': 't1' }, { '#mv': 't2' }] },
    });
    expectReplays(f, r);
  });

  test('03-deadlock: BarrierLock deadlocks after 4 states', async () => {
    const f = F.barrierLock();
    const r = await run(f);
    const tlc = recordedStats('03-deadlock')!;
    expect(r.verdict).toBe('deadlock');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('03-deadlock'));
    expectReplays(f, r, { deadlock: true });
  });

  test('04a-liveness-lasso: StarvationFree violated by a fair lasso', async () => {
    const f = F.spinlock();
    const r = await run(f);
    const tlc = recordedStats('04a-liveness-lasso')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('StarvationFree');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.loopsBackTo).not.toBeNull();
    expect(r.stuttering).toBe(false);
    expectReplays(f, r);
  });

  test('04b-liveness-stuttering: AllCommitted violated by stuttering', async () => {
    const f = F.commitFairness();
    const r = await run(f);
    const tlc = recordedStats('04b-liveness-stuttering')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('AllCommitted');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.stuttering).toBe(true);
    expect(r.loopsBackTo).toBeNull();
    expectReplays(f, r);
  });

  test('04c-action-property: ChainOnlyGrows violated on the 4th state', async () => {
    const f = F.seccompTsync();
    const r = await run(f);
    const tlc = recordedStats('04c-action-property')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('ChainOnlyGrows');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('04c-action-property'));
    expect(r.trace![3]!.action).toEqual({ name: 'A_tsync', params: { self: { '#mv': 't1' } } });
    expectReplays(f, r);
  });

  test('05-assert: the failing Assert is the violated property', async () => {
    const f = F.credRefcount();
    const r = await run(f);
    const tlc = recordedStats('05-assert')!;
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('Failure of assertion at cred.cred:14:5: put_cred: usage > 1');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('05-assert'));
    expectReplays(f, r);
  });

  test('06-init-violation: an initial state violates the invariant', async () => {
    const f = F.nnpDomain();
    const r = await run(f);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('DomainNeedsNnp');
    expect(r.trace).toHaveLength(1);
    expect(r.trace![0]!.action).toBeNull();
    expectReplays(f, r);
  });

  test('09a-eval-error-domain: a function applied outside its domain', async () => {
    const f = F.peerCopy();
    const r = await run(f);
    const tlc = recordedStats('09a-eval-error-domain')!;
    expect(r.verdict).toBe('error');
    expect(r.error!.message).toContain('Attempted to apply function');
    expect(r.error!.message).toContain(
      'to argument NoThread, which is not in the domain of the function.',
    );
    expect(r.error!.message).toContain('A_copy');
    expect([
      r.stats.statesGenerated,
      r.stats.distinctStates,
      r.stats.queued,
      r.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(r.trace).toHaveLength(recordedTraceLength('09a-eval-error-domain'));
    expectReplays(f, r);
  });

  test('09b-eval-error-compare: comparing 0 with a string in an invariant', async () => {
    const f = F.errno();
    const r = await run(f);
    const tlc = recordedStats('09b-eval-error-compare')!;
    expect(r.verdict).toBe('error');
    expect(r.error!.message).toContain(
      'Attempted to check equality of integer 0 with non-integer:\n"ENOMEM"',
    );
    expect(r.error!.message).toContain('NoENOMEM');
    // TLC's distinct count after an invariant evaluation error is an artefact of its error
    // reporting (it re-evaluates); generated, queue and depth agree.
    expect([r.stats.statesGenerated, r.stats.queued, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.queued,
      tlc.depth,
    ]);
    expect(r.trace).toHaveLength(recordedTraceLength('09b-eval-error-compare'));
  });

  test('10-symmetry-view: symmetry gives TLC counts; without it, more states and the same verdict', async () => {
    const tlc = recordedStats('10-symmetry-view')!;
    const sym = await run(F.tsyncSym({ symmetry: true }));
    expect(sym.verdict).toBe('violated');
    expect(sym.property).toBe('NoLayerLost');
    expect([
      sym.stats.statesGenerated,
      sym.stats.distinctStates,
      sym.stats.queued,
      sym.stats.depth,
    ]).toEqual([tlc.generated, tlc.distinct, tlc.queued, tlc.depth]);
    expect(sym.trace).toHaveLength(recordedTraceLength('10-symmetry-view'));
    expectReplays(F.tsyncSym({ symmetry: true }), sym);
    const plain = await run(F.tsyncSym({ symmetry: false }));
    expect(plain.verdict).toBe('violated');
    expect(plain.trace).toHaveLength(sym.trace!.length);
    expect(plain.stats.distinctStates).toBeGreaterThan(sym.stats.distinctStates);
  });

  test('13-coverage: the never-enabled A_recover is reported unreached', async () => {
    const r = await run(F.mutex({ recover: true }));
    const tlc = recordedStats('13-coverage')!;
    expect(r.verdict).toBe('holds');
    expect([r.stats.statesGenerated, r.stats.distinctStates, r.stats.depth]).toEqual([
      tlc.generated,
      tlc.distinct,
      tlc.depth,
    ]);
    expect(r.unreached).toEqual({ actions: ['A_recover'], covers: [] });
  });

  test('12-multiworker-progress: LostUpdates with 2 rounds holds, Termination included', async () => {
    // The full model (771,668 states) runs in the speed check; 2 rounds keeps this test short
    // while still exercising Termination under per-thread fairness.
    const r = await run(F.lostUpdates({ rounds: 2 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats.depth).toBe(13);
  });
});

/** TLC's trace.json states: functions over model values are objects, model values strings. */
function fromTlcJson(
  v: unknown,
  modelValues: ReadonlySet<string>,
  setVars: ReadonlySet<string>,
  name = '',
): TlaValue {
  if (typeof v === 'string') return modelValues.has(v) ? { '#mv': v } : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    const items = v.map((x) => fromTlcJson(x, modelValues, setVars));
    return setVars.has(name) ? { '#set': items } : items;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length > 0 && keys.every((k) => modelValues.has(k)))
    return {
      '#map': keys.map((k) => [{ '#mv': k }, fromTlcJson(o[k], modelValues, setVars)] as const),
    };
  const out: Record<string, TlaValue> = {};
  for (const k of keys) out[k] = fromTlcJson(o[k], modelValues, setVars, k);
  return out;
}

function tlcTrace(
  dir: string,
  modelValues: string[],
  setVars: string[],
): { trace: TlaTraceStep[]; loopsBackTo: number | null; stuttering: boolean } {
  const j = JSON.parse(readFileSync(`${FIXTURES}/${dir}/trace.json`, 'utf8')) as {
    counterexample: {
      action: [
        [number, unknown],
        { name: string; context: Record<string, string> },
        [number, unknown],
      ][];
    };
  };
  const mv = new Set(modelValues);
  const sv = new Set(setVars);
  const conv = (s: unknown): Record<string, TlaValue> =>
    fromTlcJson(s, mv, sv) as Record<string, TlaValue>;
  const edges = j.counterexample.action;
  const trace: TlaTraceStep[] = [{ action: null, state: conv(edges[0]![0][1]) }];
  let loopsBackTo: number | null = null;
  let stuttering = false;
  for (const [[from], act, [to, st]] of edges) {
    if (to <= from) {
      if (to === from) stuttering = true;
      else loopsBackTo = to - 1;
      continue;
    }
    const params: Record<string, TlaValue> = {};
    for (const [k, v] of Object.entries(act.context)) params[k] = mv.has(v) ? { '#mv': v } : v;
    trace.push({ action: { name: act.name, params }, state: conv(st) });
  }
  return { trace, loopsBackTo, stuttering };
}

withFixtures(`replay checker on TLC counterexamples${NEEDS}`, () => {
  test("04a: TLC's lasso is a fair behaviour violating StarvationFree", () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    expect(t.trace).toHaveLength(7);
    expect(t.loopsBackTo).toBe(3);
    expect(replayTrace(exe, t.trace, { ...t, property: 'StarvationFree' })).toEqual([]);
  });

  test("04b: TLC's stuttering end violates AllCommitted", () => {
    const f = F.commitFairness();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04b-liveness-stuttering', ['t1', 't2'], ['committed']);
    expect(t.stuttering).toBe(true);
    expect(replayTrace(exe, t.trace, { ...t, property: 'AllCommitted' })).toEqual([]);
  });

  test('a tampered trace is rejected with the step named', () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    const bad = t.trace.slice();
    bad[2] = { action: { name: 'A_cs', params: { self: { '#mv': 't1' } } }, state: bad[2]!.state };
    const problems = replayTrace(exe, bad, { ...t, property: 'StarvationFree' });
    expect(problems).toContain('state 3 is not a successor of state 2 by A_cs(t1)');
  });

  test('a lasso that is not fair is rejected', () => {
    const f = F.spinlock();
    const exe = interpretModule(f.module, f.config);
    const t = tlcTrace('04a-liveness-lasso', ['t1', 't2', 'NoThread'], []);
    // Stop at state 3 (both spinning) and claim it stutters: A_spin is enabled there.
    const problems = replayTrace(exe, t.trace.slice(0, 3), {
      loopsBackTo: null,
      stuttering: true,
      property: 'StarvationFree',
    });
    expect(problems.some((p) => p.includes('not fair'))).toBe(true);
  });
});
