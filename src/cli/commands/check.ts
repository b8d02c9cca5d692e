// `credspec check <file|dir>...`: every variant of every named spec (or the `--variant`s) under
// the command line's parameters, on the embedded engine or TLC. Prints one line per variant and
// the trace of each violation in the spec's words; `--json` writes the result file.
// Exit codes of CLI.md: 3, 2, 1, 4, 0 in that order of precedence.

import type { ParamOverrideRequest } from '../../model/params.js';
import type { MapLocation, SourceMap, SourceMapUnreachable } from '../../emit/source-map.js';
import type { RunCaseOptions } from '../../driver/run-case.js';
import type { TraceChoice } from '../../engine/index.js';
import type { SourceLocation, VariantResult } from '../../result/result-file.js';
import { combineExitCodes, EXIT, type ExitCode } from '../exit-codes.js';
import { formatLockOrder } from '../../driver/lock-order.js';
import type { Io } from '../io.js';
import { type ProgressLine, progressLine } from '../progress-line.js';
import {
  formatResultLine,
  formatUnreached,
  formatViolation,
  markFor,
  TLC_UNREACHED_NOTE,
  type MarkedPlace,
  type UnreachedLocator,
  unreachedLine,
} from '../../driver/report-text.js';
import { humanIo, reportDestinations, writeReport } from '../report-destinations.js';
import { resultFileText, writeResultFile } from '../result-writer.js';
import { type RunSpecsOptions, runSpecs } from '../run-specs.js';
import { boundHitAdvice, boundHitWhere, describeBoundHit } from '../../driver/bound-probe.js';
import { expandInputs } from '../spec-inputs.js';
import { trackTempDir } from '../../process/temp-dirs.js';
import { at } from '../../source/checked-index.js';

/** Options of `credspec check <file|dir>...`. */
export interface CheckArgs {
  readonly inputs: readonly string[];
  readonly variant: readonly string[];
  readonly param: readonly string[];
  /** `--property`: only these named properties (empty: all). */
  readonly property?: readonly string[] | undefined;
  /** False with `--no-deadlock`. */
  readonly deadlock?: boolean | undefined;
  readonly engine?: 'embedded' | 'tlc' | undefined;
  readonly json?: string | undefined;
  readonly maxStates?: number | undefined;
  /** `--exact`: whole states in the embedded engine's visited set. */
  readonly exact?: boolean | undefined;
  readonly timeout?: number | undefined;
  readonly workers?: number | undefined;
  readonly tlcJar?: string | undefined;
  readonly tla?: boolean | undefined;
  readonly memory?: number | undefined;
  /** Random simulation instead of an exhaustive search, with its budget. */
  readonly simulate?: boolean | undefined;
  readonly depth?: number | undefined;
  readonly traces?: number | undefined;
  readonly seed?: number | undefined;
  /** TLC's distributed mode (with `--engine tlc`). */
  readonly distributed?: boolean | undefined;
  readonly listen?: string | undefined;
  readonly safetyOnly?: boolean | undefined;
  readonly printWorkerCommand?: boolean | undefined;
  /** Open the trace viewer after a violation. */
  readonly view?: boolean | undefined;
  /** `--trace`: which counterexample to show. */
  readonly trace?: TraceChoice | undefined;
  /** `--all-steps`: show every step of a counterexample, none folded. */
  readonly allSteps?: boolean | undefined;
  /** `--por`: partial-order reduction (embedded engine). */
  readonly por?: boolean | undefined;
  /** `--import-path DIR` folders imports may also come from. */
  readonly importPath?: readonly string[] | undefined;
  /** `--watch`: check again when a spec or an import changes (watch.ts). */
  readonly watch?: boolean | undefined;
}

/** The engine options that simulation and distributed mode add, from the command line. */
export function modeOptions(
  args: Pick<
    CheckArgs,
    | 'simulate'
    | 'depth'
    | 'traces'
    | 'seed'
    | 'distributed'
    | 'listen'
    | 'safetyOnly'
    | 'printWorkerCommand'
  >,
  io: Io,
): Pick<RunCaseOptions, 'simulate' | 'distributed'> {
  return {
    ...(args.simulate
      ? { simulate: { depth: args.depth, traces: args.traces, seed: args.seed } }
      : {}),
    ...(args.distributed
      ? {
          distributed: {
            listen: args.listen,
            safetyOnly: args.safetyOnly,
            onWorkerCommand: (credspecLine: string, javaLine: string) => {
              if (args.printWorkerCommand !== true && args.listen === undefined) return;
              io.stderr.write(
                `add a worker from another machine with:\n  ${credspecLine}\nor, without credspec:\n  ${javaLine}\n`,
              );
            },
          },
        }
      : {}),
  };
}

