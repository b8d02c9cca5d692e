// What a sweep found, per variant and property: the smallest set that breaks each property (the
// first in sweep order, with its result and trace), the sets under which everything holds, those
// cut off by a limit or the budget, and those the engine failed on. A break of a fixed variant
// (one an expectation says holds) is a finding unless an expectation of that variant names the
// property (or a deadlock) as broken: a catalogue race's variant that also holds elsewhere, such
// as Landlock's v3, breaks its own races by design and anything else by mistake.

import type { ParamSet } from '../model/params.js';
import type { VariantResult } from '../result/result-file.js';
import type { VariantSweep } from './run-sweep.js';

/** The smallest set breaking one property (`deadlock` for a reachable deadlock). */
export interface Breaking {
  readonly property: string;
  readonly params: ParamSet;
  /** The params of `params` that differ from the variant's defaults. */
  readonly differs: ParamSet;
  readonly threads: number;
  readonly result: VariantResult;
  /** The variant is fixed and no expectation says it breaks this property: a finding. */
  readonly unexpected: boolean;
}

export interface VariantSummary {
  readonly variant: string;
  readonly fixed: boolean;
  readonly expectedBreaks: readonly string[];
  readonly breaking: readonly Breaking[];
  readonly holds: readonly ParamSet[];
  readonly cutOff: readonly { readonly params: ParamSet; readonly by: 'limit' | 'budget' }[];
  readonly failed: readonly { readonly params: ParamSet; readonly message: string }[];
  /** Sets of the declared ranges left out by the thread or set limit. */
  readonly beyond: number;
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
    if (o.kind === 'failed') {
      failed.push({ params, message: o.message });
      continue;
    }
    const broke = [o.result, ...o.also].filter(
      (r) => r.verdict === 'violated' || r.verdict === 'deadlock',
    );
    for (const r of broke) {
      const property = r.verdict === 'deadlock' ? 'deadlock' : (r.property ?? 'unnamed');
      if (!breaking.some((b) => b.property === property))
        breaking.push({
          property,
          params,
          differs: o.set.differs ?? params,
          threads: o.set.threads,
          result: r,
          unexpected: sweep.fixed && !sweep.expectedBreaks.includes(property),
        });
    }
    // The last check decides the rest: what was not found broken held, or the search stopped.
    const r = o.also.at(-1) ?? o.result;
    if (r.verdict === 'holds' && broke.length === 0) holds.push(params);
    else if (r.verdict === 'inconclusive')
      cutOff.push({ params, by: r.inconclusive?.reason === 'timeout' ? 'budget' : 'limit' });
    else if (r.verdict === 'error')
      failed.push({ params, message: r.error?.message ?? 'the engine failed' });
  }
  return {
    variant: sweep.variant,
    fixed: sweep.fixed,
    expectedBreaks: sweep.expectedBreaks,
    breaking,
    holds,
    cutOff,
    failed,
    beyond: sweep.beyond,
  };
}
