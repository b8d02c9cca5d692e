// The processes of a distributed TLC run: starts the server in the run's folder and, once it
// says it is ready (or at once, with distributed fingerprint sets), the local workers; streams the
// server's progress, stops them all on a limit, an abort or when every local worker is gone,
// and resolves once every one of them has exited. Reads the server's output, interprets none of it.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type GroupProcess, spawnGroup } from '../process/process-groups.js';
import type { BindLauncher } from './bind-launcher.js';
import { remoteCommands, serverArguments, workerArguments } from './distributed-commands.js';
import type { DistributedStopReason, RunTlcDistributedOptions } from './distributed-options.js';
import { EC, readProgress, type Progress } from './interpret-messages.js';
import type { JarInfo } from './jar.js';
import { ToolOutputReader, type ParsedToolOutput, type ToolMessage } from './read-tool-output.js';

/** TLC's distributed message codes (`tlc2.output.EC`). */
export const DIST_EC = {
  /** The server has computed the initial states and waits for workers. */
  SERVER_RUNNING: 7000,
  WORKER_REGISTERED: 7001,
  WORKER_DEREGISTERED: 7002,
  WORKER_STATS: 7003,
  /** An error while working on an initial state (the distributed server's form of 2107). */
  TLC_INITIAL_STATE: 2102,
} as const;

/** Messages the server prints once the search is over (results, statistics, the trace). */
const FINISHING_CODES = new Set<number>([
  EC.TLC_SUCCESS,
  EC.TLC_STATS,
  EC.TLC_FINISHED,
  EC.TLC_BEHAVIOR_UP_TO_THIS_POINT,
  EC.TLC_STATE_PRINT2,
]);

export interface ServerRun {
  readonly parsed: ParsedToolOutput;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stopReason: DistributedStopReason | null;
  readonly lastProgress: Progress | null;
  readonly stderr: string;
  readonly workerOutput: readonly string[];
  readonly workersSeen: number;
}

/** What a distributed run needs once Java, the jar and its folders are ready. */
export interface ServerAndWorkersParams {
  readonly options: RunTlcDistributedOptions;
  readonly env: NodeJS.ProcessEnv;
  readonly javaPath: string;
  readonly jar: JarInfo;
  readonly workDir: string;
  readonly metaDir: string;
  readonly listen: { host: string; port: number };
  readonly bind: BindLauncher;
  readonly module: string;
  readonly config: string;
  readonly grace: number;
  readonly elapsed: () => number;
}

/** What the run learns while it goes, shared by the server's reader and the stopping. */
interface RunState {
  stopReason: DistributedStopReason | null;
  lastProgress: Progress | null;
  /** Workers that registered with the server so far. */
  registered: number;
  /** The server has begun printing its final messages. */
  finishing: boolean;
  readonly workers: GroupProcess[];
  readonly workerOutput: string[];
}

/** Starts the server, then the local workers once it is ready; resolves when all have exited. */
export async function runServerAndWorkers(
  p: ServerAndWorkersParams,
): Promise<ServerRun | { error: string }> {
  const { options } = p;
  const localWorkers = Math.max(0, Math.floor(options.workers ?? 2));
  const state: RunState = {
    stopReason: null,
    lastProgress: null,
    registered: 0,
    finishing: false,
    workers: [],
    workerOutput: [],
  };
  let stderr = '';
  let server: GroupProcess | undefined;
  const stopAll = (reason: DistributedStopReason): void => {
    if (state.stopReason) return;
    state.stopReason = reason;
    server?.stop(p.grace);
    for (const w of state.workers) w.stop(p.grace);
  };

  // Without remote workers the server would wait for ever once every local one is gone.
  // Workers also end when the server tells them the work is done, just before it exits:
  // give the server a moment before deciding it was left alone.
  const alone = (): boolean =>
    options.listen === undefined &&
    localWorkers > 0 &&
    state.workers.length === localWorkers &&
    state.workers.every((x) => !x.running()) &&
    !state.finishing &&
    server?.running() === true;
  const startWorkers = (): Promise<void> =>
    startLocalWorkers(p, localWorkers, state, () => {
      if (alone()) setTimeout(() => alone() && stopAll('no-workers'), 3000).unref();
    });

  const reader = serverReader(p, state, { stopAll, startWorkers });
  const args = serverArgumentsOf(p);
  server = spawnGroup(p.javaPath, args, {
    cwd: p.workDir,
    env: p.env,
    onStdout: (c) => reader.push(c),
    onStderr: (c) => {
      if (stderr.length < 65536) stderr += c;
    },
  });
  if (server.pid !== undefined) options.onStart?.({ role: 'server', pid: server.pid, args });
  // With distributed fingerprint sets the server waits for them before it computes the initial
  // states and says it is ready, so their workers start now (they retry until it listens).
  if (options.fpSets) void startWorkers();
  const unwatch = watchLimits(options, stopAll);
  const exit = await server.exited;
  unwatch();
  // Workers end by themselves when the server says it is done; one that joined late, or a
  // server that died, would leave them polling for a while: stop them now.
  for (const w of state.workers) w.stop(p.grace);
  await Promise.all(state.workers.map((w) => w.exited));
  if (exit.startError !== undefined) {
    return {
      error: `Could not start ${p.javaPath}: ${exit.startError}. Install a JDK 11 or newer, or use the embedded engine, the default, which needs no Java.`,
    };
  }
  return {
    parsed: reader.end(),
    exitCode: exit.code,
    signal: exit.signal,
    stopReason: state.stopReason,
    lastProgress: state.lastProgress,
    stderr,
    workerOutput: state.workerOutput,
    workersSeen: state.registered,
  };
}

