// Facts every trace view derives from a result's steps: the threads (ordered), when a thread
// was born by clone, began exiting or was gone, its status changes, and whether a variable is
// shared, per thread or per call.
// Pure: reads only the result. Names follow the result file: `x`, `t1.x`, `t1.proc.x`.

import type { ThreadStatus, TraceStep, VariantResult } from '../../result/result-file.js';

/** Where a spec variable lives, from its name in the result file. */
export type VarScope =
  | { readonly kind: 'shared'; readonly name: string }
  | { readonly kind: 'thread'; readonly thread: string; readonly name: string }
  | {
      readonly kind: 'call';
      readonly thread: string;
      readonly call: string;
      readonly name: string;
    };

export interface ThreadLife {
  readonly thread: string;
  /** Index of the step whose clone brought the thread to life; null when it lived from the start. */
  readonly bornAt: number | null;
  /** The thread whose clone it was, when known. */
  readonly bornBy?: string | null;
  /** Index of the step after which the thread is exiting (took `exit`, not yet gone); null if never. */
  readonly exitingAt?: number | null;
  /** Index of the step after which the thread is gone (the `exit` step in files without statuses); null if never. */
  readonly goneAt: number | null;
}

/** A thread slot whose status a step changed: `p2: unborn -> alive` (by clone of p1). */
export interface StatusChange {
  readonly thread: string;
  readonly before: ThreadStatus;
  readonly after: ThreadStatus;
  /** For a birth: the thread whose clone it was. */
  readonly by?: string;
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
  const [owner, second, ...rest] = key.split('.');
  if (owner === undefined || second === undefined) return { kind: 'shared', name: key };
  if (rest.length === 0) return { kind: 'thread', thread: owner, name: second };
  return { kind: 'call', thread: owner, call: second, name: rest.join('.') };
}

/** Compares names so that numbered threads sort by number: caller2 < caller10 < sibling1. */
export function compareNatural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const EXIT_STATEMENT = /^exit\b/;

/** The status changes of step `index` (none for the initial state or a file without statuses). */
export function statusChanges(trace: readonly TraceStep[], index: number): readonly StatusChange[] {
  const step = trace[index];
  const before = trace[index - 1]?.threads;
  if (step?.threads === undefined || before === undefined) return [];
  const out: StatusChange[] = [];
  for (const [thread, after] of Object.entries(step.threads)) {
    const was = before[thread];
    if (was === undefined || was === after) continue;
    out.push(
      was === 'unborn' && step.thread !== null
        ? { thread, before: was, after, by: step.thread }
        : { thread, before: was, after },
    );
  }
  return out;
}

/** `p2: unborn -> alive (clone by p1)`, the words every format uses for a status change. */
export function describeStatusChange(c: StatusChange): string {
  return `thread ${c.thread}: ${c.before} -> ${c.after}${c.by !== undefined ? ` by clone of ${c.by}` : ''}`;
}

/** The thread slots no clone has filled yet in the initial state (empty without statuses). */
export function unbornAtStart(result: VariantResult): readonly string[] {
  const threads = result.trace?.[0]?.threads;
  if (threads === undefined) return [];
  return Object.keys(threads)
    .filter((t) => threads[t] === 'unborn')
    .sort(compareNatural);
}

/** Threads, and their birth by clone, exit and end, of a result's trace. */
export function traceFacts(result: VariantResult): TraceFacts {
  const trace: readonly TraceStep[] = result.trace ?? [];
  const names = new Set<string>();
  for (const step of trace) {
    if (step.thread !== null) names.add(step.thread);
    for (const key of Object.keys(step.state)) {
      const scope = classifyVariable(key);
      if (scope.kind !== 'shared') names.add(scope.thread);
    }
    for (const t of Object.keys(step.threads ?? {})) names.add(t);
  }
  const threads = [...names].sort(compareNatural);
  const initial = trace[0];
  const lives = new Map<string, ThreadLife>();
  if (initial?.threads !== undefined) {
    // Statuses recorded: births, exits and ends are where they change.
    for (const thread of threads) {
      let bornAt: number | null = null;
      let bornBy: string | null = null;
      let exitingAt: number | null = null;
      let goneAt: number | null = null;
      for (let i = 1; i < trace.length; i++) {
        for (const c of statusChanges(trace, i)) {
          if (c.thread !== thread) continue;
          if (c.before === 'unborn' && bornAt === null) {
            bornAt = i;
            bornBy = c.by ?? null;
          }
          if (c.after === 'exiting' && exitingAt === null) exitingAt = i;
          if (c.after === 'gone' && goneAt === null) goneAt = i;
        }
      }
      lives.set(thread, { thread, bornAt, bornBy, exitingAt, goneAt });
    }
    return { threads, lives };
  }
  for (const thread of threads) {
    const prefix = `${thread}.`;
    const presentAtStart =
      initial !== undefined &&
      (initial.thread === thread || Object.keys(initial.state).some((k) => k.startsWith(prefix)));
    let bornAt: number | null = null;
    if (!presentAtStart) {
      // A slot that was not there at the start came alive where its variables first appear.
      const birth = trace.find((s) =>
        Object.entries(s.changes).some(([k, c]) => k.startsWith(prefix) && c.before === null),
      );
      if (birth !== undefined && birth.thread !== thread) bornAt = birth.index;
    }
    const exit = trace.find(
      (s) => s.thread === thread && s.source !== null && EXIT_STATEMENT.test(s.source.trim()),
    );
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
