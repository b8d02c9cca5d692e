// Runs one built case on an engine and tells the result in the spec's words. Places the emitted
// files where the result can name them (the committed `generated/` copy when it is identical,
// else a content-addressed copy in the private user cache, never over `generated/`), runs the embedded engine or TLC, and maps the
// trace back to the spec with the source map.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  type PrivateCache,
  privateFolder,
  readPrivate,
  UntrustedCacheError,
  writeAtomic,
} from '../cache/private-files.js';
import type { CheckResult } from '../result/check-result.js';
import type { Expectation, SourceLocation, VariantResult } from '../result/result-file.js';
import type { ExpectDecl } from '../syntax/ast.js';
import type { BuiltCase } from '../emit/build-case.js';
import type { MapLocation, SourceMap } from '../emit/source-map.js';
import { mapTrace } from '../trace/map-trace.js';
import { breakingState, deadlockWaits, type TraceChoice } from '../engine/index.js';
import { compiledCache, credspecCacheDir } from './cache-dir.js';
import { errorInSpecTerms } from './error-in-spec.js';
import { runTlc, type TlcRunOptions } from '../tlc/index.js';
import { simulationOf } from '../model/expectations.js';
import { at } from '../source/checked-index.js';
import { lockOrderReport, tlcLockOrderNote } from './lock-order.js';

export type EngineChoice = 'embedded' | 'tlc';

/** The statistics a running check reports, about once a second. */
export interface ProgressStats {
  readonly distinct: number;
  readonly generated: number;
  readonly queue: number;
  readonly depth: number;
  /** How long the search itself has run, when the engine says (the check's time includes building it). */
  readonly seconds?: number;
}

export interface RunCaseOptions {
  readonly engine: EngineChoice;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly maxStates?: number | undefined;
  /** `--exact`: whole states, not fingerprints, in the embedded engine's visited set. */
  readonly exact?: boolean | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly workers?: number | undefined;
  readonly tlcJar?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: ProgressStats) => void) | undefined;
  /** The command line that was run, for advice that shows the next one. */
  readonly commandLine?: string | undefined;
  /** `--property`: check only these named properties (property-selection.ts); empty or absent: all. */
  readonly properties?: readonly string[] | undefined;
  /** `--no-deadlock`: do not report a state where no thread can take a step. */
  readonly noDeadlock?: boolean | undefined;
  /** One-line notes for stderr (the embedded engine running one worker although more were asked for). */
  readonly onNote?: ((message: string) => void) | undefined;
  /** `--trace`: which counterexample to show (default: the fewest preemptions among the shortest). */
  readonly trace?: TraceChoice | undefined;
  /** Heap for the embedded engine before it stops with advice (`--memory`). */
  readonly memoryMb?: number | undefined;
  /** `--por`: partial-order reduction of the embedded engine's search. */
  readonly por?: boolean | undefined;
  /** Random simulation instead of an exhaustive search (either engine). */
  readonly simulate?: TlcRunOptions['simulate'];
  /** TLC's distributed mode (engine tlc only). */
  readonly distributed?: TlcRunOptions['distributed'];
}

/** Where `emit --param` writes its throwaway variants: `generated/` of the user cache folder. */
export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string {
  return join(credspecCacheDir(env), 'generated');
}

/** Where a run keeps the emitted copies it checks when `generated/` does not hold them: `emitted/<content hash>/`. */
export function emittedCache(env: Readonly<Record<string, string | undefined>>): PrivateCache {
  return { root: credspecCacheDir(env), folder: 'emitted' };
}

function sameFile(path: string, text: string): boolean {
  try {
    return existsSync(path) && readFileSync(path, 'utf8') === text;
  } catch {
    return false;
  }
}

/**
 * Paths of the module and config as checked: `generated/...` when it holds these exact texts,
 * else copies in the private cache, in a folder named by the hash of all three texts and their
 * paths. Two runs of two revisions of one spec (same file and spec name) thus never share a
 * file, and a run finding a copy whose bytes are not the ones it needs (damaged, or planted)
 * says so and writes it again, atomically.
 */
