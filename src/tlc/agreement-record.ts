// The recorded TLC results the agreement suite compares with (`test/agreement/tlc-recorded.json`):
// the record shape, a record made from a CheckResult, the file's stable text, and the comparison
// of two results by the suite's rules. Pure: reading, writing and running TLC are the callers'.

import type { CheckResult, TlaTraceStep } from '../result/check-result.js';
import type { AgreementKey } from './agreement-cases.js';

/** The same numbers from either engine, so one comparison serves record, live TLC and engine. */
export interface ComparableOutcome {
  readonly verdict: CheckResult['verdict'];
  readonly property: string | null;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  /** States in the counterexample (a lasso's states, its loop not repeated); null without one. */
  readonly traceLength: number | null;
}

/** What TLC said about one case, as far as agreement is judged. */
export interface TlcOutcome extends ComparableOutcome {
  /** TLC's `TLC2 Version ...` line. */
  readonly version: string;
  readonly loopsBackTo: number | null;
  readonly stuttering: boolean;
  /** Wall seconds of the whole TLC run (JVM start included), rounded to tenths. */
  readonly seconds: number;
  /** For a temporal property's counterexample only: the lasso, so it can be replayed without TLC. */
  readonly trace?: readonly TlaTraceStep[];
  /** For verdicts `error` and `inconclusive`: what TLC or the runner said. */
  readonly note?: string;
}

/** One record: the key of the case and TLC's outcome on it. */
export interface TlcRecord extends AgreementKey {
  readonly module: string;
  readonly tlc: TlcOutcome;
}

/** The whole recorded file. */
export interface TlcRecordFile {
  /** How the records were made, for a reader of the file. */
  readonly about: string;
  readonly records: readonly TlcRecord[];
}

export const RECORD_FILE_ABOUT =
  'TLC results of every case of every spec in specs/ (ci and check cases), one worker, made by `npm run record-tlc`; ' +
  'sha256 is of the emitted module text, a NUL, and the config text. Compared by test/agreement/.';

/**
 * A result as recorded; `temporal` says whether its property is a temporal one (its lasso is kept).
 * @public scripts/record-tlc.mjs calls it from the build.
 */
export function outcomeOf(
  result: CheckResult,
  version: string,
  wallSeconds: number,
  temporal: boolean,
): TlcOutcome {
  const note = result.error?.message ?? result.inconclusive?.advice;
  return {
    version,
    verdict: result.verdict,
    property: result.property,
    distinct: result.stats.distinctStates,
    generated: result.stats.statesGenerated,
    depth: result.stats.depth,
    traceLength: result.trace?.length ?? null,
    loopsBackTo: result.loopsBackTo,
    stuttering: result.stuttering,
    seconds: Math.round(wallSeconds * 10) / 10,
    ...(temporal && result.trace !== null ? { trace: result.trace } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

/** The comparable part of a CheckResult. */
export function comparableOf(result: CheckResult): ComparableOutcome {
  return {
    verdict: result.verdict,
    property: result.property,
    distinct: result.stats.distinctStates,
    generated: result.stats.statesGenerated,
    depth: result.stats.depth,
    traceLength: result.trace?.length ?? null,
  };
}

/**
 * The differences between two outcomes of the same module, each naming both numbers; empty when
 * they agree. The rules: the same verdict and property; for runs that explore everything (the
 * properties hold, or a temporal property is checked on the whole graph) the same distinct
 * states, states generated and depth; for invariant, action-property and assertion violations
 * and deadlocks, a counterexample of the same (shortest) length (the counts at the stop depend
 * on where in a level each engine notices, so they are not compared). A temporal
 * counterexample's length is not compared either (TLC's are not shortest): callers replay it.
 */
export function compareOutcomes(
  a: ComparableOutcome,
  b: ComparableOutcome,
  names: { a: string; b: string },
  isTemporal: (property: string) => boolean,
): string[] {
  const out: string[] = [];
  const differ = (what: string, x: unknown, y: unknown): void => {
    if (x !== y) out.push(`${what}: ${names.a} ${String(x)}, ${names.b} ${String(y)}`);
  };
  differ('verdict', a.verdict, b.verdict);
  differ('property', a.property, b.property);
  if (out.length > 0) return out;
  if (a.verdict === 'error' || a.verdict === 'inconclusive') return out;
  if (a.verdict === 'holds' || (a.property !== null && isTemporal(a.property))) {
    differ('distinct states', a.distinct, b.distinct);
    differ('states generated', a.generated, b.generated);
    differ('depth', a.depth, b.depth);
  } else {
    differ('counterexample length', a.traceLength, b.traceLength);
  }
  return out;
}

/**
 * Records in a fixed order: by spec, then as the suite lists the cases (`order` gives each key's rank).
 * @public scripts/record-tlc.mjs calls it from the build.
 */
export function sortRecords(
  records: readonly TlcRecord[],
  order: (r: TlcRecord) => number,
): TlcRecord[] {
  return [...records].sort((x, y) =>
    x.spec < y.spec ? -1 : x.spec > y.spec ? 1 : order(x) - order(y),
  );
}

/**
 * The file's text: two-space JSON, keys in the order of the types above, a final newline.
 * @public scripts/record-tlc.mjs calls it from the build.
 */
export function recordFileText(records: readonly TlcRecord[]): string {
  const file: TlcRecordFile = { about: RECORD_FILE_ABOUT, records };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The record whose key matches exactly, or, failing that, the record of the same case with another hash. */
export function findRecord(
  records: readonly TlcRecord[],
  key: AgreementKey,
): { exact: TlcRecord | undefined; stale: TlcRecord | undefined } {
  const same = records.filter(
    (r) => r.spec === key.spec && r.variant === key.variant && r.params === key.params,
  );
  return {
    exact: same.find((r) => r.sha256 === key.sha256),
    stale: same.find((r) => r.sha256 !== key.sha256),
  };
}
