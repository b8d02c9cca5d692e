// A sweep's summaries in words: plain text for the terminal (with each smallest breaking set's
// trace as `check` prints it), a Markdown table for a README, and the JSON report
// (schema/sweep.schema.json).

import type { ParamSet } from '../model/params.js';
import { formatViolation } from '../driver/report-text.js';
import { setText } from './run-sweep.js';
import type { VariantSummary } from './summary.js';

function setWords(params: ParamSet): string {
  const text = setText(params);
  return text === '' ? '(no params)' : text;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The lines `sweep` prints for one variant. */
export function summaryText(s: VariantSummary): string {
  const lines = [
    `${s.variant}${s.fixed ? ' (expected to hold)' : ''}: ${count(s.holds.length, 'set holds', 'sets hold')}, ${count(s.breaking.length, 'property breaks', 'properties break')}, ${s.cutOff.length} cut off, ${s.failed.length} failed`,
  ];
  for (const b of s.breaking) {
    lines.push(
      `  ${b.property} breaks first at ${setWords(b.params)} (${b.threads} threads)${s.fixed ? ': unexpected' : ''}`,
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

/** A Markdown table of the sweep, one row per variant and broken property (or one "holds" row). */
export function summaryTable(summaries: readonly VariantSummary[]): string {
  const rows = [
    '| variant | expected | property | smallest breaking set | sets holding | cut off |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of summaries) {
    const expected = s.fixed ? 'holds' : 'breaks';
    const tail = `${s.holds.length} | ${s.cutOff.length} |`;
    if (s.breaking.length === 0) rows.push(`| ${s.variant} | ${expected} | (all) | none | ${tail}`);
    for (const b of s.breaking)
      rows.push(
        `| ${s.variant} | ${expected} | ${b.property} | \`${setWords(b.params)}\` | ${tail}`,
      );
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
      breaking: s.breaking.map((b) => ({
        property: b.property,
        params: b.params,
        threads: b.threads,
        result: b.result,
      })),
      holds: s.holds,
      cutOff: s.cutOff,
      failed: s.failed,
    })),
  };
}