export function placeFiles(
  built: BuiltCase,
  options: Pick<RunCaseOptions, 'cwd' | 'env' | 'onNote'>,
): { tla: string; cfg: string } {
  const committed = resolve(options.cwd, 'generated');
  const tla = join(committed, built.tlaPath);
  const cfg = join(committed, built.cfgPath);
  // The map too: a report reads it beside the module to put the trace in the spec's lines.
  if (
    sameFile(tla, built.tlaText) &&
    sameFile(cfg, built.cfgText) &&
    sameFile(join(committed, built.mapPath), built.mapText)
  )
    return { tla, cfg };
  const files: [string, string][] = [
    [built.tlaPath, built.tlaText],
    [built.cfgPath, built.cfgText],
    [built.mapPath, built.mapText],
  ];
  const key = createHash('sha256').update(JSON.stringify(files)).digest('hex');
  const cache = emittedCache(options.env);
  const placed: string[] = [];
  for (const [emittedPath, text] of files) {
    // Inside the entry whatever the spec's name (a spec file named `...cred` must not lead out).
    const path = emittedPath
      .split(/[\\/]/)
      .map((part) => (part === '' || part === '.' || part === '..' ? '_' : part))
      .join('/');
    let folder: string;
    try {
      folder = privateFolder(cache, join(key, dirname(path)));
    } catch (e) {
      if (!(e instanceof UntrustedCacheError)) throw e;
      throw new Error(
        `cannot keep the emitted module in the cache: ${e.message}; set XDG_CACHE_HOME to a folder of your own`,
      );
    }
    const target = join(folder, basename(path));
    placed.push(target);
    const found = readPrivate(target);
    if (found.kind === 'text' && found.text === text) continue;
    if (found.kind !== 'missing')
      options.onNote?.(
        `the cached copy ${target} ${found.kind === 'text' ? 'does not match its name' : found.why}; writing it again`,
      );
    writeAtomic(target, text);
  }
  return { tla: at(placed, 0, 'the placed module'), cfg: at(placed, 1, 'the placed config') };
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

function toLocation(loc: MapLocation | null | undefined): SourceLocation | undefined {
  if (!loc) return undefined;
  return {
    file: loc.file,
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
  };
}

/** The expectation an `expect` states, in the result file's terms. */
export function expectationOf(decl: ExpectDecl): Expectation {
  const verdict = decl.verdict.kind === 'violates' ? 'violated' : decl.verdict.kind;
  return {
    verdict,
    property: decl.verdict.kind === 'violates' ? decl.verdict.property.name : null,
    ...(decl.tag !== undefined ? { tag: decl.tag } : {}),
    ...(decl.search !== undefined ? { simulation: simulationOf(decl) ?? {} } : {}),
  };
}

/** The DSL name of a violated TLA+ property (an assertion's label, an invariant's name). */
function dslProperty(
  map: SourceMap,
  property: string | null,
): { name: string | null; location?: SourceLocation } {
  if (property === null) return { name: null };
  const found = map.properties.find((p) => p.name === property || p.dslName === property);
  if (found === undefined) return { name: property };
  const location = toLocation(found.location);
  return location ? { name: found.dslName, location } : { name: found.dslName };
}

async function runEngine(
  built: BuiltCase,
  options: RunCaseOptions,
  warnings: string[],
): Promise<CheckResult & { stats: { stateBytes?: number } }> {
  // The time limit counts from here, so building the module (compiling, reading huge constants) is inside it.
  const startedAt = Date.now();
  const common = { timeoutSeconds: options.timeoutSeconds, signal: options.signal };
  if (options.engine === 'tlc') {
    // TLC 1.7.4 names no property when several temporal ones are violated: the first one its
    // lasso violates, in declaration order, is the one the embedded engine reports.
    const { temporalJudge } = await import('../engine/index.js');
    // TLC gets the texts built here, never a path another run may be writing: it writes them
    // into its own private folder (src/tlc/start.ts).
    const module = { name: built.emitted.module.name, text: built.tlaText, config: built.cfgText };
    const found = await runTlc(module, {
      tlcJar: options.tlcJar,
      env: options.env as NodeJS.ProcessEnv,
      judgeTemporal: temporalJudge(built),
      ...common,
      workers: options.workers,
      maxStates: options.maxStates,
      onProgress: options.onProgress,
      simulate: options.simulate,
      distributed: options.distributed,
    });
    const unrecorded = tlcLockOrderNote(built.model);
    if (unrecorded !== undefined) {
      warnings.push(unrecorded);
      options.onNote?.(unrecorded);
    }
    // TLC's trace, re-minimised on the embedded engine (or said why not).
    const { minimiseTlcTrace } = await import('../engine/index.js');
    return minimiseTlcTrace(built, found, {
      trace: options.trace ?? 'fewest-preemptions',
      shrink: options.simulate !== undefined,
    });
  }
  const { runEmbedded } = await import('../engine/index.js');
  const onProgress = options.onProgress;
  return runEmbedded(built, {
    ...common,
    startedAt,
    compiledCache: compiledCache(options.env),
    interpret: options.env.CREDSPEC_INTERPRET === '1',
    maxStates: options.maxStates,
    exact: options.exact,
    memoryMb: options.memoryMb,
    commandLine: options.commandLine,
    workers: options.workers ?? 1,
    warnings,
    onNote: options.onNote,
    simulate: options.simulate,
    trace: options.trace,
    por: options.por,
    onProgress: onProgress
      ? (p: {
          distinctStates: number;
          statesGenerated: number;
          queued: number;
          depth: number;
          seconds: number;
        }) =>
          onProgress({
            distinct: p.distinctStates,
            generated: p.statesGenerated,
            queue: p.queued,
            depth: p.depth,
            seconds: p.seconds,
          })
      : undefined,
  });
}

/**
 * An engine that fails because the run was aborted under it (a `java` probe ended by the signal
 * layer) gives no verdict about the spec: the case is interrupted, not broken.
 */
function interruptedIfAborted<R extends CheckResult>(
  result: R,
  signal: AbortSignal | undefined,
): R {
  if (signal?.aborted !== true || result.verdict !== 'error') return result;
  const { error: _error, ...rest } = result;
  return {
    ...rest,
    verdict: 'inconclusive',
    inconclusive: {
      reason: 'interrupted',
      advice: 'The run was interrupted before it finished; there is no verdict.',
    },
  } as R;
}

/** Runs one case and returns its entry of the result file. */
export async function runCase(
  built: BuiltCase,
  specPath: string,
  options: RunCaseOptions,
): Promise<VariantResult> {
  const warnings: string[] = [];
  const result = interruptedIfAborted(await runEngine(built, options, warnings), options.signal);
  return caseResult(built, specPath, result, options, warnings);
}

/** The result-file entry of an engine's result on one case (also what `replay` prints). */
export function caseResult(
  built: BuiltCase,
  specPath: string,
  result: CheckResult & { stats: { stateBytes?: number } },
  options: Pick<RunCaseOptions, 'engine' | 'cwd' | 'env' | 'onNote'>,
  warnings: readonly string[] = [],
): VariantResult {
  const files = placeFiles(built, options);
  const map = built.emitted.sourceMap;
  const trace = mapTrace(result, map, { includeTla: true }); // the module's view of each step: what ITF is made of;
  const waitsFor = deadlockWaits(built, result, trace?.steps ?? null);
  const breaking = breakingState(built, result, trace?.steps ?? null);
  const lockOrder = lockOrderReport(result.lockOrder, map);
  const property = dslProperty(map, result.property);
  const expectDecl = built.case.expects[0];
  // A fault point is two actions of one step: its failure, never taken, is not the step.
  const stepName = (a: string): string => {
    const m = map.actions.find((x) => x.name === a);
    if (m === undefined) return a;
    return m.outcome === 'failed' ? `${m.step} (its failure)` : m.step;
  };
  const unreachedSteps = [...new Set(result.unreached?.actions.map(stepName) ?? [])];
  const unreachedBranches = (result.unreached?.branches ?? []).flatMap((a) => {
    const test = built.model.actions.find((x) => x.name === a)?.elseOutcome?.test;
    return test === undefined ? [] : [{ step: stepName(a), test }];
  });
  const unreachedCovers =
    result.unreached?.covers.map((c) => map.properties.find((p) => p.name === c)?.dslName ?? c) ??
    [];
  const stats = result.stats;
  return {
    spec: specPath,
    variant: built.case.variant,
    params: built.model.params,
    overrides: built.model.paramOverrides,
    engine: options.engine,
    module: shown(files.tla, options.cwd),
    config: shown(files.cfg, options.cwd),
    verdict: result.verdict,
    property: property.name,
    ...(property.location ? { propertyLocation: property.location } : {}),
    expected: expectDecl ? expectationOf(expectDecl) : null,
    ...(expectDecl
      ? {
          expectLocation: {
            file: expectDecl.span.file,
            line: expectDecl.span.start.line,
            column: expectDecl.span.start.column,
          },
        }
      : {}),
    stats: {
      distinctStates: stats.distinctStates,
      statesGenerated: stats.statesGenerated,
      depth: stats.depth,
      seconds: Math.round(stats.seconds * 1000) / 1000,
      ...(stats.stateBytes !== undefined ? { bytesPerState: Math.round(stats.stateBytes) } : {}),
    },
    trace: trace?.steps ?? null,
    loopsBackTo: trace?.loopsBackTo ?? null,
    ...(result.stuttering ? { stuttering: true } : {}),
    ...(result.counterexample ? { counterexample: result.counterexample } : {}),
    ...(result.inconclusive ? { inconclusive: result.inconclusive } : {}),
    ...(result.error
      ? { error: { message: errorInSpecTerms(built, result.error, result.trace?.at(-1)?.state) } }
      : {}),
    ...(waitsFor !== undefined && waitsFor.length > 0 ? { waitsFor } : {}),
    ...(breaking !== undefined ? { breakingState: breaking } : {}),
    ...(result.unreached &&
    (unreachedSteps.length > 0 || unreachedCovers.length > 0 || unreachedBranches.length > 0)
      ? {
          unreached: {
            steps: unreachedSteps,
            covers: unreachedCovers,
            ...(unreachedBranches.length > 0 ? { branches: unreachedBranches } : {}),
          },
        }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(lockOrder !== undefined ? { lockOrder } : {}),
  };
}
