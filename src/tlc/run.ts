// Takes a TLA+ module and its config and returns TLC's CheckResult: finds Java and the jar,
// copies the module's folder's .tla files and the config into a fresh temp folder, runs
// `tlc2.TLC -tool` there, streams progress, enforces time and state limits and Ctrl-C, and
// always removes the temp folder. It must not leave a java process or a file behind.

import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { CheckResult } from '../result/check-result.js';
import { findJava, type JavaInfo } from './java.js';
import { locateJar, probeJar, type JarInfo, type JarProbe } from './jar.js';
import { interpretMessages, readProgress, EC, type Progress, type InterpretOptions } from './interpret-messages.js';
import { readActionParameters, readConfigProperties } from './module-facts.js';
import { ToolOutputReader } from './read-tool-output.js';
import { reportToCheckResult } from './to-check-result.js';
import type { SetupProblem } from './setup-problem.js';

/** Progress as the CLI draws it: TLC's counts so far. */
export interface TlcProgress {
  readonly distinct: number;
  readonly generated: number;
  readonly queue: number;
  readonly depth: number;
}

export interface RunTlcOptions {
  /** Path of the `.tla` module. */
  readonly module: string;
  /** Path of the TLC config; default: the module's path with `.cfg`. */
  readonly config?: string;
  /** `--tlc-jar`; else TLA2TOOLS_JAR, else the cache. */
  readonly tlcJar?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** TLC worker threads (`-workers`); default 1, which keeps safety traces shortest and stable. */
  readonly workers?: number | 'auto';
  /** Stop TLC after this long; the verdict is then `inconclusive` (timeout). */
  readonly timeoutSeconds?: number | undefined;
  /** Stop TLC once a progress report shows this many distinct states; `inconclusive` (max-states). */
  readonly maxStates?: number | undefined;
  /** Aborting stops TLC (Ctrl-C); the verdict is then `inconclusive` (interrupted). */
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: TlcProgress) => void) | undefined;
  /** Seconds between TLC's progress reports (default 2; TLC 1.7.4 ignores it and reports every minute). */
  readonly progressIntervalSeconds?: number;
  /** More TLC options (`-deadlock`, `-continue`, ...), placed before `-config`. */
  readonly extraTlcArgs?: readonly string[];
  /** Called once TLC has started, with its process id (tests use it to check nothing is left). */
  readonly onStart?: ((info: { pid: number; args: readonly string[] }) => void) | undefined;
  /** Between SIGTERM and SIGKILL when stopping TLC (default 3000 ms). */
  readonly killGraceMs?: number;
}

/** Java, jar and what the jar supports: everything needed before TLC can run. */
export interface TlcSetup {
  readonly java: JavaInfo;
  readonly jar: JarInfo;
  readonly probe: JarProbe;
}

/** Finds Java and the jar and starts TLC once to learn its options; a problem says what to do. */
export async function prepareTlc(options: { tlcJar?: string | undefined; env?: NodeJS.ProcessEnv } = {}): Promise<({ ok: true } & TlcSetup) | SetupProblem> {
  const env = options.env ?? process.env;
  const java = await findJava(env);
  if (!java.ok) return java;
  const jar = locateJar({ tlcJar: options.tlcJar, env });
  if (!jar.ok) return jar;
  const probe = await probeJar(java.java.path, jar.jar, env);
  if (!probe.ok) return probe;
  return { ok: true, java: java.java, jar: jar.jar, probe: probe.probe };
}

/**
 * The command line, without the java executable. `-XX:+UseParallelGC` because TLC asks for it
 * (message 2401); `-Djava.io.tmpdir` so the standard modules TLC unpacks land in our temp folder
 * and go with it; `-fp 0` so liveness counterexamples are the same on every run; `-metadir`
 * so TLC's state files never touch the user's folder.
 */
export function tlcArguments(setup: { jar: JarInfo; probe: JarProbe }, p: {
  workDir: string; metaDir: string; module: string; config: string; workers: number | 'auto'; progressIntervalSeconds: number; extra: readonly string[];
}): string[] {
  return [
    '-XX:+UseParallelGC',
    `-Dtlc2.TLC.progressInterval=${Math.max(1, Math.round(p.progressIntervalSeconds))}`,
    `-Djava.io.tmpdir=${join(p.workDir, 'java-tmp')}`,
    '-cp', setup.jar.path,
    'tlc2.TLC',
    '-tool',
    '-workers', String(p.workers),
    '-metadir', p.metaDir,
    '-fp', '0',
    ...(setup.probe.noGenerateSpecTE ? ['-noGenerateSpecTE'] : []),
    ...p.extra,
    '-config', p.config,
    p.module,
  ];
}

type StopReason = 'timeout' | 'max-states' | 'interrupted' | 'memory';

const ADVICE: Record<StopReason, (o: RunTlcOptions) => string> = {
  timeout: (o) => `TLC was stopped after ${o.timeoutSeconds} s before it finished. Raise --timeout, lower the model's parameters, or add --workers.`,
  'max-states': (o) => `TLC was stopped after finding ${o.maxStates} distinct states. Raise --max-states or lower the model's parameters.`,
  interrupted: () => 'TLC was interrupted before it finished; no property was found violated so far.',
  memory: () => "TLC ran out of memory. Give Java more (JAVA_TOOL_OPTIONS=-Xmx8g, for example) or lower the model's parameters.",
};

function errorResult(message: string, seconds = 0): CheckResult {
  return {
    engine: 'tlc',
    verdict: 'error',
    property: null,
    stats: { distinctStates: 0, statesGenerated: 0, depth: 0, seconds, queued: 0 },
    trace: null,
    loopsBackTo: null,
    stuttering: false,
    error: { message },
  };
}

