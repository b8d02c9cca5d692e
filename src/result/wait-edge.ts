// The wait-for edge of a deadlock as the result file records it, and the reading of a
// spec-level state the pipeline records edges with: which threads owe a thread work. Pure; plain
// data in and out.

import type { SourceLocation } from './source-location.js';
import type { TlaValue as DslValue } from './tla-value.js';

/** One waiting thread: what it waits on and who holds or owes it. */
export interface WaitEdge {
  readonly thread: string;
  /** What the thread sleeps on: the awaited expression or the object a sleeping call names. */
  readonly waitsOn: string;
  /** The threads that hold it (a lock's owner) or owe the work that would end the wait. */
  readonly heldBy: readonly string[];
  /** The statement the thread sleeps in, as written. */
  readonly statement?: string;
  /** Its step (`proc.label`), as trace steps name steps. */
  readonly at?: string;
  /** Where that statement is written. */
  readonly location?: SourceLocation;
}

/** The thread a spec-level value names (a thread's model value), or null. */
function threadNamed(value: DslValue | undefined, threads: ReadonlySet<string>): string | null {
  if (typeof value === 'string' && threads.has(value)) return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '#mv' in value) {
    const mv = (value as { '#mv': string })['#mv'];
    return threads.has(mv) ? mv : null;
  }
  return null;
}

/**
 * Threads that owe `thread` work: in a shared map from thread to a set of queued items (the
 * pending task works), every other thread whose set holds an item of `thread`'s. Until such a
 * thread runs its works, a completion they signal stays unsignalled.
 */
export function threadsOwing(
  state: Readonly<Record<string, DslValue>>,
  thread: string,
  threads: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const value of Object.values(state)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('#map' in value))
      continue;
    for (const [k, v] of (value as { '#map': [DslValue, DslValue][] })['#map']) {
      const owner = threadNamed(k, threads);
      if (
        owner === null ||
        owner === thread ||
        v === null ||
        typeof v !== 'object' ||
        Array.isArray(v) ||
        !('#set' in v)
      )
        continue;
      if (
        (v as { '#set': DslValue[] })['#set'].some((item) => threadNamed(item, threads) === thread)
      )
        out.add(owner);
    }
  }
  return [...out];
}
