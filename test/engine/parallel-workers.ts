// What the parallel-search tests share: worker threads run JavaScript, the built worker of dist/;
// one worker and several run on the same module, and their results are compared by the fields a
// user reads.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { explore } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { exploreParallel } from '../../src/engine/search/parallel/explore-parallel.js';
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The worker threads' entry: the compiled worker in dist/, which jest's globalSetup
 * (test/support/build-cli.mjs) builds from today's src/ before any test runs. Worker threads
 * load JavaScript, not the TypeScript jest transpiles in process; one build serves every test
 * file, where a copy of src/ transpiled per file cost each of them a compile of the whole tree.
 */
export const workerScript: URL = pathToFileURL(
  join(root, 'dist', 'src', 'engine', 'search', 'parallel', 'worker.js'),
);

/** What a user reads of a result: verdict, property, counts, trace length, stop reason, unreached
 * actions and error. */
export function summary(r: EngineCheckResult) {
  return {
    verdict: r.verdict,
    property: r.property,
    distinct: r.stats.distinctStates,
    generated: r.stats.statesGenerated,
    depth: r.stats.depth,
    queued: r.stats.queued,
    traceLength: r.trace?.length ?? null,
    inconclusive: r.inconclusive?.reason ?? null,
    unreached: r.unreached ?? null,
    error: r.error?.message ?? null,
  };
}

/** One worker and `workers` workers on the same interpreted module; returns both. */
export async function both(
  workerScript: URL,
  module: TlaModule,
  config: TlcConfig,
  workers: number,
  opts: { maxStates?: number } = {},
) {
  const exe = interpretModule(module, config);
  const one = await explore(exe, config, opts);
  const notes: string[] = [];
  const many = await exploreParallel({ kind: 'interpreted', module, config }, exe, config, {
    ...opts,
    workers,
    workerScript,
    onNote: (m) => notes.push(m),
  });
  return { one, many, notes };
}
