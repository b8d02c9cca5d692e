// What the viewer shows, prepared once: the selected result, the facts derived from its trace,
// and the lines of the spec files its steps point at (read by the command, passed in here).
// Pure: this file reads nothing from disk.

import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { traceFacts, type TraceFacts } from '../../trace/formats/trace-facts.js';
import { waitForLines } from '../../trace/formats/wait-for.js';
import { at } from '../../source/checked-index.js';
import type { Evaluation } from '../../engine/index.js';

export interface TraceView {
  readonly result: VariantResult;
  readonly steps: readonly TraceStep[];
  readonly facts: TraceFacts;
  /** Source lines by the `file` of step locations; a file that could not be read is absent. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
  /** A deadlock's wait-for picture (who waits on what, owed by whom, the cycle); empty otherwise. */
  readonly waits: readonly string[];
  /**
   * Evaluates the `=` prompt's expression at a step. Absent until loaded (load-evaluator.ts):
   * the spec's parser takes seconds to load, which the first frame must not wait for.
   */
  readonly evaluate?: (step: TraceStep, text: string) => Evaluation;
}

/** The view of a result whose trace is not empty. */
export function makeTraceView(
  result: VariantResult,
  sources: ReadonlyMap<string, string>,
): TraceView {
  const lines = new Map<string, readonly string[]>();
  for (const [file, text] of sources) lines.set(file, text.replace(/^\uFEFF/, '').split(/\r?\n/));
  return {
    result,
    steps: result.trace ?? [],
    facts: traceFacts(result),
    sources: lines,
    waits: waitForLines(result).slice(1),
  };
}

/** Step `index` of the trace, which the caller keeps in range (a cursor, a row of the lanes). */
export function stepAt(view: TraceView, index: number): TraceStep {
  return at(view.steps, index, 'a step of the trace');
}

/** The index of the last step. */
export function lastIndex(view: TraceView): number {
  return Math.max(0, view.steps.length - 1);
}
