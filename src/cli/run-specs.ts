// The loop `check` and `ci` share: load and check each spec, list its cases, build and run each
// one, and hand every result to the caller as soon as it is known. Front-end problems are
// printed here with their locations; the caller decides what to print for results.

import { type CheckedProgram, checkProgram } from '../check/check.js';
import { noProcess } from '../check/check-sizes.js';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { compareDiagnostics, diagnosticRenderer } from '../diagnostics/render.js';
import type { VariantResult } from '../result/result-file.js';
import { buildCase } from '../emit/build-case.js';
import type { SourceMap } from '../emit/source-map.js';
import { type CaseSelection, type CheckCase, checkCases, ciCases } from '../emit/cases.js';
import type { Program } from '../syntax/program.js';
import type { Io } from './io.js';
import { packageVersion } from '../driver/package-root.js';
import { type RunCaseOptions, runCase } from '../driver/run-case.js';
import { type LoadSettings, loadSpec } from './spec-inputs.js';
import { selectProperties } from '../driver/property-selection.js';
import { specFileHashes } from '../result/spec-hash.js';
import { outputFolderOf } from '../driver/spec-output-folder.js';
import type { StartingCheck } from './progress-line.js';
import type { ParamOverrideRequest } from '../model/params.js';
import { printExpr } from '../check/print-expr.js';
import { cappedBounds } from '../check/check-capped-marks.js';
import { type BoundHit, boundHitJson, probeBounds } from '../driver/bound-probe.js';

export type CaseMode =
  | { readonly kind: 'check'; readonly selection: CaseSelection }
  | { readonly kind: 'ci' };

export interface RunSpecsOutcome {
  readonly results: VariantResult[];
  /** A spec had errors, or a case could not be built from it (exit 2). */
  readonly badInput: boolean;
  /** An internal error while building a case (exit 3). */
  readonly toolFailed: boolean;
  /** Per spec that could not be checked (wholly or in some case), the errors that stopped it. */
  readonly rejected: readonly RejectedSpec[];
  /** The specs that passed the front end, as loaded (ci compares their committed generated files). */
  readonly loaded: readonly { readonly file: string; readonly checked: CheckedProgram }[];
  /** The source map each result's module was emitted with: reports place steps with it, not with the file. */
  readonly sourceMaps: ReadonlyMap<VariantResult, SourceMap>;
  /** Temporal verdicts a capped counter took part in (bound-probe.ts), in the order of the results. */
  readonly boundHits: readonly BoundHit[];
}

/** A spec with errors: its front end's, else those of the cases that could not be built. */
export interface RejectedSpec {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Prints each diagnostic once: cases of one spec are built one by one and a bad `--param`
 * is the same mistake in every variant, so `printed` remembers what was already said.
 */
function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  program: Program,
  io: Io,
  printed: Set<string> = new Set(),
): void {
  const sources = new Map(program.files.map((f) => [f.path, f.text]));
  const render = diagnosticRenderer({
    color: io.colour?.stderr === true,
    source: (f) => sources.get(f),
  });
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const text = render(d);
    if (printed.has(text)) continue;
    printed.add(text);
    io.stderr.write(text + '\n');
  }
}

/** Loads and checks one file, printing its errors (or the note on a model with no thread). */
function loadAndCheck(
  file: string,
  io: Io,
  load: LoadSettings,
):
  | { readonly ok: true; readonly program: Program; readonly checked: CheckedProgram }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  const program = loadSpec(file, io, load);
  const checked = checkProgram(program);
  const front = [...program.diagnostics, ...checked.diagnostics];
  // A library linted alone is fine; checked, it has nothing to run (lint says so when it expects
  // a verdict). Said only of a spec with no other error, which would be the more useful first line.
  if (!hasErrors(front)) front.push(...noProcess(program));
  const errors = front.filter((d) => d.severity === 'error');
  if (hasErrors(front)) {
    printDiagnostics(errors, program, io);
    return { ok: false, diagnostics: errors };
  }
  // A model with no thread "holds" of anything: say so beside the verdict.
  printDiagnostics(
    front.filter((d) => d.code === 'CS5022'),
    program,
    io,
  );
  return { ok: true, program, checked };
}

