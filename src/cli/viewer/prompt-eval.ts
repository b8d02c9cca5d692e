// The viewer's `=` prompt through the real front end: the typed text becomes a `def` appended to
// the spec's root file (as the viewer holds it), the program is loaded, checked (so a mistake
// is the checker's diagnostic, at its column in the typed text), its case (the result's variant
// and parameters) lowered with that def as a probe and emitted, and the engine evaluates the
// def on each step's recorded module state. A def sees what a property sees: shared variables,
// a thread's copy as `x[t]`, parameters, constants, defs, enums and groups; no `self`.
// Each distinct text is built once.

import { checkProgram } from '../../check/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatMessage } from '../../diagnostics/render.js';
import { type BuiltCase, buildCase } from '../../emit/build-case.js';
import { checkCases } from '../../emit/cases.js';
import { type Evaluation, probeValue } from '../../engine/index.js';
import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { formatLocation } from '../../source/span.js';
import type { Io } from '../io.js';
import { loadSpec } from '../spec-inputs.js';

/** The def's name: one the spec does not use. */
function probeName(text: string): string {
  let n = 'prompt_value';
  while (new RegExp(`\\b${n}\\b`).test(text)) n = `${n}_`;
  return n;
}

const AT = { line: 1, column: 1, offset: 0 };

/** The case the result was checked on, with the def `probe` lowered; or why it cannot be built. */
function buildProbe(
  result: VariantResult,
  root: string,
  text: string,
  io: Pick<Io, 'cwd' | 'env'>,
): BuiltCase | string {
  const name = probeName(root + text);
  const head = `${root}\ndef ${name}() = `;
  const program = loadSpec(result.spec, io, { rootText: `${head}${text}\n` });
  const checked = checkProgram(program);
  const errors = [...program.diagnostics, ...checked.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  const inPrompt = (d: Diagnostic): boolean =>
    d.span.file === program.root.path && d.span.start.offset >= head.length;
  const first = errors.find(inPrompt) ?? errors[0];
  if (first !== undefined)
    return inPrompt(first)
      ? `${formatMessage(first.code, first.args)} (column ${Math.min(first.span.start.offset - head.length, text.length) + 1})`
      : `the spec does not check: ${formatLocation(first.span)}: ${formatMessage(first.code, first.args)}`;
  const last = program.root.ast.decls.at(-1);
  if (last?.kind !== 'DefDecl' || last.name.name !== name) return 'not one expression';
  const overrides = Object.entries(result.overrides ?? {}).map(([n, v]) => ({
    name: n,
    value: String(v),
    span: { file: '<result file>', start: AT, end: AT },
  }));
  const c = checkCases(program, { variants: [result.variant], params: overrides }).cases[0];
  if (c === undefined) return `the spec has no variant ${result.variant}`;
  const built = buildCase(checked, c, 'credspec prompt', undefined, { probe: name });
  return built.ok
    ? built.built
    : built.diagnostics.map((d) => formatMessage(d.code, d.args)).join('; ');
}

/** The `=` prompt's evaluator for `result`, whose root spec file the viewer holds as `root`. */
export function promptEvaluator(
  result: VariantResult,
  root: string | undefined,
  io: Pick<Io, 'cwd' | 'env'>,
): (step: TraceStep, text: string) => Evaluation {
  const built = new Map<string, BuiltCase | string>();
  return (step, text) => {
    if (root === undefined) return { ok: false, error: `${result.spec} could not be read` };
    let b = built.get(text);
    if (b === undefined) {
      b = buildProbe(result, root, text, io);
      built.set(text, b);
    }
    if (typeof b === 'string') return { ok: false, error: b };
    if (step.tla === undefined)
      return { ok: false, error: "the result file does not record the module's states" };
    return probeValue(b, step.tla.state);
  };
}
