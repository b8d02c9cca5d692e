// Whether a checked variant met what its spec expects. A `holds` expectation is met only by
// an exhaustive `holds`; an `inconclusive` run never meets an expectation (CLI.md: ci exit 4).

import type { Expectation, VariantResult } from './result-file.js';

export type ExpectationOutcome = 'met' | 'unmet' | 'inconclusive' | 'error' | 'none';

/** Compares a result with its expectation. */
export function judgeExpectation(
  result: Pick<VariantResult, 'verdict' | 'property' | 'expected'>,
): ExpectationOutcome {
  const expected = result.expected;
  if (expected === null) return 'none';
  if (result.verdict === 'error') return 'error';
  if (result.verdict === 'inconclusive') return 'inconclusive';
  if (result.verdict !== expected.verdict) return 'unmet';
  if (
    expected.verdict === 'violated' &&
    expected.property !== null &&
    expected.property !== result.property
  )
    return 'unmet';
  return 'met';
}

/** "violates ll_frame", "deadlock", "holds": a verdict the way specs and reports write it. */
export function describeVerdict(verdict: string, property: string | null): string {
  if (verdict === 'violated') return property === null ? 'violates' : `violates ${property}`;
  return verdict;
}

/** The same for an expectation. */
export function describeExpectation(expected: Expectation): string {
  const verdict = describeVerdict(expected.verdict, expected.property);
  if (expected.simulation === undefined) return verdict;
  const options = Object.entries(expected.simulation)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  return `${verdict} by simulation(${options})`;
}

/** `CALLERS=2, SIBLINGS=0`, sorted by name, as reports show a parameter set; empty for none. */
export function describeParams(
  params: Readonly<Record<string, number | boolean | string>>,
): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(', ');
}
