// Takes an emitted case and returns the judge TLC's runner uses to name a violated temporal
// property on TLC's lasso (src/tlc/name-temporal.ts): the case's module, interpreted, evaluates
// each temporal property in declaration order on the lasso. Pure; the module is interpreted
// only when TLC reports a lasso to judge.

import { interpretModule } from '../evaluation/interpret.js';
import { firstViolatedTemporal } from '../search/lasso-property.js';
import type { ExecutableModule } from '../evaluation/module-api.js';
import type { TemporalJudge } from '../../tlc/name-temporal.js';
import type { Emitted } from '../../emit/from-model.js';

/** The judge for `runTlc`/`runTlcSimulation`'s `judgeTemporal` option on this case's module. */
export function temporalJudge(built: { readonly emitted: Emitted }): TemporalJudge {
  let module: ExecutableModule | undefined;
  return (lasso) => {
    module ??= interpretModule(built.emitted.module, built.emitted.config);
    return firstViolatedTemporal(module, lasso.trace, lasso);
  };
}
