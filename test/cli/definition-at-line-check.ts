// Test helper: an error TLC places in the emitted module is named by the definition printed at
// that line (src/driver/definition-at-line.ts, read off the module text): on every module a shipped
// spec emits, for every line, the definition the printer itself says it put there. Every case
// of a spec is built and printed, seconds of CPU a spec, so the quick suite checks one spec
// (definition-at-line.test.ts) and the full suite the others (definition-at-line.full.test.ts).

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkProgram } from '../../src/check/check.js';
import { definitionAtLine } from '../../src/driver/definition-at-line.js';
import { loadSpec } from '../../src/cli/spec-inputs.js';
import { buildCase } from '../../src/emit/build-case.js';
import { ciCases } from '../../src/emit/cases.js';
import { printTla } from '../../src/tla/print.js';

const ROOT = resolve(process.cwd());
const SPECS = readdirSync(join(ROOT, 'specs')).filter((f) => f.endsWith('.cred'));

/** The spec the quick suite checks: the smallest. */
export const QUICK_SPECS: readonly string[] = ['exectime.cred'];
/** The shipped specs the full suite checks: all the others. */
export const FULL_SPECS: readonly string[] = SPECS.filter((s) => !QUICK_SPECS.includes(s));

/** The definition whose printed body holds `line`, as the printer records the spans. */
function printedDefinitionAt(lines: ReturnType<typeof printTla>['lines'], line: number) {
  let found: string | undefined;
  for (const [name, span] of lines)
    if (!name.includes('/') && span.line <= line && line <= span.endLine) found = name;
  return found;
}

/** Expects every line of every module `spec` emits to name the definition printed there. */
export function expectLinesNamed(spec: string): void {
  const program = loadSpec(join('specs', spec), { cwd: ROOT, env: process.env });
  const checked = checkProgram(program);
  let modules = 0;
  for (const c of ciCases(program)) {
    const built = buildCase(checked, c, 'credspec test');
    if (!built.ok) continue;
    const { tlaText, emitted } = built.built;
    const printed = printTla(emitted.module);
    const lines = tlaText.split('\n').map((_, i) => i + 1);
    const expected = lines.map((line) => `${line}: ${printedDefinitionAt(printed.lines, line)}`);
    expect(lines.map((line) => `${line}: ${definitionAtLine(tlaText, line)}`)).toEqual(expected);
    // Not vacuous: most definitions are found at some line.
    const named = new Set(lines.map((line) => printedDefinitionAt(printed.lines, line)));
    expect(named.size).toBeGreaterThan(emitted.module.defs.length / 2);
    modules++;
  }
  expect(modules).toBeGreaterThan(0);
}