/**
 * Reads the server's output as it comes: starts the local workers once it is ready, counts the
 * workers that register, reports progress and stops the run at its state limit.
 */
function serverReader(
  p: ServerAndWorkersParams,
  state: RunState,
  run: {
    readonly stopAll: (reason: DistributedStopReason) => void;
    readonly startWorkers: () => Promise<void>;
  },
): ToolOutputReader {
  const { options } = p;
  return new ToolOutputReader((m: ToolMessage) => {
    if (FINISHING_CODES.has(m.code)) state.finishing = true;
    if (m.code === DIST_EC.SERVER_RUNNING) {
      options.printWorkerCommand?.(remoteCommands(p.jar.path, p.listen));
      if (!state.stopReason && !(options.fpSets ?? 0)) void run.startWorkers();
    } else if (m.code === DIST_EC.WORKER_REGISTERED) {
      state.registered++;
    } else if (m.code === EC.TLC_PROGRESS_STATS) {
      const pr = readProgress(m.text);
      if (!pr) return;
      state.lastProgress = pr;
      options.onProgress?.({
        distinct: pr.distinct,
        generated: pr.generated,
        queue: pr.queue,
        depth: pr.depth,
        workers: state.registered,
      });
      if (options.maxStates !== undefined && pr.distinct >= options.maxStates)
        run.stopAll('max-states');
    }
  });
}

/** Stops the run on abort and at its time limit; the returned function stops watching. */
function watchLimits(
  options: RunTlcDistributedOptions,
  stopAll: (reason: DistributedStopReason) => void,
): () => void {
  const onAbort = (): void => stopAll('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while Java and the jar were being looked at: stop what was just started.
  if (options.signal?.aborted) stopAll('interrupted');
  const timer =
    options.timeoutSeconds !== undefined
      ? setTimeout(() => stopAll('timeout'), options.timeoutSeconds * 1000)
      : undefined;
  return () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  };
}

/** Starts the local workers, each in its own temporary folder; `workerExited` runs as each one ends. */
async function startLocalWorkers(
  p: ServerAndWorkersParams,
  localWorkers: number,
  into: { readonly workers: GroupProcess[]; readonly workerOutput: string[] },
  workerExited: () => void,
): Promise<void> {
  const { options } = p;
  for (let i = 0; i < localWorkers; i++) {
    const tmp = join(p.workDir, `java-tmp-worker-${i + 1}`);
    await mkdir(tmp, { recursive: true });
    const args = workerArguments({
      jarPath: p.jar.path,
      server: p.listen,
      advertise: p.listen.host,
      threads: options.workerThreads ?? 1,
      tmpDir: tmp,
      withFpSet: (options.fpSets ?? 0) > i,
      bind: p.bind,
    });
    let out = '';
    const w = spawnGroup(p.javaPath, args, {
      cwd: p.workDir,
      env: p.env,
      onStdout: (c) => (out = (out + c).slice(-8192)),
      onStderr: (c) => (out = (out + c).slice(-8192)),
    });
    into.workers.push(w);
    if (w.pid !== undefined) options.onStart?.({ role: 'worker', pid: w.pid, args });
    void w.exited.then(() => {
      into.workerOutput.push(out);
      workerExited();
    });
  }
}

/** The server's command line for this run. */
function serverArgumentsOf(p: ServerAndWorkersParams): string[] {
  return serverArguments({
    jar: p.jar,
    bind: p.bind,
    host: p.listen.host,
    port: p.listen.port,
    workDir: p.workDir,
    metaDir: p.metaDir,
    module: p.module,
    config: p.config,
    reportMs: Math.max(1, Math.round(p.options.progressIntervalSeconds ?? 2)) * 1000,
    fpSets: p.options.fpSets,
    extra: p.options.extraTlcArgs ?? [],
  });
}
