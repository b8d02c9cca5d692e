// TLA+ trace -> the spec's own story. Takes an engine's CheckResult (TLA+ names, either engine)
// and the emitted module's source map; returns one TraceStep per state: the thread that moved,
// the step's `file:line:col` and statement, and the DSL variables that changed. Internal
// variables (pc, the call stack, the failure flag) never appear unless the TLA+ view is asked for;
// pc shows only as each thread slot's status, and a frame variable only while its call is live.
// A lasso gets one more step: the one from the last state back to the loop's first.

import { at } from '../source/checked-index.js';
import type { CheckResult, TlaTraceStep } from '../result/check-result.js';
import type { DslValue, MacroCallRecord, ThreadStatus, TraceStep } from '../result/result-file.js';
import type { TlaState, TlaValue } from '../result/tla-value.js';
import type { SourceMap, SourceMapAction, SourceMapVariable } from '../emit/source-map.js';
import { macroCalls } from './macro-calls.js';
import { INTERNAL_NAMES, PC_DONE, PC_EXITED, PC_EXITING, PC_UNBORN } from '../tla/names.js';

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
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && '#mv' in v)
    return (v as { '#mv': string })['#mv'];
  if (typeof v === 'string') return v;
  return undefined;
}

/** `None` is how the module writes the language's `none`; show it as the spec does. */
export function toDslValue(v: TlaValue): DslValue {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(toDslValue);
  const obj = v as Record<string, unknown>;
  if ('#mv' in obj) return obj['#mv'] === INTERNAL_NAMES.none ? { '#mv': 'none' } : v;
  if ('#bigint' in obj) return v;
  if ('#set' in obj) return { '#set': (obj['#set'] as TlaValue[]).map(toDslValue) };
  if ('#map' in obj)
    return {
      '#map': (obj['#map'] as [TlaValue, TlaValue][]).map(
        ([k, x]) => [toDslValue(k), toDslValue(x)] as const,
      ),
    };
  const out: Record<string, DslValue> = {};
  for (const key of Object.keys(obj)) out[key] = toDslValue(obj[key] as TlaValue);
  return out;
}

/** The DSL name of one per-thread entry: `t1.cred`, `caller1.restrict.error`. */
function perThreadName(variable: SourceMapVariable, thread: string): string {
  if (variable.scope === 'frame' && variable.owner !== undefined)
    return `${thread}.${variable.owner}.${variable.dslName}`;
  return `${thread}.${variable.dslName}`;
}

/** The pc values of each procedure's steps, from the source map's actions. */
export type ProcedurePcs = ReadonlyMap<string, ReadonlySet<string>>;

/** Each procedure's pc values: a thread is in a call of p while its pc or a return site on its stack is one of them. */
export function procedurePcs(actions: readonly SourceMapAction[]): ProcedurePcs {
  const out = new Map<string, Set<string>>();
  for (const a of actions) {
    if (a.owner?.kind !== 'procedure' || a.pc === null) continue;
    const set = out.get(a.owner.name) ?? new Set<string>();
    set.add(a.pc);
    out.set(a.owner.name, set);
  }
  return out;
}

function entryOf(value: TlaValue | undefined, thread: string): TlaValue | undefined {
  if (value === undefined || !isMap(value)) return undefined;
  for (const [key, entry] of value['#map']) if (modelValueName(key) === thread) return entry;
  return undefined;
}

/** in_call(t, p) of the language: t's pc is in p's body, or a call site of p is on t's stack. */
function inCall(state: TlaState, thread: string, pcs: ReadonlySet<string> | undefined): boolean {
  if (pcs === undefined) return true;
  const pc = entryOf(state[INTERNAL_NAMES.pc], thread);
  if (typeof pc === 'string' && pcs.has(pc)) return true;
  // The stack holds the call sites to return to: the pc of each pending call step.
  const stack = entryOf(state[INTERNAL_NAMES.stack], thread);
  return Array.isArray(stack) && stack.some((site) => typeof site === 'string' && pcs.has(site));
}