/** Bad combinations of modes, as one line each; empty when the options fit together. */
export function modeProblems(
  args: Pick<
    CheckArgs,
    | 'engine'
    | 'simulate'
    | 'distributed'
    | 'listen'
    | 'safetyOnly'
    | 'printWorkerCommand'
    | 'workers'
    | 'por'
  >,
): string[] {
  const problems: string[] = [];
  if (args.por && args.engine === 'tlc')
    problems.push("--por reduces the embedded engine's search: leave out --engine tlc");
  if (args.workers === 0 && !args.distributed)
    problems.push(
      '--workers 0 (no local worker, remote ones only) goes with --distributed; otherwise --workers is at least 1',
    );
  if (args.distributed && args.engine !== 'tlc')
    problems.push("--distributed runs TLC's distributed mode: add --engine tlc");
  if (args.distributed && args.simulate)
    problems.push('--distributed and --simulate do not go together');
  if (
    !args.distributed &&
    (args.listen !== undefined || args.safetyOnly || args.printWorkerCommand)
  )
    problems.push('--listen, --safety-only and --print-worker-command go with --distributed');
  return problems;
}

const COMMAND_LINE_SPAN = {
  file: '<command line>',
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

/** `NAME=VALUE` pairs as parameter overrides; a malformed one is reported and yields null. */
export function parseParamArgs(
  params: readonly string[],
  io: Pick<Io, 'stderr'>,
  command: string,
): ParamOverrideRequest[] | null {
  const out: ParamOverrideRequest[] = [];
  for (const p of params) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(p);
    if (m === null) {
      io.stderr.write(`credspec ${command}: --param expects NAME=VALUE, got "${p}"\n`);
      return null;
    }
    out.push({
      name: at(m, 1, 'a parameter name'),
      value: at(m, 2, 'its value'),
      span: COMMAND_LINE_SPAN,
    });
  }
  return out;
}

/** The exit code one result contributes. */
export function exitCodeOf(result: VariantResult): ExitCode {
  // A lock-order inversion is a finding, as lockdep's splat is, even with no deadlock reached
  // (and a search stopped by a limit found it on a real behaviour all the same).
  if (result.lockOrder !== undefined && result.verdict !== 'error') return EXIT.violated;
  switch (result.verdict) {
    case 'holds':
      return EXIT.ok;
    case 'violated':
    case 'deadlock':
      return EXIT.violated;
    case 'inconclusive':
      return EXIT.inconclusive;
    case 'error':
      return EXIT.toolFailed;
  }
}

/** Whether the run was interrupted (signals.ts); read afresh each time, it changes under awaits. */
function interrupted(io: Io): boolean {
  return io.signal?.aborted === true;
}

/** Fails early, with the TLC runner's own paragraph, when `--engine tlc` cannot run at all. */
export async function tlcUnavailable(
  args: { engine?: 'embedded' | 'tlc' | undefined; tlcJar?: string | undefined },
  io: Io,
  command: string,
): Promise<boolean> {
  // Interrupted already: the runs themselves say so, as inconclusive, and reports are written.
  if (args.engine !== 'tlc' || interrupted(io)) return false;
  const { prepareTlc } = await import('../../tlc/index.js');
  const setup = await prepareTlc({ tlcJar: args.tlcJar, env: io.env as NodeJS.ProcessEnv });
  if (setup.ok || interrupted(io)) return false;
  io.stderr.write(`credspec ${command}: ${setup.message}\n`);
  return true;
}

/** `--view`: the trace viewer on the first violation, through a result file in a temporary folder. */
async function viewFirstViolation(results: readonly VariantResult[], io: Io): Promise<void> {
  const broken = results.find(
    (r) => r.trace !== null && (r.verdict === 'violated' || r.verdict === 'deadlock'),
  );
  if (broken === undefined) return;
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'credspec-view-'));
  const untrack = trackTempDir(dir);
  try {
    const file = join(dir, 'result.json');
    if (writeResultFile(file, io.cwd, [broken]) === null) {
      const { runTrace } = await import('./trace.js');
      await runTrace({ file }, io);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    untrack();
  }
}

