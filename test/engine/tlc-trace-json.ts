// A recorded TLC run's trace.json (../shared/tlc-fixtures) as a TLA+-level trace: the replay
// checker and the trace minimiser take TLC's counterexamples from here.

import { readFileSync } from 'node:fs';
import type { TlaTraceStep } from '../../src/result/check-result.js';
import type { TlaValue } from '../../src/result/tla-value.js';
import { FIXTURES } from '../tlc/fixture-files.js';

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

export function tlcTrace(
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
