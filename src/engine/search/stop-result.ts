// How a search's end becomes a CheckResult, the same for every strategy: the breadth-first search
// on one worker (explore.ts) or several (parallel/explore-parallel.ts) and random simulation
// (simulate.ts). A strategy says why it stopped, with its own counts and the trace it rebuilt in
// its own way; the verdict, the property, the error message and the fields that go with them are
// decided here once, as are the statistics of a breadth-first search from its counts, the advice
// after a limit, the progress record, and which thrown errors are findings (bfs.ts, and each
// worker's shard of a parallel search). Also the loop that runs a search written as a generator
// to its result. Pure except for `settle`, which lets the event loop run between slices.

import type {
  CheckResult,
  CheckStats,
  InconclusiveReason,
  TlaTraceStep,
  Verdict,
} from '../../result/check-result.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
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

/**
 * The finding an error thrown while a state was expanded or checked stands for: a failed
 * assertion or an evaluation error. Anything else is a fault of the engine and is thrown on.
 */
export function findingOfError(err: unknown): Extract<Finding, { kind: 'assert' | 'error' }> {
  if (err instanceof AssertFailure) return { kind: 'assert', message: err.assertMessage };
  if (err instanceof EvalError)
    return {
      kind: 'error',
      message: err.message,
      ...(err.definition === undefined ? {} : { definition: err.definition }),
    };
  throw err;
}

/** What a breadth-first search (one worker or several) had counted when it stopped. */
export interface SearchCounts {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly queued: number;
}

/** The statistics of a breadth-first search from its counts; `stateBytes` when it was estimated. */
export function searchStats(
  c: SearchCounts,
  seconds: number,
  stateBytes: number | undefined,
): EngineCheckStats {
  return {
    distinctStates: c.distinct,
    statesGenerated: c.generated,
    depth: c.depth,
    seconds,
    queued: c.queued,
    ...(stateBytes === undefined ? {} : { stateBytes }),
  };
}

/** Progress as reported about once a second. */
export interface ExploreProgress {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly queued: number;
  readonly depth: number;
  /** Distinct states per second since the start. */
  readonly rate: number;
  readonly seconds: number;
}

/** The progress record of a breadth-first search from its counts, `seconds` after it started. */
export function searchProgress(c: SearchCounts, seconds: number): ExploreProgress {
  return {
    distinctStates: c.distinct,
    statesGenerated: c.generated,
    queued: c.queued,
    depth: c.depth,
    rate: seconds > 0 ? Math.round(c.distinct / seconds) : 0,
    seconds,
  };
}

/** What the advice after a limit reads of the search's options. */
export interface LimitOptions {
  readonly maxStates?: number;
  readonly timeoutSeconds?: number;
  /** The command line that ran the check, for advice with the limit raised. */
  readonly commandLine?: string;
}

/** The result of a breadth-first search a limit stopped, with the advice for it. */
export function limitResult(
  reason: InconclusiveReason,
  c: SearchCounts,
  seconds: number,
  stateBytes: number | undefined,
  options: LimitOptions,
): EngineCheckResult {
  return stopResult(limitEnd(reason, c, options), searchStats(c, seconds, stateBytes));
}

/** How a breadth-first search a limit stopped ended: inconclusive, with the advice for it. */
export function limitEnd(
  reason: InconclusiveReason,
  c: SearchCounts,
  options: LimitOptions,
): SearchEnd {
  return { kind: 'inconclusive', reason, advice: advice(reason, c, options) };
}

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

/** What to do next after a limit, with the command line filled in when known (`bfs`: the counts when it stopped). */
export function advice(
  reason: InconclusiveReason,
  bfs: { readonly distinct: number; readonly queued: number },
  options: LimitOptions,
): string {
  const cmd = options.commandLine;
  const tlc =
    cmd === undefined
      ? 'run the same check with `--engine tlc`'
      : `run \`${withOption(cmd, '--engine', 'tlc')}\``;
  const distributed =
    cmd === undefined
      ? 'the same check with `--engine tlc --distributed`'
      : `\`${withOption(cmd, '--engine', 'tlc')} --distributed\``;
  const simulation =
    cmd === undefined
      ? 'a `--simulate` run'
      : `\`${cmd.replace(/\s--simulate(?=\s|$)/g, '')} --simulate\``;
  const scale = `for models beyond one machine, TLC's distributed mode: ${distributed}; or, for a quick search without a verdict, ${simulation}`;
  const seen = `${bfs.distinct} distinct states were found, ${bfs.queued} still queued`;
  switch (reason) {
    case 'max-states': {
      const n = String((options.maxStates ?? bfs.distinct) * 10);
      const raise =
        cmd === undefined
          ? `raise --max-states (to ${n}, say)`
          : `raise the limit: \`${withOption(cmd, '--max-states', n)}\``;
      return `The state limit was reached (${seen}). To finish the search, ${raise}; or ${tlc} (multi-worker); ${scale}.`;
    }
    case 'timeout': {
      const n = String(Math.ceil((options.timeoutSeconds ?? 60) * 4));
      const raise =
        cmd === undefined
          ? `raise --timeout (to ${n} seconds, say)`
          : `raise the limit: \`${withOption(cmd, '--timeout', n)}\``;
      return `The time limit was reached (${seen}). To finish the search, ${raise}; or ${tlc} (multi-worker); ${scale}.`;
    }
    case 'memory':
      return `The memory limit was reached (${seen}): the process's resident memory passed --memory (default 90% of the machine's), or the JS heap passed 80% of Node's heap limit. Raise --memory, give Node more heap (NODE_OPTIONS=--max-old-space-size=8192) or ${tlc}, whose fingerprint set can live on disk; ${scale}.`;
    case 'interrupted':
      return `The run was interrupted (${seen}).`;
    case 'simulation':
      return `A simulation explores some behaviours only (${seen}); run an exhaustive check for a verdict.`;
  }
}

function withOption(cmd: string, opt: string, value: string): string {
  const re = new RegExp(`${opt.replace(/-/g, '\\-')}(=|\\s+)\\S+`);
  return re.test(cmd) ? cmd.replace(re, `${opt} ${value}`) : `${cmd} ${opt} ${value}`;
}
