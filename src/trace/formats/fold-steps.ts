// Folding a counterexample for reading: the steps the violation depends on (`essential`) are
// shown, and each run of other steps by one thread becomes one line saying what was left out
// (`  1-9  caller1: 9 steps folded (lines 159-378)`; in the diagrams `... 9 steps of caller1
// (restrict_siblings)`). A result that does not mark its steps, the initial state and a lasso's
// steps are never folded. Pure; the formats and the viewer share it.

import type { TraceStep } from '../../result/result-file.js';

/** A run of consecutive non-essential steps of one thread. */
export interface FoldedRun {
  readonly kind: 'folded';
  readonly thread: string | null;
  readonly steps: readonly TraceStep[];
}

/** What a folded trace shows, in order: single steps and folded runs. */
export type TracePart = { readonly kind: 'step'; readonly step: TraceStep } | FoldedRun;

/** Every step, none folded (`--all-steps`). */
export function unfolded(trace: readonly TraceStep[]): TracePart[] {
  return trace.map((step) => ({ kind: 'step', step }));
}

function foldable(step: TraceStep): boolean {
  return step.essential === false && step.backTo === undefined;
}

/** The trace with each run of one thread's non-essential steps folded into one part. */
export function foldTrace(trace: readonly TraceStep[]): TracePart[] {
  const out: TracePart[] = [];
  let run: TraceStep[] = [];
  const flush = (): void => {
    const first = run[0];
    if (first !== undefined) out.push({ kind: 'folded', thread: first.thread, steps: run });
    run = [];
  };
  for (const step of trace) {
    if (!foldable(step)) {
      flush();
      out.push({ kind: 'step', step });
      continue;
    }
    if (run[0] !== undefined && run[0].thread !== step.thread) flush();
    run.push(step);
  }
  flush();
  return out;
}

/** `  1-9  caller1: 9 steps folded (lines 159-378)`: the folded run in one line. */
export function foldedLine(run: FoldedRun): string {
  const first = run.steps[0]?.index ?? 0;
  const last = run.steps[run.steps.length - 1]?.index ?? first;
  const indices = first === last ? String(first) : `${first}-${last}`;
  const lines = run.steps.flatMap((s) => (s.location === null ? [] : [s.location.line]));
  const lo = Math.min(...lines);
  const hi = Math.max(...lines);
  const where = lines.length === 0 ? '' : lo === hi ? ` (line ${lo})` : ` (lines ${lo}-${hi})`;
  const n = run.steps.length;
  return `${indices.padStart(3)}  ${run.thread ?? '(environment)'}: ${n} step${n === 1 ? '' : 's'} folded${where}`;
}

/** How much of a trace to show: `allSteps` also shows the steps the violation does not depend on. */
export interface FoldOptions {
  readonly allSteps?: boolean;
}

/** The parts a format shows: every step with `allSteps`, else the folded trace. */
export function traceParts(trace: readonly TraceStep[], options: FoldOptions): TracePart[] {
  return options.allSteps === true ? unfolded(trace) : foldTrace(trace);
}

/** `... 6 steps of sibling1 (task_work_run)`: a folded run in a diagram, with the procedures it ran in. */
export function foldedSummary(run: FoldedRun): string {
  const owners = [
    ...new Set(run.steps.map((s) => s.step.slice(0, Math.max(0, s.step.indexOf('.'))))),
  ];
  const where = owners.filter((o) => o !== '');
  const n = run.steps.length;
  const of = run.thread === null ? '' : ` of ${run.thread}`;
  return `... ${n} step${n === 1 ? '' : 's'}${of}${where.length === 0 ? '' : ` (${where.join(', ')})`}`;
}
