// The limits of one run (time, memory, an abort signal), looked at from inside the loops that
// can grow: the search calls `spend` for every state and successor it handles, weighted by what
// each costs, and every so many units the clock, the signal and the process's memory are read.
// Memory is the resident size of the whole process (the fingerprint set and the other typed
// arrays live outside the JS heap), and the JS heap is kept below V8's own limit, past which V8
// aborts the process instead of throwing. The only engine file besides the runners that reads
// the clock or the memory figures.

import process from 'node:process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Why a limit ended the run. */
export type LimitReason = 'timeout' | 'memory' | 'interrupted';

/** Thrown from inside the search when a limit is reached; the search turns it into its stop. */
export class LimitReached extends Error {
  override readonly name = 'LimitReached';
  constructor(readonly reason: LimitReason) {
    super(`limit reached: ${reason}`);
  }
}

/** What a loop that can grow is given: it reports its work and learns when to let others run. */
export interface WorkMeter {
  /** Counts `units` of work (one state or successor, more for a costly one); throws LimitReached. */
  spend(units: number): void;
  /** Set once the loop has run long enough that it should yield between states. */
  readonly yieldDue: boolean;
}

/** The limits as the command line gives them. */
export interface LimitOptions {
  readonly timeoutSeconds?: number | undefined;
  /** Resident memory of the process, in MB, before the run stops (default: 90% of the machine's or the cgroup's). */
  readonly memoryMb?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** When the run started (Date.now()), if before the limits were made. */
  readonly startedAt?: number | undefined;
}

/** Units of work between looks at the clock: a plain successor is 1, one under symmetry 1 + the group's size. */
const UNITS_PER_LOOK = 64;
/**
 * Milliseconds between reads of the memory figures (reading the RSS costs a system call and a
 * /proc read, which on a loaded machine took 4% of a search at a 50 ms period), and between
 * yields to the event loop.
 */
const MEMORY_EVERY_MS = 200;
const YIELD_EVERY_MS = 50;
/** Share of V8's heap limit the JS heap may fill before the run stops (the rest is headroom for one slice). */
const HEAP_SHARE = 0.8;

/** The memory the process may use by default: 90% of what the machine (or its cgroup) has. */
export function defaultMemoryBytes(): number {
  const machine = totalmem();
  // constrainedMemory is the cgroup's limit (a huge number, or 0, when there is none).
  const cgroup =
    (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  const available = cgroup > 0 && cgroup < machine ? cgroup : machine;
  return Math.floor(available * 0.9);
}

/** The limits of one run, read from inside its loops. */
export class RunLimits implements WorkMeter {
  private readonly deadline: number;
  private readonly rssLimit: number;
  private readonly heapLimit: number;
  private readonly signal: AbortSignal | undefined;
  private units = 0;
  private lastMemory = 0;
  private lastYield: number;
  yieldDue = false;

  constructor(options: LimitOptions) {
    const now = Date.now();
    const started = options.startedAt ?? now;
    this.deadline =
      options.timeoutSeconds === undefined ? Infinity : started + options.timeoutSeconds * 1000;
    this.rssLimit =
      options.memoryMb === undefined ? defaultMemoryBytes() : options.memoryMb * 1024 * 1024;
    this.heapLimit = getHeapStatistics().heap_size_limit * HEAP_SHARE;
    this.signal = options.signal;
    this.lastYield = now;
  }

  spend(units: number): void {
    this.units += units;
    if (this.units < UNITS_PER_LOOK) return;
    this.units = 0;
    const reason = this.reached(Date.now());
    if (reason !== undefined) throw new LimitReached(reason);
  }

  /** The limit reached at `now`, if any; also notes when a yield is due. */
  reached(now: number): LimitReason | undefined {
    if (now >= this.deadline) return 'timeout';
    if (this.signal?.aborted) return 'interrupted';
    if (now - this.lastMemory >= MEMORY_EVERY_MS) {
      this.lastMemory = now;
      if (this.memoryExceeded()) return 'memory';
    }
    if (now - this.lastYield >= YIELD_EVERY_MS) this.yieldDue = true;
    return undefined;
  }

  /** The caller let the event loop run (timers, signals): the next yield is due in a while. */
  yielded(): void {
    this.lastYield = Date.now();
    this.yieldDue = false;
  }

  private memoryExceeded(): boolean {
    return (
      getHeapStatistics().used_heap_size > this.heapLimit ||
      process.memoryUsage.rss() > this.rssLimit
    );
  }
}
