// TLC's random simulation: takes a TLA+ module, its config and a budget (behaviours, depth,
// seed, time) and returns a CheckResult: the first violation TLC's simulator finds, with its
// trace, or `inconclusive` (reason `simulation`) saying how many behaviours were explored;
// never `holds`. Runs `tlc2.TLC -simulate num=N -depth D -seed S` in the run's private folder,
// which it removes; it must not leave a java process or a file behind.

import type { CheckResult, TlaTraceStep } from '../result/check-result.js';
import { type GroupExit, spawnGroup } from '../process/process-groups.js';
import { interpretMessages, type InterpretOptions } from './interpret-messages.js';
import { ToolOutputReader, type ParsedToolOutput, type ToolMessage } from './read-tool-output.js';
import {
  inRunFolder,
  runFiles,
  startTlc,
  tlcArguments,
  tlcErrorResult as errorResult,
  type TlcStartOptions,
} from './start.js';
import { inconclusiveOf, reportToCheckResult, withJavaSaid } from './to-check-result.js';
import { nameTemporalViolation, type TemporalJudge } from './name-temporal.js';
import { at } from '../source/checked-index.js';

/** TLC's simulation messages (`tlc2.output.EC`). */
export const SIM_EC = {
  /** `Progress(T) at ...: G states generated, -1 distinct states found, -1 states left on queue.` */
  TLC_PROGRESS_SIMU: 2209,
  /** `The number of states generated: G` and the seed. */
  TLC_STATS_SIMU: 2210,
} as const;

/** A simulation: the common TLC options (`extraTlcArgs` such as `-deadlock`) and its budget. */
export interface RunTlcSimulationOptions extends TlcStartOptions {
  /** Behaviours to generate (`-simulate num=N`); default 1000. */
  readonly traces?: number;
  /** Longest behaviour in states (`-depth`); default 100. */
  readonly depth?: number;
  /** `-seed`; default 1, so the same command gives the same behaviours (with one worker). */
  readonly seed?: number;
  /** Called on each of TLC's simulation progress reports. */
  readonly onProgress?:
    | ((p: { statesGenerated: number; behaviours: number | null }) => void)
    | undefined;
  readonly onStart?: ((info: { pid: number; args: readonly string[] }) => void) | undefined;
}

/** What the result says of its distinct-state count: TLC prints -1 for it in simulation. */
export const NOT_COUNTED =
  "TLC's simulation does not count distinct states (it reports -1); the embedded engine's simulation counts every state it visits.";

/**
 * The distinct states of a behaviour TLC printed: all a simulation's output shows of the states
 * it visited, so the result's count is this (0 without a behaviour), never TLC's -1.
 */
export function distinctStatesOf(trace: readonly TlaTraceStep[] | null): number {
  if (trace === null) return 0;
  return new Set(trace.map((s) => canonicalJson(s.state))).size;
}

/** JSON with object keys sorted, so equal states give equal text whatever the key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Reads 2209: the behaviours so far (`Progress(T)`, -1 on TLC 1.7.4) and the states generated. */
export function readSimulationProgress(
  text: string,
): { behaviours: number | null; statesGenerated: number } | null {
  const m = /Progress\((-?[\d,]+)\).*?:\s*([\d,]+) states generated/.exec(text);
  if (!m) return null;
  const t = Number(at(m, 1, 'behaviours').replace(/,/g, ''));
  return {
    behaviours: t >= 0 ? t : null,
    statesGenerated: Number(at(m, 2, 'states generated').replace(/,/g, '')),
  };
}

/** Runs TLC's simulator; never throws for a user's or environment's problem. */
export async function runTlcSimulation(options: RunTlcSimulationOptions): Promise<CheckResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const elapsed = (): number => (Date.now() - started) / 1000;
  const budget: SimulationBudget = {
    traces: Math.max(1, Math.floor(options.traces ?? 1000)),
    depth: Math.max(1, Math.floor(options.depth ?? 100)),
    seed: Math.floor(options.seed ?? 1),
  };

  const start = await startTlc(options);
  if (!start.ok) return start.result;
  const { setup } = start;
  const { interpretOptions } = start;

  const staged = runFiles(start);
  return inRunFolder('credspec-tlc-sim-', staged.files, async ({ workDir, metaDir }) => {
    const args = tlcArguments(setup, {
      workDir,
      metaDir,
      module: staged.module,
      config: staged.config,
      workers: 1,
      progressIntervalSeconds: 2,
      extra: [
        '-simulate',
        `num=${budget.traces}`,
        '-depth',
        String(budget.depth),
        '-seed',
        String(budget.seed),
        ...(options.extraTlcArgs ?? []),
      ],
    });
    const run = await runSimulator(setup.java.path, args, { cwd: workDir, env }, options);
    if (run.exit.startError !== undefined)
      return errorResult(
        `Could not start ${setup.java.path}: ${run.exit.startError}. Install a JDK 11 or newer, or use the embedded engine, which needs no Java.`,
        elapsed(),
      );
    return simulationResult(run, budget, {
      interpretOptions,
      judgeTemporal: options.judgeTemporal,
      timeoutSeconds: options.timeoutSeconds,
      seconds: elapsed,
    });
  });
}

/** What a simulation asks TLC for: behaviours, their longest length in states, the seed. */
interface SimulationBudget {
  readonly traces: number;
  readonly depth: number;
  readonly seed: number;
}

