// Test helpers for the model phase: a Program from one `.cred` text (no imports), lowered and
// emitted in one call. Tests read the emitted TLA+ text or the model, as a user would.

import { parseSpec } from '../../src/syntax/parse.js';
import type { Program } from '../../src/syntax/program.js';
import { lowerSpec, type LowerResult } from '../../src/model/lower.js';
import type { Model } from '../../src/model/ir.js';
import type { ParamOverrideRequest } from '../../src/model/params.js';
import { toTla, type Emitted } from '../../src/tla/from-model.js';
import { printTla } from '../../src/tla/print.js';

/** A one-file program from spec text. */
export function programOf(text: string, file = 'test.cred'): Program {
  const parsed = parseSpec(text, file);
  const root = { path: file, text: parsed.text, ast: parsed.ast };
  return { root, files: [root], diagnostics: parsed.diagnostics };
}

/** Lowers `text` (variant `variant`), failing the test with the diagnostics when parsing or lowering fails. */
export function lowerText(text: string, variant = 'base', params: readonly ParamOverrideRequest[] = []): Model {
  const program = programOf(text);
  if (program.diagnostics.length > 0) throw new Error(`parse errors: ${JSON.stringify(program.diagnostics.map((d) => [d.code, d.args, d.span.start]))}`);
  const r = lowerSpec(program, variant, params);
  if (!r.ok) throw new Error(`lowering failed: ${JSON.stringify(r.diagnostics.map((d) => [d.code, d.args, d.span.start.line, d.span.start.column]))}`);
  return r.model;
}

/** Lowers without throwing. */
export function tryLower(text: string, variant = 'base', params: readonly ParamOverrideRequest[] = []): LowerResult {
  return lowerSpec(programOf(text), variant, params);
}

/** Lowers and emits; returns the module text too. */
export function emitText(text: string, variant = 'base'): Emitted & { tla: string } {
  const model = lowerText(text, variant);
  const e = toTla(model, { generatedBy: 'credspec test' });
  return { ...e, tla: printTla(e.module).text };
}
