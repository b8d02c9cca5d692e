// TLA+ trace -> the spec's own story. Takes an engine's CheckResult (TLA+ names, either engine)
// and the emitted module's source map; returns one TraceStep per state: the thread that moved,
// the step's `file:line:col` and statement, and the DSL variables that changed. Internal
// variables (pc, the call stack, the failure flag) never appear unless the TLA+ view is asked for.

import type { CheckResult, TlaTraceStep } from '../result/check-result.js';
import type { DslValue, TraceStep } from '../result/result-file.js';
import type { TlaState, TlaValue } from '../result/tla-value.js';
import type { SourceMap, SourceMapAction, SourceMapVariable } from '../tla/source-map.js';
import { INTERNAL_NAMES } from '../tla/names.js';

export interface MapTraceOptions {
  /** Keep the TLA+ action name and raw state on each step (`--tla`). */
  readonly includeTla?: boolean;
}

export interface DslTrace {
  readonly steps: readonly TraceStep[];
  readonly loopsBackTo: number | null;
  readonly stuttering: boolean;
}

type DslState = Record<string, DslValue>;

function isMap(v: TlaValue): v is { readonly '#map': readonly (readonly [TlaValue, TlaValue])[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '#map' in v;
}

function modelValueName(v: TlaValue): string | undefined {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && '#mv' in v) return (v as { '#mv': string })['#mv'];
  if (typeof v === 'string') return v;
  return undefined;
}

/** `None` is how the module writes the language's `none`; show it as the spec does. */
function toDslValue(v: TlaValue): DslValue {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(toDslValue);
  const obj = v as Record<string, unknown>;
  if ('#mv' in obj) return obj['#mv'] === INTERNAL_NAMES.none ? { '#mv': 'none' } : v;
  if ('#bigint' in obj) return v;
  if ('#set' in obj) return { '#set': (obj['#set'] as TlaValue[]).map(toDslValue) };
  if ('#map' in obj) return { '#map': (obj['#map'] as [TlaValue, TlaValue][]).map(([k, x]) => [toDslValue(k), toDslValue(x)] as const) };
  const out: Record<string, DslValue> = {};
  for (const key of Object.keys(obj)) out[key] = toDslValue(obj[key] as TlaValue);
  return out;
}

/** The DSL name of one per-thread entry: `t1.cred`, `caller1.restrict.error`. */
function perThreadName(variable: SourceMapVariable, thread: string): string {
  if (variable.scope === 'frame' && variable.owner !== undefined) return `${thread}.${variable.owner}.${variable.dslName}`;
  return `${thread}.${variable.dslName}`;
}

/** The spec-level view of one TLA+ state: shared variables by name, per-thread ones per thread. */
export function toDslState(state: TlaState, variables: readonly SourceMapVariable[]): DslState {
  const out: DslState = {};
  for (const variable of variables) {
    if (variable.scope === 'internal') continue;
    const value = state[variable.name];
    if (value === undefined) continue;
    if (variable.perThread && isMap(value)) {
      for (const [key, entry] of value['#map']) {
        const thread = modelValueName(key);
        if (thread === undefined) continue;
        out[perThreadName(variable, thread)] = toDslValue(entry);
      }
    } else {
      out[variable.dslName] = toDslValue(value);
    }
  }
  return out;
}

function sameValue(a: DslValue | undefined, b: DslValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffStates(before: DslState | null, after: DslState): TraceStep['changes'] {
  if (before === null) return {};
  const changes: Record<string, { before: DslValue | null; after: DslValue | null }> = {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const name of names) {
    if (!sameValue(before[name], after[name])) changes[name] = { before: before[name] ?? null, after: after[name] ?? null };
  }
  return changes;
}

function pcOf(state: TlaState | undefined, thread: string): string | undefined {
  const pc = state?.[INTERNAL_NAMES.pc];
  if (pc === undefined || !isMap(pc)) return undefined;
  for (const [key, value] of pc['#map']) {
    if (modelValueName(key) === thread) return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * Which thread took a step. The action's `self` when the engine names it; otherwise (TLC 1.7.4
 * prints no action arguments) the one thread that was at the action's pc before the step and
 * whose pc or state changed.
 */
function actingThread(step: TlaTraceStep, previous: TlaTraceStep | undefined, action: SourceMapAction | undefined): string | null {
  const self = step.action?.params['self'];
  if (self !== undefined) return modelValueName(self) ?? null;
  if (action === undefined || action.pc === null || previous === undefined) return null;
  const pc = previous.state[INTERNAL_NAMES.pc];
  if (pc === undefined || !isMap(pc)) return null;
  const candidates = pc['#map'].map(([k]) => modelValueName(k)).filter((t): t is string => t !== undefined && pcOf(previous.state, t) === action.pc);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const moved = candidates.filter((t) => pcOf(previous.state, t) !== pcOf(step.state, t));
  return moved.length === 1 ? moved[0]! : candidates[0]!;
}

/** Maps a CheckResult's TLA+ trace to the spec's steps. */
export function mapTrace(result: Pick<CheckResult, 'trace' | 'loopsBackTo' | 'stuttering'>, map: SourceMap, options: MapTraceOptions = {}): DslTrace | null {
  if (result.trace === null) return null;
  const actions = new Map(map.actions.map((a) => [a.name, a]));
  const steps: TraceStep[] = [];
  let previousDsl: DslState | null = null;
  result.trace.forEach((tlaStep, index) => {
    const previous = index > 0 ? result.trace![index - 1] : undefined;
    const dslState = toDslState(tlaStep.state, map.variables);
    const action = tlaStep.action ? actions.get(tlaStep.action.name) : undefined;
    const changes = diffStates(previousDsl, dslState);
    const base = {
      index,
      thread: tlaStep.action ? actingThread(tlaStep, previous, action) : null,
      step: tlaStep.action === null ? 'init' : action?.step ?? tlaStep.action.name,
      location: action?.location ? { ...action.location } : null,
      source: action ? action.source : null,
      ...(action?.outcome !== undefined ? { outcome: action.outcome } : {}),
      ...(action?.kernel !== undefined ? { kernel: action.kernel } : {}),
      changes,
      state: dslState,
    };
    const step: TraceStep = options.includeTla
      ? { ...base, tla: { action: tlaStep.action?.name ?? null, state: tlaStep.state as Record<string, DslValue> } }
      : base;
    steps.push(step);
    previousDsl = dslState;
  });
  return { steps, loopsBackTo: result.loopsBackTo, stuttering: result.stuttering };
}
