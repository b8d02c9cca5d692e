// Which variable left its declared range, for an `out_of_range` violation: takes the emitted
// module's source map and the trace in the spec's words; returns the variables the check covers
// that the last step changed (every covered one when the trace is the initial state alone), with
// their values and declarations. Pure; it knows no bounds and so never claims more than that.

import type { DslValue, TraceStep } from '../result/result-file.js';
import type { MapLocation, SourceMap, SourceMapVariable } from '../emit/source-map.js';
import { OUT_OF_RANGE } from '../tla/names.js';

/** A variable that may hold the out-of-range value: its name in the trace, its value, its declaration. */
export interface RangeSuspect {
  /** As the trace names it: `n`, `w1.count`, `caller1.restrict.error`. */
  readonly name: string;
  readonly value: DslValue;
  readonly location: MapLocation | null;
}

interface CoveredVariable {
  readonly name: string;
}

function coveredVariables(map: SourceMap): readonly SourceMapVariable[] {
  const entry = map.properties.find((p) => p.dslName === OUT_OF_RANGE) as
    | { readonly variables?: readonly CoveredVariable[] }
    | undefined;
  const names = new Set((entry?.variables ?? []).map((v) => v.name));
  return map.variables.filter((v) => names.has(v.name));
}

/** Does trace name `key` (`n`, `w1.c`, `w1.proc.c`) stand for the variable `v`? */
function names(key: string, v: SourceMapVariable): boolean {
  if (!v.perThread) return key === v.dslName;
  const suffix =
    v.scope === 'frame' && v.owner !== undefined ? `.${v.owner}.${v.dslName}` : `.${v.dslName}`;
  return key.endsWith(suffix) && !key.slice(0, -suffix.length).includes('.');
}

/**
 * The covered variables the trace's last step changed (its last state's values). The state
 * before it satisfied the check, so the one that left its range is among them.
 */
export function rangeSuspects(
  map: SourceMap,
  steps: readonly TraceStep[],
): readonly RangeSuspect[] {
  const last = steps[steps.length - 1];
  if (last === undefined) return [];
  const covered = coveredVariables(map);
  const keys = steps.length === 1 ? Object.keys(last.state) : Object.keys(last.changes);
  const out: RangeSuspect[] = [];
  for (const key of keys) {
    const v = covered.find((c) => names(key, c));
    const value = last.state[key];
    if (v !== undefined && value !== undefined)
      out.push({ name: key, value, location: v.location });
  }
  return out;
}
