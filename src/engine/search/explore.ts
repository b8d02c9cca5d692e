// The engine's runner: takes an ExecutableModule, the TLC config and limits, runs the
// breadth-first search (bfs.ts) in slices so progress, time and memory limits can act, checks
// liveness on the finished graph (liveness.ts), rebuilds counterexamples by replaying the
// module along parent links, and returns a CheckResult. Reads the clock and the memory figures
// through run-limits.ts (and the heap for its bytes-per-state estimate); it touches no files.

import { getHeapStatistics } from 'node:v8';
import type { LockOrderEdge, LockOrderFound, TlaTraceStep } from '../../result/check-result.js';
import type { TlaModule, TlcConfig } from '../../tla/tla-ast.js';
import { Bfs } from './bfs.js';
import type { SearchStop, StepRecord } from './search-stop.js';
import { collisionProbability } from './fingerprint-set.js';
import type { BranchWatch } from './branch-places.js';
import type { AmpleSets } from './por/ample.js';
import type { LockEdgeWitness, LockOrderRecorder, LockWatch } from './lock-order.js';
import { EvalError } from '../values/eval-error.js';
import { interpretModule } from '../evaluation/interpret.js';
import { checkLiveness } from './liveness.js';
import { RunLimits } from './run-limits.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import {
  type EngineCheckResult,
  type ExploreProgress,
  limitEnd,
  limitResult,
  type SearchCounts,
  type SearchEnd,
  searchProgress,
  searchStats,
  settle,
  settleSync,
  stopResult,
  unreachedOf,
} from './stop-result.js';
import { fingerprintOrbit } from '../evaluation/symmetry.js';
import { incompleteCanonicalForms } from '../evaluation/symmetry-canonical.js';
import { ModelValue, toTlaValue, type Value } from '../values/values.js';
import { FP, fingerprintState } from '../values/fingerprint.js';
import { at } from '../../source/checked-index.js';

/** Limits and hooks of one run. */
export interface ExploreOptions {
  /** Stop with verdict inconclusive after this many distinct states. */
  readonly maxStates?: number;
  readonly timeoutSeconds?: number;
  /**
   * Resident memory of the process, in MB, before stopping (default: 90% of the machine's);
   * the JS heap is also kept below 80% of V8's own limit.
   */
  readonly memoryMb?: number;
  /** When the run started (Date.now()), when building the module came first: the time limit counts from it. */
  readonly startedAt?: number;
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Milliseconds between progress calls (default 1000). */
  readonly progressIntervalMs?: number;
  /** The command line the user ran, so advice can show the one to run next. */
  readonly commandLine?: string;
  /** Aborting ends the run with verdict inconclusive (reason interrupted). */
  readonly signal?: AbortSignal;
  /** Outcomes of test steps to record, reported when never taken (branch-places.ts). */
  readonly branches?: BranchWatch;
  /** Whole packed states in the visited set instead of fingerprints (`--exact`; not under symmetry). */
  readonly exact?: boolean;
  /** One-line notes for the user: the fingerprint collision risk of a large run, `--exact` not applied. */
  readonly onNote?: (message: string) => void;
  /** `--por`: the ample-set chooser (por/plan.ts); ignored when temporal properties need the whole graph. */
  readonly ample?: AmpleSets;
  /** Lock steps whose order edges to record (lock-order.ts). */
  readonly locks?: LockWatch;
}

const SLICE = 512;

/**
 * Checks an executable module under `config` (deadlock checking; the rest of the config is
 * already in the module). Yields to the event loop between slices of the search.
 */
export async function explore(
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: ExploreOptions = {},
): Promise<EngineCheckResult> {
  return settle(runSearch(module, config, options));
}

/** The same as `explore` without yielding to the event loop (progress and limits still apply). */
export function exploreSync(
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: ExploreOptions = {},
): EngineCheckResult {
  return settleSync(runSearch(module, config, options));
}

/**
 * Interprets `module` under `config` and checks it: the whole embedded engine in one call.
 * A module that cannot be set up gives verdict `error` (never an exception).
 */
export async function checkTlaModule(
  module: TlaModule,
  config: TlcConfig,
  options: ExploreOptions = {},
): Promise<EngineCheckResult> {
  let exe: ExecutableModule;
  try {
    exe = interpretModule(module, config);
  } catch (err) {
    if (err instanceof EvalError)
      return stopResult(
        { kind: 'error', message: err.message, definition: err.definition, trace: null },
        { distinctStates: 0, statesGenerated: 0, depth: 0, seconds: 0 },
      );
    throw err;
  }
  return explore(exe, config, options);
}

