// `credspec lint <file|dir>...`: the front end and the checker over every named spec (folders
// recursively, in sorted order). Prints all diagnostics sorted by file, line and column, then a
// summary line; returns 0 (clean or warnings only) or 2 (errors, a missing input). It models
// nothing and writes no files.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../check/check.js';
import { formatMessage, compareDiagnostics, renderDiagnostic } from '../../diagnostics/render.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadProgram, readFailureReason } from '../../syntax/load.js';
import type { Io } from '../io.js';
import { preludeDir } from '../package-root.js';

/** Options of `credspec lint`. */
export interface LintArgs {
  readonly inputs: readonly string[];
  /** `--color` / `--no-color`; unset: colour when stdout is a terminal and NO_COLOR is unset. */
  readonly color?: boolean | undefined;
}

const OK = 0;
const BAD_INPUT = 2;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Display paths with forward slashes and no leading `./`. */
function display(p: string): string {
  const s = p.split('\\').join('/').replace(/\/+$/, '');
  return s.startsWith('./') ? s.slice(2) : s;
}

/** `.cred` files under a folder, sorted, skipping hidden folders and node_modules. */
function credFilesUnder(dir: string, shown: string): string[] {
  const found: string[] = [];
  const pending: Array<{ dir: string; shown: string }> = [{ dir, shown }];
  while (pending.length > 0) {
    const { dir: d, shown: s } = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = { dir: join(d, e.name), shown: s === '' ? e.name : `${s}/${e.name}` };
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile() && e.name.endsWith('.cred')) found.push(child.shown);
    }
  }
  return found.sort();
}

/** Runs `credspec lint`; resolves with the exit code. */
export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const color = args.color ?? (io.isTTY && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === ''));
  let badInput = false;
  const files: string[] = [];
  for (const input of args.inputs) {
    const shown = display(input);
    let isDir: boolean;
    try {
      isDir = statSync(resolve(io.cwd, input)).isDirectory();
    } catch (e) {
      io.stderr.write(`credspec lint: error CS8001: ${formatMessage('CS8001', { path: shown, reason: readFailureReason(e as Error) })}\n`);
      badInput = true;
      continue;
    }
    if (!isDir) {
      files.push(shown);
      continue;
    }
    const under = credFilesUnder(resolve(io.cwd, input), shown === '.' ? '' : shown);
    if (under.length === 0) {
      io.stderr.write(`credspec lint: no .cred files in ${shown}\n`);
      badInput = true;
    }
    files.push(...under);
  }
  const unique = [...new Set(files)];

  const prelude = preludeDir(io.env);
  const readFile = (p: string): Uint8Array | Error => {
    try {
      return readFileSync(resolve(io.cwd, p));
    } catch (e) {
      return e as Error;
    }
  };
  const sources = new Map<string, string>();
  const seen = new Set<string>();
  const all: Diagnostic[] = [];
  for (const file of unique) {
    const program = loadProgram(file, { readFile, preludeDir: prelude });
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
  for (const d of all) io.stdout.write(renderDiagnostic(d, { color, source: (f) => sources.get(f) }) + '\n');
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  io.stdout.write(`${plural(unique.length, 'file')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return errors > 0 || badInput ? BAD_INPUT : OK;
}
