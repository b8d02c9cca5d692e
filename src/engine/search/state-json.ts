// Takes a trace state as the result file holds it (JSON, one value per variable name) and
// returns the engine's state for a module: the values in the module's variable order. Shared by
// trace replay and lasso judgement, which both start from a recorded trace.

import type { TlaValue } from '../../result/tla-value.js';
import { EvalError } from '../values/eval-error.js';
import type { ExecutableModule, State } from '../evaluation/module-api.js';
import { fromTlaValue } from '../values/values.js';

/** A trace state (JSON) as engine values, in the module's variable order. */
export function stateFromJson(
  module: ExecutableModule,
  s: Readonly<Record<string, TlaValue>>,
): State {
  return module.variables.map((v) => {
    const j = s[v];
    if (j === undefined) throw new EvalError(`the trace state has no value for ${v}`);
    return fromTlaValue(j);
  });
}
