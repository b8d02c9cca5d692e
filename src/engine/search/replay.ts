// Takes an executable module and a TLA+-level trace (from either engine) and checks that it is
// a real behaviour of the module: the first state is initial, each step is a successor by the
// named action and parameters, a lasso closes, and the named property is violated on it
// (for a temporal property: the lasso is fair and violates one instance). Returns the list of
// problems found, empty when the trace is valid; it never throws for a bad trace.

import type { TlaTraceStep } from '../../result/check-result.js';
import type { TlaValue } from '../../result/tla-value.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { lassoViolatesForm } from './lasso-property.js';
import type { ExecutableModule, State, TemporalProperty } from '../evaluation/module-api.js';
import { stateFromJson } from './state-json.js';
import {
  formatValue,
  fromTlaValue,
  statesEqual,
  toTlaValue,
  valueEquals,
} from '../values/values.js';
import { at } from '../../source/checked-index.js';

/** What the trace claims. */
export interface ReplayClaim {
  readonly loopsBackTo: number | null;
  readonly stuttering: boolean;
  /** The violated property (an invariant, action or temporal property name), if any. */
  readonly property?: string | null;
  /** For a deadlock: the last state has no successor. */
  readonly deadlock?: boolean;
}

/** Problems found replaying `trace` on `module`; empty means the trace is a valid counterexample. */
export function replayTrace(
  module: ExecutableModule,
  trace: readonly TlaTraceStep[],
  claim: ReplayClaim,
): string[] {
  const problems: string[] = [];
  try {
    replay(module, trace, claim, problems);
  } catch (err) {
    if (err instanceof EvalError || err instanceof AssertFailure)
      problems.push(`evaluation failed during replay: ${err.message}`);
    else throw err;
  }
  return problems;
}

function successorsOf(
  module: ExecutableModule,
  s: State,
): { next: State; name: string; params: Record<string, TlaValue> }[] {
  const out: { next: State; name: string; params: Record<string, TlaValue> }[] = [];
  module.actions.forEach((a, ai) => {
    module.successors(ai, s, (t, _ai, param, sub) => {
      const params: Record<string, TlaValue> = {};
      if (a.paramName !== undefined && param !== undefined) params[a.paramName] = toTlaValue(param);
      out.push({ next: t, name: a.subActions[sub] ?? a.name, params });
    });
  });
  return out;
}

function paramsEqual(
  a: Readonly<Record<string, TlaValue>>,
  b: Readonly<Record<string, TlaValue>>,
): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const x = a[k];
    const y = b[k];
    return x !== undefined && y !== undefined && valueEquals(fromTlaValue(x), fromTlaValue(y));
  });
}

function replay(
  module: ExecutableModule,
  trace: readonly TlaTraceStep[],
  claim: ReplayClaim,
  problems: string[],
): void {
  if (trace.length === 0) {
    problems.push('the trace is empty');
    return;
  }
  const states = trace.map((st) => stateFromJson(module, st.state));
  replaySteps(module, trace, states, problems);
  replayEnding(module, states, claim, problems);
  const prop = claim.property;
  if (prop !== undefined && prop !== null) replayViolation(module, states, claim, prop, problems);
}

/** The first state is initial and each step is a successor by the action it names. */
function replaySteps(
  module: ExecutableModule,
  trace: readonly TlaTraceStep[],
  states: readonly State[],
  problems: string[],
): void {
  const inits: State[] = [];
  module.initialStates((s) => inits.push(s));
  const first = at(states, 0, 'the first state of a trace');
  if (!inits.some((s) => statesEqual(s, first))) problems.push('state 1 is not an initial state');
  for (let k = 1; k < trace.length; k++) {
    const step = at(trace, k, 'a step of a trace');
    const next = at(states, k, 'a state of a trace');
    const succ = successorsOf(module, at(states, k - 1, 'a state of a trace'));
    const match = succ.find(
      (x) =>
        statesEqual(x.next, next) &&
        (step.action === null ||
          (x.name === step.action.name && paramsEqual(x.params, step.action.params))),
    );
    if (match === undefined) {
      const label =
        step.action === null
          ? 'no action'
          : `${step.action.name}(${Object.values(step.action.params)
              .map((v) => formatValue(fromTlaValue(v)))
              .join(', ')})`;
      problems.push(`state ${k + 1} is not a successor of state ${k} by ${label}`);
    }
  }
}

