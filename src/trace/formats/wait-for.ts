// The wait-for picture of a deadlock: who waits on what, held or owed by whom, and the cycle
// that closes it. Takes a result; returns plain lines every format appends after the trace.
// Pure. The pipeline records `waitsFor` from the model (src/engine/run/deadlock-waits.ts), the one
// place wait edges are computed; a result file written before it was recorded has no picture,
// and the formats say so rather than guess one from the spec's text.

import type { VariantResult } from '../../result/result-file.js';
import type { WaitEdge } from '../../result/wait-edge.js';

/** The wait edges the result records; none for a file written before they were recorded. */
export function waitEdges(result: VariantResult): readonly WaitEdge[] {
  return result.waitsFor ?? [];
}

/**
 * The first cycle among waiting threads, following "waits on something held or owed by",
 * starting from the threads in the result's order; null when the waits form no cycle.
 */
export function findWaitCycle(waits: readonly WaitEdge[]): readonly string[] | null {
  const next = new Map<string, readonly string[]>();
  for (const w of waits) next.set(w.thread, [...(next.get(w.thread) ?? []), ...w.heldBy]);
  for (const start of waits.map((w) => w.thread)) {
    const path: string[] = [];
    const onPath = new Set<string>();
    const visit = (t: string): readonly string[] | null => {
      if (onPath.has(t)) return [...path.slice(path.indexOf(t)), t];
      if (!next.has(t)) return null;
      path.push(t);
      onPath.add(t);
      for (const n of next.get(t) ?? []) {
        const found = visit(n);
        if (found !== null) return found;
      }
      path.pop();
      onPath.delete(t);
      return null;
    };
    const cycle = visit(start);
    if (cycle !== null) return cycle;
  }
  return null;
}

/** Lines of the wait-for picture, one per waiting thread, then the cycle; empty unless a deadlock. */
export function waitForLines(result: VariantResult): readonly string[] {
  if (result.verdict !== 'deadlock') return [];
  const waits = waitEdges(result);
  if (waits.length === 0) {
    return ['deadlock: no thread can take a step (the result records no wait-for picture)'];
  }
  const width = Math.max(...waits.map((w) => w.thread.length));
  const lines = ['deadlock: no thread can take a step'];
  for (const w of waits) {
    const by =
      w.heldBy.length === 0
        ? 'held or owed by no thread'
        : `held or owed by ${w.heldBy.join(', ')}`;
    // What and whom first: the viewer cuts long lines, and the sleeping statement is detail.
    const where =
      'statement' in w && w.statement !== undefined
        ? ` (asleep in ${w.statement} at ${w.at ?? '?'})`
        : '';
    lines.push(`  ${w.thread.padEnd(width)}  waits on ${w.waitsOn}, ${by}${where}`);
  }
  const cycle = findWaitCycle(waits);
  if (cycle !== null) lines.push(`  cycle: ${cycle.join(' -> ')}`);
  return lines;
}
