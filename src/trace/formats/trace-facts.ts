// Facts every trace view derives from a result's steps: the threads (ordered), when a thread
// was born by clone or gone by exit, and whether a variable is shared, per thread or per call.
// Pure: reads only the result. Names follow the result file: `x`, `t1.x`, `t1.proc.x`.

import type { TraceStep, VariantResult } from '../../result/result-file.js';

/** Where a spec variable lives, from its name in the result file. */
export type VarScope =
  | { readonly kind: 'shared'; readonly name: string }
  | { readonly kind: 'thread'; readonly thread: string; readonly name: string }
  | { readonly kind: 'call'; readonly thread: string; readonly call: string; readonly name: string };

export interface ThreadLife {
  readonly thread: string;
  /** Index of the step whose clone brought the thread to life; null when it lived from the start. */
  readonly bornAt: number | null;
  /** Index of the thread's `exit` step; null when it never exited. */
  readonly goneAt: number | null;
}

export interface TraceFacts {
  /** Threads in natural order of their names (`caller2` before `caller10`). */
  readonly threads: readonly string[];
  readonly lives: ReadonlyMap<string, ThreadLife>;
}

/**
 * Classifies a variable name. Spec variables are plain identifiers, so a dot only ever
 * separates an owner: one dot is a thread variable, two a procedure frame's variable.
 */
export function classifyVariable(key: string): VarScope {
  const parts = key.split('.');
  if (parts.length === 1) return { kind: 'shared', name: key };
  if (parts.length === 2) return { kind: 'thread', thread: parts[0]!, name: parts[1]! };
  return { kind: 'call', thread: parts[0]!, call: parts[1]!, name: parts.slice(2).join('.') };
}

/** Compares names so that numbered threads sort by number: caller2 < caller10 < sibling1. */
export function compareNatural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const EXIT_STATEMENT = /^exit\b/;

/** Threads, and their birth by clone and death by exit, of a result's trace. */
export function traceFacts(result: VariantResult): TraceFacts {
  const trace: readonly TraceStep[] = result.trace ?? [];
  const names = new Set<string>();
  for (const step of trace) {
    if (step.thread !== null) names.add(step.thread);
    for (const key of Object.keys(step.state)) {
      const scope = classifyVariable(key);
      if (scope.kind !== 'shared') names.add(scope.thread);
    }
  }
  const threads = [...names].sort(compareNatural);
  const initial = trace[0];
  const lives = new Map<string, ThreadLife>();
  for (const thread of threads) {
    const prefix = `${thread}.`;
    const presentAtStart = initial !== undefined && (initial.thread === thread || Object.keys(initial.state).some((k) => k.startsWith(prefix)));
    let bornAt: number | null = null;
    if (!presentAtStart) {
      // A slot that was not there at the start came alive where its variables first appear.
      const birth = trace.find((s) => Object.entries(s.changes).some(([k, c]) => k.startsWith(prefix) && c.before === null));
      if (birth !== undefined && birth.thread !== thread) bornAt = birth.index;
    }
    const exit = trace.find((s) => s.thread === thread && s.source !== null && EXIT_STATEMENT.test(s.source.trim()));
    lives.set(thread, { thread, bornAt, goneAt: exit?.index ?? null });
  }
  return { threads, lives };
}

/** Whether `thread` is alive just after step `index` (born, and not yet gone). */
export function isAliveAt(life: ThreadLife, index: number): boolean {
  if (life.bornAt !== null && index < life.bornAt) return false;
  if (life.goneAt !== null && index > life.goneAt) return false;
  return true;
}