/** The search as a generator that yields when the caller may let other work run. */
function* runSearch(
  module: ExecutableModule,
  config: Pick<TlcConfig, 'checkDeadlock'>,
  options: ExploreOptions,
): Generator<void, EngineCheckResult> {
  const limits = new RunLimits(options);
  // Statistics time the search itself; the time limit counts from `startedAt` (building the module included).
  const started = Date.now();
  const heapAtStart = getHeapStatistics().used_heap_size;
  const collectGraph = module.temporalProperties.length > 0;
  const bfs = new Bfs(module, {
    checkDeadlock: config.checkDeadlock,
    maxStates: options.maxStates,
    collectGraph,
    meter: limits,
    exact: options.exact === true,
    ...(options.branches === undefined ? {} : { branches: options.branches }),
    ...(options.locks === undefined ? {} : { locks: options.locks }),
    ...(options.ample === undefined || collectGraph ? {} : { ample: options.ample }),
  });
  const cutBefore = incompleteCanonicalForms();
  if (options.exact === true && bfs.exact === undefined)
    options.onNote?.(
      '--exact does not apply under symmetry (states are compared by the least fingerprint of their orbit); this run keeps fingerprints',
    );
  const interval = options.progressIntervalMs ?? 1000;
  let lastProgress = started;
  let stateBytes: number | undefined;

  /** The heap grown since the start, per distinct state (the bytes-per-state estimate). */
  const heapPerState = (): number =>
    Math.max(0, Math.round((getHeapStatistics().used_heap_size - heapAtStart) / bfs.distinct));

  const progress = (now: number): void => {
    options.onProgress?.(searchProgress(countsOf(bfs), (now - started) / 1000));
  };

  const finish = (): EngineCheckResult => {
    const seconds = (Date.now() - started) / 1000;
    if (stateBytes === undefined && bfs.distinct > 0) stateBytes = heapPerState();
    return buildResult(module, bfs, seconds, stateBytes, options);
  };

  {
    const early = limits.reached(Date.now());
    if (early !== undefined)
      return limitResult(early, countsOf(bfs), (Date.now() - started) / 1000, stateBytes, options);
    bfs.init();
    while (!bfs.run(SLICE)) {
      const now = Date.now();
      if (now - lastProgress >= interval) {
        lastProgress = now;
        progress(now);
      }
      const reason = limits.reached(now);
      if (reason !== undefined)
        return limitResult(reason, countsOf(bfs), (now - started) / 1000, stateBytes, options);
      if (limits.yieldDue) {
        if (bfs.distinct > 0) stateBytes = heapPerState();
        yield;
        limits.yielded();
      }
    }
    if (options.onProgress !== undefined) progress(Date.now());
    noteCollisionRisk(bfs, options);
    const cut = incompleteCanonicalForms() - cutBefore;
    if (cut > 0)
      options.onNote?.(
        `symmetry: ${cut} states had threads the canonical form could not order within its bound of renamed copies; each took the least copy found, so the distinct-state count may exceed TLC's (no state is left out)`,
      );
    return finish();
  }
}

/** Below this the collision probability of a run is not worth a line (runs of under ~10^5 states). */
const NOTED_COLLISION = 1e-9;

/** The fingerprint collision probability of a finished run, as TLC prints it, when not negligible. */
function noteCollisionRisk(bfs: Bfs, options: ExploreOptions): void {
  if (bfs.exact !== undefined) return;
  const p = collisionProbability(bfs.distinct, bfs.statesGenerated);
  if (p < NOTED_COLLISION) return;
  options.onNote?.(
    `fingerprint collision probability (optimistic, as TLC calculates it): ${p.toExponential(1).toUpperCase()}; --exact keeps whole states instead`,
  );
}

/** The counts of a one-worker search, as the result states them. */
function countsOf(bfs: Bfs): SearchCounts {
  return {
    distinct: bfs.distinct,
    generated: bfs.statesGenerated,
    depth: bfs.depth,
    queued: bfs.queued,
  };
}

// ---------------------------------------------------------------------------------------------
// Results and traces

function buildResult(
  module: ExecutableModule,
  bfs: Bfs,
  seconds: number,
  stateBytes: number | undefined,
  options: ExploreOptions,
): EngineCheckResult {
  const counted = searchStats(countsOf(bfs), seconds, stateBytes);
  const result = stopResult(searchEnd(module, bfs, options), counted);
  const recorded = bfs.lockOrder;
  const fingerprints = (w: LockEdgeWitness): (readonly [number, number])[] =>
    bfs.pathTo(w.from).map((i) => [bfs.fpHi.get(i), bfs.fpLo.get(i)] as const);
  return recorded === undefined
    ? result
    : { ...result, lockOrder: lockOrderOf(module, recorded, fingerprints) };
}

