// The `itf` trace format: Apalache/Quint's Informal Trace Format (ADR-015). Takes a result;
// returns the ITF object (and its text): `#meta`, `vars`, `states` with `#meta.index`, `loop`
// for a lasso. Values keep ITF's tags (`#set`, `#map`, `#tup`, `#bigint`); model values become
// strings, as ITF has none. Pure; never renames a variable.

import type { DslValue, VariantResult } from '../../result/result-file.js';
import { closingStep, loopSentence } from './text.js';
import { waitForLines } from './wait-for.js';
import type { SpecSources } from './wait-inference.js';

/** A value in ITF. */
export type ItfValue =
  | boolean
  | number
  | string
  | { readonly '#bigint': string }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#tup': readonly ItfValue[] }
  | readonly ItfValue[]
  | { readonly [field: string]: ItfValue };

export interface ItfState {
  readonly '#meta': { readonly index: number };
  readonly [variable: string]: ItfValue | { readonly index: number };
}

export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  readonly loop?: number;
}

/**
 * A result-file value in ITF. Numbers outside the safe range cannot occur in a result file
 * (they arrive as `#bigint`), so a number stays a JSON number; a `#tup` passes through.
 */
export function toItfValue(value: DslValue): ItfValue {
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toItfValue);
  const obj = value as Readonly<Record<string, unknown>>;
  if ('#bigint' in obj) return { '#bigint': String(obj['#bigint']) };
  if ('#mv' in obj) return String(obj['#mv']);
  if ('#set' in obj) return { '#set': (obj['#set'] as DslValue[]).map(toItfValue) };
  if ('#tup' in obj) return { '#tup': (obj['#tup'] as DslValue[]).map(toItfValue) };
  if ('#map' in obj) {
    const pairs = obj['#map'] as readonly (readonly [DslValue, DslValue])[];
    return { '#map': pairs.map(([k, v]) => [toItfValue(k), toItfValue(v)] as const) };
  }
  const out: Record<string, ItfValue> = {};
  for (const k of Object.keys(obj)) out[k] = toItfValue(obj[k] as DslValue);
  return out;
}

/**
 * The ITF trace of a result. `vars` lists every variable of any state in first-seen order; a
 * procedure frame's variables exist only while the call is live, so a state lists only the
 * variables it has (ITF readers treat the state as a record of those).
 */
export function toItf(result: VariantResult, sources?: SpecSources): ItfTrace {
  // The lasso's closing step repeats state `loop`: ITF's `loop` says that, and `#meta` names the step.
  const closing = closingStep(result);
  const trace = (result.trace ?? []).filter((s) => s.backTo === undefined);
  const vars: string[] = [];
  const seen = new Set<string>();
  for (const step of trace) {
    for (const k of Object.keys(step.state)) {
      if (!seen.has(k)) {
        seen.add(k);
        vars.push(k);
      }
    }
  }
  const states: ItfState[] = trace.map((step, i) => {
    const s: Record<string, ItfValue | { index: number }> = { '#meta': { index: i } };
    for (const [k, v] of Object.entries(step.state)) s[k] = toItfValue(v);
    return s as ItfState;
  });
  const meta = {
    format: 'ITF',
    'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
    source: result.spec,
    description: `credspec ${result.variant} (${result.engine}): ${result.property === null ? result.verdict : `${result.verdict} ${result.property}`}`,
    variant: result.variant,
    params: result.params,
    verdict: result.verdict,
    property: result.property,
    stuttering: result.stuttering === true,
    ...(result.loopsBackTo === null ? {} : { loopDescription: loopSentence(result) }),
    ...(closing === null
      ? {}
      : { loopStep: { thread: closing.thread, step: closing.step, ...(closing.location === null ? {} : { location: closing.location }), source: closing.source, backTo: closing.backTo } }),
    ...(result.waitsFor === undefined ? {} : { waitsFor: result.waitsFor }),
    // Last, so that here too a deadlock ends with its wait-for picture.
    ...(result.verdict === 'deadlock' ? { waitFor: waitForLines(result, sources) } : {}),
  };
  return result.loopsBackTo === null ? { '#meta': meta, vars, states } : { '#meta': meta, vars, states, loop: result.loopsBackTo };
}

/** The ITF trace as indented JSON with a final newline. */
export function formatItfTrace(result: VariantResult, sources?: SpecSources): string {
  return `${JSON.stringify(toItf(result, sources), null, 2)}\n`;
}
