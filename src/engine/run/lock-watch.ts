// The lock steps and lock variables of a built case (search/lock-order.ts): each model action's
// `lockOps` placed on the executable module's actions, each lock variable on its index in a
// state, and the orders the spec accepts (`lock_order`).

import type { Model } from '../../model/ir.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { LockWatch } from '../search/lock-order.js';

/** The watch for `module` built from `model`; undefined when no step touches a lock. */
export function lockWatch(model: Model, module: ExecutableModule): LockWatch | undefined {
  const steps: LockWatch['steps'][number][] = [];
  for (const a of model.actions) {
    const ops = a.lockOps;
    // Releases alone show no order: only a step that takes, waits or completes is watched.
    if (ops === undefined || ops.every((o) => o.kind === 'release')) continue;
    module.actions.forEach((info, action) => {
      const sub = info.subActions.indexOf(a.name);
      if (sub >= 0) steps.push({ action, sub, ops });
    });
  }
  const locks = model.variables.flatMap((v) => {
    const variable = module.variables.indexOf(v.name);
    return v.lock === true && variable >= 0 ? [{ variable, lock: v.dslName }] : [];
  });
  const completions = model.variables.flatMap((v) => {
    const variable = module.variables.indexOf(v.name);
    return v.completion === true && variable >= 0 ? [{ variable, lock: v.dslName }] : [];
  });
  if (steps.length === 0 || locks.length === 0) return undefined;
  return { steps, locks, completions, accepted: model.acceptedLockOrder };
}
