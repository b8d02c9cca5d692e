// How a search's end becomes a CheckResult, the same for every strategy: the breadth-first search
// on one worker (explore.ts) or several (parallel/explore-parallel.ts) and random simulation
// (simulate.ts). A strategy says why it stopped, with its own counts and the trace it rebuilt in
// its own way; the verdict, the property, the error message and the fields that go with them are
// decided here once. Also the loop that runs a search written as a generator to its result.
// Pure except for `settle`, which lets the event loop run between slices of the search.

import type {
  CheckResult,
  CheckStats,
  InconclusiveReason,
  TlaTraceStep,
  Verdict,
} from '../../result/check-result.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { BranchRecorder } from './branch-places.js';

/** Statistics with the engine's own extra: estimated heap bytes per distinct state. */
export interface EngineCheckStats extends CheckStats {
  readonly stateBytes?: number;
}

/** A CheckResult from the embedded engine. */
export interface EngineCheckResult extends CheckResult {
  readonly stats: EngineCheckStats;
}

/**
 * What a search met at one state or step that ends it with a verdict, whichever strategy ran:
 * a broken invariant or action property, a deadlock, a failed assertion or an evaluation error.
 */
export type Finding =
  | { readonly kind: 'invariant' | 'action-property'; readonly property: string }
  | { readonly kind: 'deadlock' }
  | { readonly kind: 'assert'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string; readonly definition?: string | undefined };

/**
 * Actions (by step name) no step took, tests (by step name) whose watched outcome no step took
 * (branch-places.ts) and covers no state satisfied, after an exhaustive search.
 */
export interface Unreached {
  readonly actions: readonly string[];
  readonly branches: readonly string[];
  readonly covers: readonly string[];
}

/** How a search ended, with the trace it rebuilt where there is one. */
export type SearchEnd =
  | (Finding & { readonly trace: readonly TlaTraceStep[] | null })
  | {
      /** A fair behaviour violating a temporal property: a lasso, or a run stuttering at its end. */
      readonly kind: 'temporal';
      readonly property: string;
      readonly trace: readonly TlaTraceStep[];
      readonly loopsBackTo: number | null;
      readonly stuttering: boolean;
      readonly loopAction?: NonNullable<TlaTraceStep['action']>;
    }
  | { readonly kind: 'holds'; readonly unreached: Unreached }
  | { readonly kind: 'inconclusive'; readonly reason: InconclusiveReason; readonly advice: string };

/** The result of a search that ended with `end`, counted by `stats`. */
export function stopResult(end: SearchEnd, stats: EngineCheckStats): EngineCheckResult {
  switch (end.kind) {
    case 'invariant':
    case 'action-property':
      return result('violated', end.property, stats, end.trace);
    case 'assert':
      return result('violated', end.message, stats, end.trace);
    case 'deadlock':
      return result('deadlock', null, stats, end.trace);
    case 'error': {
      const where = end.definition === undefined ? '' : ` (while evaluating ${end.definition})`;
      return {
        ...result('error', null, stats, end.trace),
        error: {
          message: `${end.message}${where}`,
          ...(end.definition === undefined ? {} : { tlaLocation: end.definition }),
        },
      };
    }
    case 'temporal':
      return {
        ...result('violated', end.property, stats, end.trace),
        loopsBackTo: end.loopsBackTo,
        stuttering: end.stuttering,
        ...(end.loopAction === undefined ? {} : { loopAction: end.loopAction }),
      };
    case 'holds': {
      const { actions, branches, covers } = end.unreached;
      const any = actions.length > 0 || covers.length > 0 || branches.length > 0;
      return {
        ...result('holds', null, stats, null),
        ...(any
          ? { unreached: { actions, covers, ...(branches.length > 0 ? { branches } : {}) } }
          : {}),
      };
    }
    case 'inconclusive':
      return {
        ...result('inconclusive', null, stats, null),
        inconclusive: { reason: end.reason, advice: end.advice },
      };
  }
}

function result(
  verdict: Verdict,
  property: string | null,
  stats: EngineCheckStats,
  trace: readonly TlaTraceStep[] | null,
): EngineCheckResult {
  return {
    engine: 'embedded',
    verdict,
    property,
    stats,
    trace,
    loopsBackTo: null,
    stuttering: false,
  };
}

/**
 * The step names of the actions no step took (except the terminating action's: it stutters),
 * of the tests whose watched outcome no step took, and the names of the covers no state
 * satisfied, from the search's per-action, per-sub-action and per-cover flags.
 */
export function unreachedOf(
  module: ExecutableModule,
  actionReached: readonly (readonly boolean[])[],
  coverReached: readonly boolean[],
  branches: BranchRecorder | undefined,
): Unreached {
  return {
    actions: module.actions.flatMap((a, i) =>
      i === module.terminating ? [] : a.subActions.filter((_, k) => actionReached[i]?.[k] !== true),
    ),
    branches: branches?.untaken(module) ?? [],
    covers: module.covers.filter((_, i) => coverReached[i] !== true).map((c) => c.name),
  };
}

/** Runs a search written as a generator to its result, letting the event loop run at each yield. */
export async function settle<T>(search: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = search.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Runs a search written as a generator to its result without yielding to the event loop. */
export function settleSync<T>(search: Generator<void, T>): T {
  for (;;) {
    const r = search.next();
    if (r.done) return r.value;
  }
}