/** The command as the user would type it again, for advice that suggests the next one. */
function commandLineOf(args: CheckArgs): string {
  const words = [
    ...args.inputs,
    ...args.variant.flatMap((v) => ['--variant', v]),
    ...args.param.flatMap((p) => ['--param', p]),
    ...(args.property ?? []).flatMap((p) => ['--property', p]),
    ...(args.deadlock === false ? ['--no-deadlock'] : []),
  ];
  if (args.engine !== undefined) words.push('--engine', args.engine);
  if (args.simulate) words.push('--simulate');
  for (const dir of args.importPath ?? []) words.push('--import-path', dir);
  return `credspec check ${words.map(shellWord).join(' ')}`;
}

/** A word as a POSIX shell reads it back: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Finds where unreached steps and covers are declared, in the source map the checked module was
 * emitted with (handed over by the run, never read back from disk); no map locates nothing.
 */
export function sourceMapLocator(map: SourceMap | undefined): UnreachedLocator {
  const at = (loc: MapLocation | null | undefined): SourceLocation | null =>
    loc ? { file: loc.file, line: loc.line, column: loc.column } : null;
  return {
    step: (name) => {
      const step = name.replace(/ \(its failure\)$/, '');
      return at(map?.actions.find((a) => a.step === step && a.location !== null)?.location);
    },
    cover: (name) =>
      at(map?.properties.find((p) => p.kind === 'cover' && p.dslName === name)?.location),
    marks: map === undefined ? [] : markedPlaces(map),
  };
}

/** The places a module's map says its spec marks unreachable, each once. */
function markedPlaces(map: SourceMap): MarkedPlace[] {
  const places = new Map<string, MarkedPlace>();
  const add = (kind: MarkedPlace['kind'], name: string, mark: SourceMapUnreachable): void => {
    const { file, line, column } = mark.location;
    places.set(`${kind} ${name}`, {
      kind,
      name,
      reason: mark.reason,
      location: { file, line, column },
    });
  };
  for (const a of map.actions)
    if (a.unreachable !== undefined)
      add(a.outcome === 'failed' ? 'fault' : 'step', a.step, a.unreachable);
  for (const a of map.actions)
    if (a.elseUnreachable !== undefined) add('branch', a.step, a.elseUnreachable);
  for (const p of map.properties)
    if (p.kind === 'cover' && p.unreachable !== undefined) add('cover', p.dslName, p.unreachable);
  return [...places.values()];
}

/**
 * Prints the unreached warnings of a result, or notes once that TLC gives none. With
 * `steps: false` only covers are printed per result (`ci`, where most parameter sets leave
 * some steps off by design; `spreadUnreachedSteps` says which steps no set enabled).
 */
export function unreachedPrinter(
  io: Io,
  options: { steps: boolean } = { steps: true },
): (result: VariantResult, sourceMap: SourceMap | undefined) => void {
  let notedTlc = false;
  return (result, sourceMap) => {
    const shown =
      options.steps || result.unreached === undefined
        ? result
        : { ...result, unreached: { ...result.unreached, steps: [], branches: [] } };
    for (const line of formatUnreached(shown, sourceMapLocator(sourceMap)))
      io.stdout.write(`${line}\n`);
    if (result.engine === 'tlc' && result.verdict === 'holds' && !notedTlc) {
      notedTlc = true;
      io.stdout.write(`  ${TLC_UNREACHED_NOTE}\n`);
    }
  };
}

/**
 * The steps of one spec that no exhaustive run of it enabled (each holding embedded result
 * lists the steps it never enabled; a step missing from one list was enabled there), as
 * warning lines: code no parameter set of the spec reaches. Empty when no run was exhaustive.
 */
