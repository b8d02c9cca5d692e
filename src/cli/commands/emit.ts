// `credspec emit <file|dir>... [--out DIR] [--param NAME=VALUE]...`: writes, for every spec,
// variant and expected parameter set, the TLA+ module, its TLC configs, the source map and the
// compiled modules into the spec's own folder under `<out>/` (src/tla/names.ts, one folder per
// spec path), with a manifest of what it wrote there. It overwrites only files it generated,
// removes only files its manifest lists, and writes atomically. With --param it writes to the
// cache folder instead. Planning is src/cli/emit-plan.ts, writing src/cli/emit-write.ts.

import { dirname, relative, resolve } from 'node:path';
import { checkProgram } from '../../check/check.js';
import { type Diagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { compareDiagnostics, diagnosticRenderer } from '../../diagnostics/render.js';
import type { ParamOverrideRequest } from '../../model/params.js';
import { type PlannedSpec, moduleCompiler, planSpec, renderSpec } from '../emit-plan.js';
import { writePlanned, type WriteReport } from '../emit-write.js';
import type { Io } from '../io.js';
import { packageVersion } from '../../driver/package-root.js';
import { cacheRoot } from '../../driver/run-case.js';
import { compiledCache } from '../../driver/cache-dir.js';
import { displayPath, expandInputs, loadSpec } from '../spec-inputs.js';
import { outputFolderOf } from '../../driver/spec-output-folder.js';
import { parseParamArgs } from './check.js';

export { moduleCompiler, renderSpec, type ModuleCompiler } from '../emit-plan.js';

export interface EmitArgs {
  readonly inputs: readonly string[];
  /** Output root; default `generated`. Ignored with `params` (the cache folder is used). */
  readonly out?: string | undefined;
  /** `--param NAME=VALUE` overrides. */
  readonly params?: readonly string[] | undefined;
  /** `--import-path DIR` folders imports may also come from. */
  readonly importPath?: readonly string[] | undefined;
}

/** What `emit` needs of its surroundings (tests pass exactly this). */
export type EmitIo = Pick<Io, 'stdout' | 'stderr' | 'env' | 'cwd'>;

const OK = 0;
const BAD_INPUT = 2;
const TOOL_FAILED = 3;

/** Runs `credspec emit`; resolves with the exit code (CLI.md: 0, 2 bad input, 3 tool failure). */
export async function runEmit(args: EmitArgs, io: EmitIo): Promise<number> {
  const generatedBy = `credspec ${packageVersion()}`;
  // `-` is standard output for every report option; emit writes folders of files, so it has no
  // such form, and a folder named `-` is never what was meant.
  if (args.out === '-') {
    io.stderr.write(
      'credspec emit: --out - : emit writes a folder of files for each spec, which cannot go to standard output; name a folder\n',
    );
    return BAD_INPUT;
  }
  let overrides: ParamOverrideRequest[] | undefined;
  if (args.params !== undefined && args.params.length > 0) {
    const parsed = parseParamArgs(args.params, io, 'emit');
    if (parsed === null) return BAD_INPUT;
    overrides = parsed;
  }
  // --param output is a throwaway variant of the committed files: it goes to the cache, in the
  // folder a check from this working folder would use.
  const outRoot =
    overrides !== undefined ? cacheRoot(io.env) : resolve(io.cwd, args.out ?? 'generated');
  const inputs = expandInputs(args.inputs, io, 'emit');
  if (inputs.files.length === 0) return BAD_INPUT;
  const shown = (p: string): string => displayPath(relative(io.cwd, p)) || p;
  let code = inputs.ok ? OK : BAD_INPUT;
  const total = { written: 0, unchanged: 0, removed: 0 };
  const unlisted: string[] = [];
  const compile = await moduleCompiler(
    compiledCache(io.env),
    (m) => void io.stderr.write(`credspec emit: ${m}\n`),
  );
  // Specs are named from the project folder (the one holding the output root), so the folder and
  // the bytes emit writes for a spec do not depend on the working folder or on how it was named.
  const project = overrides !== undefined ? io.cwd : dirname(outRoot);
  for (const file of inputs.files) {
    const spec = displayPath(relative(project, resolve(io.cwd, file))) || file;
    const program = loadSpec(
      spec,
      { ...io, cwd: project },
      { importPaths: (args.importPath ?? []).map((p) => resolve(io.cwd, p)) },
    );
    const checked = checkProgram(program);
    const front = [...program.diagnostics, ...checked.diagnostics].filter(
      (d) => d.severity === 'error',
    );
    const sources = new Map(program.files.map((f) => [f.path, f.text]));
    const print = (ds: readonly Diagnostic[]): void => {
      const render = diagnosticRenderer({ source: (f) => sources.get(f) });
      for (const d of [...ds].sort(compareDiagnostics)) io.stderr.write(render(d) + '\n');
    };
    if (hasErrors(front)) {
      print(front);
      code = Math.max(code, BAD_INPUT);
      continue;
    }
    const folder = outputFolderOf(spec, project, overrides !== undefined ? 'generated' : outRoot);
    const planned:
      | { ok: true; planned: PlannedSpec }
      | { ok: false; diagnostics: readonly Diagnostic[] } =
      overrides !== undefined
        ? ((r) => (r.ok ? { ok: true as const, planned: { folder, files: r.files } } : r))(
            renderSpec(checked, generatedBy, overrides, compile, folder),
          )
        : planSpec(checked, { folder, specPath: spec, generatedBy, compile });
    if (!planned.ok) {
      print(planned.diagnostics);
      code = Math.max(
        code,
        planned.diagnostics.some((d) => d.code.startsWith('CS9')) ? TOOL_FAILED : BAD_INPUT,
      );
      continue;
    }
    const report = writePlanned(outRoot, planned.planned, {
      manifest: overrides === undefined,
      show: shown,
    });
    code = Math.max(code, printReport(report, io, shown));
    total.written += report.written.length;
    total.unchanged += report.unchanged;
    total.removed += report.removed.length;
    unlisted.push(...report.unlisted);
  }
  printTotals(total, unlisted, io, shown);
  return code;
}

/** The closing lines: generated-looking files no manifest lists, then what the run wrote. */
function printTotals(
  total: { readonly written: number; readonly unchanged: number; readonly removed: number },
  unlisted: readonly string[],
  io: EmitIo,
  shown: (p: string) => string,
): void {
  if (unlisted.length > 0) {
    const n = unlisted.length;
    io.stderr.write(
      `credspec emit: ${n} file${n === 1 ? '' : 's'} look${n === 1 ? 's' : ''} generated but no manifest lists ${n === 1 ? 'it' : 'them'}; left alone (delete by hand if stale): ${unlisted.map(shown).join(', ')}\n`,
    );
  }
  io.stdout.write(
    `${total.written} file(s) written, ${total.unchanged} unchanged${total.removed > 0 ? `, ${total.removed} removed` : ''}\n`,
  );
}

/** Prints what writing one spec did; returns its exit code. */
function printReport(report: WriteReport, io: EmitIo, shown: (p: string) => string): number {
  for (const p of report.removed) io.stdout.write(`removed ${shown(p)}\n`);
  for (const p of report.written) io.stdout.write(`wrote ${shown(p)}\n`);
  for (const p of report.kept)
    io.stderr.write(
      `credspec emit: kept ${shown(p)}: the spec no longer emits it, but it was changed by hand\n`,
    );
  for (const m of report.refused) io.stderr.write(`credspec emit: ${m}\n`);
  for (const m of report.failed) io.stderr.write(`credspec emit: ${m}\n`);
  return report.failed.length > 0 ? TOOL_FAILED : report.refused.length > 0 ? BAD_INPUT : OK;
}
