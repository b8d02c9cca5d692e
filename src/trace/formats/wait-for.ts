// The wait-for picture of a deadlock: who waits on what, held or owed by whom, and the cycle
// that closes it. Takes a result; returns plain lines every format appends after the trace.
// Pure. The pipeline records `waitsFor` from the model (src/engine/run/deadlock-waits.ts); for a
// result file without it (written before it was recorded), the picture is read off the last
// state and the spec's text (wait-inference.ts), and says so.

import type { VariantResult } from '../../result/result-file.js';
import { inferWaits, type SpecSources, type WaitEdge } from './wait-inference.js';

/** The result's recorded wait edges, else those read off its trace; whether they were read. */
export function waitEdges(
  result: VariantResult,
  sources?: SpecSources,
): { readonly edges: readonly WaitEdge[]; readonly inferred: boolean } {
  if (result.waitsFor !== undefined && result.waitsFor.length > 0)
    return { edges: result.waitsFor, inferred: false };
  return { edges: inferWaits(result, sources), inferred: true };
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
export function waitForLines(result: VariantResult, sources?: SpecSources): readonly string[] {
  if (result.verdict !== 'deadlock') return [];
  const { edges: waits, inferred } = waitEdges(result, sources);
  if (waits.length === 0) {
    return ['deadlock: no thread can take a step (the result records no wait-for picture)'];
  }
  const width = Math.max(...waits.map((w) => w.thread.length));
  const lines = [
    inferred
      ? 'deadlock: no thread can take a step (waits read from the last state)'
      : 'deadlock: no thread can take a step',
  ];
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
