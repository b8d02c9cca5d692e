// Test helpers: parse `.cred` snippets into a Program (with the shipped prelude when a snippet
// says `import kernel`), run the checker, and render a diagnostic's message from its template.
// Reads the prelude from the repository; everything else is in memory.

import { readFileSync } from 'node:fs';
import { checkProgram, type CheckedProgram } from '../../src/check/check.js';
import { CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Program, SourceFile } from '../../src/syntax/program.js';
import { parseSpec } from '../../src/syntax/parse.js';

export const PRELUDE_PATH = 'prelude/kernel.cred';
export const PRELUDE_TEXT = readFileSync(
  new URL('../../prelude/kernel.cred', import.meta.url),
  'utf8',
);

/**
 * A program of in-memory files; the first is the root. Files are parsed with consecutive ids, as
 * the loader does; `import kernel` adds the shipped prelude after the named files.
 */
export function programOf(files: Readonly<Record<string, string>>): Program {
  const all: [string, string][] = Object.entries(files);
  if (all.some(([, text]) => /^\s*import\s+kernel\b/m.test(text)) && !(PRELUDE_PATH in files))
    all.push([PRELUDE_PATH, PRELUDE_TEXT]);
  let nextId = 1;
  const parsed: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [path, text] of all) {
    const r = parseSpec(text, path, { firstId: nextId });
    nextId = r.nextId;
    parsed.push({ path, text: r.text, ast: r.ast });
    diagnostics.push(...r.diagnostics);
  }
  return { root: parsed[0]!, files: parsed, diagnostics };
}

/** Parses and checks one snippet (plus the files it imports); syntax errors fail the test. */
export function check(text: string, others: Readonly<Record<string, string>> = {}): CheckedProgram {
  const program = programOf({ 'test.cred': text, ...others });
  if (program.diagnostics.length > 0) {
    const d = program.diagnostics[0]!;
    throw new Error(
      `snippet does not parse: ${d.code} ${message(d)} at ${d.span.file}:${d.span.start.line}:${d.span.start.column}`,
    );
  }
  return checkProgram(program);
}

/** The message of a diagnostic: its code's template with the arguments filled in. */
export function message(d: Diagnostic): string {
  return CODES[d.code].message.replace(/\{(\w+)\}/g, (_, k: string) =>
    String(d.args[k] ?? `{${k}}`),
  );
}

/** `CODE line:col message`, the form the tests compare. */
export function show(d: Diagnostic): string {
  return `${d.code} ${d.span.file}:${d.span.start.line}:${d.span.start.column} ${message(d)}`;
}
