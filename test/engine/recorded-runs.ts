// The recorded TLC runs of ../shared/tlc-fixtures as the agreement tests read them: the final
// statistics and trace length of each run, and a fixture module checked and its trace replayed.

import { readFileSync } from 'node:fs';
import { checkTlaModule } from '../../src/engine/search/explore.js';
import type { EngineCheckResult } from '../../src/engine/search/stop-result.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { replayTrace } from '../../src/engine/search/replay.js';
import { FIXTURES, fixturesPresent } from '../tlc/fixture-files.js';
import type * as F from './fixture-modules.js';

/** Skipped by name where the recorded runs are not beside the checkout. */
export const withFixtures = fixturesPresent ? describe : describe.skip;
export const NEEDS = fixturesPresent ? '' : ` (skipped: no recorded TLC runs at ${FIXTURES})`;

/** The final statistics line of a recorded TLC run: generated, distinct, queued, depth. */
function recordedStats(
  dir: string,
): { generated: number; distinct: number; queued: number; depth: number } | undefined {
  const out = readFileSync(`${FIXTURES}/${dir}/plain.out`, 'utf8');
  const m =
    /^(\d+) states generated, (\d+) distinct states found, (\d+) states left on queue\.$/m.exec(
      out,
    );
  const d = /The depth of the complete state graph search is (\d+)\./.exec(out);
  if (m === null || d === null) return undefined;
  return {
    generated: Number(m[1]),
    distinct: Number(m[2]),
    queued: Number(m[3]),
    depth: Number(d[1]),
  };
}

/** Number of `State n:` lines of the recorded trace (a `Stuttering` line excluded). */
function recordedTraceLength(dir: string): number {
  const out = readFileSync(`${FIXTURES}/${dir}/plain.out`, 'utf8');
  return (out.match(/^State \d+: </gm) ?? []).length;
}

/** The fixture module checked by the embedded engine with its config. */
export async function run(f: F.Fixture): Promise<EngineCheckResult> {
  return checkTlaModule(f.module, f.config);
}

/** Expects the result's counterexample to replay against the module, lasso or stuttering end included. */
export function expectReplays(
  f: F.Fixture,
  r: EngineCheckResult,
  extra: { deadlock?: boolean } = {},
): void {
  const exe = interpretModule(f.module, f.config);
  const problems = replayTrace(exe, r.trace!, {
    loopsBackTo: r.loopsBackTo,
    stuttering: r.stuttering,
    property: r.property,
    ...extra,
  });
  expect(problems).toEqual([]);
}

/** TLC's names of the counts, and the engine's. */
const COUNTS = {
  generated: 'statesGenerated',
  distinct: 'distinctStates',
  queued: 'queued',
  depth: 'depth',
} as const;
type Count = keyof typeof COUNTS;

/** What of a recorded run a result is held to (everything unless said otherwise). */
export interface RecordedParts {
  /** The counts compared (default all four). */
  readonly counts?: readonly Count[];
  /** The trace has the recorded run's length (default true). */
  readonly traceLength?: boolean;
  /** The counterexample replays against the module (default true). */
  readonly replays?: boolean;
  /** The counterexample ends in a deadlock. */
  readonly deadlock?: boolean;
}

/**
 * Expects `r`, fixture `f` checked by the embedded engine, to be TLC's recorded run `name` again:
 * the same counts, a trace of the recorded length, and a counterexample that replays.
 */
export function expectRecordedRun(
  r: EngineCheckResult,
  f: F.Fixture,
  name: string,
  parts: RecordedParts = {},
): void {
  const tlc = recordedStats(name);
  if (tlc === undefined) throw new Error(`${name}: the recorded run has no statistics line`);
  const counts = parts.counts ?? (Object.keys(COUNTS) as Count[]);
  expect(counts.map((c) => r.stats[COUNTS[c]])).toEqual(counts.map((c) => tlc[c]));
  if (parts.traceLength !== false) expect(r.trace).toHaveLength(recordedTraceLength(name));
  if (parts.replays !== false)
    expectReplays(f, r, parts.deadlock === true ? { deadlock: true } : {});
}