/** The simulator's run as seen from outside: how it ended, what it printed, why it was stopped. */
interface SimulatorRun {
  readonly exit: GroupExit;
  readonly parsed: ParsedToolOutput;
  readonly progress: { behaviours: number | null; statesGenerated: number } | null;
  readonly stderr: string;
  readonly stopReason: 'timeout' | 'interrupted' | null;
}

/** Runs the simulator's java to its end, stopping it on timeout or abort; reports progress. */
async function runSimulator(
  javaPath: string,
  args: readonly string[],
  where: { cwd: string; env: NodeJS.ProcessEnv },
  options: RunTlcSimulationOptions,
): Promise<SimulatorRun> {
  let stopReason: 'timeout' | 'interrupted' | null = null;
  let progress: SimulatorRun['progress'] = null;
  let stderr = '';
  const reader = new ToolOutputReader((m: ToolMessage) => {
    if (m.code !== SIM_EC.TLC_PROGRESS_SIMU) return;
    const p = readSimulationProgress(m.text);
    if (!p) return;
    progress = p;
    options.onProgress?.(p);
  });
  const proc = spawnGroup(javaPath, args, {
    ...where,
    onStdout: (c) => reader.push(c),
    onStderr: (c) => (stderr = (stderr + c).slice(-65536)),
  });
  if (proc.pid !== undefined) options.onStart?.({ pid: proc.pid, args });
  const stop = (reason: 'timeout' | 'interrupted'): void => {
    if (stopReason) return;
    stopReason = reason;
    proc.stop(options.killGraceMs ?? 3000);
  };
  const onAbort = (): void => stop('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop('interrupted');
  const timer =
    options.timeoutSeconds !== undefined
      ? setTimeout(() => stop('timeout'), options.timeoutSeconds * 1000)
      : undefined;
  const exit = await proc.exited;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  return { exit, parsed: reader.end(), progress, stderr, stopReason };
}

/** The CheckResult of a simulation that ran: the violation it found, or how much it sampled. */
async function simulationResult(
  run: SimulatorRun,
  budget: SimulationBudget,
  c: {
    readonly interpretOptions: InterpretOptions;
    readonly judgeTemporal: TemporalJudge | undefined;
    readonly timeoutSeconds: number | undefined;
    readonly seconds: () => number;
  },
): Promise<CheckResult> {
  const { exit, parsed, progress, stopReason } = run;
  const report = interpretMessages(parsed, c.interpretOptions);
  const finalStats = parsed.messages
    .filter((m) => m.code === SIM_EC.TLC_STATS_SIMU)
    .map((m) => /states generated:\s*([\d,]+)/.exec(m.text))
    .find((m) => m !== null);
  const generated = finalStats
    ? Number(at(finalStats, 1, 'states generated').replace(/,/g, ''))
    : (progress?.statesGenerated ?? 0);

  if (report.violations.length > 0 || report.failures.length > 0) {
    const r = reportToCheckResult(report, exit.code);
    // The simulator labels the first state with the Init definition; a local run does not.
    const trace = r.trace ? r.trace.map((s, i) => (i === 0 ? { ...s, action: null } : s)) : null;
    const stats = {
      distinctStates: distinctStatesOf(trace),
      statesGenerated: generated,
      depth: trace?.length ?? 0,
      seconds: c.seconds(),
      queued: 0,
    };
    return nameTemporalViolation(
      { ...r, trace, stats },
      c.interpretOptions.properties ?? [],
      c.judgeTemporal,
    );
  }
  if (exit.code === 0 || stopReason !== null) {
    return foundNothing({
      stopReason,
      behaviours: progress?.behaviours ?? null,
      ...budget,
      generated,
      seconds: c.seconds(),
      timeoutSeconds: c.timeoutSeconds,
    });
  }
  const r = reportToCheckResult(report, exit.code);
  return withJavaSaid(r, run.stderr.trim().split('\n').slice(0, 5).join('\n'));
}

/** A simulation that ended without a violation: inconclusive, saying how much was sampled and why it stopped. */
function foundNothing(run: {
  readonly stopReason: 'timeout' | 'interrupted' | null;
  /** Behaviours TLC reported generating; null when it does not say. */
  readonly behaviours: number | null;
  readonly traces: number;
  readonly depth: number;
  readonly seed: number;
  readonly generated: number;
  readonly seconds: number;
  readonly timeoutSeconds: number | undefined;
}): CheckResult {
  const { stopReason, traces, depth, seed, generated } = run;
  const done = stopReason === null;
  const behaviours = run.behaviours ?? (done ? traces : null);
  const count =
    behaviours === null
      ? 'an unknown number of behaviours (this TLC does not report it)'
      : `${behaviours} behaviour${behaviours === 1 ? '' : 's'}`;
  const why =
    stopReason === 'timeout'
      ? `the time limit of ${run.timeoutSeconds} s was reached`
      : stopReason === 'interrupted'
        ? 'the run was interrupted'
        : `all ${traces} behaviours asked for were generated`;
  // A simulation's only count is the states it generated.
  const counts = { distinct: 0, generated, depth: 0, queue: 0 };
  return inconclusiveOf(counts, run.seconds, {
    reason: stopReason === 'interrupted' ? 'interrupted' : 'simulation',
    advice: `TLC's simulation found no violation: ${count} of up to ${depth} states (seed ${seed}), ${generated} states generated; ${why}. ${NOT_COUNTED} A simulation samples behaviours and proves nothing: run more behaviours or another seed, or an exhaustive check for a verdict.`,
  });
}
