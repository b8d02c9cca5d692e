// The README's scenario table: one row per (variant, parameter set) that `credspec ci` checks,
// with the catalogue id, the expected and actual verdicts, the counterexample's preemptions
// (and the length it was shrunk from), where the break's replay on each fix of the same id
// diverges (catalogue-replays.ts), the state count and the time. The time column is the only
// one allowed to differ between runs (see maskTimes).

import type { VariantResult } from '../../result/result-file.js';
import { type CatalogueReplay, caseName } from '../catalogue-replays.js';
import {
  describeExpectation,
  describeVerdict,
  judgeExpectation,
} from '../../result/expectation.js';

export const TABLE_START =
  '<!-- scenario-table:start (npm run scenario-table rewrites this part) -->';
export const TABLE_END = '<!-- scenario-table:end -->';

/** The parameters the expectation sets (its `with` list): what identifies a scenario. */
function paramsCell(r: VariantResult): string {
  const set = r.overrides ?? {};
  return Object.keys(set)
    .sort()
    .map((k) => `${k}=${String(set[k])}`)
    .join(', ');
}

/** `2`, `2 (shrunk from 83 states)`: the counterexample's preemptions; empty without one. */
function preemptionsCell(r: VariantResult): string {
  const facts = r.counterexample;
  if (r.trace === null || facts === undefined) return '';
  const n = facts.preemptions === null ? '?' : String(facts.preemptions);
  return facts.shrunkFrom === undefined ? n : `${n} (shrunk from ${facts.shrunkFrom} states)`;
}

/** Where the break's replay on each fix of its id stops: `v3: diverges at step 16 (caller1 restrict_siblings.must_wait)`. */
function replayCell(r: VariantResult, replays: readonly CatalogueReplay[]): string {
  const tag = r.expected?.tag;
  if (tag === undefined) return '';
  const name = caseName(r);
  const mine = replays.filter((p) => p.tag === tag && p.spec === r.spec && p.breaks === name);
  const variant = (p: CatalogueReplay): string => p.fixed.replace(/ \(.*$/, '');
  // A fix checked with several parameter sets is named with them.
  const label = (p: CatalogueReplay): string =>
    mine.filter((q) => variant(q) === variant(p)).length > 1 ? p.fixed : variant(p);
  return mine.map((p) => `${label(p)}: ${replaySummary(p)}`).join('; ');
}

function replaySummary(p: CatalogueReplay): string {
  if (p.outcome !== 'diverges')
    return p.outcome === 'still-violates' ? p.detail : p.outcome.replace('-', ' ');
  const [first, second] = p.detail.split('\n');
  // `  step 16 of the counterexample: caller1 restrict_siblings.must_wait at file:line:col`
  const what = second?.match(/^\s*step \d+ of the counterexample: (.*?)(?: at \S+)?$/)?.[1];
  return what === undefined ? (first ?? p.detail) : `${first} (${what})`;
}

/** The markdown table for these results, in the order ci ran them. */
export function renderScenarioTable(
  results: readonly VariantResult[],
  replays: readonly CatalogueReplay[] = [],
): string {
  const rows = results.map((r) => {
    const outcome = judgeExpectation(r);
    return [
      r.expected?.tag ?? '',
      r.spec.replace(/^specs\//, ''),
      r.variant,
      paramsCell(r),
      r.expected ? describeExpectation(r.expected) : '',
      describeVerdict(r.verdict, r.property),
      outcome === 'met' ? 'yes' : outcome === 'unmet' ? '**no**' : outcome,
      preemptionsCell(r),
      replayCell(r, replays),
      r.stats.distinctStates.toLocaleString('en-US'),
      `${r.stats.seconds.toFixed(2)} s`,
    ];
  });
  const header = [
    'id',
    'spec',
    'variant',
    'parameters',
    'expected',
    'actual',
    'as expected',
    'preemptions',
    'replayed on the fix',
    'states',
    'time',
  ];
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    line(header),
    `|${header.map((_, i) => (i >= 9 ? '---:' : '---')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The table with its time column blanked, for comparing runs. */
export function maskTimes(table: string): string {
  return table
    .split('\n')
    .map((row) => row.replace(/\| [0-9.]+ s \|$/, '| - |'))
    .join('\n');
}

/** The table between the markers of a README, or null when the markers are missing. */
export function extractScenarioTable(readme: string): string | null {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + TABLE_START.length, end).trim();
}

/**
 * The README with its table replaced.
 * @public scripts/scenario-table.mjs calls it from the build.
 */
export function replaceScenarioTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('the README has no scenario-table markers');
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
