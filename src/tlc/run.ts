// Takes a TLA+ module and its config and returns TLC's CheckResult: finds Java and the jar,
// writes the module (and the .tla files beside a module path) and the config into the run's
// private folder, runs `tlc2.TLC -tool` there, streams progress, enforces time and state limits
// and Ctrl-C, and always removes the folder. It must not leave a java process or a file behind.

import { type GroupExit, spawnGroup } from '../process/process-groups.js';
import type { CheckResult } from '../result/check-result.js';
import {
  interpretMessages,
  readProgress,
  EC,
  type Progress,
  type InterpretOptions,
  type TlcReport,
} from './interpret-messages.js';
import { ToolOutputReader } from './read-tool-output.js';
import { inconclusiveOf, reportToCheckResult, withJavaSaid } from './to-check-result.js';
import { nameTemporalViolation } from './name-temporal.js';
import {
  inRunFolder,
  runFiles,
  startTlc,
  tlcArguments,
  tlcErrorResult as errorResult,
  type TlcStartOptions,
} from './start.js';

export { prepareTlc } from './start.js';

/** Progress as the CLI draws it: TLC's counts so far. */
export interface TlcProgress {
  readonly distinct: number;
  readonly generated: number;
  readonly queue: number;
  readonly depth: number;
}

/** A local run: the common TLC options and its own. */
export interface RunTlcOptions extends TlcStartOptions {
  /** TLC worker threads (`-workers`); default 1, which keeps safety traces shortest and stable. */
  readonly workers?: number | 'auto';
  /** Stop TLC once a progress report shows this many distinct states; `inconclusive` (max-states). */
  readonly maxStates?: number | undefined;
  readonly onProgress?: ((progress: TlcProgress) => void) | undefined;
  /** Seconds between TLC's progress reports (default 2; TLC 1.7.4 ignores it and reports every minute). */
  readonly progressIntervalSeconds?: number;
  /** Called once TLC has started, with its process id (tests use it to check nothing is left). */
  readonly onStart?: ((info: { pid: number; args: readonly string[] }) => void) | undefined;
}

type StopReason = 'timeout' | 'max-states' | 'interrupted' | 'memory';

const ADVICE: Record<StopReason, (o: RunTlcOptions) => string> = {
  timeout: (o) =>
    `TLC was stopped after ${o.timeoutSeconds} s before it finished. Raise --timeout, lower the model's parameters, or add --workers.`,
  'max-states': (o) =>
    `TLC was stopped after finding ${o.maxStates} distinct states. Raise --max-states or lower the model's parameters.`,
  interrupted: () =>
    'TLC was interrupted before it finished; no property was found violated so far.',
  memory: () =>
    "TLC ran out of memory. Give Java more (JAVA_TOOL_OPTIONS=-Xmx8g, for example) or lower the model's parameters.",
};

/**
 * Runs TLC on one module and config. Never throws for a user's or environment's problem: a
 * missing Java or jar, a module TLC rejects, TLC killed from outside all come back as verdict
 * `error` with a message that says what to do; limits and aborts as `inconclusive`. Aborting
 * `signal` ends TLC's whole process group; the promise resolves once it has gone and the
 * run's folder is removed.
 */
export async function runTlc(options: RunTlcOptions): Promise<CheckResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  if (options.signal?.aborted) return inconclusiveResult('interrupted', options, null, elapsed());

  const start = await startTlc(options);
  // Aborted while Java and the jar were being looked at: interrupted, not a broken Java.
  if (!start.ok)
    return options.signal?.aborted
      ? inconclusiveResult('interrupted', options, null, elapsed())
      : start.result;
  const { interpretOptions } = start;

  const staged = runFiles(start);
  return inRunFolder('credspec-tlc-', staged.files, async ({ workDir, metaDir }) => {
    const args = tlcArguments(start.setup, {
      workDir,
      metaDir,
      module: staged.module,
      config: staged.config,
      workers: options.workers ?? 1,
      progressIntervalSeconds: options.progressIntervalSeconds ?? 2,
      extra: options.extraTlcArgs ?? [],
    });
    const result = await runProcess(
      start.setup.java.path,
      args,
      workDir,
      env,
      options,
      interpretOptions,
      elapsed,
    );
    return nameTemporalViolation(result, interpretOptions.properties ?? [], options.judgeTemporal);
  });
}

