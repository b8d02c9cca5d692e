// TLC's counterexample re-minimised on the embedded engine: the case's module, interpreted (the
// compiler is not worth loading for one trace), replays TLC's trace, and the same choice as for
// the embedded engine's own traces is made (minimise-trace.ts). When the module cannot be set up
// here, the trace stays TLC's and the result says so.

import type { CheckResult } from '../../result/check-result.js';
import type { Emitted } from '../../emit/from-model.js';
import { interpretModule } from '../evaluation/interpret.js';
import { AssertFailure, EvalError } from '../values/eval-error.js';
import { type MinimiseOptions, minimiseTrace } from './minimise-trace.js';
import { stepGraph } from './step-graph.js';
import type { Model } from '../../model/ir.js';

/** TLC's result with its trace chosen as for the embedded engine, or noted as TLC's own. */
export function minimiseTlcTrace<R extends CheckResult>(
  built: { readonly emitted: Emitted; readonly model: Model },
  result: R,
  options: MinimiseOptions,
): R {
  if (result.trace === null || result.loopsBackTo !== null || result.stuttering) return result;
  if (result.verdict !== 'violated' && result.verdict !== 'deadlock') return result;
  let module;
  try {
    module = interpretModule(built.emitted.module, built.emitted.config);
  } catch (err) {
    if (!(err instanceof EvalError || err instanceof AssertFailure)) throw err;
    return {
      ...result,
      counterexample: {
        preemptions: null,
        trace: 'as-found',
        note: `TLC's trace: the embedded engine cannot run this module (${err.message})`,
      },
    };
  }
  return minimiseTrace(module, result, { ...options, graph: stepGraph(built.model) });
}