/** The cases the command runs of one file, or why the selection fits none (printed). */
function casesOf(
  front: { readonly program: Program; readonly checked: CheckedProgram },
  mode: CaseMode,
  io: Io,
):
  | {
      readonly ok: true;
      readonly program: Program;
      readonly checked: CheckedProgram;
      readonly cases: readonly CheckCase[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  const { program } = front;
  if (mode.kind === 'ci') return { ok: true, ...front, cases: ciCases(program) };
  const planned = checkCases(program, mode.selection);
  if (planned.diagnostics.length === 0) return { ok: true, ...front, cases: planned.cases };
  printDiagnostics(planned.diagnostics, program, io);
  return { ok: false, diagnostics: planned.diagnostics };
}

/** How every case of a run is checked, and who hears as each one starts. */
export type RunSpecsOptions = Omit<RunCaseOptions, 'cwd' | 'env'> & {
  /** Called as each case starts, before it is built (the progress line names it). */
  readonly onCaseStart?: ((check: StartingCheck) => void) | undefined;
};

/**
 * Loads, checks, builds and runs every case of every file, in order. Once `options.signal` is
 * aborted no further case starts: the case it interrupted (inconclusive) is the last result.
 */
export async function runSpecs(
  files: readonly string[],
  io: Io,
  mode: CaseMode,
  options: RunSpecsOptions,
  onResult: (result: VariantResult, sourceMap: SourceMap) => void,
  load: LoadSettings = {},
): Promise<RunSpecsOutcome> {
  const generatedBy = `credspec ${packageVersion()}`;
  const results: VariantResult[] = [];
  const sourceMaps = new Map<VariantResult, SourceMap>();
  let badInput = false;
  let toolFailed = false;
  const rejected: RejectedSpec[] = [];
  const loaded: { file: string; checked: CheckedProgram }[] = [];
  const boundHits: BoundHit[] = [];
  for (const file of files) {
    if (options.signal?.aborted === true && results.length > 0) break;
    const front = loadAndCheck(file, io, load);
    if (front.ok) loaded.push({ file, checked: front.checked });
    const planned = front.ok ? casesOf(front, mode, io) : front;
    if (!planned.ok) {
      rejected.push({ file, diagnostics: planned.diagnostics });
      badInput = true;
      continue;
    }
    const { program, checked, cases } = planned;
    const capped = cappedBounds(program);
    const printed = new Set<string>();
    const caseErrors = new Map<string, Diagnostic>();
    for (const c of cases) {
      options.onCaseStart?.(startingCheck(file, c));
      // The folder `emit` gives this spec under the working folder's `generated/`.
      const built = buildCase(checked, c, generatedBy, outputFolderOf(file, io.cwd, 'generated'));
      if (!built.ok) {
        printDiagnostics(built.diagnostics, program, io, printed);
        for (const d of built.diagnostics)
          caseErrors.set(`${d.code}|${d.span.file}|${d.span.start.offset}`, d);
        if (built.diagnostics.some((d) => d.code.startsWith('CS9'))) toolFailed = true;
        else badInput = true;
        continue;
      }
      // An expectation that asks for a simulation gets one; otherwise the command's own mode.
      const simulate = c.simulate !== undefined ? { ...c.simulate } : options.simulate;
      const distributed = c.simulate !== undefined ? undefined : options.distributed;
      const selected = selectProperties(built.built, {
        names: options.properties ?? [],
        safetyOnly: distributed?.safetyOnly === true,
        noDeadlock: options.noDeadlock,
      });
      if (!selected.ok) {
        const message = unknownPropertyMessage(mode.kind, file, c.variant, selected);
        if (!printed.has(message)) io.stderr.write(message);
        printed.add(message);
        badInput = true;
        continue;
      }
      const runOptions = { ...options, simulate, distributed, cwd: io.cwd, env: io.env };
      const ran = await runCase(selected.built, program.root.path, runOptions);
      const plain: VariantResult = {
        ...ran,
        ...(selected.partial === undefined ? {} : { partial: selected.partial }),
        specFiles: specFileHashes(program.files),
      };
      const hits =
        simulate === undefined && options.signal?.aborted !== true
          ? await probeBounds(selected.built, plain, program.root.path, runOptions, capped)
          : [];
      boundHits.push(...hits);
      // The finding travels with the result, so that a result file says what `check` warned of.
      const result: VariantResult =
        hits.length === 0 ? plain : { ...plain, boundHits: hits.map(boundHitJson) };
      results.push(result);
      sourceMaps.set(result, selected.built.emitted.sourceMap);
      onResult(result, selected.built.emitted.sourceMap);
      if (options.signal?.aborted === true) break;
    }
    if (caseErrors.size > 0) rejected.push({ file, diagnostics: [...caseErrors.values()] });
  }
  return { results, badInput, toolFailed, rejected, loaded, sourceMaps, boundHits };
}

/** A case as the progress line names it: spec, variant, overridden parameters by name. */
function startingCheck(file: string, c: CheckCase): StartingCheck {
  const params = [...c.overrides]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((o) => `${o.name}=${overrideText(o.value)}`);
  return { spec: file, variant: c.variant, params: params.join(', ') };
}

/** A parameter's value as written: a command-line value's text, a spec's expression printed. */
function overrideText(value: ParamOverrideRequest['value']): string {
  return typeof value === 'string' ? value : printExpr(value);
}

/** How many checks `ci` starts over these specs (a spec that does not load counts none). */
export function ciCaseCount(files: readonly string[], io: Io, load: LoadSettings = {}): number {
  return files.reduce((n, file) => n + ciCases(loadSpec(file, io, load)).length, 0);
}

/** `--property` naming what a case does not declare: the names, and the ones it does. */
function unknownPropertyMessage(
  command: string,
  file: string,
  variant: string,
  selection: { readonly unknown: readonly string[]; readonly known: readonly string[] },
): string {
  const quoted = (names: readonly string[]): string =>
    names.map((n) => JSON.stringify(n)).join(', ');
  const known =
    selection.known.length === 0
      ? 'it declares no invariant, action or temporal property'
      : `its properties are ${selection.known.join(', ')}`;
  return `credspec ${command}: --property ${quoted(selection.unknown)}: no such property in ${file} ${variant}; ${known}\n`;
}
