// TLC's distributed mode: takes a TLA+ module and config and returns the same CheckResult as a
// local run. Writes the module into the run's private folder, starts
// `tlc2.tool.distributed.TLCServer` there and, once it is ready, `workers` local `TLCWorker`
// processes, all with their RMI sockets bound to the listen address (127.0.0.1 unless `listen`
// names one; bind-launcher.ts); other machines may add workers (`workerCommand`). Reads the server's `-tool` output with the local reader, names
// the violation its server does not name (distributed-replay.ts), stops every process it
// started on exit, timeout or abort, and removes the folder. It must not leave a process behind.

import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CheckResult } from '../result/check-result.js';
import {
  BIND_LAUNCHER_FILE,
  BIND_LAUNCHER_SOURCE,
  bindLauncherProblem,
  mainClassArguments,
  type BindLauncher,
} from './bind-launcher.js';
import { readConfigFacts, withoutProperties, type ConfigFacts } from './distributed-config.js';
import { startJava, type JavaProcess } from './distributed-process.js';
import { replayLastStep, type PrintedTraceState } from './distributed-replay.js';
import {
  EC,
  interpretMessages,
  readProgress,
  type InterpretOptions,
  type Progress,
  type TlcReport,
} from './interpret-messages.js';
import type { JarInfo } from './jar.js';
import { ToolOutputReader, type ParsedToolOutput, type ToolMessage } from './read-tool-output.js';
import { readPrintedState } from './read-trace-state.js';
import type { TlcProgress } from './run.js';
import {
  inRunFolder,
  runFiles,
  startTlc,
  tlcErrorResult as errorResult,
  type TlcStartOptions,
} from './start.js';
import { reportToCheckResult, statsOf } from './to-check-result.js';

/** The RMI registry port TLC's server uses unless told otherwise. */
export const DEFAULT_TLC_SERVER_PORT = 10997;

/** TLC's distributed message codes (`tlc2.output.EC`). */
export const DIST_EC = {
  /** The server has computed the initial states and waits for workers. */
  SERVER_RUNNING: 7000,
  WORKER_REGISTERED: 7001,
  WORKER_DEREGISTERED: 7002,
  WORKER_STATS: 7003,
  /** An error while working on an initial state (the distributed server's form of 2107). */
  TLC_INITIAL_STATE: 2102,
} as const;

/** Progress of a distributed run: TLC's counts and the workers registered so far. */
export interface DistributedProgress extends TlcProgress {
  readonly workers: number;
}

/** The commands that start one more worker on another machine. */
export interface WorkerCommands {
  /** `credspec tlc worker --connect HOST:PORT`. */
  readonly credspec: string;
  /** The same as a plain java command line (argv), for machines without credspec. */
  readonly java: readonly string[];
  /** `java` as one shell line, quoted. */
  readonly javaLine: string;
}

/** A distributed run: the common TLC options (`extraTlcArgs` go to the server: `-deadlock`, `-fpbits N`, `-fpmem F`, `-checkpoint M`) and its own. */
export interface RunTlcDistributedOptions extends TlcStartOptions {
  /** Worker processes to start on this machine (default 2; 0 waits for remote workers only). */
  readonly workers?: number;
  /** Threads per local worker (TLCWorker.threadCount; default 1). */
  readonly workerThreads?: number;
  /**
   * `HOST:PORT` the server is reached at: HOST is the address workers connect to (and the
   * one TLC's RMI objects advertise, `java.rmi.server.hostname`), PORT its RMI registry port.
   * Default: 127.0.0.1 and a free port, for a run on this machine only.
   */
  readonly listen?: string | undefined;
  /**
   * Distributed fingerprint sets (`TLCServer.expectedFPSetCount`): the server waits for this
   * many, and local workers then run as `TLCWorkerAndFPSet` (worker plus a share of the set).
   */
  readonly fpSets?: number | undefined;
  /**
   * TLC's distributed mode checks invariants and action properties only. With temporal
   * properties in the config the run is refused unless this is set; then they are dropped and
   * `holds` means the safety properties hold.
   */
  readonly safetyOnly?: boolean;
  /** Stop once a progress report shows this many distinct states. */
  readonly maxStates?: number | undefined;
  readonly onProgress?: ((progress: DistributedProgress) => void) | undefined;
  /** Seconds between the server's progress reports (default 2; its own default is 60). */
  readonly progressIntervalSeconds?: number;
  /** Called once the server is ready, with the commands that add a worker from another machine. */
  readonly printWorkerCommand?: ((commands: WorkerCommands) => void) | undefined;
  /** Called for each process started (tests use it to check nothing is left). */
  readonly onStart?:
    | ((info: { role: 'server' | 'worker'; pid: number; args: readonly string[] }) => void)
    | undefined;
}