export function spreadUnreachedSteps(
  results: readonly VariantResult[],
  sourceMaps: ReadonlyMap<VariantResult, SourceMap>,
): string[] {
  const exhaustive = results.filter(
    (r) => r.engine === 'embedded' && r.verdict === 'holds' && r.expected?.simulation === undefined,
  );
  const first = exhaustive[0];
  if (first === undefined) return [];
  let never = new Set(first.unreached?.steps ?? []);
  for (const r of exhaustive.slice(1))
    never = new Set((r.unreached?.steps ?? []).filter((s) => never.has(s)));
  const locate = sourceMapLocator(sourceMaps.get(first));
  return [...never].map((s) => {
    const loc = locate.step(s);
    return unreachedLine(
      `step ${s} never enabled in any of the ${exhaustive.length} exhaustive checks of ${first.spec}${loc ? ` (${loc.file}:${loc.line}:${loc.column})` : ''}`,
      markFor(locate.marks, 'step', s),
    );
  });
}

/** What each case's run is told: the engine, its mode and limits, as the command line says. */
function caseOptions(args: CheckArgs, io: Io, progress: ProgressLine): RunSpecsOptions {
  return {
    engine: args.engine ?? 'embedded',
    maxStates: args.maxStates,
    exact: args.exact,
    timeoutSeconds: args.timeout,
    workers: args.workers,
    onNote: (m: string) => void io.stderr.write(`credspec check: ${m}\n`),
    tlcJar: args.tlcJar,
    signal: io.signal,
    memoryMb: args.memory,
    properties: args.property,
    noDeadlock: args.deadlock === false,
    trace: args.trace,
    por: args.por,
    ...modeOptions(args, io),
    commandLine: commandLineOf(args),
    onCaseStart: (c) => progress.start(c),
    onProgress: (p) => progress.update(p),
  };
}

/** Runs `credspec check`; resolves with the exit code. */
export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const params = parseParamArgs(args.param, io, 'check');
  if (params === null) return EXIT.badInput;
  const problems = modeProblems(args);
  for (const p of problems) io.stderr.write(`credspec check: ${p}\n`);
  if (problems.length > 0) return EXIT.badInput;
  const inputs = expandInputs(args.inputs, io, 'check');
  if (inputs.files.length === 0) return EXIT.badInput;
  // The report's path is judged before anything runs; with `--json -` the lines go to stderr.
  const reports = reportDestinations(
    args.json !== undefined ? [{ option: '--json', path: args.json }] : [],
    inputs.files,
    io.cwd,
  );
  if (!reports.ok) {
    for (const m of reports.messages) io.stderr.write(`credspec check: ${m}\n`);
    return EXIT.badInput;
  }
  const reportOut = io.stdout;
  io = humanIo(io, reports.destinations);
  if (await tlcUnavailable(args, io, 'check')) return EXIT.toolFailed;
  const progress = progressLine(io);
  io = progress.io;
  const printUnreached = unreachedPrinter(io);
  const codes: ExitCode[] = inputs.ok ? [] : [EXIT.badInput];
  try {
    const outcome = await runSpecs(
      inputs.files,
      io,
      { kind: 'check', selection: { variants: args.variant, params } },
      caseOptions(args, io, progress),
      (result, sourceMap) => {
        io.stdout.write(formatResultLine(result) + '\n');
        if (
          result.verdict === 'violated' ||
          result.verdict === 'deadlock' ||
          result.verdict === 'error' ||
          result.verdict === 'inconclusive'
        ) {
          io.stdout.write(formatViolation(result, { allSteps: args.allSteps === true }) + '\n');
        }
        for (const line of formatLockOrder(result)) io.stdout.write(`${line}\n`);
        printUnreached(result, sourceMap);
      },
      { importPaths: args.importPath },
    );
    progress.clear();
    for (const h of outcome.boundHits)
      io.stdout.write(
        `  warning: ${boundHitWhere(h)}: ${describeBoundHit(h)}; ${boundHitAdvice(h)}\n`,
      );
    if (outcome.badInput) codes.push(EXIT.badInput);
    if (outcome.toolFailed) codes.push(EXIT.toolFailed);
    codes.push(...outcome.results.map(exitCodeOf));
    for (const destination of reports.destinations) {
      const problem = writeReport(
        destination,
        resultFileText(outcome.results),
        reportOut,
        inputs.files,
        io.cwd,
      );
      if (problem !== null) {
        io.stderr.write(`credspec check: ${problem.problem}\n`);
        codes.push(problem.badInput ? EXIT.badInput : EXIT.toolFailed);
      }
    }
    if (args.view === true && !interrupted(io)) await viewFirstViolation(outcome.results, io);
    return combineExitCodes(codes);
  } finally {
    progress.clear();
  }
}
