// The largest model the embedded engine takes. Every state holds one value per member of a set
// of model values (a thread's program counter, its variables), every step of one member copies
// those per-member functions, and a state has a successor per member and step: expanding one
// state costs members² work. Past MAX_MODEL_VALUES members a check cannot finish and, without a
// time limit, would spend hours on its first states, so it is refused before the search starts.

import type { TlcConfig } from '../../tla/tla-ast.js';

/** The most members a constant set of model values (the threads of a group) may have. */
export const MAX_MODEL_VALUES = 10_000;

/** Why the model is too large for the engine, in one sentence; undefined when it is not. */
export function modelTooLarge(config: Pick<TlcConfig, 'constants'>): string | undefined {
  for (const c of config.constants) {
    if (c.value.kind !== 'modelValues' || c.value.names.length <= MAX_MODEL_VALUES) continue;
    return (
      `The constant ${c.name} has ${c.value.names.length} members, more than the ${MAX_MODEL_VALUES} the embedded engine takes ` +
      `(a state holds a value per member and expanding it costs members² work, so the search could not finish). ` +
      'Check fewer threads: the protocol bugs a model checker finds show with a handful.'
    );
  }
  return undefined;
}
