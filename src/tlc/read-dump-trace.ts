// Takes the JSON file TLC writes with `-dumpTrace json FILE` and returns its trace in
// CheckResult's terms. Pure. JSON loses TLA+ types (a model value and a string are both
// strings, sets and sequences both arrays, records and functions both objects), so this is a
// cross-check of the `-tool` reader, not a replacement: it must not guess the lost types.

import type { TlaTraceStep } from '../result/check-result.js';
import type { TlaState, TlaValue } from '../result/tla-value.js';
import { at } from '../source/checked-index.js';

/** The trace of a dump file. Values keep JSON's shapes: strings, arrays and plain objects. */
export interface DumpTrace {
  readonly steps: readonly TlaTraceStep[];
  /** Index in `steps` the last edge goes back to (an edge to an earlier state number). */
  readonly loopsBackTo: number | null;
  /** The last edge goes to its own state number: the behaviour stutters there. */
  readonly stuttering: boolean;
  /** The module's variables in declaration order (`vars`). */
  readonly vars: readonly string[];
}

export type DumpTraceResult =
  | { readonly ok: true; readonly trace: DumpTrace }
  | { readonly ok: false; readonly error: string };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type NumberedState = [number, Record<string, Json>];
interface DumpAction {
  name: string;
  context?: Record<string, Json>;
  parameters?: string[];
}
type Edge = [NumberedState, DumpAction, NumberedState];

function toValue(json: Json): TlaValue {
  if (json === null) return { '#mv': 'null' };
  if (Array.isArray(json)) return json.map(toValue);
  if (typeof json === 'object') {
    const out: Record<string, TlaValue> = {};
    for (const [k, v] of Object.entries(json)) out[k] = toValue(v);
    return out;
  }
  return json;
}

function toState(raw: Record<string, Json>): TlaState {
  const out: Record<string, TlaValue> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = toValue(v);
  return out;
}

function isNumberedState(x: unknown): x is NumberedState {
  return (
    Array.isArray(x) &&
    x.length === 2 &&
    typeof x[0] === 'number' &&
    typeof x[1] === 'object' &&
    x[1] !== null
  );
}

/** Reads the text (or the already parsed object) of a `-dumpTrace json` file. */
export function readDumpTrace(json: string | unknown): DumpTraceResult {
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `not JSON: ${(e as Error).message}` };
    }
  }
  const ce = (doc as { counterexample?: { action?: unknown; state?: unknown } } | null)
    ?.counterexample;
  if (!ce || !Array.isArray(ce.state) || !Array.isArray(ce.action))
    return { ok: false, error: 'no counterexample with "state" and "action" lists' };
  if (!ce.state.every(isNumberedState))
    return { ok: false, error: 'a state is not [number, {variables}]' };
  const states = ce.state as NumberedState[];
  const edges = ce.action as Edge[];
  const vars = Array.isArray((doc as { vars?: unknown }).vars)
    ? (doc as { vars: string[] }).vars
    : [];

  const steps: TlaTraceStep[] = states.map(([n, raw], i) => {
    if (i === 0) return { action: null, state: toState(raw) };
    const prev = at(states, i - 1, 'the previous state')[0];
    const edge = edges.find((e) => e[0]?.[0] === prev && e[2]?.[0] === n);
    const params: Record<string, TlaValue> = {};
    for (const p of edge?.[1].parameters ?? Object.keys(edge?.[1].context ?? {})) {
      const v = edge?.[1].context?.[p];
      if (v !== undefined) params[p] = toValue(v);
    }
    return { action: edge ? { name: edge[1].name, params } : null, state: toState(raw) };
  });

  // A lasso has no marker: the last edge goes back to an earlier number, or to its own
  // number for stuttering (that edge repeats the previous action's label; it is no step).
  let loopsBackTo: number | null = null;
  let stuttering = false;
  const last = edges[edges.length - 1];
  if (last && states.length > 0) {
    const from = last[0][0];
    const to = last[2][0];
    if (to === from) stuttering = true;
    else if (to < from) {
      const i = states.findIndex((s) => s[0] === to);
      loopsBackTo = i >= 0 ? i : null;
    }
  }
  return { ok: true, trace: { steps, loopsBackTo, stuttering, vars } };
}
