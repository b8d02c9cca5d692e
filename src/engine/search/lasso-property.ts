// Takes an executable module and one lasso (a TLA+-level trace that loops back or stutters at
// its end) and says which of the module's temporal properties the lasso violates: one property,
// or the first in declaration order. Evaluates state predicates only; it must not check that
// the lasso is a behaviour of the module or that it is fair (replay.ts does).

import type { TlaTraceStep } from '../../result/check-result.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import type {
  ExecutableModule,
  State,
  TemporalForm,
  TemporalProperty,
} from '../evaluation/module-api.js';
import { stateFromJson } from './state-json.js';

/** A lasso as states: `states[loopStart..]` repeat forever (loopStart = last index: it stutters there). */
export interface StateLasso {
  readonly states: readonly State[];
  readonly loopStart: number;
}

/**
 * Does the infinite behaviour `states[0..loopStart-1]` then `states[loopStart..]` forever
 * violate the form? Every position of the behaviour is one of the listed states, so each
 * form reduces to a test on the prefix and the cycle.
 */
export function lassoViolatesForm(form: TemporalForm, lasso: StateLasso): boolean {
  const { states, loopStart } = lasso;
  const n = states.length;
  const P = states.map((s) => form.p(s));
  const inCycle = (pred: (i: number) => boolean): boolean => {
    for (let i = loopStart; i < n; i++) if (pred(i)) return true;
    return false;
  };
  switch (form.kind) {
    case 'eventually':
      return P.every((x) => !x);
    case 'always':
      return P.some((x) => !x);
    case 'always-eventually':
      return !inCycle((i) => P[i] === true);
    case 'eventually-always':
      return inCycle((i) => P[i] === false);
    case 'leads-to': {
      const Q = states.map((s) => form.q(s));
      if (inCycle((i) => Q[i] === true)) return false;
      // Q holds nowhere in the cycle: P at i needs a Q at some j >= i before the cycle ends.
      let qLater = false;
      for (let i = n - 1; i >= 0; i--) {
        if (Q[i]) qLater = true;
        if (P[i] && !qLater) return true;
      }
      return false;
    }
  }
}

/** A property (a conjunction of instances) is violated when one instance is. */
export function lassoViolatesProperty(property: TemporalProperty, lasso: StateLasso): boolean {
  return property.instances.some((inst) => lassoViolatesForm(inst.form, lasso));
}

/** The states of a trace as a lasso, or a reason it is not one this module can evaluate. */
export function lassoOfTrace(
  module: ExecutableModule,
  trace: readonly TlaTraceStep[],
  end: { readonly loopsBackTo: number | null; readonly stuttering: boolean },
): { ok: true; lasso: StateLasso } | { ok: false; problem: string } {
  if (trace.length === 0) return { ok: false, problem: 'the trace is empty' };
  if (end.loopsBackTo === null && !end.stuttering)
    return { ok: false, problem: 'the trace neither loops back nor stutters at its end' };
  const loopStart = end.loopsBackTo ?? trace.length - 1;
  if (loopStart < 0 || loopStart >= trace.length)
    return {
      ok: false,
      problem: `the loop goes back to state ${loopStart + 1}, which is not in the trace`,
    };
  try {
    return {
      ok: true,
      lasso: { states: trace.map((st) => stateFromJson(module, st.state)), loopStart },
    };
  } catch (err) {
    if (err instanceof EvalError) return { ok: false, problem: err.message };
    throw err;
  }
}

/**
 * The first temporal property of the module, in declaration order (the config's PROPERTY
 * order), that the lasso violates; null when it violates none of them or a property cannot be
 * evaluated on its states. `among` limits the candidates to these names (still in module order).
 */
export function firstViolatedTemporal(
  module: ExecutableModule,
  trace: readonly TlaTraceStep[],
  end: { readonly loopsBackTo: number | null; readonly stuttering: boolean },
  among?: readonly string[],
): string | null {
  const read = lassoOfTrace(module, trace, end);
  if (!read.ok) return null;
  for (const tp of module.temporalProperties) {
    if (among !== undefined && !among.includes(tp.name)) continue;
    try {
      if (lassoViolatesProperty(tp, read.lasso)) return tp.name;
    } catch (err) {
      if (err instanceof EvalError || err instanceof AssertFailure) return null;
      throw err;
    }
  }
  return null;
}
