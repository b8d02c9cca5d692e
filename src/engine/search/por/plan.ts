// Whether `--por` can reduce a module's search, and the ample-set chooser when it can. The
// reduction keeps invariants, action properties, covers, assertions and deadlocks; it is
// refused for what it would not keep (temporal properties) and next to symmetry reduction.

import type { TlaModule } from '../../../tla/tla-ast.js';
import type { ExecutableModule } from '../../evaluation/module-api.js';
import { AmpleSets, guardVariableOf } from './ample.js';
import { Independence } from './independence.js';

export type PorPlan =
  | { readonly kind: 'reduce'; readonly ample: AmpleSets }
  | { readonly kind: 'full'; readonly why: string };

/** The ample-set chooser for `module` (built from `tla`), or why every state is expanded in full. */
export function porPlan(tla: TlaModule, module: ExecutableModule): PorPlan {
  if (module.temporalProperties.length > 0)
    return {
      kind: 'full',
      why: `--por is off: it keeps invariants and deadlocks, not temporal properties (${module.temporalProperties.map((p) => p.name).join(', ')}); every interleaving is searched`,
    };
  if (module.symmetry !== undefined)
    return {
      kind: 'full',
      why: '--por is off under symmetry reduction; every interleaving is searched',
    };
  const guard = guardVariableOf(module);
  if (guard === undefined)
    return {
      kind: 'full',
      why: '--por is off: the module has no thread labels to tell steps apart; every interleaving is searched',
    };
  return { kind: 'reduce', ample: new AmpleSets(module, new Independence(tla, module), guard) };
}
