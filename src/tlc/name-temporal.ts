// Takes a TLC result, the config's PROPERTY names and a judge that evaluates temporal properties
// on a lasso, and returns the result naming the property the lasso violates: TLC names none
// (1.7.4) or several (current TLC) when the config has more than one. Pure apart from what the
// judge does; it must not change a result that is no temporal counterexample.

import type { CheckResult, TlaTraceStep } from '../result/check-result.js';

/** A counterexample lasso: the states, and how it ends (back to a state, or stuttering). */
export interface TlcLasso {
  readonly trace: readonly TlaTraceStep[];
  readonly loopsBackTo: number | null;
  readonly stuttering: boolean;
}

/**
 * Names the first temporal property, in declaration order, that a lasso violates (the
 * embedded engine's `firstViolatedTemporal` on the case's module), or null when it cannot
 * tell. TLC 1.7.4's steps carry no action parameters; a judge must read the states only.
 */
export type TemporalJudge = (lasso: TlcLasso) => string | null | Promise<string | null>;

/**
 * The result with `property` set to the judge's answer, when the result is a temporal
 * counterexample (violated, ending in a loop or stuttering) of a config with more than one
 * PROPERTY and TLC named none or one of them. Without a judge, or when it cannot tell, the
 * result is returned as it is (the first property TLC listed, in config order, or null).
 */
export async function nameTemporalViolation(
  result: CheckResult,
  properties: readonly string[],
  judge: TemporalJudge | undefined,
): Promise<CheckResult> {
  if (
    judge === undefined ||
    result.verdict !== 'violated' ||
    result.trace === null ||
    properties.length < 2
  )
    return result;
  if (result.loopsBackTo === null && !result.stuttering) return result;
  if (result.property !== null && !properties.includes(result.property)) return result;
  const name = await judge({
    trace: result.trace,
    loopsBackTo: result.loopsBackTo,
    stuttering: result.stuttering,
  });
  return name === null || name === result.property ? result : { ...result, property: name };
}