/** Copies the module, its config and the other `.tla` files beside it (modules it may extend). */
async function stageFiles(modulePath: string, configPath: string, workDir: string): Promise<{ module: string; config: string }> {
  const folder = dirname(modulePath);
  const module = basename(modulePath);
  const config = basename(configPath);
  for (const name of await readdir(folder)) {
    if (name.endsWith('.tla') && name !== module) await copyFile(join(folder, name), join(workDir, name));
  }
  await copyFile(modulePath, join(workDir, module));
  await copyFile(configPath, join(workDir, config));
  return { module, config };
}

/**
 * Signals TLC's whole process group: it runs detached in its own group, so a java wrapper
 * script and the JVM it starts both go. The group id cannot be reused while any member lives,
 * so this never reaches an unrelated process.
 */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Runs TLC on one module and config. Never throws for a user's or environment's problem: a
 * missing Java or jar, a module TLC rejects, TLC killed from outside all come back as verdict
 * `error` with a message that says what to do; limits and aborts as `inconclusive`.
 */
export async function runTlc(options: RunTlcOptions): Promise<CheckResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  if (options.signal?.aborted) return inconclusiveResult('interrupted', options, null, elapsed());

  const setup = await prepareTlc({ tlcJar: options.tlcJar, env });
  if (!setup.ok) return errorResult(setup.message);

  const configPath = options.config ?? options.module.replace(/\.tla$/, '') + '.cfg';
  let moduleText: string;
  let cfgText: string;
  try {
    moduleText = await readFile(options.module, 'utf8');
    cfgText = await readFile(configPath, 'utf8');
  } catch (e) {
    return errorResult(`Cannot read the module or its config: ${(e as Error).message}`);
  }
  const interpretOptions: InterpretOptions = {
    actionParameters: readActionParameters(moduleText),
    properties: readConfigProperties(cfgText),
    moduleName: basename(options.module).replace(/\.tla$/, ''),
  };

  const workDir = await mkdtemp(join(tmpdir(), 'credspec-tlc-'));
  try {
    const metaDir = join(workDir, 'meta');
    await mkdir(metaDir);
    await mkdir(join(workDir, 'java-tmp'));
    const staged = await stageFiles(options.module, configPath, workDir);
    const args = tlcArguments(setup, {
      workDir,
      metaDir,
      module: staged.module,
      config: staged.config,
      workers: options.workers ?? 1,
      progressIntervalSeconds: options.progressIntervalSeconds ?? 2,
      extra: options.extraTlcArgs ?? [],
    });
    return await runProcess(setup.java.path, args, workDir, env, options, interpretOptions, elapsed);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function inconclusiveResult(reason: StopReason, options: RunTlcOptions, progress: Progress | null, seconds: number): CheckResult {
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
    inconclusive: { reason, advice: ADVICE[reason](options) },
  };
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
  return new Promise((resolve) => {
    let stopReason: StopReason | null = null;
    let lastProgress: Progress | null = null;
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const child = spawn(javaPath, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

    const stop = (reason: StopReason): void => {
      if (stopReason || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      stopReason = reason;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), options.killGraceMs ?? 3000);
    };
    const onAbort = (): void => stop('interrupted');

    const reader = new ToolOutputReader((message) => {
      if (message.code !== EC.TLC_PROGRESS_STATS) return;
      const p = readProgress(message.text);
      if (!p) return;
      lastProgress = p;
      options.onProgress?.({ distinct: p.distinct, generated: p.generated, queue: p.queue, depth: p.depth });
      if (options.maxStates !== undefined && p.distinct >= options.maxStates) stop('max-states');
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => reader.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 65536) stderr += chunk;
    });

    if (options.timeoutSeconds !== undefined) timeoutTimer = setTimeout(() => stop('timeout'), options.timeoutSeconds * 1000);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (result: CheckResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      clearTimeout(timeoutTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    child.on('spawn', () => {
      if (child.pid !== undefined) options.onStart?.({ pid: child.pid, args });
      if (options.signal?.aborted) stop('interrupted');
    });
    child.on('error', (e) => finish(errorResult(`Could not start ${javaPath}: ${e.message}. Install a JDK 11 or newer, or use the embedded engine, the default, which needs no Java.`, elapsed())));
    child.on('close', (code, signal) => {
      // Make sure nothing of the process group outlives the run (a wrapper's children).
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      const report = interpretMessages(reader.end(), interpretOptions);
      const memory = /java\.lang\.OutOfMemoryError/.test(stderr) || report.failures.some((f) => /OutOfMemoryError/.test(f.message));
      if (stopReason) {
        // A violation printed before the stop is a real verdict; otherwise the run is inconclusive.
        if (report.violations.length > 0 && report.traceProblems.length === 0) return finish(reportToCheckResult(report, code));
        return finish(inconclusiveResult(stopReason, options, report.lastProgress ?? lastProgress, elapsed()));
      }
      if (memory && report.violations.length === 0) return finish(inconclusiveResult('memory', options, report.lastProgress ?? lastProgress, elapsed()));
      const result = reportToCheckResult(report, code);
      if (result.verdict === 'error' && code === null) {
        return finish({
          ...result,
          error: { message: `TLC was killed by ${signal ?? 'a signal'} from outside credspec before it finished, so there is no verdict. Run the check again; if TLC keeps dying, look for an out-of-memory killer or a process limit.` },
        });
      }
      if (result.verdict === 'error' && stderr.trim() !== '' && report.failures.length === 0) {
        return finish({ ...result, error: { ...result.error!, message: `${result.error!.message}\nJava said: ${stderr.trim().split('\n').slice(0, 5).join('\n')}` } });
      }
      finish(result);
    });
  });
}