/**
 * The recorded order graph's cycles, each edge with the trace of its first witness step, rebuilt
 * from `fingerprints`: those of the states from an initial one to the one the step starts from.
 */
export function lockOrderOf(
  module: ExecutableModule,
  recorded: LockOrderRecorder,
  fingerprints: (w: LockEdgeWitness) => readonly (readonly [number, number])[],
): LockOrderFound {
  const traceOf = (w: LockEdgeWitness): LockOrderEdge => {
    const { trace, last } = replayFingerprints(module, fingerprints(w));
    let step: StepRecord | undefined;
    try {
      module.successors(w.action, last, (next, action, param, sub) => {
        // Under symmetry the replayed state may be another of the orbit: any thread showing the edge.
        if (sub !== w.sub || !recorded.shows(last, next, w, param)) return;
        step = { next, action, param, sub };
        throw FOUND;
      });
    } catch (err) {
      if (err !== FOUND) throw err;
    }
    if (step === undefined) throw new Error('internal: a lock-order witness step did not replay');
    const thread = step.param instanceof ModelValue ? step.param.name : String(step.param);
    const shown = traceStep(module, step);
    return { held: w.held, taken: w.taken, kind: w.kind, thread, trace: [...trace, shown] };
  };
  return {
    edges: recorded.edges.size,
    cycles: recorded.cycles().map((cycle) => cycle.map(traceOf)),
  };
}

/** Why the finished search stopped, with its trace rebuilt; a search that ran to the end checks liveness here. */
function searchEnd(module: ExecutableModule, bfs: Bfs, options: ExploreOptions): SearchEnd {
  const stop = bfs.stop as SearchStop;
  const traceTo = (state: number): TlaTraceStep[] => rebuildTrace(module, bfs, bfs.pathTo(state));
  switch (stop.kind) {
    case 'done':
      return (
        livenessEnd(module, bfs) ?? {
          kind: 'holds',
          unreached: unreachedOf(module, bfs.actionReached, bfs.coverReached, bfs.branchTaken),
        }
      );
    case 'init-invariant':
      return {
        kind: 'invariant',
        property: stop.property,
        trace: [{ action: null, state: toTlaState(module, stop.initState) }],
      };
    case 'invariant':
      return { kind: 'invariant', property: stop.property, trace: traceTo(stop.state) };
    case 'action-property':
      return {
        kind: 'action-property',
        property: stop.property,
        trace: [...traceTo(stop.from), traceStep(module, stop.step)],
      };
    case 'deadlock':
      return { kind: 'deadlock', trace: traceTo(stop.state) };
    case 'assert':
      return {
        kind: 'assert',
        message: stop.message,
        trace: stop.state >= 0 ? traceTo(stop.state) : null,
      };
    case 'error':
      return {
        kind: 'error',
        message: stop.message,
        definition: stop.definition,
        trace: stop.state >= 0 ? traceTo(stop.state) : null,
      };
    case 'limit':
      return limitEnd(stop.reason, countsOf(bfs), options);
  }
}

/**
 * The temporal properties on the finished state graph: a fair behaviour violating one, an
 * evaluation error, or undefined when every one holds (or the module has none).
 */
function livenessEnd(module: ExecutableModule, bfs: Bfs): SearchEnd | undefined {
  if (module.temporalProperties.length === 0) return undefined;
  bfs.finishGraph();
  const graph = bfs.graph;
  if (graph === undefined)
    throw new Error('internal error: temporal properties checked without the state graph');
  let cx;
  try {
    cx = checkLiveness(module, {
      graph,
      stateCount: bfs.distinct,
      pathTo: (i) => bfs.pathTo(i),
      isInitial: (i) => bfs.parent.get(i) < 0,
    });
  } catch (err) {
    if (err instanceof EvalError) return { kind: 'error', message: err.message, trace: null };
    throw err;
  }
  if (cx === undefined) return undefined;
  if (cx.loopsBackTo === null) {
    return {
      kind: 'temporal',
      property: cx.property,
      trace: rebuildTrace(module, bfs, cx.states),
      loopsBackTo: null,
      stuttering: cx.stuttering,
    };
  }
  // Replaying one step past the end, into the state the loop goes back to, names the
  // step that closes the lasso; the trace itself ends at the last distinct state.
  const back = at(cx.states, cx.loopsBackTo, 'the state a lasso goes back to');
  const closed = rebuildTrace(module, bfs, [...cx.states, back]);
  const loopAction = at(closed, closed.length - 1, 'the closing step').action ?? undefined;
  return {
    kind: 'temporal',
    property: cx.property,
    trace: closed.slice(0, -1),
    loopsBackTo: cx.loopsBackTo,
    stuttering: cx.stuttering,
    loopAction,
  };
}