/**
 * The spec-level view of one TLA+ state: shared variables by name, per-thread ones per thread.
 * With `procedures` (from procedurePcs), a frame variable shows only while its thread is in a
 * call of its procedure; without, every entry shows.
 */
export function toDslState(
  state: TlaState,
  variables: readonly SourceMapVariable[],
  procedures?: ProcedurePcs,
): DslState {
  const out: DslState = {};
  for (const variable of variables) {
    if (variable.scope === 'internal') continue;
    const value = state[variable.name];
    if (value === undefined) continue;
    if (variable.perThread && isMap(value)) {
      const frameOf =
        variable.scope === 'frame' && variable.owner !== undefined && procedures !== undefined
          ? procedures.get(variable.owner)
          : undefined;
      for (const [key, entry] of value['#map']) {
        const thread = modelValueName(key);
        if (thread === undefined) continue;
        if (frameOf !== undefined && !inCall(state, thread, frameOf)) continue;
        out[perThreadName(variable, thread)] = toDslValue(entry);
      }
    } else {
      out[variable.dslName] = toDslValue(value);
    }
  }
  return out;
}

/** Each thread slot's status in a state, read off its pc; null when the state has no pc map. */
export function threadStatuses(state: TlaState): Record<string, ThreadStatus> | null {
  const pc = state[INTERNAL_NAMES.pc];
  if (pc === undefined || !isMap(pc)) return null;
  const out: Record<string, ThreadStatus> = {};
  for (const [key, value] of pc['#map']) {
    const thread = modelValueName(key);
    if (thread === undefined) continue;
    out[thread] =
      value === PC_UNBORN
        ? 'unborn'
        : value === PC_EXITING
          ? 'exiting'
          : value === PC_EXITED
            ? 'gone'
            : value === PC_DONE
              ? 'done'
              : 'alive';
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
    if (!sameValue(before[name], after[name]))
      changes[name] = { before: before[name] ?? null, after: after[name] ?? null };
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
function actingThread(
  step: TlaTraceStep,
  previous: TlaTraceStep | undefined,
  action: SourceMapAction | undefined,
): string | null {
  const self = step.action?.params['self'];
  if (self !== undefined) return modelValueName(self) ?? null;
  if (action === undefined || action.pc === null || previous === undefined) return null;
  const pc = previous.state[INTERNAL_NAMES.pc];
  if (pc === undefined || !isMap(pc)) return null;
  const candidates = pc['#map']
    .map(([k]) => modelValueName(k))
    .filter((t): t is string => t !== undefined && pcOf(previous.state, t) === action.pc);
  if (candidates.length <= 1) return candidates[0] ?? null;
  const moved = candidates.filter((t) => pcOf(previous.state, t) !== pcOf(step.state, t));
  const [mover] = moved;
  return moved.length === 1 && mover !== undefined
    ? mover
    : at(candidates, 0, 'threads at the step pc');
}

/**
 * The step from the lasso's last state back to `trace[k]`: the engine's action when it names
 * one, else (TLC 1.7.4) the one thread whose pc differs between the two states and the step at
 * its pc; when that is not one step, the step is shown without a name.
 */
function closingAction(
  trace: readonly TlaTraceStep[],
  loopAction: CheckResult['loopAction'],
  k: number,
  actions: ReadonlyMap<string, SourceMapAction>,
): { action: SourceMapAction | undefined; name: string | null; thread: string | null } {
  const last = at(trace, trace.length - 1, 'a lasso trace');
  const target = at(trace, k, 'a lasso trace');
  if (loopAction !== undefined) {
    const step: TlaTraceStep = { action: loopAction, state: target.state };
    const action = actions.get(loopAction.name);
    return { action, name: loopAction.name, thread: actingThread(step, last, action) };
  }
  const pc = last.state[INTERNAL_NAMES.pc];
  if (pc === undefined || !isMap(pc)) return { action: undefined, name: null, thread: null };
  const moved = pc['#map']
    .map(([key]) => modelValueName(key))
    .filter((t): t is string => t !== undefined && pcOf(last.state, t) !== pcOf(target.state, t));
  const [mover] = moved;
  if (mover === undefined || moved.length !== 1)
    return { action: undefined, name: null, thread: null };
  const from = pcOf(last.state, mover);
  const candidates = [...actions.values()].filter((a) => a.pc !== null && a.pc === from);
  const steps = new Set(candidates.map((a) => a.step));
  const [first] = candidates;
  if (first === undefined || steps.size !== 1)
    return { action: undefined, name: null, thread: mover };
  // Two halves of one fault point share the step; which half ran is not known, so no outcome.
  const only = candidates.length === 1 ? first : { ...first, outcome: undefined };
  return { action: only, name: only.name, thread: mover };
}

/** Each step's `essential` field: set on every step after the initial state when the result marks them. */
function essentialFlag(
  result: Pick<CheckResult, 'trace' | 'counterexample'>,
): (index: number) => { essential?: boolean } {
  const marked = result.counterexample?.essential;
  const n = result.trace?.length ?? 0;
  if (marked === undefined) return () => ({});
  const set = new Set(marked);
  return (index) => (index > 0 && index < n ? { essential: set.has(index) } : {});
}

/** Maps a CheckResult's TLA+ trace to the spec's steps. */
export function mapTrace(
  result: Pick<
    CheckResult,
    'trace' | 'loopsBackTo' | 'stuttering' | 'loopAction' | 'counterexample'
  >,
  map: SourceMap,
  options: MapTraceOptions = {},
): DslTrace | null {
  if (result.trace === null) return null;
  const actions = new Map(map.actions.map((a) => [a.name, a]));
  const procedures = procedurePcs(map.actions);
  const essential = essentialFlag(result);
  const steps: TraceStep[] = [];
  let previousDsl: DslState | null = null;
  const describe = (
    index: number,
    tlaStep: TlaTraceStep,
    thread: string | null,
    action: SourceMapAction | undefined,
    actionName: string | null,
  ): TraceStep => {
    const dslState = toDslState(tlaStep.state, map.variables, procedures);
    const threads = threadStatuses(tlaStep.state);
    const changes = diffStates(previousDsl, dslState);
    const base = {
      index,
      thread,
      step:
        actionName === null
          ? index === 0
            ? 'init'
            : '(unknown step)'
          : (action?.step ?? actionName),
      location: action?.location ? { ...action.location } : null,
      source: action ? action.source : null,
      ...(action?.outcome !== undefined ? { outcome: action.outcome } : {}),
      ...(action?.kernel !== undefined ? { kernel: action.kernel } : {}),
      ...callsEntry(macroCalls(action, thread, previousDsl, dslState, Object.keys(changes))),
      ...essential(index),
      changes,
      state: dslState,
      ...(threads !== null ? { threads } : {}),
    };
    previousDsl = dslState;
    if (!options.includeTla) return base;
    const params = tlaStep.action?.params;
    const tla = {
      action: actionName,
      ...(params === undefined || Object.keys(params).length === 0
        ? {}
        : { params: params as Record<string, DslValue> }),
      state: tlaStep.state as Record<string, DslValue>,
    };
    return { ...base, tla };
  };
  result.trace.forEach((tlaStep, index, trace) => {
    const previous = index > 0 ? trace[index - 1] : undefined;
    const action = tlaStep.action ? actions.get(tlaStep.action.name) : undefined;
    const thread = tlaStep.action ? actingThread(tlaStep, previous, action) : null;
    steps.push(describe(index, tlaStep, thread, action, tlaStep.action?.name ?? null));
  });
  const k = result.loopsBackTo;
  if (k !== null && k >= 0 && k < result.trace.length) {
    const closing = closingAction(result.trace, result.loopAction, k, actions);
    const target = at(result.trace, k, 'a lasso trace');
    const step = describe(
      result.trace.length,
      { action: result.loopAction ?? null, state: target.state },
      closing.thread,
      closing.action,
      closing.name,
    );
    steps.push({ ...step, backTo: k });
  }
  return { steps, loopsBackTo: result.loopsBackTo, stuttering: result.stuttering };
}

function callsEntry(calls: readonly MacroCallRecord[]): Pick<TraceStep, 'calls'> {
  return calls.length === 0 ? {} : { calls };
}
