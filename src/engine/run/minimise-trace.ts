// Takes a check's result and the module it checked and returns the result with the
// counterexample a reader wants: among the shortest behaviours violating the same property, one
// with the fewest preemptions (preemption-search.ts), a long one shrunk first (shrink.ts), and
// the count in `counterexample`. Works on any engine's trace that replays on the embedded
// module (the breadth-first search's, a simulation's, TLC's); a trace that does not replay, an
// evaluation error while searching or a search past its limits keeps the trace as found and
// says why. Also marks the steps the violation depends on (essential-steps.ts). Safety violations and deadlocks only: a lasso is left as it is.

import type { CheckResult, CounterexampleFacts } from '../../result/check-result.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import { type FewestPreemptions, fewestPreemptions } from '../search/preemption-search.js';
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
  let searched = shrunk !== undefined;
  const better = (b: FewestPreemptions | undefined): b is FewestPreemptions =>
    b !== undefined &&
    (b.schedule.steps.length < schedule.steps.length ||
      (b.schedule.steps.length === schedule.steps.length && b.preemptions < preemptions));
  if (best !== undefined) {
    searched = true;
    if (better(best)) ({ schedule, preemptions } = best);
  }
  if (shrunk === undefined) return { schedule, preemptions, searched };
  // Every thread of a deadlock is one step short of its wait, so dropping steps cannot shorten
  // it; a shorter or calmer way to a violation may pass states no replay visited. Widen the tube
  // around them a step at a time, each search within a fixed budget; what it finds is a real
  // violation of the target (the search checks it), shortest first, then fewest preemptions.
  for (let slack = 1; slack <= TUBE_SLACK; slack++) {
    const wider = fewestPreemptions(threads, target, {
      maxLength: schedule.steps.length + 1,
      within: shrunk.visited,
      slack,
      maxPairs: TUBE_PAIRS,
    });
    if (better(wider)) ({ schedule, preemptions } = wider);
  }
  return { schedule, preemptions, searched };
}

/**
 * How far the searches after shrinking may leave the states its replays visited, and the pairs
 * each may hold: L-7's 82-step deadlock goes from 7 preemptions to 2 by 3 steps out.
 */
const TUBE_SLACK = 4;
const TUBE_PAIRS = 400_000;

function withFacts<R extends CheckResult>(result: R, facts: CounterexampleFacts): R {
  return { ...result, counterexample: facts };
}
