// What a distributed TLC run takes and reports while it goes: its options (the common TLC
// options and its own), its progress, the commands that add a worker from another machine, and
// why it may be stopped before the search ends. Types only.

import type { TlcProgress } from './run.js';
import type { TlcStartOptions } from './start.js';

/** Progress of a distributed run: TLC's counts and the workers registered so far. */
export interface DistributedProgress extends TlcProgress {
  readonly workers: number;
}

/** The commands that start one more worker on another machine. */
export interface WorkerCommands {
  /** `credspec tlc worker --connect HOST:PORT`. */
  readonly credspec: string;
  /** The same as a plain java command line (argv), for machines without credspec. */
  readonly java: readonly string[];
  /** `java` as one shell line, quoted. */
  readonly javaLine: string;
}

/** A distributed run: the common TLC options (`extraTlcArgs` go to the server: `-deadlock`, `-fpbits N`, `-fpmem F`, `-checkpoint M`) and its own. */
export interface RunTlcDistributedOptions extends TlcStartOptions {
  /** Worker processes to start on this machine (default 2; 0 waits for remote workers only). */
  readonly workers?: number;
  /** Threads per local worker (TLCWorker.threadCount; default 1). */
  readonly workerThreads?: number;
  /**
   * `HOST:PORT` the server is reached at: HOST is the address workers connect to (and the
   * one TLC's RMI objects advertise, `java.rmi.server.hostname`), PORT its RMI registry port.
   * Default: 127.0.0.1 and a free port, for a run on this machine only.
   */
  readonly listen?: string | undefined;
  /**
   * Distributed fingerprint sets (`TLCServer.expectedFPSetCount`): the server waits for this
   * many, and local workers then run as `TLCWorkerAndFPSet` (worker plus a share of the set).
   */
  readonly fpSets?: number | undefined;
  /**
   * TLC's distributed mode checks invariants and action properties only. With temporal
   * properties in the config the run is refused unless this is set; then they are dropped and
   * `holds` means the safety properties hold.
   */
  readonly safetyOnly?: boolean;
  /** Stop once a progress report shows this many distinct states. */
  readonly maxStates?: number | undefined;
  readonly onProgress?: ((progress: DistributedProgress) => void) | undefined;
  /** Seconds between the server's progress reports (default 2; its own default is 60). */
  readonly progressIntervalSeconds?: number;
  /** Called once the server is ready, with the commands that add a worker from another machine. */
  readonly printWorkerCommand?: ((commands: WorkerCommands) => void) | undefined;
  /** Called for each process started (tests use it to check nothing is left). */
  readonly onStart?:
    | ((info: { role: 'server' | 'worker'; pid: number; args: readonly string[] }) => void)
    | undefined;
}

/** Why a distributed run was stopped before its server finished. */
export type DistributedStopReason = 'timeout' | 'max-states' | 'interrupted' | 'no-workers';
