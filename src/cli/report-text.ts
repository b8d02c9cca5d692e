// How `check` and `ci` print results: one line per checked variant and parameter set, and
// for a violation the trace in the spec's words (Spin `-t -p` style), the property and advice.

import type { VariantResult } from '../result/result-file.js';
import { describeExpectation, describeParams, describeVerdict } from '../result/expectation.js';
import { formatTextTrace } from '../trace/formats/text.js';

/** `specs/x.cred v2 (CALLERS=2): deadlock  120 states, 300 generated, depth 14, 0.31 s` */
export function formatResultLine(r: VariantResult): string {
  // The parameters this check set; the rest are the spec's defaults (the result file has them all).
  const params = describeParams(r.overrides ?? r.params);
  const what = `${r.spec} ${r.variant}${params ? ` (${params})` : ''}`;
  const verdict = describeVerdict(r.verdict, r.property);
  const stats = `${r.stats.distinctStates} distinct states, ${r.stats.statesGenerated} generated, depth ${r.stats.depth}, ${r.stats.seconds.toFixed(2)} s`;
  return `${what}: ${verdict}  (${stats})`;
}

/** The story of a violation, an error or an inconclusive run, ready to print under its line. */
export function formatViolation(r: VariantResult): string {
  const lines: string[] = [];
  if (r.verdict === 'error') lines.push(`  error: ${r.error?.message ?? 'the check failed'}`);
  if (r.verdict === 'inconclusive') lines.push(`  inconclusive (${r.inconclusive?.reason ?? 'limit'}): ${r.inconclusive?.advice ?? ''}`);
  if (r.verdict === 'violated' && r.propertyLocation) {
    lines.push(`  ${r.property} is declared at ${r.propertyLocation.file}:${r.propertyLocation.line}:${r.propertyLocation.column}`);
  }
  if (r.trace) {
    lines.push(`  counterexample (${r.trace.length} states, module ${r.module}):`);
    lines.push(formatTextTrace(r).replace(/^(?=.)/gm, '  '));
  }
  if (r.expected) lines.push(`  expected: ${describeExpectation(r.expected)}`);
  return lines.join('\n');
}
