// A step's statement as one short line for the diagram formats (lkml, Mermaid). Takes a step;
// returns text. Pure. The plain `text` format keeps the spec's line verbatim; this drops what
// reads as noise outside the spec: a block's opening brace and the `may fail when` clause.

import type { TraceStep } from '../../result/result-file.js';
import { formatValue } from './value-text.js';

// Statements that say nothing on their own: the step's label goes with them.
const BARE = new Set(['atomic', 'skip', 'either', 'or', 'else']);

/** The statement without its trailing `{` and without `may fail [when X]`; the step name when there is no source. */
export function cleanStatement(step: TraceStep): string {
  if (step.source === null) return step.step;
  return (
    step.source
      .trim()
      .replace(/\s*\{$/, '')
      // Only a clause whose handler is a block below; one written on the line stays whole.
      .replace(/\s+may fail(?:\s+when\s+[^{}]+)?$/, '')
      .trim()
  );
}

/**
 * The statement as a diagram line: cleaned, labelled when bare (`queue: atomic`), and with a
 * fault point's outcome (`// failed`).
 */
export function diagramStatement(step: TraceStep): string {
  const text = cleanStatement(step);
  const dot = step.step.lastIndexOf('.');
  const label = step.step.slice(dot + 1);
  // An unlabelled statement's step is named `Owner_<offset>`: no name worth showing.
  const synthetic = dot > 0 && new RegExp(`^${step.step.slice(0, dot)}_\\d+$`).test(label);
  const shown = BARE.has(text) && !synthetic ? `${label}: ${text}` : text;
  return step.outcome === undefined ? shown : `${shown} // ${step.outcome}`;
}

/**
 * The statement as an lkml line: an atomic step that ran macro calls says which, with their
 * arguments and results (`queue: task_work_add(caller2, frame, TWA_SIGNAL) -> OK`), where the
 * bare `queue: atomic` would say nothing; otherwise as `diagramStatement`.
 */
export function lkmlStatement(step: TraceStep): string {
  const calls = step.calls ?? [];
  if (calls.length === 0 || cleanStatement(step) !== 'atomic') return diagramStatement(step);
  const label = step.step.slice(step.step.lastIndexOf('.') + 1);
  const said = calls.map((c) => {
    const args = c.args.map((a) => (a.value === undefined ? a.text : formatValue(a.value)));
    const result = c.outcome === undefined ? '' : ` -> ${formatValue(c.outcome)}`;
    return `${c.macro}(${args.join(', ')})${result}`;
  });
  return `${label}: ${said.join('; ')}`;
}
