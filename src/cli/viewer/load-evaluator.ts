// Gives a view its `=` prompt evaluator, loading the engine and the spec's parser only when the
// user first asks for an expression: they take seconds to load, which opening the viewer does
// not wait for. Takes the view; resolves with the view that evaluates.

import type { TraceView } from './trace-view.js';

/** `view` with `evaluate`, reading the spec's names from the source lines the view holds. */
export async function loadEvaluator(view: TraceView): Promise<TraceView> {
  const { expressionEvaluator } = await import('../../engine/index.js');
  const sources = new Map([...view.sources].map(([file, lines]) => [file, lines.join('\n')]));
  return { ...view, evaluate: expressionEvaluator(sources, view.result.params) };
}
