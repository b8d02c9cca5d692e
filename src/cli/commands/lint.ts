// `credspec lint <file|dir>...`: the front end and the checker over every named spec (folders
// recursively, in sorted order). Prints all diagnostics sorted by file, line and column, then a
// summary line; returns 0 (clean or warnings only) or 2 (errors, a missing input). It models
// nothing and writes no files. `--format json|sarif` prints the same diagnostics as one JSON
// document on stdout instead, and the summary line on stderr, so stdout stays parseable.

import { checkProgram } from '../../check/check.js';
import { compareDiagnostics, diagnosticRenderer } from '../../diagnostics/render.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { packageVersion, preludeDir } from '../../driver/package-root.js';
import { toLintJson } from '../reports/lint-json.js';
import { toLintSarif } from '../reports/lint-sarif.js';
import { packageDocsLink } from '../reports/docs-link.js';
import { expandInputs, loadSpec } from '../spec-inputs.js';

export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** Options of `credspec lint`. */
export interface LintArgs {
  readonly inputs: readonly string[];
  /** `--color` / `--no-color`; unset: the process's choice for stdout (colour.ts). */
  readonly color?: boolean | undefined;
  /** `--import-path DIR` folders imports may also come from. */
  readonly importPath?: readonly string[] | undefined;
  /** `--format`: text (the default), json (schema/lint.schema.json) or sarif (SARIF 2.1.0). */
  readonly format?: LintFormat | undefined;
}

const OK = 0;
const BAD_INPUT = 2;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs `credspec lint`; resolves with the exit code. */
export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const color = args.color ?? io.colour?.stdout === true;
  const inputs = expandInputs(args.inputs, io, 'lint');
  const badInput = !inputs.ok;
  const unique = inputs.files;
  const sources = new Map<string, string>();
  const seen = new Set<string>();
  const all: Diagnostic[] = [];
  for (const file of unique) {
    const program = loadSpec(file, io, { importPaths: args.importPath });
    for (const f of program.files) if (!sources.has(f.path)) sources.set(f.path, f.text);
    const checked = checkProgram(program);
    for (const d of [...program.diagnostics, ...checked.diagnostics]) {
      // Two specs importing the same file would otherwise report its problems twice.
      const key = `${d.span.file}\u0000${d.span.start.offset}\u0000${d.span.end.offset}\u0000${d.code}\u0000${JSON.stringify(d.args)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(d);
    }
  }
  all.sort(compareDiagnostics);
  const render = diagnosticRenderer({ color, source: (f) => sources.get(f) });
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const summary = `${plural(unique.length, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
  const format = args.format ?? 'text';
  if (format === 'text') {
    for (const d of all) io.stdout.write(render(d) + '\n');
    io.stdout.write(summary);
  } else {
    const doc =
      format === 'json'
        ? toLintJson(all, { files: unique.length, errors, warnings }, packageVersion())
        : toLintSarif(all, {
            toolVersion: packageVersion(),
            preludeDir: resolve(io.cwd, preludeDir(io.env)),
            docs: packageDocsLink(),
          });
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    io.stderr.write(summary);
  }
  return errors > 0 || badInput ? BAD_INPUT : OK;
}