/** A state as TLA+ JSON, variables in declaration order. */
export function toTlaState(
  module: ExecutableModule,
  s: State,
): Record<string, ReturnType<typeof toTlaValue>> {
  const out: Record<string, ReturnType<typeof toTlaValue>> = {};
  module.variables.forEach((v, i) => (out[v] = toTlaValue(at(s, i, `the value of ${v}`))));
  return out;
}

/** One step of a trace as TLA+ JSON. */
export function traceStep(module: ExecutableModule, st: StepRecord): TlaTraceStep {
  const a = at(module.actions, st.action, 'the action of a step');
  const params: Record<string, ReturnType<typeof toTlaValue>> = {};
  if (a.paramName !== undefined && st.param !== undefined)
    params[a.paramName] = toTlaValue(st.param);
  return {
    action: { name: a.subActions[st.sub] ?? a.name, params },
    state: toTlaState(module, st.next),
  };
}

const FOUND = { found: true };

function rebuildTrace(module: ExecutableModule, bfs: Bfs, path: readonly number[]): TlaTraceStep[] {
  return replayFingerprints(
    module,
    path.map((i) => [bfs.fpHi.get(i), bfs.fpLo.get(i)] as const),
  ).trace;
}

/** The successor number `j` (from 0, in the module's enumeration order over all actions) of `s`. */
export function nthSuccessor(module: ExecutableModule, s: State, j: number): StepRecord {
  let k = 0;
  const found = firstSuccessor(module, s, () => k++ === j);
  if (found === undefined) throw new Error('internal: trace replay found too few successors');
  return found;
}

/** The first successor of `s`, in the module's order over all actions, that `wanted` accepts. */
function firstSuccessor(
  module: ExecutableModule,
  s: State,
  wanted: (t: State) => boolean,
): StepRecord | undefined {
  let found: StepRecord | undefined;
  try {
    for (let a = 0; a < module.actions.length && found === undefined; a++) {
      module.successors(a, s, (t: State, action: number, param: Value | undefined, sub: number) => {
        if (wanted(t)) {
          found = { next: t, action, param, sub };
          throw FOUND;
        }
      });
    }
  } catch (err) {
    if (err !== FOUND) throw err;
  }
  return found;
}

/** The trace of a path ending in a step: the path's states, then successor number `j` of its last state. */
export function replayWithStep(
  module: ExecutableModule,
  fps: readonly (readonly [number, number])[],
  j: number,
): TlaTraceStep[] {
  const { trace, last } = replayFingerprints(module, fps);
  return [...trace, traceStep(module, nthSuccessor(module, last, j))];
}

/**
 * The states along a path given by state fingerprints, rebuilt by replaying the module: the
 * initial state with the first fingerprint, then at each step the first successor (in the
 * module's order) with the next fingerprint. Stateright's approach: the search keeps no states.
 */
export function replayFingerprints(
  module: ExecutableModule,
  fps: readonly (readonly [number, number])[],
): { trace: TlaTraceStep[]; last: State } {
  const fpOf = (s: State): [number, number] => {
    if (module.symmetry === undefined) fingerprintState(s);
    else fingerprintOrbit(s, module.symmetry);
    return [FP.h1, FP.h2];
  };
  let cur: State | undefined;
  const [w1, w2] = at(fps, 0, 'the first fingerprint of a trace');
  try {
    module.initialStates((s) => {
      const [h1, h2] = fpOf(s);
      if (h1 === w1 && h2 === w2) {
        cur = s;
        throw FOUND;
      }
    });
  } catch (err) {
    if (err !== FOUND) throw err;
  }
  if (cur === undefined) throw new Error('internal: trace replay found no matching initial state');
  const out: TlaTraceStep[] = [{ action: null, state: toTlaState(module, cur) }];
  for (let k = 1; k < fps.length; k++) {
    const [n1, n2] = at(fps, k, 'a fingerprint of a trace');
    const found = firstSuccessor(module, cur, (t) => {
      const [h1, h2] = fpOf(t);
      return h1 === n1 && h2 === n2;
    });
    if (found === undefined) throw new Error('internal: trace replay found no matching successor');
    out.push(traceStep(module, found));
    cur = found.next;
  }
  return { trace: out, last: cur };
}
