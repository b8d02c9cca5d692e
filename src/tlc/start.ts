// What every way of running TLC (run.ts, simulate.ts, distributed.ts) does before java starts:
// find Java and the jar, read the module and its config (and what TLC's messages will name), make a temp folder and stage the
// module's .tla files there. Returns the setup or the error CheckResult a run gives instead;
// it starts no process and leaves no file behind once `inWorkDir`'s callback has finished.

import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { CheckResult } from '../result/check-result.js';
import { trackTempDir } from '../process/temp-dirs.js';
import { findJava, type JavaInfo } from './java.js';
import { locateJar, probeJar, type JarInfo, type JarProbe } from './jar.js';
import type { InterpretOptions } from './interpret-messages.js';
import type { TemporalJudge } from './name-temporal.js';
import { readActionParameters, readConfigProperties } from './module-facts.js';
import type { SetupProblem } from './setup-problem.js';

/** The options every way of running TLC takes, with the same meaning in each. */
export interface TlcStartOptions {
  /** Path of the `.tla` module. */
  readonly module: string;
  /** Path of the TLC config; default: the module's path with `.cfg`. */
  readonly config?: string;
  /** `--tlc-jar`; else TLA2TOOLS_JAR, else the cache. */
  readonly tlcJar?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** Stop TLC after this long; the verdict is then `inconclusive` (timeout). */
  readonly timeoutSeconds?: number | undefined;
  /** Aborting stops TLC (Ctrl-C); the verdict is then `inconclusive` (interrupted). */
  readonly signal?: AbortSignal | undefined;
  /** More TLC options (`-deadlock`, `-continue`, ...), placed before `-config`. */
  readonly extraTlcArgs?: readonly string[];
  /** Between SIGTERM and SIGKILL when stopping TLC (default 3000 ms). */
  readonly killGraceMs?: number;
  /**
   * Names the violated temporal property on TLC's lasso when the config has several
   * (name-temporal.ts); without it, the first TLC lists in config order, or null (TLC 1.7.4).
   */
  readonly judgeTemporal?: TemporalJudge | undefined;
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

/** The result of a TLC run that could not give a verdict, with the message that says why. */
export function tlcErrorResult(message: string, seconds = 0): CheckResult {
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

/** What a run knows once Java, the jar, the module and its config are all there. */
export interface TlcStart {
  readonly ok: true;
  readonly setup: TlcSetup;
  readonly env: NodeJS.ProcessEnv;
  readonly configPath: string;
  readonly moduleText: string;
  readonly cfgText: string;
  /** The module's name: its file name without `.tla`. */
  readonly moduleName: string;
  /** How TLC's messages are read for this module: its action parameters and the config's properties. */
  readonly interpretOptions: InterpretOptions;
}

/**
 * Finds Java and the jar and reads the module and its config. A missing Java or jar, or a
 * file that cannot be read, comes back as the run's error result rather than a throw.
 */
export async function startTlc(options: TlcStartOptions): Promise<TlcStart | { readonly ok: false; readonly result: CheckResult }> {
  const env = options.env ?? process.env;
  const setup = await prepareTlc({ tlcJar: options.tlcJar, env });
  if (!setup.ok) return { ok: false, result: tlcErrorResult(setup.message) };
  const configPath = options.config ?? options.module.replace(/\.tla$/, '') + '.cfg';
  let moduleText: string;
  let cfgText: string;
  try {
    moduleText = await readFile(options.module, 'utf8');
    cfgText = await readFile(configPath, 'utf8');
  } catch (e) {
    return { ok: false, result: tlcErrorResult(`Cannot read the module or its config: ${(e as Error).message}`) };
  }
  const moduleName = basename(options.module).replace(/\.tla$/, '');
  const interpretOptions: InterpretOptions = { actionParameters: readActionParameters(moduleText), properties: readConfigProperties(cfgText), moduleName };
  return { ok: true, setup: { java: setup.java, jar: setup.jar, probe: setup.probe }, env, configPath, moduleText, cfgText, moduleName, interpretOptions };
}

/**
 * Runs `body` in a fresh temp folder (named from `prefix`) holding the `meta` folder TLC
 * keeps its states in and the `java-tmp` folder Java unpacks into; removes it all afterwards,
 * whether `body` returns or throws.
 */
export async function inWorkDir<T>(prefix: string, body: (dirs: { workDir: string; metaDir: string }) => Promise<T>): Promise<T> {
  const workDir = await mkdtemp(join(tmpdir(), prefix));
  const untrack = trackTempDir(workDir);
  try {
    const metaDir = join(workDir, 'meta');
    await mkdir(metaDir);
    await mkdir(join(workDir, 'java-tmp'));
    return await body({ workDir, metaDir });
  } finally {
    await rm(workDir, { recursive: true, force: true });
    untrack();
  }
}

/**
 * Copies the module and the other `.tla` files beside it (modules it may extend) into
 * `workDir`, and the config: copied from its path, or written from a text the caller changed.
 * Returns the staged file names, which is how TLC is then told of them.
 */
export async function stageModule(
  modulePath: string,
  workDir: string,
  config: { readonly path: string } | { readonly name: string; readonly text: string },
): Promise<{ module: string; config: string }> {
  const folder = dirname(modulePath);
  const module = basename(modulePath);
  for (const name of await readdir(folder)) {
    if (name.endsWith('.tla') && name !== module) await copyFile(join(folder, name), join(workDir, name));
  }
  await copyFile(modulePath, join(workDir, module));
  if ('path' in config) {
    const name = basename(config.path);
    await copyFile(config.path, join(workDir, name));
    return { module, config: name };
  }
  await writeFile(join(workDir, config.name), config.text);
  return { module, config: config.name };
}
