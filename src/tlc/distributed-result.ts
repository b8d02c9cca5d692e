// The CheckResult of a distributed run from what its server printed: read as a local run's
// output (its initial-state errors in their local form), a counterexample the server printed
// without naming it named by replaying it with plain TLC (distributed-replay.ts), and a stop, a
// lack of memory or a death from outside explained with what to do.

import type { CheckResult } from '../result/check-result.js';
import { at } from '../source/checked-index.js';
import type { ConfigFacts } from './distributed-config.js';
import type { DistributedStopReason, RunTlcDistributedOptions } from './distributed-options.js';
import { replayLastStep, type PrintedTraceState } from './distributed-replay.js';
import { DIST_EC, type ServerRun } from './distributed-server.js';
import {
  EC,
  interpretMessages,
  type InterpretOptions,
  type Progress,
  type TlcReport,
} from './interpret-messages.js';
import type { ToolMessage } from './read-tool-output.js';
import { readPrintedState } from './read-trace-state.js';
import { tlcErrorResult as errorResult } from './start.js';
import { inconclusiveOf, reportToCheckResult, statsOf, withJavaSaid } from './to-check-result.js';

/** 2102 `Error: Invariant X is violated.` + `While working on the initial state:` is 2107 in a local run. */
function asLocalInitialViolation(m: ToolMessage): ToolMessage {
  if (m.code !== DIST_EC.TLC_INITIAL_STATE) return m;
  const lines = m.text.split('\n');
  const inv = /^Error: Invariant (\S+) is violated/.exec(at(lines, 0, 'the first line').trim());
  const from = lines.findIndex((l) => /While working on the initial state/.test(l));
  if (!inv || from < 0) return m;
  return {
    code: EC.TLC_INVARIANT_VIOLATED_INITIAL,
    severity: m.severity,
    text: [`Invariant ${inv[1]} is violated by the initial state:`, ...lines.slice(from + 1)].join(
      '\n',
    ),
  };
}

const VIOLATION_CODES = new Set<number>([
  EC.TLC_INVARIANT_VIOLATED_BEHAVIOR,
  EC.TLC_INVARIANT_VIOLATED_INITIAL,
  EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR,
  EC.TLC_DEADLOCK_REACHED,
  EC.TLC_TEMPORAL_PROPERTY_VIOLATED,
  EC.TLC_VALUE_ASSERT_FAILED,
  EC.GENERAL,
  EC.TLC_INVARIANT_EVALUATION_FAILED,
]);

/** Where the server printed a counterexample nobody named: the index of its 2121, or -1. */
function unnamedTraceAt(messages: readonly ToolMessage[]): number {
  const at = messages.findIndex((m) => m.code === EC.TLC_BEHAVIOR_UP_TO_THIS_POINT);
  if (at < 0) return -1;
  return messages.slice(0, at).some((m) => VIOLATION_CODES.has(m.code)) ? -1 : at;
}

/** What turning a server's run into a result needs besides the run. */
interface ResultContext {
  readonly options: RunTlcDistributedOptions;
  readonly env: NodeJS.ProcessEnv;
  readonly facts: ConfigFacts;
  readonly interpretOptions: InterpretOptions;
  readonly workDir: string;
  readonly moduleName: string;
  readonly elapsed: () => number;
}

/** The CheckResult of a server's run: read as a local run's, or replayed when the server named no violation. */
export async function serverRunResult(run: ServerRun, c: ResultContext): Promise<CheckResult> {
  const messages = run.parsed.messages.map(asLocalInitialViolation);
  const traceAt = unnamedTraceAt(messages);
  return traceAt < 0
    ? namedResult(run, messages, c)
    : await replayedResult(run, messages, traceAt, c);
}

/** The result of a run whose messages say what they report (no trace without its violation). */
function namedResult(
  run: ServerRun,
  messages: readonly ToolMessage[],
  c: ResultContext,
): CheckResult {
  const report = interpretMessages({ ...run.parsed, messages }, c.interpretOptions);
  const progress = report.lastProgress ?? run.lastProgress;
  if (run.stopReason) {
    if (report.violations.length > 0 && report.traceProblems.length === 0)
      return reportToCheckResult(report, run.exitCode);
    return inconclusive(
      run.stopReason,
      c.options,
      progress,
      c.elapsed(),
      run.workersSeen,
      run.workerOutput,
    );
  }
  const memory =
    /OutOfMemoryError/.test(run.stderr) || run.workerOutput.some((o) => /OutOfMemoryError/.test(o));
  if (memory && report.violations.length === 0) {
    return {
      ...inconclusive(
        'timeout',
        c.options,
        progress,
        c.elapsed(),
        run.workersSeen,
        run.workerOutput,
      ),
      inconclusive: {
        reason: 'memory',
        advice:
          'A TLC process ran out of memory. Give Java more (JAVA_TOOL_OPTIONS=-Xmx8g, for example), add workers, or spread the fingerprint set over machines (distributed fingerprint sets).',
      },
    };
  }
  return explainError(reportToCheckResult(report, run.exitCode), run);
}

/**
 * The server printed a trace without saying what it violates: read the trace as a local run
 * would (under a placeholder heading), then let plain TLC re-check that behaviour and name it.
 */
