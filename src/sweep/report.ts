// A sweep's summaries in words: plain text for the terminal (with each smallest breaking set's
// trace as `check` prints it), a Markdown table for a README, and the JSON report
// (schema/sweep.schema.json).

import type { ParamSet } from '../model/params.js';
import { formatViolation } from '../driver/report-text.js';
import { setText } from './run-sweep.js';
import type { Breaking, VariantSummary } from './summary.js';

function setWords(params: ParamSet): string {
  const text = setText(params);
  return text === '' ? '(no params)' : text;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The lines `sweep` prints for one variant. */
export function summaryText(s: VariantSummary): string {
  const left = s.beyond === 0 ? '' : `, ${s.beyond} of the declared sets not checked`;
  const lines = [
    `${s.variant}${s.fixed ? ' (expected to hold)' : ''}: ${count(s.holds.length, 'set holds', 'sets hold')}, ${count(s.breaking.length, 'property breaks', 'properties break')}, ${s.cutOff.length} cut off, ${s.failed.length} failed${left}`,
  ];
  for (const b of s.breaking) {
    const expected = s.expectedBreaks.includes(b.property) ? ': expected' : '';
    lines.push(
      `  ${b.property} breaks first at ${setWords(b.params)} (${b.threads} threads)${b.unexpected ? ': unexpected' : expected}`,
    );
    lines.push(formatViolation(b.result));
  }
  for (const c of s.cutOff)
    lines.push(
      `  cut off by the ${c.by === 'budget' ? 'budget' : 'state limit'}: ${setWords(c.params)}`,
    );
  for (const f of s.failed) lines.push(`  failed at ${setWords(f.params)}: ${f.message}`);
  return lines.join('\n');
}

/** What the sweep says of a broken property: a finding, a race the spec expects, or neither. */
function breakWord(s: VariantSummary, b: Breaking): string {
  if (b.unexpected) return '**finding**';
  return s.expectedBreaks.includes(b.property) ? 'expected' : 'no expectation';
}

/**
 * A Markdown table of the sweep, one row per variant and broken property (or one "none" row).
 * A breaking set is named by the params that differ from the variant's defaults, so that a row
 * reads as the knobs a user turns to meet it.
 */
export function summaryTable(summaries: readonly VariantSummary[]): string {
  const rows = [
    '| variant | property | smallest breaking set (changed from the defaults) | threads | verdict | sets holding | cut off | left out |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of summaries) {
    const tail = `${s.holds.length} | ${s.cutOff.length + s.failed.length} | ${s.beyond} |`;
    if (s.breaking.length === 0)
      rows.push(
        `| ${s.variant} | (all) | none | | ${s.fixed ? 'holds' : 'no break found'} | ${tail}`,
      );
    for (const b of s.breaking) {
      const set = setText(b.differs);
      rows.push(
        `| ${s.variant} | ${b.property} | ${set === '' ? '(defaults)' : `\`${set}\``} | ${b.threads} | ${breakWord(s, b)} | ${tail}`,
      );
    }
  }
  return rows.join('\n');
}

/** The JSON report's object. */
export function sweepJson(
  spec: string,
  version: string,
  summaries: readonly VariantSummary[],
): object {
  return {
    tool: 'credspec',
    version,
    spec,
    variants: summaries.map((s) => ({
      variant: s.variant,
      fixed: s.fixed,
      expectedBreaks: s.expectedBreaks,
      breaking: s.breaking.map((b) => ({
        property: b.property,
        params: b.params,
        changed: b.differs,
        threads: b.threads,
        unexpected: b.unexpected,
        result: b.result,
      })),
      holds: s.holds,
      cutOff: s.cutOff,
      failed: s.failed,
      leftOut: s.beyond,
    })),
  };
}
