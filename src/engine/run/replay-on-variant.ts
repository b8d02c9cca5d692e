// Replays one counterexample's schedule on another case of the same spec (a fixed variant,
// other parameters): the same initial state number, then at each step the same move — the
// same action (which step, which fault outcome) by the same thread, the same choice among that
// action's successors. Takes the source case's module and trace and the target case's module,
// both interpreted (a schedule is a few dozen steps: not worth the compiler); returns where the
// target still violates, where it stops following the schedule and why, or that it ran to the
// end. Names are TLA+ names; the CLI tells them in the spec's words.

import type { CheckResult, TlaTraceStep } from '../../result/check-result.js';
import type { Emitted } from '../../emit/from-model.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { interpretModule } from '../evaluation/interpret.js';
import { toTlaState, traceStep } from '../search/explore.js';
import { countPreemptions, nthInitial, type Schedule, scheduleOf } from '../search/schedule.js';
import { NO_THREAD, type ThreadStep, ThreadTable } from '../search/step-threads.js';
import { toTlaValue, type Value, valueEquals } from '../values/values.js';
import type { TlaValue } from '../../result/tla-value.js';
import { at } from '../../source/checked-index.js';

type Action = NonNullable<TlaTraceStep['action']>;

/** Why the target stops following the schedule at a step. */
export type DivergenceReason =
  /** The thread cannot take the step's action there (`instead`: what it can take). */
  | 'not-enabled'
  /** The thread can take the action, but not the choice among its successors the schedule made. */
  | 'other-choice';

/** What replaying a schedule on the target gives. */
export type ReplayOutcome =
  /** The schedule is no behaviour of its own case (the spec changed since the result was written). */
  | { readonly kind: 'not-a-behaviour' }
  /** The target has fewer initial states than the schedule's initial state number. */
  | { readonly kind: 'no-initial-state'; readonly init: number }
  /** A prefix of the schedule violates a property of the target (or deadlocks there). */
  | {
      readonly kind: 'violates';
      readonly result: Pick<CheckResult, 'verdict' | 'property' | 'trace' | 'counterexample'>;
    }
  | {
      readonly kind: 'diverges';
      /** The index in the source trace of the state the diverging step would make (1 = first step). */
      readonly step: number;
      readonly reason: DivergenceReason;
      /** The step the schedule takes there. */
      readonly wanted: Action;
      /** What the same thread (no thread: the parameterless actions) can take on the target instead. */
      readonly instead: readonly Action[];
      /** The target's behaviour up to the state before the step. */
      readonly trace: readonly TlaTraceStep[];
    }
  /** Every step ran and no state or step violated anything. */
  | { readonly kind: 'completes'; readonly trace: readonly TlaTraceStep[] };

/** Replays `trace` (a behaviour of `source`) on `target`. Evaluation errors propagate. */
export function replayOnVariant(
  source: { readonly emitted: Emitted },
  trace: readonly TlaTraceStep[],
  target: { readonly emitted: Emitted },
): ReplayOutcome {
  const from = new ThreadTable(interpretModule(source.emitted.module, source.emitted.config));
  const schedule = scheduleOf(from, trace);
  if (schedule === undefined) return { kind: 'not-a-behaviour' };
  const to = new ThreadTable(interpretModule(target.emitted.module, target.emitted.config));
  return follow(from, schedule, to);
}

function follow(from: ThreadTable, schedule: Schedule, to: ThreadTable): ReplayOutcome {
  const inits: State[] = [];
  to.module.initialStates((s) => inits.push(s));
  const first = inits[schedule.init];
  if (first === undefined) return { kind: 'no-initial-state', init: schedule.init };
  let cur: State = first;
  let src = nthInitial(from.module, schedule.init);
  const out: TlaTraceStep[] = [{ action: null, state: toTlaState(to.module, cur) }];
  const taken: number[] = [];
  const ending = (verdict: Ending): ReplayOutcome =>
    violates(verdict, out, countPreemptions(to, { init: schedule.init, steps: taken }));
  const broken = violation(to.module, undefined, cur, ending);
  if (broken !== undefined) return broken;
  for (const [k, j] of schedule.steps.entries()) {
    const options = from.expand(src).steps;
    const st = options[j];
    if (st === undefined) throw new Error(`internal error: no successor ${j} to replay`);
    const wanted = actionOf(from.module, st);
    const same = (x: ThreadStep, m: ExecutableModule): boolean =>
      nameOf(m, x) === wanted.name && sameParam(x.param, st.param);
    const rank = options.filter((x) => same(x, from.module)).indexOf(st);
    const there = to.expand(cur).steps;
    if (there.length === 0) return ending(null);
    const matching = there.filter((x) => same(x, to.module));
    const next = matching[rank];
    if (next === undefined) {
      const reason = matching.length === 0 ? 'not-enabled' : 'other-choice';
      const instead = there
        .filter((x) =>
          st.param === undefined ? x.thread === NO_THREAD : sameParam(x.param, st.param),
        )
        .map((x) => actionOf(to.module, x));
      return { kind: 'diverges', step: k + 1, reason, wanted, instead, trace: out };
    }
    const before = cur;
    cur = next.next;
    src = st.next;
    out.push(traceStep(to.module, next));
    taken.push(next.ordinal);
    const found = violation(to.module, before, cur, ending);
    if (found !== undefined) return found;
  }
  if (to.expand(cur).steps.length === 0) return ending(null);
  return { kind: 'completes', trace: out };
}

/** How a replay ends in a violation: the property violated, or null for a deadlock. */
type Ending = string | null;

/** The first invariant `s` violates, or action property the step into it violates, as an ending. */
function violation(
  m: ExecutableModule,
  before: State | undefined,
  s: State,
  ending: (property: Ending) => ReplayOutcome,
): ReplayOutcome | undefined {
  const inv = m.invariants.find((i) => !i.holds(s));
  const ap = before === undefined ? undefined : m.actionProperties.find((a) => !a.holds(before, s));
  const property = inv?.name ?? ap?.name;
  return property === undefined ? undefined : ending(property);
}

function violates(
  property: Ending,
  trace: readonly TlaTraceStep[],
  preemptions: number,
): ReplayOutcome {
  return {
    kind: 'violates',
    result: {
      verdict: property === null ? 'deadlock' : 'violated',
      property,
      trace: [...trace],
      counterexample: { preemptions, trace: 'as-found' },
    },
  };
}

/** The step's action as a trace names it: the disjunct's definition and the thread parameter. */
function actionOf(m: ExecutableModule, st: ThreadStep): Action {
  const a = at(m.actions, st.action, 'the action of a step');
  const params: Record<string, TlaValue> = {};
  if (a.paramName !== undefined && st.param !== undefined)
    params[a.paramName] = toTlaValue(st.param);
  return { name: nameOf(m, st), params };
}

function nameOf(m: ExecutableModule, st: ThreadStep): string {
  const a = at(m.actions, st.action, 'the action of a step');
  return a.subActions[st.sub] ?? a.name;
}

function sameParam(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return valueEquals(a, b);
}
