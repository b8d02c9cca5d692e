// The replay checker accepts TLC's own counterexamples from ../shared/tlc-fixtures (trace.json) and
// rejects a tampered step or a lasso that is not fair.

import { readFileSync } from 'node:fs';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import { FIXTURES } from '../tlc/fixture-files.js';
import * as F from './fixture-modules.js';
import { NEEDS, withFixtures } from './recorded-runs.js';

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
