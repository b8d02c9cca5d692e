// Takes a check's result and the module it checked and returns the result with the
// counterexample a reader wants: among the shortest behaviours violating the same property, one
// with the fewest preemptions (preemption-search.ts), a long one shrunk first (shrink.ts), and
// the count in `counterexample`. Works on any engine's trace that replays on the embedded
// module (the breadth-first search's, a simulation's, TLC's); a trace that does not replay, an
// evaluation error while searching or a search past its limits keeps the trace as found and
// says why. Also marks the steps the violation depends on (essential-steps.ts). Safety violations and deadlocks only: a lasso is left as it is.

import type { CheckResult, CounterexampleFacts } from '../../result/check-result.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import { fewestPreemptions } from '../search/preemption-search.js';
import {
  countPreemptions,
  type Schedule,
  scheduleOf,
  scheduleTrace,
  type ViolationTarget,
} from '../search/schedule.js';
import { shrinkSchedule } from '../search/shrink.js';
import { ThreadTable } from '../search/step-threads.js';
import { essentialSteps } from './essential-steps.js';
import type { StepGraph } from './step-graph.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';

/** `--trace`: the fewest preemptions among the shortest (default), or the first search's own trace. */
export type TraceChoice = 'fewest-preemptions' | 'shortest';

/** How to pick the trace of one result. */
export interface MinimiseOptions {
  readonly trace: TraceChoice;
  /** Shrink before the search (a random walk); the search then looks only at the states shrinking visited. */
  readonly shrink: boolean;
  /** The model's control flow, for the tests the essential steps depend on. */
  readonly graph?: StepGraph | undefined;
}

/** What the property of a result is to the module: the violation a schedule must end in. */
export function targetOf(
  module: ExecutableModule,
  result: Pick<CheckResult, 'verdict' | 'property' | 'loopsBackTo' | 'stuttering'>,
): ViolationTarget | undefined {
  if (result.loopsBackTo !== null || result.stuttering) return undefined;
  if (result.verdict === 'deadlock') return { kind: 'deadlock' };
  const p = result.property;
  if (result.verdict !== 'violated' || p === null) return undefined;
  if (module.invariants.some((i) => i.name === p)) return { kind: 'invariant', property: p };
  if (module.actionProperties.some((a) => a.name === p))
    return { kind: 'action-property', property: p };
  return undefined;
}

/** The result with its trace chosen as `options` say and `counterexample` set; unchanged without a safety trace. */
export function minimiseTrace<R extends CheckResult>(
  module: ExecutableModule,
  result: R,
  options: MinimiseOptions,
): R {
  const trace = result.trace;
  const target = targetOf(module, result);
  if (trace === null || target === undefined) return result;
  try {
    const threads = new ThreadTable(module);
    const found = scheduleOf(threads, trace);
    if (found === undefined)
      return withFacts(result, {
        preemptions: null,
        trace: 'as-found',
        note: 'the trace does not replay on the embedded engine',
      });
    const asFound = countPreemptions(threads, found);
    if (options.trace === 'shortest')
      return withFacts(result, {
        preemptions: asFound,
        trace: 'shortest',
        essential: essentialSteps(threads, target, found, options.graph),
      });
    const picked = pick(threads, target, found, asFound, options.shrink);
    const facts: CounterexampleFacts = {
      preemptions: picked.preemptions,
      trace: picked.searched ? 'fewest-preemptions' : 'as-found',
      ...(picked.schedule.steps.length < found.steps.length ? { shrunkFrom: trace.length } : {}),
      ...(picked.searched ? {} : { note: 'the preemption search went past its limit' }),
      essential: essentialSteps(threads, target, picked.schedule, options.graph),
    };
    if (picked.schedule === found) return withFacts(result, facts);
    return withFacts({ ...result, trace: scheduleTrace(module, picked.schedule) }, facts);
  } catch (err) {
    if (!(err instanceof EvalError || err instanceof AssertFailure)) throw err;
    return withFacts(result, {
      preemptions: null,
      trace: 'as-found',
      note: `the embedded engine could not evaluate the module: ${err.message}`,
    });
  }
}

/** The schedule to show: the search's when it is shorter or has fewer preemptions, else the one found. */
function pick(
  threads: ThreadTable,
  target: ViolationTarget,
  found: Schedule,
  asFound: number,
  shrink: boolean,
): { schedule: Schedule; preemptions: number; searched: boolean } {
  let schedule = found;
  let preemptions = asFound;
  const shrunk = shrink ? shrinkSchedule(threads, target, found) : undefined;
  if (shrunk !== undefined && shrunk.schedule.steps.length < found.steps.length) {
    schedule = shrunk.schedule;
    preemptions = countPreemptions(threads, schedule);
  }
  const best = fewestPreemptions(threads, target, {
    maxLength: schedule.steps.length + 1,
    ...(shrunk === undefined ? {} : { within: shrunk.visited }),
  });
  if (best === undefined) return { schedule, preemptions, searched: shrunk !== undefined };
  const shorter = best.schedule.steps.length < schedule.steps.length;
  if (shorter || best.preemptions < preemptions)
    return { schedule: best.schedule, preemptions: best.preemptions, searched: true };
  return { schedule, preemptions, searched: true };
}

function withFacts<R extends CheckResult>(result: R, facts: CounterexampleFacts): R {
  return { ...result, counterexample: facts };
}