/** Splits `HOST:PORT` (`[v6]:PORT` too); null when it is not one. */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2]!, port };
}

/** A port free on this machine now (the kernel's choice). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The java arguments of a worker (without the java executable): `hostname` is the address the
 * server calls this worker back at (`java.rmi.server.hostname`); the server's port goes in as
 * TLC's `TLCServer.port` property, because TLCWorker takes only the host on its command line.
 * With `bind`, the worker runs through the launcher and listens on that address only.
 */
export function workerArguments(p: {
  jarPath: string;
  server: { host: string; port: number };
  advertise: string;
  threads?: number | undefined;
  tmpDir?: string | undefined;
  withFpSet?: boolean;
  bind?: BindLauncher | undefined;
}): string[] {
  return [
    '-XX:+UseParallelGC',
    // Started here: no /tmp/hsperfdata file to stay behind if it is killed (start.ts).
    ...(p.bind !== undefined ? ['-XX:-UsePerfData'] : []),
    `-Djava.rmi.server.hostname=${p.advertise}`,
    `-Dtlc2.tool.distributed.TLCServer.port=${p.server.port}`,
    ...(p.threads !== undefined
      ? [`-Dtlc2.tool.distributed.TLCWorker.threadCount=${p.threads}`]
      : []),
    ...(p.tmpDir !== undefined ? [`-Djava.io.tmpdir=${p.tmpDir}`] : []),
    ...mainClassArguments(
      p.jarPath,
      p.withFpSet
        ? 'tlc2.tool.distributed.fp.TLCWorkerAndFPSet'
        : 'tlc2.tool.distributed.TLCWorker',
      p.bind,
    ),
    p.server.host,
  ];
}

/**
 * The full command line of a worker on another machine, `java` first: same jar, same Java.
 * `advertise` is that machine's address as the server sees it; `<this-machine's-address>`
 * when not known, for the user to fill in.
 */
export function workerCommand(options: {
  connect: string;
  jarPath: string;
  advertise?: string;
  threads?: number;
  java?: string;
  fpSet?: boolean;
}): string[] {
  const server = parseHostPort(options.connect);
  if (!server) throw new Error(`internal: workerCommand needs HOST:PORT, got ${options.connect}`);
  return [
    options.java ?? 'java',
    ...workerArguments({
      jarPath: options.jarPath,
      server,
      advertise: options.advertise ?? '<this-machine-address>',
      threads: options.threads,
      withFpSet: options.fpSet ?? false,
    }),
  ];
}

