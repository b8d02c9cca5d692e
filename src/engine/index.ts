// The embedded engine's one entry (the only file of its folder, above the engine's parts, so no
// folder imports back into it): what the CLI may use of src/engine. A check goes through
// `runEmbedded`; the rest is what the CLI needs around a check (deadlock wait edges and the
// breaking state for the report, the temporal judgement of a TLC lasso, the compiler that `emit`
// and `ci` write with) and the value of the viewer's prompt expression at a recorded state.
// The searches and the compiler (ts-morph) load lazily behind these functions.

export { runEmbedded } from './run/run-embedded.js';
export { deadlockWaits } from './run/deadlock-waits.js';
export { breakingState } from './run/breaking-state.js';
export { temporalJudge } from './run/temporal-judge.js';
export { minimiseTlcTrace } from './run/minimise-tlc-trace.js';
export type { TraceChoice } from './run/minimise-trace.js';

/** The engine compiler and its compiled-module cache (loaded on demand: it brings ts-morph). */
export async function loadCompiler(): Promise<
  typeof import('./compile/compile-module.js') & typeof import('./compile/compiled-cache.js')
> {
  // One after the other: jest's ESM loader fails ("not in cache") when two dynamic imports
  // that share a dependency link at once.
  const compiler = await import('./compile/compile-module.js');
  const cache = await import('./compile/compiled-cache.js');
  return { ...compiler, ...cache };
}
export { replayOnVariant, type ReplayOutcome } from './run/replay-on-variant.js';
export { probeValue, type Evaluation } from './run/probe-value.js';
export { locateEvalError } from './run/locate-error.js';
