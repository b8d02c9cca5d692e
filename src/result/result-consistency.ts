// What a result file's schema cannot say: that its traces hold together. Steps are numbered by
// their place, a lasso goes back to a state the trace has, only the last step closes the loop,
// a step is taken by a thread the file lists, a change sets or clears a variable of the states
// on either side, and a deadlock's wait-for edges name listed threads. Takes a file that already
// matches schema/result.schema.json; returns the JSON path of the first problem and what is
// wrong there, or null. Pure.

import type { ResultFile, TraceStep, VariantResult } from './result-file.js';
import { jsonPathKey } from './json-path.js';

/** Thread slots the trace lists, or null when it lists none (files written before they were recorded). */
function listedThreads(trace: readonly TraceStep[]): ReadonlySet<string> | null {
  let found: Set<string> | null = null;
  for (const step of trace) {
    if (step.threads === undefined) continue;
    found ??= new Set<string>();
    for (const t of Object.keys(step.threads)) found.add(t);
  }
  return found;
}

function stepProblem(
  step: TraceStep,
  j: number,
  trace: readonly TraceStep[],
  loopsBackTo: number | null,
  threads: ReadonlySet<string> | null,
): string | null {
  const at = `trace[${j}]`;
  if (step.index !== j) return `${at}.index is ${step.index}, not its place ${j}`;
  if (step.backTo !== undefined) {
    if (j !== trace.length - 1) return `${at}.backTo is on a step that is not the last`;
    if (step.backTo !== loopsBackTo)
      return `${at}.backTo is ${step.backTo}, not loopsBackTo (${String(loopsBackTo)})`;
  }
  if (step.thread !== null && threads !== null && !threads.has(step.thread))
    return `${at}.thread names ${JSON.stringify(step.thread)}, a thread the trace does not list`;
  if (step.threads !== undefined && threads !== null) {
    // Every step that lists threads lists the same slots.
    for (const t of Object.keys(step.threads))
      if (!threads.has(t))
        return `${at}.threads${jsonPathKey(t)} is not a thread slot of the trace`;
  }
  const before = j === 0 ? null : (trace[j - 1]?.state ?? null);
  for (const [name, change] of Object.entries(step.changes)) {
    const where = `${at}.changes${jsonPathKey(name)}`;
    if (change.after !== null && !Object.hasOwn(step.state, name))
      return `${where} sets a variable the step's state does not have`;
    if (change.before !== null && before === null)
      return `${where} changes a variable before the initial state`;
    if (change.before !== null && before !== null && !Object.hasOwn(before, name))
      return `${where} changes a variable the state before it does not have`;
  }
  return null;
}

function resultProblem(r: VariantResult): string | null {
  const trace = r.trace;
  if (trace === null || trace.length === 0) {
    return r.loopsBackTo === null
      ? null
      : `loopsBackTo is ${r.loopsBackTo}, but the result has no trace`;
  }
  const closing = trace.at(-1)?.backTo !== undefined ? 1 : 0;
  const states = trace.length - closing;
  if (r.loopsBackTo !== null && r.loopsBackTo >= states)
    return `loopsBackTo is ${r.loopsBackTo}, past the last state (${states - 1})`;
  const threads = listedThreads(trace);
  for (const [j, step] of trace.entries()) {
    const problem = stepProblem(step, j, trace, r.loopsBackTo, threads);
    if (problem !== null) return problem;
  }
  if (threads !== null) {
    for (const [k, w] of (r.waitsFor ?? []).entries()) {
      if (!threads.has(w.thread))
        return `waitsFor[${k}].thread names ${JSON.stringify(w.thread)}, a thread the trace does not list`;
      const stranger = w.heldBy.findIndex((h) => !threads.has(h));
      if (stranger >= 0)
        return `waitsFor[${k}].heldBy[${stranger}] names ${JSON.stringify(w.heldBy[stranger])}, a thread the trace does not list`;
    }
  }
  return null;
}

/** The first place where the file's traces do not hold together, as `path what`, or null. */
export function firstInconsistency(file: ResultFile): string | null {
  for (const [i, result] of file.results.entries()) {
    const problem = resultProblem(result);
    if (problem !== null) return `results[${i}].${problem}`;
  }
  return null;
}
