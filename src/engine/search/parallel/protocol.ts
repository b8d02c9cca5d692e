// The messages between the coordinator of a parallel search and its worker threads, and the
// layout of the shared control words. Types and constants only: nothing here runs.

import type { BranchWatch } from '../branch-places.js';
import type { LockEdgeKind, LockWatch } from '../lock-order.js';
import type { Finding } from '../stop-result.js';
import type { ModuleSource } from './module-source.js';

/** Shared Int32 words: [STOP_WORD] stop request, then a doorbell per worker, then progress. */
export const STOP_WORD = 0;
/** Stop values: the coordinator asks (time limit, interruption) or a worker ran out of heap. */
export const STOP_ASKED = 1;
export const STOP_MEMORY = 2;
export const bellWord = (w: number): number => 1 + w;
/** Per worker: successors generated and new states found in the current level. */
export const generatedWord = (n: number, w: number): number => 1 + n + 2 * w;
export const newWord = (n: number, w: number): number => 2 + n + 2 * w;
export const controlWords = (n: number): number => 1 + 3 * n;

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  readonly id: number;
  readonly workers: number;
  readonly source: ModuleSource;
  readonly checkDeadlock: boolean;
  readonly control: SharedArrayBuffer;
  /** Heap bytes this worker may use before it stops the search. */
  readonly heapLimit: number;
  /** Outcomes of test steps to record (branch-places.ts). */
  readonly branches: BranchWatch | undefined;
  /** Lock steps whose order edges to record (lock-order.ts). */
  readonly locks: LockWatch | undefined;
}

/**
 * An order edge a worker saw for the first time, and where: the state the step starts from (its
 * index at that worker, its rank in the level) and the step (successor index `j`).
 */
export interface ShardEdge {
  readonly held: string;
  readonly taken: string;
  readonly kind: LockEdgeKind;
  readonly local: number;
  readonly rank: number;
  readonly j: number;
  readonly action: number;
  readonly sub: number;
}

/** Where a search event happened, in the order one worker would meet it. */
export interface EventKey {
  /** Rank of the expanded state in its level. */
  readonly r: number;
  /** Successor index within that state's expansion. */
  readonly j: number;
  /**
   * -2 the state limit, before the expansion; -1 after `j` successors (an evaluation error, or a
   * deadlock when there were none); 0 the new state's invariants; 1 the step's action properties.
   */
  readonly phase: number;
}

/** A violation or failure one worker saw in a level, and where. */
export type WorkerEvent = EventKey &
  Finding & {
    /** Local index (at the worker that reports it) of the state whose path is the trace. */
    readonly local: number;
  };

/** Coordinator to worker. */
export type ToWorker =
  /** The initial states this worker owns: records [h1, h2, s1, s2, rank, state...]. */
  | { readonly t: 'init'; readonly words: Int32Array; readonly count: number }
  /** Expand the current frontier; `ranks` are the global ranks of the states found in the last level, in key order. */
  | { readonly t: 'expand'; readonly ranks: Int32Array | null }
  /** The fingerprint and parent of a state this worker owns. */
  | { readonly t: 'parent'; readonly local: number }
  | { readonly t: 'exit' };

/** Worker to coordinator. */
export type FromWorker =
  | { readonly t: 'ready' }
  | {
      readonly t: 'level';
      readonly id: number;
      /** Ranks of the states expanded, and how many successors each had. */
      readonly expandedRanks: Int32Array;
      readonly expandedCounts: Int32Array;
      /** Keys (parent rank, successor index) of the new states this worker owns, sorted. */
      readonly keys: Int32Array;
      readonly event: WorkerEvent | null;
      readonly ownerEvent: WorkerEvent | null;
      /** Per action, per sub-action: reached (flattened in order); per cover: reached. */
      readonly actionReached: Uint8Array;
      readonly coverReached: Uint8Array;
      /** Per watched outcome of a test step (branch-places.ts): taken. */
      readonly branchTaken: Uint8Array;
      /** The order edges this worker saw first in this level (lock-order.ts). */
      readonly edges: readonly ShardEdge[];
      readonly heapUsed: number;
      readonly stopped: boolean;
    }
  | {
      readonly t: 'parent';
      readonly h1: number;
      readonly h2: number;
      readonly owner: number;
      readonly local: number;
    }
  | { readonly t: 'failed'; readonly message: string };

/** Worker to worker, on their own channel. */
export type PeerMessage =
  /** Successors for the receiver to own: records [h1, h2, s1, s2, parentLocal, parentRank, j, state...]. */
  | { readonly t: 'batch'; readonly words: Int32Array }
  /** The sender has finished expanding this level. */
  | { readonly t: 'end' };
