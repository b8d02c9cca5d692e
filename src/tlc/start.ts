// What every way of running TLC (run.ts, simulate.ts, distributed.ts) does before java starts:
// find Java and the jar, take the module and its config (and what TLC's messages will name),
// make the run's private folder and write the module's files there from memory. Returns the
// setup or the error CheckResult a run gives instead; it starts no process and leaves no file
// behind once `inRunFolder`'s callback has finished, however it finished.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { trackTempDir } from '../process/temp-dirs.js';
import type { CheckResult } from '../result/check-result.js';
import { findJava, type JavaInfo } from './java.js';
import { locateJar, probeJar, type JarInfo, type JarProbe } from './jar.js';
import type { InterpretOptions } from './interpret-messages.js';
import type { TemporalJudge } from './name-temporal.js';
import { readActionParameters, readConfigProperties } from './module-facts.js';
import type { SetupProblem } from './setup-problem.js';

/**
 * A module and its config as text: what a run hands TLC without reading anything back from
 * a path another run could write to at the same time. The module may extend standard modules
 * only (TLC's own); `name` is its `MODULE` name and becomes its file name in the run's folder.
 */
export interface TlaModuleText {
  readonly name: string;
  readonly text: string;
  readonly config: string;
}

/** The options every way of running TLC takes, with the same meaning in each. */
export interface TlcStartOptions {
  /**
   * The module: its text and config (nothing is read from disk), or the path of a `.tla`
   * file, read once together with the other `.tla` files beside it (modules it may extend).
   */
  readonly module: string | TlaModuleText;
  /** With a module path: the path of the TLC config; default: the module's path with `.cfg`. */
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
export async function prepareTlc(
  options: {
    tlcJar?: string | undefined;
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal | undefined;
  } = {},
): Promise<({ ok: true } & TlcSetup) | SetupProblem> {
  const env = options.env ?? process.env;
  const java = await findJava(env, { signal: options.signal });
  if (!java.ok) return java;
  const jar = locateJar({ tlcJar: options.tlcJar, env });
  if (!jar.ok) return jar;
  const probe = await probeJar(java.java.path, jar.jar, env, options.signal);
  if (!probe.ok) return probe;
  return { ok: true, java: java.java, jar: jar.jar, probe: probe.probe };
}

/**
 * The command line, without the java executable. `-XX:+UseParallelGC` because TLC asks for it
 * (message 2401); `-XX:-UsePerfData` because the JVM otherwise keeps a file in
 * /tmp/hsperfdata_<user> that stays behind when the JVM is killed; `-Djava.io.tmpdir` so the
 * standard modules TLC unpacks land in the run's folder and go with it; `-fp 0` so liveness
 * counterexamples are the same on every run; `-metadir` so TLC's state files never touch the
 * user's folder.
 */
export function tlcArguments(
  setup: { jar: JarInfo; probe: JarProbe },
  p: {
    workDir: string;
    metaDir: string;
    module: string;
    config: string;
    workers: number | 'auto';
    progressIntervalSeconds: number;
    extra: readonly string[];
  },
): string[] {
  return [
    '-XX:+UseParallelGC',
    '-XX:-UsePerfData',
    `-Dtlc2.TLC.progressInterval=${Math.max(1, Math.round(p.progressIntervalSeconds))}`,
    `-Djava.io.tmpdir=${join(p.workDir, 'java-tmp')}`,
    '-cp',
    setup.jar.path,
    'tlc2.TLC',
    '-tool',
    '-workers',
    String(p.workers),
    '-metadir',
    p.metaDir,
    '-fp',
    '0',
    ...(setup.probe.noGenerateSpecTE ? ['-noGenerateSpecTE'] : []),
    ...p.extra,
    '-config',
    p.config,
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
  readonly moduleText: string;
  readonly cfgText: string;
  /** The module's name: its file name without `.tla`. */
  readonly moduleName: string;
  /** Other modules the module may extend (the `.tla` files beside a module path). */
  readonly otherModules: readonly RunFile[];
  /** How TLC's messages are read for this module: its action parameters and the config's properties. */
  readonly interpretOptions: InterpretOptions;
}

/** A file of a run's private folder: its name there and its text. */
export interface RunFile {
  readonly name: string;
  readonly text: string;
}

/** A TLA+ module name, which is also a file name here: letters, digits and `_` only. */
const MODULE_NAME = /^[A-Za-z0-9_]+$/;

type ModuleTexts = {
  moduleName: string;
  moduleText: string;
  cfgText: string;
  otherModules: RunFile[];
};

/** Reads a module path, its config and the `.tla` files beside it, each once. */
async function readModuleFiles(
  modulePath: string,
  configPath: string | undefined,
): Promise<ModuleTexts> {
  const file = basename(modulePath);
  const folder = dirname(modulePath);
  const moduleText = await readFile(modulePath, 'utf8');
  const cfgText = await readFile(configPath ?? modulePath.replace(/\.tla$/, '') + '.cfg', 'utf8');
  const otherModules: RunFile[] = [];
  // Regular files only: a FIFO or device named `*.tla` would block or never end.
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.tla') && entry.name !== file)
      otherModules.push({
        name: entry.name,
        text: await readFile(join(folder, entry.name), 'utf8'),
      });
  }
  return { moduleName: file.replace(/\.tla$/, ''), moduleText, cfgText, otherModules };
}

/**
 * Finds Java and the jar and takes the module and its config: as given, or read once from
 * their paths. A missing Java or jar, a file that cannot be read, or a module name that
 * cannot be a file name, comes back as the run's error result rather than a throw.
 */
export async function startTlc(
  options: TlcStartOptions,
): Promise<TlcStart | { readonly ok: false; readonly result: CheckResult }> {
  const env = options.env ?? process.env;
  const setup = await prepareTlc({ tlcJar: options.tlcJar, env, signal: options.signal });
  if (!setup.ok) return { ok: false, result: tlcErrorResult(setup.message) };
  let texts: ModuleTexts;
  if (typeof options.module === 'string') {
    try {
      texts = await readModuleFiles(options.module, options.config);
    } catch (e) {
      return {
        ok: false,
        result: tlcErrorResult(`Cannot read the module or its config: ${(e as Error).message}`),
      };
    }
  } else {
    texts = {
      moduleName: options.module.name,
      moduleText: options.module.text,
      cfgText: options.module.config,
      otherModules: [],
    };
  }
  const { moduleName, moduleText, cfgText, otherModules } = texts;
  if (!MODULE_NAME.test(moduleName)) {
    return {
      ok: false,
      result: tlcErrorResult(
        `TLC cannot check a module named "${moduleName}": a TLA+ module name has letters, digits and _ only. Rename the module file.`,
      ),
    };
  }
  const interpretOptions: InterpretOptions = {
    actionParameters: readActionParameters(moduleText),
    properties: readConfigProperties(cfgText),
    moduleName,
  };
  return {
    ok: true,
    setup: { java: setup.java, jar: setup.jar, probe: setup.probe },
    env,
    moduleText,
    cfgText,
    moduleName,
    otherModules,
    interpretOptions,
  };
}

/** The run folder's files for a start (with a config text the caller may have changed), and the names TLC is given. */
export function runFiles(
  start: Pick<TlcStart, 'moduleName' | 'moduleText' | 'cfgText' | 'otherModules'>,
  cfgText: string = start.cfgText,
): { files: RunFile[]; module: string; config: string } {
  const module = `${start.moduleName}.tla`;
  const config = `${start.moduleName}.cfg`;
  return {
    files: [
      ...start.otherModules.filter((f) => f.name !== module),
      { name: module, text: start.moduleText },
      { name: config, text: cfgText },
    ],
    module,
    config,
  };
}

/**
 * Runs `body` in a private folder made for this run alone (`mkdtemp`, mode 0700, named from
 * `prefix`), holding `files`, the `meta` folder TLC keeps its states in and the `java-tmp`
 * folder Java unpacks into. Removes it all afterwards, whether `body` returns or throws; a
 * process that exits before then removes it on the way out (src/process/exit-cleanup.ts).
 */
export async function inRunFolder<T>(
  prefix: string,
  files: readonly RunFile[],
  body: (dirs: { workDir: string; metaDir: string }) => Promise<T>,
): Promise<T> {
  const workDir = await mkdtemp(join(tmpdir(), prefix));
  const forget = trackTempDir(workDir);
  try {
    const metaDir = join(workDir, 'meta');
    await mkdir(metaDir);
    await mkdir(join(workDir, 'java-tmp'));
    // `wx`: a name given twice is our bug, not a file to replace.
    for (const f of files)
      await writeFile(join(workDir, f.name), f.text, { flag: 'wx', mode: 0o600 });
    return await body({ workDir, metaDir });
  } finally {
    await rm(workDir, { recursive: true, force: true });
    forget();
  }
}