/** A claimed loop closes, and a claimed deadlock has no successor. */
function replayEnding(
  module: ExecutableModule,
  states: readonly State[],
  claim: ReplayClaim,
  problems: string[],
): void {
  const last = at(states, states.length - 1, 'the last state of a trace');
  if (claim.loopsBackTo !== null) {
    const target = states[claim.loopsBackTo];
    if (target === undefined)
      problems.push(
        `the loop goes back to state ${claim.loopsBackTo + 1}, which is not in the trace`,
      );
    else if (!successorsOf(module, last).some((x) => statesEqual(x.next, target)))
      problems.push(`the last state has no step back to state ${claim.loopsBackTo + 1}`);
  }
  if (claim.deadlock && successorsOf(module, last).length > 0)
    problems.push('the last state has a successor, so it is no deadlock');
}

/** The named property is violated on the trace (an Assert message: checked by the steps only). */
function replayViolation(
  module: ExecutableModule,
  states: readonly State[],
  claim: ReplayClaim,
  prop: string,
  problems: string[],
): void {
  const last = at(states, states.length - 1, 'the last state of a trace');
  const inv = module.invariants.find((i) => i.name === prop);
  if (inv !== undefined) {
    if (inv.holds(last)) problems.push(`the invariant ${prop} holds in the last state`);
    return;
  }
  const ap = module.actionProperties.find((a) => a.name === prop);
  if (ap !== undefined) {
    const before = states[states.length - 2];
    if (before === undefined || ap.holds(before, last))
      problems.push(`the action property ${prop} holds on the last step`);
    return;
  }
  const tp = module.temporalProperties.find((t) => t.name === prop);
  if (tp !== undefined) replayTemporal(module, states, claim, tp, problems);
}

/** The trace is a lasso (or ends stuttering), fair, and violates one instance of `tp`. */
function replayTemporal(
  module: ExecutableModule,
  states: readonly State[],
  claim: ReplayClaim,
  tp: TemporalProperty,
  problems: string[],
): void {
  const last = at(states, states.length - 1, 'the last state of a trace');
  // The cycle of the lasso: states[loop..] then back, or the last state stuttering.
  const loopStart = claim.loopsBackTo ?? states.length - 1;
  const cycle = states.slice(loopStart);
  const cycleSteps: [State, State][] = [];
  if (claim.loopsBackTo !== null) {
    for (let i = loopStart; i < states.length - 1; i++)
      cycleSteps.push([at(states, i, 'a state of a loop'), at(states, i + 1, 'a state of a loop')]);
    cycleSteps.push([last, at(states, loopStart, 'the first state of a loop')]);
  } else if (!claim.stuttering) {
    problems.push('a temporal counterexample must end in a loop or in stuttering');
    return;
  }
  for (const f of module.fairness) {
    const enabledAll = cycle.every((s) => f.enabled(s));
    const enabledSome = cycle.some((s) => f.enabled(s));
    const taken = cycleSteps.some(([s, t]) => f.isStep(s, t));
    if (f.strength === 'WF' && enabledAll && !taken)
      problems.push(`the loop is not fair: ${f.label} is always enabled on it but never taken`);
    if (f.strength === 'SF' && enabledSome && !taken)
      problems.push(`the loop is not fair: ${f.label} is enabled on it but never taken`);
  }
  if (!tp.instances.some((inst) => lassoViolatesForm(inst.form, { states, loopStart })))
    problems.push(`the behaviour satisfies ${tp.name}`);
}