/** A command line as one shell line, each word quoted when it needs to be. */
export function shellLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** The java arguments of the server (without the java executable); with `bind`, through the launcher. */
export function serverArguments(p: {
  jar: JarInfo;
  bind?: BindLauncher | undefined;
  host: string;
  port: number;
  workDir: string;
  metaDir: string;
  module: string;
  config: string;
  reportMs: number;
  fpSets?: number | undefined;
  extra: readonly string[];
}): string[] {
  return [
    '-XX:+UseParallelGC',
    '-XX:-UsePerfData',
    `-Djava.rmi.server.hostname=${p.host}`,
    `-Dtlc2.tool.distributed.TLCServer.port=${p.port}`,
    `-Dtlc2.tool.distributed.TLCServer.report=${p.reportMs}`,
    ...(p.fpSets ? [`-Dtlc2.tool.distributed.TLCServer.expectedFPSetCount=${p.fpSets}`] : []),
    `-Djava.io.tmpdir=${join(p.workDir, 'java-tmp')}`,
    ...mainClassArguments(p.jar.path, 'tlc2.tool.distributed.TLCServer', p.bind),
    '-tool',
    '-fp',
    '0',
    '-metadir',
    p.metaDir,
    ...p.extra,
    '-config',
    p.config,
    p.module,
  ];
}

/** Messages the server prints once the search is over (results, statistics, the trace). */
const FINISHING_CODES = new Set<number>([
  EC.TLC_SUCCESS,
  EC.TLC_STATS,
  EC.TLC_FINISHED,
  EC.TLC_BEHAVIOR_UP_TO_THIS_POINT,
  EC.TLC_STATE_PRINT2,
]);

type StopReason = 'timeout' | 'max-states' | 'interrupted' | 'no-workers';

/**
 * Why a distributed run with temporal properties is refused, naming the command-line flags that
 * get past it (a test holds them to the options of `credspec check`).
 */
export function temporalRefusal(properties: readonly string[]): string {
  return (
    `TLC's distributed mode checks invariants and action properties only; it would pass over the temporal ${properties.length === 1 ? 'property' : 'properties'} ${properties.join(', ')} without a word. ` +
    'Check them on one machine (the embedded engine, or --engine tlc without --distributed), or add --safety-only to run the distributed check without them.'
  );
}

/**
 * Runs the module under TLC's distributed mode. Never throws for a user's or environment's
 * problem: those come back as verdict `error`; limits and aborts as `inconclusive`.
 */
export async function runTlcDistributed(options: RunTlcDistributedOptions): Promise<CheckResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const elapsed = (): number => (Date.now() - started) / 1000;
  const grace = options.killGraceMs ?? 3000;
  if (options.signal?.aborted) return inconclusive('interrupted', options, null, 0, 0);

  const start = await startTlc(options);
  // Aborted while Java and the jar were being looked at: interrupted, not a broken Java.
  if (!start.ok)
    return options.signal?.aborted
      ? inconclusive('interrupted', options, null, elapsed(), 0)
      : start.result;
  const { setup, moduleText, cfgText, moduleName } = start;
  const facts = readConfigFacts(cfgText, moduleText);
  if (facts.temporalProperties.length > 0 && !options.safetyOnly) {
    return errorResult(temporalRefusal(facts.temporalProperties));
  }

  let listen: { host: string; port: number };
  if (options.listen !== undefined) {
    const hp = parseHostPort(options.listen);
    if (!hp)
      return errorResult(
        `--listen takes HOST:PORT (for example 192.0.2.10:${DEFAULT_TLC_SERVER_PORT}), not "${options.listen}".`,
      );
    listen = hp;
  } else {
    listen = { host: '127.0.0.1', port: await freePort('127.0.0.1') };
  }

  // The server reports on action properties only: temporal ones were refused or dropped above.
  const interpretOptions: InterpretOptions = {
    ...start.interpretOptions,
    properties: facts.actionProperties,
  };
  // Every RMI socket of the run listens on the listen address only: loopback by default.
  const launcherProblem = await bindLauncherProblem(setup.java.path, env, listen.host);
  if (launcherProblem !== null) return errorResult(launcherProblem, elapsed());

  const staged = runFiles(
    start,
    options.safetyOnly ? withoutProperties(cfgText, facts.temporalProperties) : cfgText,
  );
  const files = [...staged.files, { name: BIND_LAUNCHER_FILE, text: BIND_LAUNCHER_SOURCE }];
  return inRunFolder('credspec-tlc-dist-', files, async ({ workDir, metaDir }) => {
    const bind: BindLauncher = { path: join(workDir, BIND_LAUNCHER_FILE), address: listen.host };
    const run = await runServerAndWorkers({
      options,
      env,
      javaPath: setup.java.path,
      jar: setup.jar,
      workDir,
      metaDir,
      listen,
      bind,
      module: staged.module,
      config: staged.config,
      grace,
      elapsed,
    });
    if ('error' in run) return errorResult(run.error, elapsed());
    return await toResult(run, {
      options,
      env,
      facts,
      interpretOptions,
      workDir,
      moduleName,
      elapsed,
    });
  });
}