async function replayedResult(
  run: ServerRun,
  messages: readonly ToolMessage[],
  traceAt: number,
  c: ResultContext,
): Promise<CheckResult> {
  const placeholder: ToolMessage = {
    code: EC.TLC_INVARIANT_VIOLATED_BEHAVIOR,
    severity: 1,
    text: 'Invariant ? is violated.',
  };
  const withHeading = [...messages.slice(0, traceAt), placeholder, ...messages.slice(traceAt)];
  const report: TlcReport = interpretMessages(
    { ...run.parsed, messages: withHeading },
    c.interpretOptions,
  );
  const trace = report.violations[0]?.trace;
  const printed = messages.slice(traceAt + 1).filter((m) => m.code === EC.TLC_STATE_PRINT2);
  const states = printed.map(printedState).filter((s): s is PrintedTraceState => s !== null);
  const stats = statsOf(report);
  if (
    !trace ||
    trace.steps.length === 0 ||
    states.length !== printed.length ||
    report.traceProblems.length > 0
  ) {
    return {
      ...errorResult(
        "TLC's distributed server printed a counterexample that could not be read.",
        c.elapsed(),
      ),
      stats,
    };
  }
  const replay = await replayLastStep({
    workDir: c.workDir,
    moduleName: c.moduleName,
    facts: c.facts,
    states,
    checkDeadlock: !(c.options.extraTlcArgs ?? []).includes('-deadlock'),
    tlcJar: c.options.tlcJar,
    env: c.env,
    signal: c.options.signal,
  });
  const base = {
    engine: 'tlc' as const,
    stats,
    trace: trace.steps,
    loopsBackTo: null,
    stuttering: false,
  };
  return replayVerdict(replay, base, states.length);
}

/** The verdict plain TLC gave the printed behaviour, on the trace the server printed. */
function replayVerdict(
  replay: CheckResult,
  base: Omit<CheckResult, 'verdict' | 'property'>,
  printedStates: number,
): CheckResult {
  switch (replay.verdict) {
    case 'violated':
      return { ...base, verdict: 'violated', property: replay.property };
    case 'deadlock':
      return { ...base, verdict: 'deadlock', property: null };
    case 'error':
      return {
        ...base,
        verdict: 'error',
        property: replay.property,
        error: replay.error ?? {
          message: 'TLC reported an error while re-checking the counterexample.',
        },
      };
    default: {
      const followed = replay.stats.distinctStates;
      const message =
        followed < printedStates
          ? `TLC's distributed server reported a violation, but the counterexample it printed is not a behaviour of the spec (TLC on this machine could follow only ${followed} of its ${printedStates} states from an initial state), so credspec cannot show it. TLC 1.7.4's distributed mode is known to print such traces; use a newer TLC, or run the check on one machine (without --distributed).`
          : "TLC's distributed server printed a counterexample without saying what it violates, and checking it again with TLC on this machine found nothing. Run the check on one machine (without --distributed) to see the violation named.";
      return {
        ...base,
        verdict: 'error',
        property: null,
        ...(followed < printedStates ? { trace: null } : {}),
        error: { message },
      };
    }
  }
}

/** The text of one 2217 state without its `N: <Action ...>` heading, and what it holds. */
function printedState(m: ToolMessage): PrintedTraceState | null {
  const read = readPrintedState(m.text);
  if (!read.ok) return null;
  const text = m.text.split('\n').slice(1).join('\n');
  const entries = Object.entries(read.value.state);
  return { text, variables: entries.map(([k]) => k), values: entries.map(([, v]) => v) };
}

function explainError(result: CheckResult, run: ServerRun): CheckResult {
  if (result.verdict !== 'error') return result;
  if (run.exitCode === null) {
    return {
      ...result,
      error: {
        message: `TLC's distributed server was killed by ${run.signal ?? 'a signal'} from outside credspec before it finished, so there is no verdict. Run the check again; if it keeps dying, look for an out-of-memory killer or a process limit.`,
      },
    };
  }
  const said = [run.stderr, ...run.workerOutput.filter((o) => /Exception|Error/.test(o))]
    .join('\n')
    .split('\n')
    .filter((l) => /Exception|Error/.test(l))
    .slice(0, 5)
    .join('\n');
  return withJavaSaid(result, said);
}

const ADVICE: Record<
  DistributedStopReason,
  (o: RunTlcDistributedOptions, workers: number) => string
> = {
  timeout: (o) =>
    `TLC's distributed run was stopped after ${o.timeoutSeconds} s before it finished. Raise --timeout, add workers (on this machine or others), or lower the model's parameters.`,
  'max-states': (o) =>
    `TLC's distributed run was stopped after finding ${o.maxStates} distinct states. Raise --max-states or lower the model's parameters.`,
  interrupted: () =>
    "TLC's distributed run was interrupted before it finished; no property was found violated so far.",
  'no-workers': (_o, n) =>
    `Every local worker stopped before the search finished (${n} had registered with the server), so the server was stopped too. Run again; if workers keep dying, look at their memory (JAVA_TOOL_OPTIONS=-Xmx...) or the firewall between them and the server.`,
};

export function inconclusive(
  reason: DistributedStopReason,
  options: RunTlcDistributedOptions,
  progress: Progress | null,
  seconds: number,
  workers: number,
  workerOutput: readonly string[] = [],
): CheckResult {
  const said =
    reason === 'no-workers'
      ? workerOutput.flatMap((o) => o.split('\n')).find((l) => /^Error|Exception/.test(l.trim()))
      : undefined;
  return inconclusiveOf(progress, seconds, {
    reason: reason === 'no-workers' ? 'interrupted' : reason,
    advice: ADVICE[reason](options, workers) + (said ? ` A worker said: ${said.trim()}` : ''),
  });
}