function inconclusiveResult(
  reason: StopReason,
  options: RunTlcOptions,
  progress: Progress | null,
  seconds: number,
): CheckResult {
  return inconclusiveOf(progress, seconds, { reason, advice: ADVICE[reason](options) });
}

function runProcess(
  javaPath: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: RunTlcOptions,
  interpretOptions: InterpretOptions,
  elapsed: () => number,
): Promise<CheckResult> {
  let stopReason: StopReason | null = null;
  let lastProgress: Progress | null = null;
  let stderr = '';
  const reader = new ToolOutputReader((message) => {
    if (message.code !== EC.TLC_PROGRESS_STATS) return;
    const p = readProgress(message.text);
    if (!p) return;
    lastProgress = p;
    options.onProgress?.({
      distinct: p.distinct,
      generated: p.generated,
      queue: p.queue,
      depth: p.depth,
    });
    if (options.maxStates !== undefined && p.distinct >= options.maxStates) stop('max-states');
  });
  const proc = spawnGroup(javaPath, args, {
    cwd,
    env,
    onStdout: (chunk) => reader.push(chunk),
    onStderr: (chunk) => {
      if (stderr.length < 65536) stderr += chunk;
    },
  });
  function stop(reason: StopReason): void {
    if (stopReason || !proc.running()) return;
    stopReason = reason;
    proc.stop(options.killGraceMs ?? 3000);
  }
  const onAbort = (): void => stop('interrupted');
  if (proc.pid !== undefined) options.onStart?.({ pid: proc.pid, args });
  const timeoutTimer =
    options.timeoutSeconds !== undefined
      ? setTimeout(() => stop('timeout'), options.timeoutSeconds * 1000)
      : undefined;
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop('interrupted');

  return proc.exited.then(({ code, signal, startError }) => {
    clearTimeout(timeoutTimer);
    options.signal?.removeEventListener('abort', onAbort);
    if (startError !== undefined)
      return errorResult(
        `Could not start ${javaPath}: ${startError}. Install a JDK 11 or newer, or use the embedded engine, the default, which needs no Java.`,
        elapsed(),
      );
    const report = interpretMessages(reader.end(), interpretOptions);
    const progress = report.lastProgress ?? lastProgress;
    return finishedResult(
      report,
      { code, signal },
      stderr,
      { stopReason, progress },
      options,
      elapsed,
    );
  });
}

/**
 * What a run that started says once it ended: its verdict; inconclusive when it was stopped (but
 * for a violation printed before) or ran out of memory; an error when it was killed from outside.
 */
function finishedResult(
  report: TlcReport,
  { code, signal }: Omit<GroupExit, 'startError'>,
  stderr: string,
  { stopReason, progress }: { stopReason: StopReason | null; progress: Progress | null },
  options: RunTlcOptions,
  elapsed: () => number,
): CheckResult {
  const memory =
    /java\.lang\.OutOfMemoryError/.test(stderr) ||
    report.failures.some((f) => /OutOfMemoryError/.test(f.message));
  if (stopReason) {
    // A violation printed before the stop is a real verdict; otherwise the run is inconclusive.
    if (report.violations.length > 0 && report.traceProblems.length === 0)
      return reportToCheckResult(report, code);
    return inconclusiveResult(stopReason, options, progress, elapsed());
  }
  if (memory && report.violations.length === 0)
    return inconclusiveResult('memory', options, progress, elapsed());
  const result = reportToCheckResult(report, code);
  if (result.verdict === 'error' && code === null) {
    return {
      ...result,
      error: {
        message: `TLC was killed by ${signal ?? 'a signal'} from outside credspec before it finished, so there is no verdict. Run the check again; if TLC keeps dying, look for an out-of-memory killer or a process limit.`,
      },
    };
  }
  if (report.failures.length > 0) return result;
  return withJavaSaid(result, stderr.trim().split('\n').slice(0, 5).join('\n'));
}
