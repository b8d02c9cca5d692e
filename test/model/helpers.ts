// Test helpers for the model phase: a Program from one `.cred` text (no imports), checked,
// instantiated, lowered and emitted in one call, as the CLI does. Tests read the emitted TLA+
// text or the model, as a user would.

import { checkProgram, type CheckedProgram } from '../../src/check/check.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { resolveCase } from '../../src/check/resolve-params.js';
import { instantiate, variantDecls } from '../../src/model/instance.js';
import { inconsistent } from '../../src/model/lowering-error.js';
import { lowerSpec } from '../../src/model/lower.js';
import type { Model } from '../../src/model/ir.js';
import type { ParamOverrideRequest } from '../../src/model/params.js';
import { parseSpec } from '../../src/syntax/parse.js';
import type { Program } from '../../src/syntax/program.js';
import { toTla, type Emitted } from '../../src/emit/from-model.js';
import { printTla } from '../../src/tla/print.js';

/** A one-file program from spec text. */
export function programOf(text: string, file = 'test.cred'): Program {
  const parsed = parseSpec(text, file);
  const root = { path: file, text: parsed.text, ast: parsed.ast };
  return { root, files: [root], diagnostics: parsed.diagnostics };
}

const shown = (ds: readonly Diagnostic[]): string =>
  JSON.stringify(ds.map((d) => [d.code, d.args, d.span.start.line, d.span.start.column]));

/** The checked one-file program, failing the test with the diagnostics when parsing or checking finds an error. */
export function checkedOf(text: string, file = 'test.cred'): CheckedProgram {
  const program = programOf(text, file);
  if (program.diagnostics.length > 0)
    throw new Error(`parse errors: ${shown(program.diagnostics)}`);
  const checked = checkProgram(program);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`check errors: ${shown(errors)}`);
  return checked;
}

/** What a case of a text comes to: its model, or the diagnostics of the front end or of the instance. */
export type TryLowerResult =
  | { readonly ok: true; readonly model: Model }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Checks, instantiates and lowers `text` (variant `variant`), failing the test on any diagnostic. */
export function lowerText(
  text: string,
  variant = 'base',
  params: readonly ParamOverrideRequest[] = [],
): Model {
  const r = tryLower(text, variant, params);
  if (!r.ok) throw new Error(`lowering failed: ${shown(r.diagnostics)}`);
  return r.model;
}

/** Checks, instantiates and lowers without throwing on the user's errors (a LoweringError still throws). */
export function tryLower(
  text: string,
  variant = 'base',
  params: readonly ParamOverrideRequest[] = [],
): TryLowerResult {
  const program = programOf(text);
  const checked = checkProgram(program);
  const errors = [...program.diagnostics, ...checked.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const resolved = resolveCase(variantDecls(checked, variant), params, inconsistent);
  if (!resolved.ok) return resolved;
  return { ok: true, model: lowerSpec(instantiate(variant, resolved.resolved)) };
}

/** Lowers and emits; returns the module text too. */
export function emitText(text: string, variant = 'base'): Emitted & { tla: string } {
  const model = lowerText(text, variant);
  const e = toTla(model, { generatedBy: 'credspec test' });
  return { ...e, tla: printTla(e.module).text };
}