interface ServerRun {
  readonly parsed: ParsedToolOutput;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stopReason: StopReason | null;
  readonly lastProgress: Progress | null;
  readonly stderr: string;
  readonly workerOutput: readonly string[];
  readonly workersSeen: number;
}

/** What a distributed run needs once Java, the jar and its folders are ready. */
interface ServerAndWorkersParams {
  readonly options: RunTlcDistributedOptions;
  readonly env: NodeJS.ProcessEnv;
  readonly javaPath: string;
  readonly jar: JarInfo;
  readonly workDir: string;
  readonly metaDir: string;
  readonly listen: { host: string; port: number };
  readonly bind: BindLauncher;
  readonly module: string;
  readonly config: string;
  readonly grace: number;
  readonly elapsed: () => number;
}

/** Starts the server, then the local workers once it is ready; resolves when all have exited. */
async function runServerAndWorkers(
  p: ServerAndWorkersParams,
): Promise<ServerRun | { error: string }> {
  const { options } = p;
  const localWorkers = Math.max(0, Math.floor(options.workers ?? 2));
  const workers: JavaProcess[] = [];
  const workerOutput: string[] = [];
  let stopReason: StopReason | null = null;
  let lastProgress: Progress | null = null;
  let registered = 0;
  let finishing = false;
  let stderr = '';
  let server: JavaProcess | undefined;
  const stopAll = (reason: StopReason): void => {
    if (stopReason) return;
    stopReason = reason;
    server?.stop(p.grace);
    for (const w of workers) w.stop(p.grace);
  };

  // Without remote workers the server would wait for ever once every local one is gone.
  // Workers also end when the server tells them the work is done, just before it exits:
  // give the server a moment before deciding it was left alone.
  const alone = (): boolean =>
    options.listen === undefined &&
    localWorkers > 0 &&
    workers.length === localWorkers &&
    workers.every((x) => !x.running()) &&
    !finishing &&
    server?.running() === true;
  const startWorkers = (): Promise<void> =>
    startLocalWorkers(p, localWorkers, { workers, workerOutput }, () => {
      if (alone()) setTimeout(() => alone() && stopAll('no-workers'), 3000).unref();
    });

  const reader = new ToolOutputReader((m: ToolMessage) => {
    if (FINISHING_CODES.has(m.code)) finishing = true;
    if (m.code === DIST_EC.SERVER_RUNNING) {
      options.printWorkerCommand?.(remoteCommands(p.jar.path, p.listen));
      if (!stopReason && !(options.fpSets ?? 0)) void startWorkers();
    } else if (m.code === DIST_EC.WORKER_REGISTERED) {
      registered++;
    } else if (m.code === EC.TLC_PROGRESS_STATS) {
      const pr = readProgress(m.text);
      if (!pr) return;
      lastProgress = pr;
      options.onProgress?.({
        distinct: pr.distinct,
        generated: pr.generated,
        queue: pr.queue,
        depth: pr.depth,
        workers: registered,
      });
      if (options.maxStates !== undefined && pr.distinct >= options.maxStates)
        stopAll('max-states');
    }
  });

  const args = serverArgumentsOf(p);
  server = startJava(p.javaPath, args, {
    cwd: p.workDir,
    env: p.env,
    onStdout: (c) => reader.push(c),
    onStderr: (c) => {
      if (stderr.length < 65536) stderr += c;
    },
  });
  if (server.pid !== undefined) options.onStart?.({ role: 'server', pid: server.pid, args });
  // With distributed fingerprint sets the server waits for them before it computes the initial
  // states and says it is ready, so their workers start now (they retry until it listens).
  if (options.fpSets) void startWorkers();
  const onAbort = (): void => stopAll('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while Java and the jar were being looked at: stop what was just started.
  if (options.signal?.aborted) stopAll('interrupted');
  const timer =
    options.timeoutSeconds !== undefined
      ? setTimeout(() => stopAll('timeout'), options.timeoutSeconds * 1000)
      : undefined;

  const exit = await server.exited;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  // Workers end by themselves when the server says it is done; one that joined late, or a
  // server that died, would leave them polling for a while: stop them now.
  for (const w of workers) w.stop(p.grace);
  await Promise.all(workers.map((w) => w.exited));
  if (exit.startError !== undefined) {
    return {
      error: `Could not start ${p.javaPath}: ${exit.startError}. Install a JDK 11 or newer, or use the embedded engine, the default, which needs no Java.`,
    };
  }
  return {
    parsed: reader.end(),
    exitCode: exit.code,
    signal: exit.signal,
    stopReason,
    lastProgress,
    stderr,
    workerOutput,
    workersSeen: registered,
  };
}

/** Starts the local workers, each in its own temporary folder; `workerExited` runs as each one ends. */
async function startLocalWorkers(
  p: ServerAndWorkersParams,
  localWorkers: number,
  into: { readonly workers: JavaProcess[]; readonly workerOutput: string[] },
  workerExited: () => void,
): Promise<void> {
  const { options } = p;
  for (let i = 0; i < localWorkers; i++) {
    const tmp = join(p.workDir, `java-tmp-worker-${i + 1}`);
    await mkdir(tmp, { recursive: true });
    const args = workerArguments({
      jarPath: p.jar.path,
      server: p.listen,
      advertise: p.listen.host,
      threads: options.workerThreads ?? 1,
      tmpDir: tmp,
      withFpSet: (options.fpSets ?? 0) > i,
      bind: p.bind,
    });
    let out = '';
    const w = startJava(p.javaPath, args, {
      cwd: p.workDir,
      env: p.env,
      onStdout: (c) => (out = (out + c).slice(-8192)),
      onStderr: (c) => (out = (out + c).slice(-8192)),
    });
    into.workers.push(w);
    if (w.pid !== undefined) options.onStart?.({ role: 'worker', pid: w.pid, args });
    void w.exited.then(() => {
      into.workerOutput.push(out);
      workerExited();
    });
  }
}

/** The server's command line for this run. */
function serverArgumentsOf(p: ServerAndWorkersParams): string[] {
  return serverArguments({
    jar: p.jar,
    bind: p.bind,
    host: p.listen.host,
    port: p.listen.port,
    workDir: p.workDir,
    metaDir: p.metaDir,
    module: p.module,
    config: p.config,
    reportMs: Math.max(1, Math.round(p.options.progressIntervalSeconds ?? 2)) * 1000,
    fpSets: p.options.fpSets,
    extra: p.options.extraTlcArgs ?? [],
  });
}

function remoteCommands(jarPath: string, listen: { host: string; port: number }): WorkerCommands {
  const connect = `${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`;
  const java = workerCommand({ connect, jarPath });
  return { credspec: `credspec tlc worker --connect ${connect}`, java, javaLine: shellLine(java) };
}

/** 2102 `Error: Invariant X is violated.` + `While working on the initial state:` is 2107 in a local run. */
function asLocalInitialViolation(m: ToolMessage): ToolMessage {
  if (m.code !== DIST_EC.TLC_INITIAL_STATE) return m;
  const lines = m.text.split('\n');
  const inv = /^Error: Invariant (\S+) is violated/.exec(lines[0]!.trim());
  const at = lines.findIndex((l) => /While working on the initial state/.test(l));
  if (!inv || at < 0) return m;
  return {
    code: EC.TLC_INVARIANT_VIOLATED_INITIAL,
    severity: m.severity,
    text: [`Invariant ${inv[1]} is violated by the initial state:`, ...lines.slice(at + 1)].join(
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

async function toResult(
  run: ServerRun,
  c: {
    options: RunTlcDistributedOptions;
    env: NodeJS.ProcessEnv;
    facts: ConfigFacts;
    interpretOptions: InterpretOptions;
    workDir: string;
    moduleName: string;
    elapsed: () => number;
  },
): Promise<CheckResult> {
  const messages = run.parsed.messages.map(asLocalInitialViolation);
  const traceAt = unnamedTraceAt(messages);
  if (traceAt < 0) {
    const report = interpretMessages({ ...run.parsed, messages }, c.interpretOptions);
    if (run.stopReason) {
      if (report.violations.length > 0 && report.traceProblems.length === 0)
        return reportToCheckResult(report, run.exitCode);
      return inconclusive(
        run.stopReason,
        c.options,
        report.lastProgress ?? run.lastProgress,
        c.elapsed(),
        run.workersSeen,
        run.workerOutput,
      );
    }
    const memory =
      /OutOfMemoryError/.test(run.stderr) ||
      run.workerOutput.some((o) => /OutOfMemoryError/.test(o));
    if (memory && report.violations.length === 0) {
      return {
        ...inconclusive(
          'timeout',
          c.options,
          report.lastProgress ?? run.lastProgress,
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

  // The server printed a trace without saying what it violates: read the trace as a local
  // run would (under a placeholder heading), then let plain TLC re-check that behaviour and name it.
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
        followed < states.length
          ? `TLC's distributed server reported a violation, but the counterexample it printed is not a behaviour of the spec (TLC on this machine could follow only ${followed} of its ${states.length} states from an initial state), so credspec cannot show it. TLC 1.7.4's distributed mode is known to print such traces; use a newer TLC, or run the check on one machine (without --distributed).`
          : "TLC's distributed server printed a counterexample without saying what it violates, and checking it again with TLC on this machine found nothing. Run the check on one machine (without --distributed) to see the violation named.";
      return {
        ...base,
        verdict: 'error',
        property: null,
        ...(followed < states.length ? { trace: null } : {}),
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
  return said === ''
    ? result
    : {
        ...result,
        error: { ...result.error!, message: `${result.error!.message}\nJava said: ${said}` },
      };
}

const ADVICE: Record<StopReason, (o: RunTlcDistributedOptions, workers: number) => string> = {
  timeout: (o) =>
    `TLC's distributed run was stopped after ${o.timeoutSeconds} s before it finished. Raise --timeout, add workers (on this machine or others), or lower the model's parameters.`,
  'max-states': (o) =>
    `TLC's distributed run was stopped after finding ${o.maxStates} distinct states. Raise --max-states or lower the model's parameters.`,
  interrupted: () =>
    "TLC's distributed run was interrupted before it finished; no property was found violated so far.",
  'no-workers': (_o, n) =>
    `Every local worker stopped before the search finished (${n} had registered with the server), so the server was stopped too. Run again; if workers keep dying, look at their memory (JAVA_TOOL_OPTIONS=-Xmx...) or the firewall between them and the server.`,
};

function inconclusive(
  reason: StopReason,
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
    inconclusive: {
      reason: reason === 'no-workers' ? 'interrupted' : reason,
      advice: ADVICE[reason](options, workers) + (said ? ` A worker said: ${said.trim()}` : ''),
    },
  };
}
