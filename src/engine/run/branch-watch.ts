// The outcomes of test steps a search of a built case watches (search/branch-places.ts): the
// failing outcome of each `if` without `else`, each `while`, each `for` and each `await` of the
// model (ModelAction's `elseOutcome`), placed on the executable module's actions and pc variable.

import type { Model } from '../../model/ir.js';
import { INTERNAL_NAMES } from '../../tla/names.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { BranchWatch } from '../search/branch-places.js';

/** The watch for `module` built from `model`; undefined when the model has no such outcome. */
export function branchWatch(model: Model, module: ExecutableModule): BranchWatch | undefined {
  const pcVariable = module.variables.indexOf(INTERNAL_NAMES.pc);
  if (pcVariable < 0) return undefined;
  const outcomes: BranchWatch['outcomes'][number][] = [];
  for (const a of model.actions) {
    if (a.elseOutcome === undefined) continue;
    const pc = a.elseOutcome.pc;
    const waits = a.elseOutcome.test === 'await' ? { waits: true as const } : {};
    module.actions.forEach((info, action) => {
      const sub = info.subActions.indexOf(a.name);
      if (sub >= 0) outcomes.push({ action, sub, pc, ...waits });
    });
  }
  return outcomes.length === 0 ? undefined : { pcVariable, outcomes };
}
