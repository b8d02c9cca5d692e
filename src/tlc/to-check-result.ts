// Takes the messages of one finished TLC run and its exit code, and returns the CheckResult
// every engine returns. Pure. Violations are counted from the messages, never inferred from
// 2193 or exit 0 alone (`-continue` prints both after violations); the exit code only
// confirms, or explains a run that printed no verdict.

import type { CheckResult, CheckStats } from '../result/check-result.js';
import type { ParsedToolOutput } from './read-tool-output.js';
import {
  interpretMessages,
  type InterpretOptions,
  type Progress,
  type ReadTrace,
  type TlcReport,
} from './interpret-messages.js';

/** TLC's exit codes (`EC.ExitStatus`), for messages about runs that printed no verdict. */
export const TLC_EXIT_CODES: Readonly<Record<number, string>> = {
  0: 'success',
  10: 'an assumption is false or failed to evaluate',
  11: 'deadlock reached',
  12: 'safety violation',
  13: 'liveness or action property violation',
  14: 'assertion failed',
  75: 'evaluation error in the spec',
  76: 'evaluation error in an invariant',
  77: 'evaluation error in a liveness property',
  150: 'the module could not be parsed',
  151: 'the configuration file is bad or incomplete',
  152: 'the state space is too large',
  153: 'system error',
  255: 'error',
};

/** Statistics as CheckResult counts them, from the final report or, failing that, the last progress line. */
export function statsOf(report: TlcReport): CheckStats {
  const progress = report.lastProgress;
  const base =
    report.stats ??
    (progress
      ? { generated: progress.generated, distinct: progress.distinct, queue: progress.queue }
      : null);
  const distinct = base?.distinct ?? report.initialStates ?? 0;
  return {
    distinctStates: distinct,
    statesGenerated: base?.generated ?? report.initialStates ?? 0,
    depth: report.depth ?? progress?.depth ?? 0,
    seconds: report.seconds ?? 0,
    queued: base?.queue ?? 0,
  };
}

function traceFields(
  trace: ReadTrace | null,
): Pick<CheckResult, 'trace' | 'loopsBackTo' | 'stuttering' | 'loopAction'> {
  if (!trace || trace.steps.length === 0)
    return { trace: null, loopsBackTo: null, stuttering: false };
  return {
    trace: trace.steps,
    loopsBackTo: trace.loopsBackTo,
    ...(trace.loopAction !== undefined ? { loopAction: trace.loopAction } : {}),
    stuttering: trace.stuttering,
  };
}

/** Words for an exit code, as TLC defines them. */
export function describeExitCode(exitCode: number): string {
  return TLC_EXIT_CODES[exitCode] ?? 'unknown exit code';
}

/**
 * The verdict of a finished run: the first failure makes it `error`; else the first violation
 * makes it `violated` (or `deadlock`); else `holds` when TLC printed 2193 and exited 0; anything
 * else is an `error` that names the exit code. `exitCode` is null when TLC was ended by a signal.
 */
export function toCheckResult(
  parsed: ParsedToolOutput,
  exitCode: number | null,
  options: InterpretOptions = {},
): CheckResult {
  return reportToCheckResult(interpretMessages(parsed, options), exitCode);
}

/** The same decision on an already interpreted report (the runner interprets while it streams). */
export function reportToCheckResult(report: TlcReport, exitCode: number | null): CheckResult {
  const stats = statsOf(report);
  const base = { engine: 'tlc' as const, stats };

  const failure = report.failures[0];
  if (failure) {
    return {
      ...base,
      verdict: 'error',
      property: failure.property ?? null,
      ...traceFields(failure.trace),
      error: {
        message: failure.message,
        ...(failure.tlaLocation ? { tlaLocation: failure.tlaLocation } : {}),
      },
    };
  }

  const violation = report.violations[0];
  if (violation) {
    if (report.traceProblems.length > 0) {
      return {
        ...base,
        verdict: 'error',
        property: violation.property,
        trace: null,
        loopsBackTo: null,
        stuttering: false,
        error: {
          message: `TLC reported a ${violation.kind === 'deadlock' ? 'deadlock' : 'violation'}, but its trace could not be read: ${report.traceProblems[0]}`,
        },
      };
    }
    return {
      ...base,
      verdict: violation.kind === 'deadlock' ? 'deadlock' : 'violated',
      property: violation.kind === 'deadlock' ? null : violation.property,
      ...traceFields(violation.trace),
    };
  }

  if (report.success && exitCode === 0) {
    return {
      ...base,
      verdict: 'holds',
      property: null,
      trace: null,
      loopsBackTo: null,
      stuttering: false,
    };
  }

  const message =
    exitCode === null
      ? 'TLC was stopped before it finished (killed by a signal), so there is no verdict. Run it again; if it keeps stopping, check the memory available to Java.'
      : `TLC exited with code ${exitCode} (${describeExitCode(exitCode)}) without reporting ${report.success ? 'a consistent result' : 'a result'} credspec could read.`;
  return {
    ...base,
    verdict: 'error',
    property: null,
    trace: null,
    loopsBackTo: null,
    stuttering: false,
    error: { message },
  };
}

/** An error result with what Java printed (`said`, a few lines) after its message; any other result, or nothing said, as it is. */
export function withJavaSaid(result: CheckResult, said: string): CheckResult {
  if (result.verdict !== 'error' || result.error === undefined || said === '') return result;
  return {
    ...result,
    error: { ...result.error, message: `${result.error.message}\nJava said: ${said}` },
  };
}

/** A run with no verdict: TLC's counts when it stopped (none known: 0), and why and what next. */
export function inconclusiveOf(
  progress: Progress | null,
  seconds: number,
  inconclusive: NonNullable<CheckResult['inconclusive']>,
): CheckResult {
  return {
    engine: 'tlc',
    verdict: 'inconclusive',
    property: null,
    stats: {
      distinctStates: progress?.distinct ?? 0,
      statesGenerated: progress?.generated ?? 0,
      depth: progress?.depth ?? 0,
      seconds,
      queued: progress?.queue ?? 0,
    },
    trace: null,
    loopsBackTo: null,
    stuttering: false,
    inconclusive,
  };
}
