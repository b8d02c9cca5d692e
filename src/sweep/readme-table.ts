// The README's sweep table: what `credspec sweep` finds on each shipped spec within a budget a
// CI job can afford. The budget is counted in work, not seconds, so that the table is the same
// on any machine: the first `maxSets` sets of each variant's ranges as the spec's `sweep` blocks
// narrow them, in sweep order (the smallest; a race variant goes on to its expected breaks), each
// search stopped at `maxStates` states. `budgetSeconds` is only a guard against a runaway run; a
// table produced while it cut sets off says so in its "cut off" column, and the drift test
// (test/readme/sweep-table.full.test.ts) then fails rather than compare a machine's speed.
// `npm run sweep-table` (scripts/sweep-table.mjs) rewrites the README part between the markers.

/** The sweep settings of the README table, as `credspec sweep` options. */
export const README_SWEEP = {
  maxSets: 16,
  maxStates: 100_000,
  budgetSeconds: 1800,
} as const;

/**
 * The `credspec sweep` arguments of one spec's row group.
 * @public scripts/sweep-table.mjs and the drift test call it.
 */
export function readmeSweepArgs(spec: string): string[] {
  return [
    'sweep',
    spec,
    '--table',
    '--max-sets',
    String(README_SWEEP.maxSets),
    '--max-states',
    String(README_SWEEP.maxStates),
    '--budget',
    String(README_SWEEP.budgetSeconds),
  ];
}

const START = '<!-- sweep-table:start (npm run sweep-table rewrites this part) -->';
const END = '<!-- sweep-table:end -->';

/**
 * The README part: each spec's table under its name, in the order given.
 * @public scripts/sweep-table.mjs and the drift test call it.
 */
export function renderSweepSection(
  tables: readonly { readonly spec: string; readonly table: string }[],
): string {
  return tables.map((t) => `\`${t.spec}\`:\n\n${t.table.trim()}`).join('\n\n');
}

/**
 * The part between the markers, trimmed, or null when the README has no markers.
 * @public the drift test calls it.
 */
export function extractSweepSection(readme: string): string | null {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + START.length, end).trim();
}

/**
 * The README with the part between the markers replaced.
 * @public scripts/sweep-table.mjs calls it.
 */
export function replaceSweepSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('the README has no sweep-table markers');
  return `${readme.slice(0, start + START.length)}\n${section}\n${readme.slice(end)}`;
}
