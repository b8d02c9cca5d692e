// `credspec sweep <file.cred>`: every parameter set each variant's declared ranges allow,
// smallest first, on the embedded engine (src/sweep/). Prints per variant and property the
// smallest set that breaks it with its trace, and what held or was cut off; `--table` prints a
// Markdown table instead; `--json` writes the report of schema/sweep.schema.json.
// Exit codes of CLI.md: 3 (an engine failure), 2 (bad input), 1 (a finding: a variant an
// expectation says holds breaks a property no expectation says it breaks), else 0; a set cut off by a limit or the budget is stated, not failed.

import { checkProgram } from '../../check/check.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { compareDiagnostics, diagnosticRenderer } from '../../diagnostics/render.js';
import { planSweep, runSweep, type SetOutcome, setText } from '../../sweep/run-sweep.js';
import { summarise } from '../../sweep/summary.js';
import { summaryTable, summaryText, sweepJson } from '../../sweep/report.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { packageVersion } from '../../driver/package-root.js';
import { humanIo, reportDestinations, writeReport } from '../report-destinations.js';
import { expandInputs, loadSpec } from '../spec-inputs.js';
import { outputFolderOf } from '../../driver/spec-output-folder.js';

/** Options of `credspec sweep <file.cred>`. */
export interface SweepArgs {
  readonly file: string;
  readonly variant: readonly string[];
  readonly maxStates?: number | undefined;
  readonly budget?: number | undefined;
  /** Only the sets of at most this many threads (spare slots included). */
  readonly maxThreads?: number | undefined;
  /** Only the first this many sets of each variant, in sweep order. */
  readonly maxSets?: number | undefined;
  readonly json?: string | undefined;
  /** A Markdown table instead of the text summary. */
  readonly table?: boolean | undefined;
  readonly importPath?: readonly string[] | undefined;
}

/** One set's progress line's verdict. */
function outcomeWord(o: SetOutcome): string {
  if (o.kind === 'budget') return 'cut off by the budget';
  if (o.kind === 'failed') return `failed: ${o.message}`;
  const broke = [o.result, ...o.also].flatMap((r) =>
    r.verdict === 'violated'
      ? [r.property ?? 'unnamed']
      : r.verdict === 'deadlock'
        ? ['deadlock']
        : [],
  );
  return broke.length === 0 ? o.result.verdict : `breaks ${broke.join(', ')}`;
}

/** Runs `credspec sweep`; resolves with the exit code. */
export async function runSweepCommand(args: SweepArgs, io: Io): Promise<number> {
  const inputs = expandInputs([args.file], io, 'sweep');
  const file = inputs.files[0];
  if (!inputs.ok || file === undefined || inputs.files.length !== 1) {
    if (inputs.files.length > 1) io.stderr.write('credspec sweep: give one spec file\n');
    return EXIT.badInput;
  }
  const reports = reportDestinations(
    args.json !== undefined ? [{ option: '--json', path: args.json }] : [],
    inputs.files,
    io.cwd,
  );
  if (!reports.ok) {
    for (const m of reports.messages) io.stderr.write(`credspec sweep: ${m}\n`);
    return EXIT.badInput;
  }
  const reportOut = io.stdout;
  io = humanIo(io, reports.destinations);
  const program = loadSpec(file, io, { importPaths: args.importPath });
  const checked = checkProgram(program);
  const sources = new Map(program.files.map((f) => [f.path, f.text]));
  const render = diagnosticRenderer({ color: false, source: (f) => sources.get(f) });
  const front = [...program.diagnostics, ...checked.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  const generatedBy = `credspec ${packageVersion()}`;
  const plan = hasErrors(front)
    ? { ok: false as const, diagnostics: front }
    : planSweep(checked, {
        variants: args.variant,
        generatedBy,
        folder: outputFolderOf(file, io.cwd, 'generated'),
        maxThreads: args.maxThreads,
        maxSets: args.maxSets,
      });
  if (!plan.ok) {
    for (const d of [...plan.diagnostics].sort(compareDiagnostics))
      io.stderr.write(render(d) + '\n');
    if (plan.problem !== undefined) io.stderr.write(`credspec sweep: ${plan.problem}\n`);
    return plan.diagnostics.some((d) => d.code.startsWith('CS9')) ? EXIT.toolFailed : EXIT.badInput;
  }
  const sweeps = await runSweep(plan, program.root.path, {
    maxStates: args.maxStates,
    budgetSeconds: args.budget,
    cwd: io.cwd,
    env: io.env,
    signal: io.signal,
    onOutcome:
      args.table === true
        ? undefined
        : (variant, o) =>
            void io.stderr.write(
              `  ${variant} ${setText(o.set.params) || '(no params)'}: ${outcomeWord(o)}\n`,
            ),
  });
  const summaries = sweeps.map(summarise);
  io.stdout.write(
    (args.table === true ? summaryTable(summaries) : summaries.map(summaryText).join('\n')) + '\n',
  );
  let code: number = summaries.some((s) => s.failed.length > 0)
    ? EXIT.toolFailed
    : summaries.some((s) => s.breaking.some((b) => b.unexpected))
      ? EXIT.violated
      : EXIT.ok;
  for (const destination of reports.destinations) {
    const problem = writeReport(
      destination,
      JSON.stringify(sweepJson(program.root.path, packageVersion(), summaries), null, 2) + '\n',
      reportOut,
      inputs.files,
      io.cwd,
    );
    if (problem !== null) {
      io.stderr.write(`credspec sweep: ${problem.problem}\n`);
      code = problem.badInput ? EXIT.badInput : EXIT.toolFailed;
    }
  }
  return code;
}
