// Gives a view its `=` prompt evaluator, loading the front end and the engine only when the
// user first asks for an expression: they take seconds to load, which opening the viewer does
// not wait for. Takes the view; resolves with the view that evaluates.

import type { TraceView } from './trace-view.js';

/** `view` with `evaluate`, checking expressions against the spec text the view holds. */
export async function loadEvaluator(view: TraceView): Promise<TraceView> {
  const { promptEvaluator } = await import('./prompt-eval.js');
  const root = view.sources.get(view.result.spec)?.join('\n');
  return {
    ...view,
    evaluate: promptEvaluator(view.result, root, { cwd: process.cwd(), env: process.env }),
  };
}
