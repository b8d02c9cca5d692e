// What a sweep found, per variant and property: the smallest set that breaks each property (the
// first in sweep order, with its result and trace), the sets under which everything holds, those
// cut off by a limit or the budget, and those the engine failed on. A fixed variant (one an
// expectation says holds) that breaks anywhere is a finding: `findings` counts them.

import type { ParamSet } from '../model/params.js';
import type { VariantResult } from '../result/result-file.js';
import type { VariantSweep } from './run-sweep.js';

/** The smallest set breaking one property (`deadlock` for a reachable deadlock). */
export interface Breaking {
  readonly property: string;
  readonly params: ParamSet;
  readonly threads: number;
  readonly result: VariantResult;
}

export interface VariantSummary {
  readonly variant: string;
  readonly fixed: boolean;
  readonly breaking: readonly Breaking[];
  readonly holds: readonly ParamSet[];
  readonly cutOff: readonly { readonly params: ParamSet; readonly by: 'limit' | 'budget' }[];
  readonly failed: readonly { readonly params: ParamSet; readonly message: string }[];
}

/** The summary of one variant's outcomes, in sweep order. */
export function summarise(sweep: VariantSweep): VariantSummary {
  const breaking: Breaking[] = [];
  const holds: ParamSet[] = [];
  const cutOff: { params: ParamSet; by: 'limit' | 'budget' }[] = [];
  const failed: { params: ParamSet; message: string }[] = [];
  for (const o of sweep.outcomes) {
    const params = o.set.params;
    if (o.kind === 'budget') {
      cutOff.push({ params, by: 'budget' });
      continue;
    }
    const r = o.result;
    switch (r.verdict) {
      case 'holds':
        holds.push(params);
        break;
      case 'violated':
      case 'deadlock': {
        const property = r.verdict === 'deadlock' ? 'deadlock' : (r.property ?? 'unnamed');
        if (!breaking.some((b) => b.property === property))
          breaking.push({ property, params, threads: o.set.threads, result: r });
        break;
      }
      case 'inconclusive':
        cutOff.push({ params, by: r.inconclusive?.reason === 'timeout' ? 'budget' : 'limit' });
        break;
      case 'error':
        failed.push({ params, message: r.error?.message ?? 'the engine failed' });
        break;
    }
  }
  return { variant: sweep.variant, fixed: sweep.fixed, breaking, holds, cutOff, failed };
}
