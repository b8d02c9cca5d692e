// The one door into TLC for the rest of credspec: `runTlc` checks an emitted module (an
// exhaustive run, a simulation or a distributed run, as the options ask) and returns its
// CheckResult; the rest is what `credspec tlc install|path|version|worker` needs. Files outside
// src/tlc import TLC through here only (test/architecture/engine-entries.test.ts), so the
// runner's parts can change without the CLI noticing.

import type { CheckResult } from '../result/check-result.js';
import { runTlcDistributed } from './distributed.js';
import type { TemporalJudge } from './name-temporal.js';
import { runTlc as runExhaustive, type TlcProgress } from './run.js';
import { runTlcSimulation } from './simulate.js';
import type { TlaModuleText } from './start.js';

export { parseHostPort, workerArguments } from './distributed-commands.js';
export { installTlc } from './install.js';
export { locateJar } from './jar.js';
export { prepareTlc } from './start.js';
export { parseTlaLocation } from './tla-location.js';
export type { TemporalJudge, TlaModuleText, TlcProgress };

/** How to run TLC on one module: the limits every run has and the mode's own settings. */
export interface TlcRunOptions {
  /** `--tlc-jar`; else TLA2TOOLS_JAR, else the cache. */
  readonly tlcJar?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Names the violated temporal property on TLC's lasso when the config has several. */
  readonly judgeTemporal: TemporalJudge;
  readonly timeoutSeconds?: number | undefined;
  /** Aborting stops TLC (Ctrl-C). */
  readonly signal?: AbortSignal | undefined;
  /** TLC worker threads, or local worker processes in distributed mode. */
  readonly workers?: number | undefined;
  readonly maxStates?: number | undefined;
  /** TLC's counts so far (exhaustive and distributed runs). */
  readonly onProgress?: ((progress: TlcProgress) => void) | undefined;
  /** Random simulation instead of an exhaustive search. */
  readonly simulate?:
    | {
        readonly depth?: number | undefined;
        readonly traces?: number | undefined;
        readonly seed?: number | undefined;
      }
    | undefined;
  /** TLC's distributed mode: a server and worker processes. */
  readonly distributed?:
    | {
        readonly listen?: string | undefined;
        readonly safetyOnly?: boolean | undefined;
        readonly fpSets?: number | undefined;
        /** Receives the commands that add workers from other machines, once the server is ready. */
        readonly onWorkerCommand?: ((credspecLine: string, javaLine: string) => void) | undefined;
      }
    | undefined;
}

/** The options without the keys whose value is undefined: the runners read absence as "default". */
function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Runs TLC on the module's text and config (never a path another run may be writing: TLC
 * writes them into its own private folder, start.ts). Simulation when `simulate` is set, else
 * distributed when `distributed` is set, else an exhaustive run. Never throws for a user's or
 * environment's problem: those come back as verdict `error` with what to do.
 */
export function runTlc(module: TlaModuleText, options: TlcRunOptions): Promise<CheckResult> {
  const common = {
    module,
    tlcJar: options.tlcJar,
    env: options.env,
    judgeTemporal: options.judgeTemporal,
    timeoutSeconds: options.timeoutSeconds,
    signal: options.signal,
  };
  if (options.simulate !== undefined)
    return runTlcSimulation(definedOnly({ ...common, ...options.simulate }));
  const { distributed } = options;
  if (distributed !== undefined) {
    const { onWorkerCommand } = distributed;
    return runTlcDistributed(
      definedOnly({
        ...common,
        workers: options.workers ?? 2,
        listen: distributed.listen,
        safetyOnly: distributed.safetyOnly,
        fpSets: distributed.fpSets,
        maxStates: options.maxStates,
        onProgress: options.onProgress,
        printWorkerCommand: onWorkerCommand
          ? (c: { credspec: string; javaLine: string }) => onWorkerCommand(c.credspec, c.javaLine)
          : undefined,
      }),
    );
  }
  return runExhaustive(
    definedOnly({
      ...common,
      workers: options.workers ?? 1,
      maxStates: options.maxStates,
      onProgress: options.onProgress,
    }),
  );
}
