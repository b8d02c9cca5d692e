// The `itf` trace format: Apalache/Quint's Informal Trace Format (ADR-015). Takes a result;
// returns the ITF object (and its text): `#meta`, `vars`, `states`, `loop` for a lasso. The
// states are the emitted module's own states (the TLA+ view a result records on each step), so
// every state defines every variable of the module under its TLA+ name and the trace replays
// against the module. Each state's `#meta` names the action (and its parameters) and the thread
// that led to it. Pure; throws ItfUnavailable for a result written without the TLA+ view.

import { required } from '../../source/checked-index.js';
import type { TraceStep, VariantResult } from '../../result/result-file.js';
import type { TlaValue } from '../../result/tla-value.js';
import { closingStep, loopSentence } from './text.js';
import { waitForLines } from './wait-for.js';

/** A value in ITF. A model value, which ITF has no form for, is `{"#unserializable": name}`. */
export type ItfValue =
  | boolean
  | number
  | string
  | { readonly '#bigint': string }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#tup': readonly ItfValue[] }
  | { readonly '#unserializable': string }
  | readonly ItfValue[]
  | { readonly [field: string]: ItfValue };

/** What each state says of the step into it; the initial state has no action or thread. */
export interface ItfStateMeta {
  readonly index: number;
  readonly action: string | null;
  readonly params?: Readonly<Record<string, ItfValue>>;
  readonly thread: string | null;
  /** The spec's own name of the step (`Caller.enter`, `init`) and where it is. */
  readonly step: string;
  readonly location?: string;
  /** Whether the violation depends on the step into this state (absent when the result does not say). */
  readonly essential?: boolean;
}

export interface ItfState {
  readonly '#meta': ItfStateMeta;
  readonly [variable: string]: ItfValue | ItfStateMeta;
}

export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  readonly loop?: number;
}

/** A result whose steps lack the module's states (written before results recorded them). */
export class ItfUnavailable extends Error {
  override readonly name = 'ItfUnavailable';
}

/** A TLA+ value of a result in ITF: sequences are lists, functions `#map`, model values `#unserializable`. */
export function toItfValue(value: TlaValue): ItfValue {
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? value : { '#bigint': BigInt(value).toString() };
  if (Array.isArray(value)) return (value as readonly TlaValue[]).map(toItfValue);
  const obj = value as Readonly<Record<string, unknown>>;
  if ('#bigint' in obj) return { '#bigint': String(obj['#bigint']) };
  if ('#mv' in obj) return { '#unserializable': String(obj['#mv']) };
  if ('#set' in obj) return { '#set': (obj['#set'] as TlaValue[]).map(toItfValue) };
  if ('#map' in obj) {
    const pairs = obj['#map'] as readonly (readonly [TlaValue, TlaValue])[];
    return { '#map': pairs.map(([k, v]) => [toItfValue(k), toItfValue(v)] as const) };
  }
  // fromEntries defines every field as the record's own, `__proto__` included.
  return Object.fromEntries(Object.keys(obj).map((k) => [k, toItfValue(obj[k] as TlaValue)]));
}

type ModuleStep = TraceStep & { readonly tla: NonNullable<TraceStep['tla']> };

/** The states of the trace with their module view; the lasso's closing step repeats state `loop` and is left out. */
function moduleSteps(result: VariantResult): ModuleStep[] {
  const steps = (result.trace ?? []).filter((s) => s.backTo === undefined);
  const missing = steps.findIndex((s) => s.tla === undefined);
  if (missing >= 0) {
    throw new ItfUnavailable(
      `the result records no TLA+ state for step ${missing} (it was written by an older credspec); run the check again to write a result ITF can be made from`,
    );
  }
  return steps as ModuleStep[];
}

/** The module's variables, in the order of the first state; every state must have exactly these. */
function moduleVariables(steps: readonly ModuleStep[]): string[] {
  const [first] = steps;
  const vars = first === undefined ? [] : Object.keys(first.tla.state);
  // ITF keeps names that start with `#` for its own fields (`#meta`); no module variable has one.
  const reserved = vars.find((v) => v.startsWith('#'));
  if (reserved !== undefined)
    throw new ItfUnavailable(
      `the result names a module variable "${reserved}", which no module has`,
    );
  steps.forEach((s, i) => {
    const keys = Object.keys(s.tla.state);
    const odd = keys.length !== vars.length || vars.some((v) => !(v in s.tla.state));
    if (odd)
      throw new ItfUnavailable(
        `state ${i} of the result does not define the same module variables as state 0`,
      );
  });
  return vars;
}

function itfParams(params: Readonly<Record<string, TlaValue>>): Record<string, ItfValue> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toItfValue(v)]));
}

function stateMeta(step: ModuleStep, index: number): ItfStateMeta {
  const params = step.tla.params;
  return {
    index,
    action: step.tla.action,
    ...(params === undefined || Object.keys(params).length === 0
      ? {}
      : { params: itfParams(params) }),
    thread: step.thread,
    step: step.step,
    ...(step.location === null
      ? {}
      : { location: `${step.location.file}:${step.location.line}:${step.location.column}` }),
    ...(step.essential === undefined ? {} : { essential: step.essential }),
  };
}

function traceMeta(result: VariantResult): Record<string, unknown> {
  const closing = closingStep(result);
  return {
    format: 'ITF',
    'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
    source: result.module,
    spec: result.spec,
    description: `credspec ${result.variant} (${result.engine}): ${result.property === null ? result.verdict : `${result.verdict} ${result.property}`}`,
    variant: result.variant,
    params: result.params,
    verdict: result.verdict,
    property: result.property,
    stuttering: result.stuttering === true,
    ...(result.loopsBackTo === null ? {} : { loopDescription: loopSentence(result) }),
    ...(closing === null
      ? {}
      : {
          loopStep: {
            ...(closing.tla === undefined
              ? {}
              : {
                  action: closing.tla.action,
                  ...(closing.tla.params === undefined
                    ? {}
                    : { params: itfParams(closing.tla.params) }),
                }),
            thread: closing.thread,
            step: closing.step,
            ...(closing.location === null ? {} : { location: closing.location }),
            source: closing.source,
            backTo: closing.backTo,
          },
        }),
    ...(result.breakingState === undefined ? {} : { breakingState: result.breakingState }),
    ...(result.waitsFor === undefined ? {} : { waitsFor: result.waitsFor }),
    // Last, so that here too a deadlock ends with its wait-for picture.
    ...(result.verdict === 'deadlock' ? { waitFor: waitForLines(result) } : {}),
  };
}

/** The ITF trace of a result: every state a whole state of the emitted module. */
export function toItf(result: VariantResult): ItfTrace {
  const steps = moduleSteps(result);
  const vars = moduleVariables(steps);
  const states = steps.map(
    (step, i) =>
      Object.fromEntries([
        ['#meta', stateMeta(step, i)],
        ...vars.map((v) => [
          v,
          toItfValue(required(step.tla.state, v, 'a module variable in a state')),
        ]),
      ]) as ItfState,
  );
  const meta = traceMeta(result);
  return result.loopsBackTo === null
    ? { '#meta': meta, vars, states }
    : { '#meta': meta, vars, states, loop: result.loopsBackTo };
}

/** The ITF trace as indented JSON with a final newline. */
export function formatItfTrace(result: VariantResult): string {
  return `${JSON.stringify(toItf(result), null, 2)}\n`;
}
