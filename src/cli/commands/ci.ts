// `credspec ci [dir]`: every (variant, parameter set) that an `expect` in a spec under `dir`
// names, checked against that expectation. One line per case and a summary; `--junit`,
// `--sarif` and `--json` reports; GitHub Actions annotations when running there. A spec that
// cannot be checked (it fails lint) counts as failed to run, with its diagnostics in every report.
// Exit codes of CLI.md: 0 every verdict as expected, 1 some differ, 2 bad input, 3 tool failure,
// 4 inconclusive; precedence 3, 2, 1, 4, 0.

import { compareDiagnostics, formatMessage } from '../../diagnostics/render.js';
import { at, required } from '../../source/checked-index.js';
import type {
  SourceLocation,
  StaleGenerated,
  UncheckedSpec,
  VariantResult,
} from '../../result/result-file.js';
import {
  describeExpectation,
  describeParams,
  describeVerdict,
  judgeExpectation,
} from '../../result/expectation.js';
import { combineExitCodes, EXIT, type ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { packageVersion } from '../../driver/package-root.js';
import { type ProgressLine, progressLine, type StartingCheck } from '../progress-line.js';
import { formatViolation } from '../../driver/report-text.js';
import { formatLockOrder } from '../../driver/lock-order.js';
import { buildJunitReport } from '../reports/junit.js';
import { buildSarifLog } from '../reports/sarif.js';
import { ciSarifOptions } from '../reports/sarif-context.js';
import {
  type Destination,
  humanIo,
  type ReportRequest,
  reportDestinations,
  writeReport,
} from '../report-destinations.js';
import { resultFileText } from '../result-writer.js';
import { type CatalogueReplay, catalogueReplays } from '../catalogue-replays.js';
import { ciCaseCount, type RejectedSpec, type RunSpecsOutcome, runSpecs } from '../run-specs.js';
import { expandInputs } from '../spec-inputs.js';
import { staleGenerated } from '../stale-generated.js';
import { compiledCache } from '../../driver/cache-dir.js';
import { type BoundHit, boundHitAdvice, describeBoundHit } from '../../driver/bound-probe.js';
import { type ModuleCompiler, moduleCompiler } from './emit.js';
import {
  modeOptions,
  sourceMapLocator,
  spreadUnreachedSteps,
  tlcUnavailable,
  unreachedPrinter,
} from './check.js';
import {
  type BrokenMark,
  describeBroken,
  describeExcused,
  describeVacant,
  type ExcusedPlace,
  type GateFindings,
  gateFindings,
  markWhere,
  NO_FINDINGS,
  type VacantPlace,
  vacantWhere,
} from '../vacuity-gate.js';

/** Options of `credspec ci [dir]`. */
export interface CiArgs {
  readonly dir?: string | undefined;
  readonly engine?: 'embedded' | 'tlc' | undefined;
  readonly junit?: string | undefined;
  readonly sarif?: string | undefined;
  readonly json?: string | undefined;
  readonly tlcJar?: string | undefined;
  readonly maxStates?: number | undefined;
  readonly timeout?: number | undefined;
  /** Worker threads of the embedded engine, or TLC's workers with `--engine tlc`. */
  readonly workers?: number | undefined;
  /** Random simulation: a `holds` expectation can then only be met as inconclusive. */
  readonly simulate?: boolean | undefined;
  readonly depth?: number | undefined;
  readonly traces?: number | undefined;
  readonly seed?: number | undefined;
  /** `--import-path DIR` folders imports may also come from. */
  readonly importPath?: readonly string[] | undefined;
  /** `--por`: partial-order reduction (embedded engine). */
  readonly por?: boolean | undefined;
  /**
   * A place no exhaustive check of its spec reached (vacuity-gate.ts) fails the run, unless
   * this is false (`--no-vacuity-gate`): then it is a warning.
   */
  readonly vacuityGate?: boolean | undefined;
  /** `--watch`: check again when a spec or an import changes (watch.ts). */
  readonly watch?: boolean | undefined;
  /** These spec files of the folder only (watch mode's re-runs); absent: every one. */
  readonly specFiles?: readonly string[] | undefined;
  /**
   * Watch mode: what specs gave when last checked. These are not checked again: their lines are
   * printed again and their findings counted, so the table and summary cover every spec.
   */
  readonly earlier?: ReadonlyMap<string, SpecRun> | undefined;
  /** Watch mode: told what each spec checked in this run gave. */
  readonly onSpecRun?: ((file: string, run: SpecRun) => void) | undefined;
}

/** What checking one spec file gave: the lines printed for it and its share of the findings. */
export interface SpecRun {
  readonly text: string;
  readonly findings: CiFindings;
  readonly badInput: boolean;
  readonly toolFailed: boolean;
}

const MARK = {
  met: 'ok  ',
  unmet: 'FAIL',
  inconclusive: '??  ',
  error: 'ERR ',
  none: '    ',
} as const;

/** One line of the ci table: mark, scenario, verdict against expectation, states, seconds. */
export function formatCiLine(r: VariantResult): string {
  const outcome = judgeExpectation(r);
  const params = describeParams(r.overrides ?? r.params);
  const tag = r.expected?.tag ? `[${r.expected.tag}] ` : '';
  const actual = describeVerdict(r.verdict, r.property);
  const expected = r.expected ? describeExpectation(r.expected) : '-';
  return `${MARK[outcome]} ${tag}${r.spec} ${r.variant}${params ? ` (${params})` : ''}: ${actual}, expected ${expected}; ${r.stats.distinctStates} states, ${r.stats.seconds.toFixed(2)} s`;
}

function annotation(r: VariantResult): string | null {
  const outcome = judgeExpectation(r);
  if (outcome === 'met' || outcome === 'none') return null;
  const loc = r.expectLocation ?? r.propertyLocation;
  const where = loc ? `file=${loc.file},line=${loc.line},col=${loc.column}` : `file=${r.spec}`;
  const level = outcome === 'inconclusive' ? 'warning' : 'error';
  const text = `${r.variant}: expected ${r.expected ? describeExpectation(r.expected) : '-'}, got ${describeVerdict(r.verdict, r.property)}`;
  return `::${level} ${where}::${escapeAnnotation(text)}`;
}

function escapeAnnotation(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** What is wrong with a stale committed generated file, and the command that fixes it. */
export function describeStale(s: StaleGenerated): string {
  return `${s.reason === 'missing' ? 'missing; emit writes it' : 'differs from what emit writes now'} (run \`credspec emit ${s.spec}\` and commit the result)`;
}

/** The result file's form of a spec that could not be checked. */
function uncheckedSpec(rejected: RejectedSpec): UncheckedSpec {
  return {
    spec: rejected.file,
    diagnostics: [...rejected.diagnostics].sort(compareDiagnostics).map((d) => ({
      severity: d.severity,
      code: d.code,
      message: formatMessage(d.code, d.args),
      location: { file: d.span.file, line: d.span.start.line, column: d.span.start.column },
    })),
  };
}

/** What `ci` has found so far, over the specs checked: what its summary and reports tell. */
export interface CiFindings {
  readonly results: VariantResult[];
  readonly unchecked: UncheckedSpec[];
  readonly stale: StaleGenerated[];
  /** Each catalogue break replayed on the holding cases of its id (catalogue-replays.ts). */
  readonly replays: CatalogueReplay[];
  readonly gate: {
    readonly vacant: VacantPlace[];
    readonly excused: ExcusedPlace[];
    readonly broken: BrokenMark[];
  };
}

/** The `--json`, `--junit` and `--sarif` reports asked for, in that order. */
function reportRequests(args: CiArgs): ReportRequest[] {
  const requested: ReportRequest[] = [];
  for (const [option, path] of [
    ['--json', args.json],
    ['--junit', args.junit],
    ['--sarif', args.sarif],
  ] as const)
    if (path !== undefined) requested.push({ option, path });
  return requested;
}

/** `--por` with `--engine tlc` is refused: the reduction is the embedded engine's. */
function porWithTlc(args: CiArgs, io: Io): boolean {
  if (args.por !== true || args.engine !== 'tlc') return false;
  io.stderr.write(
    "credspec ci: --por reduces the embedded engine's search: leave out --engine tlc\n",
  );
  return true;
}

/** Runs `credspec ci`; resolves with the exit code. */
export async function runCi(args: CiArgs, io: Io): Promise<number> {
  if (porWithTlc(args, io)) return EXIT.badInput;
  const inputs =
    args.specFiles !== undefined
      ? { files: [...args.specFiles], ok: true }
      : expandInputs([args.dir ?? 'specs'], io, 'ci');
  if (inputs.files.length === 0) return EXIT.badInput;
  // Report paths are judged before anything runs; with `-` for one, the table goes to stderr.
  const requested = reportRequests(args);
  const reports = reportDestinations(requested, inputs.files, io.cwd);
  if (!reports.ok) {
    for (const m of reports.messages) io.stderr.write(`credspec ci: ${m}\n`);
    return EXIT.badInput;
  }
  const reportOut = io.stdout;
  io = humanIo(io, reports.destinations);
  if (await tlcUnavailable(args, io, 'ci')) return EXIT.toolFailed;
  const progress = progressLine(io, () =>
    ciCaseCount(inputs.files, io, { importPaths: args.importPath }),
  );
  // Every write through this io wipes the progress line first: no output needs to clear it.
  io = progress.io;
  const codes: ExitCode[] = inputs.ok ? [] : [EXIT.badInput];
  const onGithub = io.env.GITHUB_ACTIONS === 'true';
  const found = noFindings();
  // Compared with what emit writes now, through the private cache the checks just filled.
  let compiler: Promise<ModuleCompiler> | undefined;
  const compile = (): Promise<ModuleCompiler> =>
    (compiler ??= moduleCompiler(
      compiledCache(io.env),
      (m) => void io.stderr.write(`credspec ci: ${m}\n`),
    ));
  const recorder = recording(io.stdout);
  io = { ...io, stdout: recorder.stream };
  const spec = { args, io, onGithub, compile, progress };
  const printUnreached = unreachedPrinter(io, { steps: false });
  let badInput = false;
  let toolFailed = false;
  // One spec at a time, so that a spec that cannot be checked is known by name.
  for (const file of inputs.files) {
    const kept = args.earlier?.get(file);
    if (kept !== undefined) io.stdout.write(kept.text);
    const run = kept ?? (await checkSpecFile(file, spec, printUnreached, recorder.take));
    if (kept === undefined) args.onSpecRun?.(file, run);
    addFindings(found, run.findings);
    badInput ||= run.badInput;
    toolFailed ||= run.toolFailed;
    // Interrupted: the checks that finished and the interrupted one are reported; no other starts.
    if (io.signal?.aborted === true) break;
  }
  const { results, unchecked, stale, gate } = found;
  io.stdout.write(summaryLine(results, unchecked, stale, gate));
  if (stale.length > 0 || gate.vacant.length > 0 || gate.broken.length > 0 || inversion(results))
    codes.push(EXIT.violated);
  if (badInput) codes.push(EXIT.badInput);
  if (toolFailed) codes.push(EXIT.toolFailed);
  codes.push(...results.map(exitCodeOf));
  codes.push(
    ...writeCiReports(requested, reports.destinations, found, reportOut, inputs.files, io),
  );
  return combineExitCodes(codes);
}

function noFindings(): CiFindings {
  return {
    results: [],
    unchecked: [],
    stale: [],
    replays: [],
    gate: { vacant: [], excused: [], broken: [] },
  };
}

function addFindings(into: CiFindings, from: CiFindings): void {
  into.results.push(...from.results);
  into.unchecked.push(...from.unchecked);
  into.stale.push(...from.stale);
  into.replays.push(...from.replays);
  into.gate.vacant.push(...from.gate.vacant);
  into.gate.excused.push(...from.gate.excused);
  into.gate.broken.push(...from.gate.broken);
}

/** A stream that writes through and keeps what it wrote since the last `take()`. */
function recording(stream: Io['stdout']): { stream: Io['stdout']; take: () => string } {
  let text = '';
  return {
    stream: {
      write: (t: string) => {
        text += t;
        return stream.write(t);
      },
    },
    take: () => {
      const taken = text;
      text = '';
      return taken;
    },
  };
}

interface SpecContext {
  readonly args: CiArgs;
  readonly io: Io;
  readonly onGithub: boolean;
  readonly compile: () => Promise<ModuleCompiler>;
  readonly progress: ProgressLine;
}

/**
 * The notes of `ci`'s checks: among dozens of checks a note must say which one it is about, and
 * a check that searches more than once (a safety pass, then its liveness graph or bound probe)
 * must not repeat the same line.
 */
function checkNotes(io: Io): { start(check: StartingCheck): void; say(message: string): void } {
  let about = '';
  let said = new Set<string>();
  return {
    start(check) {
      about = `${check.spec} ${check.variant}${check.params === '' ? '' : ` (${check.params})`}: `;
      said = new Set();
    },
    say(message) {
      if (said.has(message)) return;
      said.add(message);
      io.stderr.write(`credspec ci: ${about}${message}\n`);
    },
  };
}

/** Checks one spec file's cases and prints their lines; `printed` hands over what was printed since the last call. */
async function checkSpecFile(
  file: string,
  c: SpecContext,
  printUnreached: ReturnType<typeof unreachedPrinter>,
  printed: () => string,
): Promise<SpecRun> {
  const { args, io, onGithub, progress } = c;
  printed();
  const notes = checkNotes(io);
  const outcome = await runSpecs(
    [file],
    io,
    { kind: 'ci' },
    {
      engine: args.engine ?? 'embedded',
      tlcJar: args.tlcJar,
      maxStates: args.maxStates,
      timeoutSeconds: args.timeout,
      workers: args.workers,
      por: args.por,
      signal: io.signal,
      onNote: notes.say,
      ...modeOptions(args, io),
      onCaseStart: (check) => {
        notes.start(check);
        progress.start(check);
      },
      onProgress: (p) => progress.update(p),
    },
    (result, sourceMap) => {
      printResult(result, io, onGithub);
      printUnreached(result, sourceMap);
    },
    { importPaths: args.importPath },
  );
  const findings = noFindings();
  findings.results.push(...outcome.results);
  for (const spec of outcome.loaded)
    findings.replays.push(...(await catalogueReplays(spec, outcome.results, io)));
  await reportSpecOutcome(outcome, findings, c);
  return {
    text: printed(),
    findings,
    badInput: outcome.badInput,
    toolFailed: outcome.toolFailed,
  };
}

/**
 * What `ci` prints after a spec's results and adds to its findings: the places no check reached
 * (failures, or warnings under `--no-vacuity-gate`), committed generated files that are stale,
 * and the specs that could not be checked.
 */
async function reportSpecOutcome(
  outcome: RunSpecsOutcome,
  found: CiFindings,
  c: SpecContext,
): Promise<void> {
  const { io, onGithub } = c;
  const places = gateFindings(outcome.results, (r) => sourceMapLocator(outcome.sourceMaps.get(r)));
  const gateOn = c.args.vacuityGate !== false;
  // A broken mark is a false claim of the spec, gate or not; vacant places fail only with it.
  const kept: GateFindings = gateOn ? places : { ...NO_FINDINGS, broken: places.broken };
  printGate(kept, io, onGithub);
  found.gate.vacant.push(...kept.vacant);
  found.gate.excused.push(...kept.excused);
  found.gate.broken.push(...kept.broken);
  // A liveness verdict a cap took part in fails, gate or not: the verdict says nothing then.
  for (const h of outcome.boundHits) {
    const p = boundPlace(h);
    io.stdout.write(`${MARK.unmet} ${vacantWhere(p)}: ${describeVacant(p)}\n`);
    if (onGithub)
      io.stdout.write(
        `::error file=${p.location?.file ?? p.spec},line=${p.location?.line ?? 1}::${escapeAnnotation(describeVacant(p))}\n`,
      );
    found.gate.vacant.push(p);
  }
  if (!gateOn)
    for (const line of spreadUnreachedSteps(outcome.results, outcome.sourceMaps))
      io.stdout.write(`${line}\n`);
  for (const { file: spec, checked } of outcome.loaded) {
    for (const s of await staleGenerated(
      spec,
      checked,
      io.cwd,
      `credspec ${packageVersion()}`,
      c.compile,
    )) {
      found.stale.push(s);
      io.stdout.write(`${MARK.unmet} ${s.file}: ${describeStale(s)}\n`);
      if (onGithub)
        io.stdout.write(`::error file=${s.file}::${escapeAnnotation(describeStale(s))}\n`);
    }
  }
  for (const rejected of outcome.rejected) {
    found.unchecked.push(printRejected(rejected, io, onGithub));
  }
}

/** A bound finding as a place of the gate's reports (JUnit, SARIF), at the bound's declaration. */
function boundPlace(h: BoundHit): VacantPlace {
  const span = h.counter.boundDeclared ?? h.counter.declared;
  return {
    spec: h.spec,
    kind: 'bound',
    detail: `${describeBoundHit(h)}; ${boundHitAdvice(h)}`,
    name: `${h.counter.bound} ${h.variant}${h.params === '' ? '' : ` (${h.params})`}`,
    checks: 1,
    location:
      span === undefined
        ? null
        : { file: span.file, line: span.start.line, column: span.start.column },
  };
}

/** True when a check found a lock-order inversion: a finding whatever its verdict. */
function inversion(results: readonly VariantResult[]): boolean {
  return results.some((r) => r.lockOrder !== undefined);
}

/** A result's line, and what `ci` says beside it: the trace when it is not as expected, a GitHub annotation. */
function printResult(result: VariantResult, io: Io, onGithub: boolean): void {
  io.stdout.write(formatCiLine(result) + '\n');
  const outcome = judgeExpectation(result);
  if (outcome === 'unmet' || outcome === 'error' || outcome === 'inconclusive')
    io.stdout.write(formatViolation(result) + '\n');
  // A lock-order inversion fails the run whatever the verdict: the spec accepts an order with `lock_order`.
  for (const line of formatLockOrder(result))
    io.stdout.write(
      `${line.startsWith('  lock-order') ? `${MARK.unmet} ${result.spec}: ${line.trimStart()}` : line}\n`,
    );
  const note = onGithub ? annotation(result) : null;
  if (note !== null) io.stdout.write(note + '\n');
}

/** A spec that could not be checked: one line naming its first error (all of them as annotations on GitHub). */
function printRejected(rejected: RejectedSpec, io: Io, onGithub: boolean): UncheckedSpec {
  const spec = uncheckedSpec(rejected);
  const first = spec.diagnostics[0];
  const n = spec.diagnostics.length;
  const what =
    first === undefined
      ? ''
      : `: ${first.code} at ${first.location.file}:${first.location.line}:${first.location.column}${n > 1 ? ` and ${n - 1} more` : ''}`;
  io.stdout.write(
    `${MARK.error} ${rejected.file}: could not be checked${what} (diagnostics on stderr)\n`,
  );
  if (onGithub)
    for (const d of spec.diagnostics)
      io.stdout.write(
        `::error file=${d.location.file},line=${d.location.line},col=${d.location.column}::${d.code}: ${escapeAnnotation(d.message)}\n`,
      );
  return spec;
}

/** The gate's lines: a FAIL per vacant place and broken mark (at the mark), an ok per excused place. */
function printGate(found: GateFindings, io: Io, onGithub: boolean): void {
  const annotate = (where: SourceLocation | null, spec: string, text: string): void => {
    if (onGithub)
      io.stdout.write(
        `::error ${where === null ? `file=${spec}` : `file=${where.file},line=${where.line},col=${where.column}`}::${escapeAnnotation(text)}\n`,
      );
  };
  for (const p of found.vacant) {
    io.stdout.write(`${MARK.unmet} ${vacantWhere(p)}: ${describeVacant(p)}\n`);
    annotate(p.location, p.spec, describeVacant(p));
  }
  for (const p of found.excused)
    io.stdout.write(`${MARK.met} ${vacantWhere(p)}: ${describeExcused(p)}\n`);
  for (const b of found.broken) {
    io.stdout.write(`${MARK.unmet} ${markWhere(b.mark)}: ${describeBroken(b)}\n`);
    annotate(b.mark.location, b.spec, describeBroken(b));
  }
}

/** The closing count of `ci`. */
function summaryLine(
  results: readonly VariantResult[],
  unchecked: readonly UncheckedSpec[],
  stale: readonly StaleGenerated[],
  gate: GateFindings,
): string {
  const { excused, broken } = gate;
  const vacant = gate.vacant.filter((p) => p.kind !== 'bound');
  const bounds = gate.vacant.length - vacant.length;
  const count = (o: string): number => results.filter((r) => judgeExpectation(r) === o).length;
  const failedToRun = count('error') + unchecked.length;
  const staleNote =
    stale.length > 0
      ? `, ${stale.length} stale generated file${stale.length === 1 ? '' : 's'}`
      : '';
  const vacantNote =
    vacant.length > 0
      ? `, ${vacant.length} place${vacant.length === 1 ? '' : 's'} no check reached`
      : '';
  const boundNote =
    bounds > 0 ? `, ${bounds} temporal verdict${bounds === 1 ? '' : 's'} resting on a bound` : '';
  const excusedNote = excused.length > 0 ? `, ${excused.length} marked unreachable` : '';
  const inversions = results.filter((r) => r.lockOrder !== undefined).length;
  const lockNote =
    inversions > 0
      ? `, ${inversions} check${inversions === 1 ? '' : 's'} with a lock-order inversion`
      : '';
  const brokenNote =
    broken.length > 0
      ? `, ${broken.length} unreachable mark${broken.length === 1 ? '' : 's'} reached`
      : '';
  return `${results.length + unchecked.length} checks: ${count('met')} as expected, ${count('unmet')} not as expected, ${count('inconclusive')} inconclusive, ${failedToRun} failed to run${staleNote}${vacantNote}${boundNote}${excusedNote}${brokenNote}${lockNote}\n`;
}

function exitCodeOf(r: VariantResult): ExitCode {
  const o = judgeExpectation(r);
  return o === 'unmet'
    ? EXIT.violated
    : o === 'inconclusive'
      ? EXIT.inconclusive
      : o === 'error'
        ? EXIT.toolFailed
        : EXIT.ok;
}

/** Writes the `--json`, `--junit` and `--sarif` reports asked for; the exit codes of those that could not be written. */
function writeCiReports(
  requested: readonly ReportRequest[],
  destinations: readonly Destination[],
  found: CiFindings,
  reportOut: Io['stdout'],
  files: readonly string[],
  io: Io,
): ExitCode[] {
  const { results, unchecked, stale, gate, replays } = found;
  const codes: ExitCode[] = [];
  const texts: Record<string, () => string> = {
    '--json': () =>
      resultFileText(results, {
        ...(unchecked.length > 0 ? { unchecked } : {}),
        ...(stale.length > 0 ? { staleGenerated: stale } : {}),
        ...(replays.length > 0 ? { catalogueReplays: replays } : {}),
      }),
    '--junit': () => buildJunitReport(results, unchecked, stale, gate),
    '--sarif': () =>
      JSON.stringify(
        buildSarifLog(results, ciSarifOptions(io.cwd, packageVersion()), {
          unchecked,
          stale,
          gate,
        }),
        null,
        2,
      ) + '\n',
  };
  requested.forEach(({ option }, i) => {
    const destination = at(destinations, i, 'the destination of a report');
    const text = required(texts, option, 'a report')();
    const problem = writeReport(destination, text, reportOut, files, io.cwd);
    if (problem === null) return;
    io.stderr.write(`credspec ci: ${problem.problem}\n`);
    codes.push(problem.badInput ? EXIT.badInput : EXIT.toolFailed);
  });
  return codes;
}
