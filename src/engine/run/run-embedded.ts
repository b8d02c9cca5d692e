// One check of a built case on the embedded engine: refuse a model too large to search, load the
// module (compiled or interpreted), then run the search the options ask for (random simulation,
// the breadth-first search, or its parallel form with `workers` > 1).

import type { BuiltCase } from '../../emit/build-case.js';
import type { CheckResult } from '../../result/check-result.js';
import type { TlcConfig } from '../../tla/tla-ast.js';
import type { ExploreOptions, explore } from '../search/explore.js';
import type { EngineCheckResult } from '../search/stop-result.js';
import { type ExecutableSource, loadExecutable } from './load-executable.js';
import { modelTooLarge } from './model-size.js';
import { minimiseTrace, type TraceChoice } from './minimise-trace.js';
import { branchWatch } from './branch-watch.js';
import { stepGraph } from './step-graph.js';
import { lockWatch } from './lock-watch.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { AmpleSets } from '../search/por/ample.js';

export interface EmbeddedOptions extends ExecutableSource {
  /** When the run started (Date.now()): the time limit counts from it. */
  readonly startedAt: number;
  readonly timeoutSeconds?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly maxStates?: number | undefined;
  /** Whole states, not fingerprints, in the visited set (one worker only). */
  readonly exact?: boolean | undefined;
  readonly memoryMb?: number | undefined;
  readonly commandLine?: string | undefined;
  readonly workers: number;
  readonly onProgress?: ExploreOptions['onProgress'] | undefined;
  /** One-line notes for stderr (compiled-cache notices, a symmetry group left out, one worker only). */
  readonly onNote?: ((message: string) => void) | undefined;
  /** Collects the warnings the result carries (a symmetry group left out). */
  readonly warnings: string[];
  /** `--trace`: which counterexample to show (default: the fewest preemptions among the shortest). */
  readonly trace?: TraceChoice | undefined;
  /** `--por`: partial-order reduction of the breadth-first search (search/por/). */
  readonly por?: boolean | undefined;
  /** Random simulation instead of an exhaustive search. */
  readonly simulate?:
    | {
        readonly depth?: number | undefined;
        readonly traces?: number | undefined;
        readonly seed?: number | undefined;
      }
    | undefined;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Checks a built case on the embedded engine. */
export async function runEmbedded(
  built: BuiltCase,
  options: EmbeddedOptions,
): Promise<CheckResult | EngineCheckResult> {
  const tooLarge = modelTooLarge(built.emitted.config);
  if (tooLarge !== undefined) return refusedAsTooLarge(tooLarge, options.startedAt);
  let config = built.emitted.config;
  const { executable, javascript } = await loadExecutable(built, {
    compiledCache: options.compiledCache,
    interpret: options.interpret,
    notice: options.onNote,
    symmetryDropped: (message) => {
      config = { ...config, symmetry: undefined };
      options.warnings.push(message);
      options.onNote?.(message);
    },
  });
  const common = {
    timeoutSeconds: options.timeoutSeconds,
    signal: options.signal,
    startedAt: options.startedAt,
    memoryMb: options.memoryMb,
    commandLine: options.commandLine,
  };
  const trace = options.trace ?? 'fewest-preemptions';
  if (options.simulate !== undefined) {
    if (options.por === true) options.onNote?.('--por does not apply to random simulation');
    const { simulate } = await import('../search/simulate.js');
    const found = await simulate(
      executable,
      config,
      definedOnly({ ...common, ...options.simulate, locks: lockWatch(built.model, executable) }),
    );
    // A random walk: shrunk first, then the fewest preemptions among the states shrinking saw.
    return minimiseTrace(executable, found, { trace, shrink: true, graph: stepGraph(built.model) });
  }
  if (options.exact === true && options.workers > 1)
    options.onNote?.(
      `--exact applies to a search with one worker; this run with ${options.workers} workers keeps fingerprints`,
    );
  const ample = options.por === true ? await reduction(built, executable, options) : undefined;
  const search =
    options.workers > 1 && ample === undefined
      ? await parallelSearch(built, config, options, javascript)
      : (await import('../search/explore.js')).explore;
  const found = await search(
    executable,
    config,
    definedOnly({
      ...common,
      maxStates: options.maxStates,
      exact: options.exact,
      onNote: options.onNote,
      onProgress: options.onProgress,
      branches: branchWatch(built.model, executable),
      locks: lockWatch(built.model, executable),
      ample,
    }),
  );
  if (ample !== undefined)
    options.onNote?.(
      `--por: ${ample.reduced} of ${found.stats.distinctStates} states expanded with some of their steps only (stubborn sets)`,
    );
  return minimiseTrace(executable, found, { trace, shrink: false, graph: stepGraph(built.model) });
}

/** `--por`: the ample-set chooser, or undefined with a note saying why every state is expanded in full. */
async function reduction(
  built: BuiltCase,
  executable: ExecutableModule,
  options: EmbeddedOptions,
): Promise<AmpleSets | undefined> {
  const { porPlan } = await import('../search/por/plan.js');
  const plan = porPlan(built.emitted.module, executable);
  if (plan.kind === 'full') {
    options.onNote?.(plan.why);
    return undefined;
  }
  if (options.workers > 1) options.onNote?.('--por searches with one worker');
  return plan.ample;
}

/** The result of a model the engine will not search: inconclusive, for lack of memory and time, with the reason as advice. */
function refusedAsTooLarge(advice: string, startedAt: number): CheckResult {
  return {
    engine: 'embedded',
    verdict: 'inconclusive',
    property: null,
    stats: {
      distinctStates: 0,
      statesGenerated: 0,
      depth: 0,
      seconds: (Date.now() - startedAt) / 1000,
    },
    trace: null,
    loopsBackTo: null,
    stuttering: false,
    inconclusive: { reason: 'memory', advice },
  };
}

/**
 * `--workers N` on the embedded engine: the parallel search, its workers running the compiled
 * code the loader verified (its text; undefined: the interpreter, as here).
 */
async function parallelSearch(
  built: BuiltCase,
  config: TlcConfig,
  options: EmbeddedOptions,
  javascript: string | undefined,
): Promise<typeof explore> {
  const source: import('../search/parallel/module-source.js').ModuleSource =
    javascript === undefined
      ? { kind: 'interpreted', module: built.emitted.module, config }
      : { kind: 'compiled', javascript, config };
  const { exploreParallel } = await import('../search/parallel/explore-parallel.js');
  return (module, cfg, opts) =>
    exploreParallel(source, module, cfg, {
      ...opts,
      workers: options.workers,
      ...(options.onNote === undefined ? {} : { onNote: options.onNote }),
    });
}
