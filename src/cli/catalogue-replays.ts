// What `ci` adds to its JSON report for each catalogue scenario that has both a breaking and a
// holding expectation (`expect "L-1" v2 ...: deadlock` and `expect "L-1" v3 ...: holds`): the
// break's counterexample replayed on the fixed case, and where the fix makes it diverge. This is
// the check a maintainer makes by hand with `credspec replay`, made for every pair.

import type { CheckedProgram } from '../check/check.js';
import type { CheckResult } from '../result/check-result.js';
import type { VariantResult } from '../result/result-file.js';
import type { Io } from './io.js';
import { type CaseReplay, ReplayInputError, replayCase } from './replay-case.js';
import { divergenceText, paramText } from './replay-text.js';
import { caseResult } from '../driver/run-case.js';

const NO_STATS = { distinctStates: 0, statesGenerated: 0, depth: 0, seconds: 0 };

/** One catalogue pair's replay, as the JSON report records it. */
export interface CatalogueReplay {
  readonly tag: string;
  readonly spec: string;
  /** The breaking case, `v2 (CALLERS=2, SIBLINGS=0)`. */
  readonly breaks: string;
  /** The holding case it was replayed on. */
  readonly fixed: string;
  readonly outcome: 'still-violates' | 'diverges' | 'runs-through' | 'not-replayed';
  /** The divergence as `replay` prints it, or the violation or the reason it was not replayed. */
  readonly detail: string;
}

/** Replays every catalogue break of one spec's results on each holding case of the same id. */
export async function catalogueReplays(
  spec: { readonly file: string; readonly checked: CheckedProgram },
  results: readonly VariantResult[],
  io: Pick<Io, 'cwd' | 'env'>,
): Promise<CatalogueReplay[]> {
  const out: CatalogueReplay[] = [];
  for (const brk of results) {
    const tag = brk.expected?.tag;
    if (tag === undefined || !replayable(brk)) continue;
    for (const fix of results) {
      if (fix.expected?.tag !== tag || fix.expected.verdict !== 'holds') continue;
      const entry = { tag, spec: brk.spec, breaks: caseName(brk), fixed: caseName(fix) };
      out.push({ ...entry, ...(await replayOn(spec, brk, fix, io)) });
    }
  }
  return out;
}

/** A break found as expected, with a finite trace to replay. */
function replayable(r: VariantResult): boolean {
  return (
    r.expected !== null &&
    r.expected.verdict !== 'holds' &&
    r.verdict === r.expected.verdict &&
    r.trace !== null &&
    r.loopsBackTo === null &&
    r.stuttering !== true
  );
}

/** `v2 (CALLERS=2, SIBLINGS=0)`: a case as a replay names it. */
export function caseName(r: VariantResult): string {
  return `${r.variant}${paramText(r.overrides ?? {})}`;
}

async function replayOn(
  spec: { readonly file: string; readonly checked: CheckedProgram },
  brk: VariantResult,
  fix: VariantResult,
  io: Pick<Io, 'cwd' | 'env'>,
): Promise<Pick<CatalogueReplay, 'outcome' | 'detail'>> {
  let replay: CaseReplay;
  try {
    replay = await replayCase(
      spec.checked,
      spec.file,
      brk,
      { variant: fix.variant, params: [], exactly: fix.overrides ?? {} },
      io.cwd,
    );
  } catch (err) {
    if (!(err instanceof ReplayInputError)) throw err;
    return { outcome: 'not-replayed', detail: err.message };
  }
  const { outcome, target, trace } = replay;
  const options = { engine: 'embedded' as const, cwd: io.cwd, env: io.env };
  const mapped = (result: Pick<CheckResult, 'verdict' | 'property' | 'trace'>): VariantResult =>
    caseResult(
      target,
      brk.spec,
      { engine: 'embedded', stats: NO_STATS, loopsBackTo: null, stuttering: false, ...result },
      options,
    );
  switch (outcome.kind) {
    case 'not-a-behaviour':
      return {
        outcome: 'not-replayed',
        detail: 'the counterexample is no behaviour of its own case',
      };
    case 'no-initial-state':
      return {
        outcome: 'diverges',
        detail: `the fixed case has no initial state ${outcome.init + 1}`,
      };
    case 'completes':
      return {
        outcome: 'runs-through',
        detail: `the whole schedule runs (${trace.length - 1} steps) and nothing is violated`,
      };
    case 'violates': {
      const r = mapped(outcome.result);
      const what = r.verdict === 'deadlock' ? 'deadlocks' : `violates ${r.property ?? ''}`;
      return {
        outcome: 'still-violates',
        detail: `${what} after ${(outcome.result.trace?.length ?? 1) - 1} steps`,
      };
    }
    case 'diverges':
      return {
        outcome: 'diverges',
        detail: divergenceText(
          brk,
          mapped({ verdict: 'holds', property: null, trace: [...outcome.trace] }),
          outcome,
          target.emitted.sourceMap,
        ),
      };
  }
}
