// The viewer's `=` prompt through the real front end: the typed text becomes a `def` appended to
// the spec's root file (as the viewer holds it), the program is loaded, checked (so a mistake
// is the checker's diagnostic, at its column in the typed text), its case (the result's variant
// and parameters) lowered with that def as a probe and emitted, and the engine evaluates the
// def on each step's recorded module state. The def sees what a property sees (shared
// variables, a thread's copy as `x[t]`, parameters, constants, defs, enums and groups) and, at a
// step a thread took, what that thread's code sees: `self` and the parameters and locals of its
// process or procedure (prompt-scope.ts). Each distinct text is built once per scope.

import { type CheckedProgram, checkProgram } from '../../check/check.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatMessage } from '../../diagnostics/render.js';
import { type BuiltCase, buildCase } from '../../emit/build-case.js';
import { checkCases } from '../../emit/cases.js';
import { errorWords } from '../../driver/error-in-spec.js';
import { type Evaluation, probeValue } from '../../engine/index.js';
import type { TraceStep, VariantResult } from '../../result/result-file.js';
import { formatLocation } from '../../source/span.js';
import type { Program } from '../../syntax/program.js';
import type { Io } from '../io.js';
import { loadSpec } from '../spec-inputs.js';
import { ownerParams, type PromptParam, promptSite, renameSelf } from './prompt-scope.js';

/** A name the spec does not use, starting with `base`. */
function freshName(base: string, text: string): string {
  let n = base;
  while (new RegExp(`\\b${n}\\b`).test(text)) n = `${n}_`;
  return n;
}

const AT = { line: 1, column: 1, offset: 0 };

/** The result's case of `program`, lowered with the def `probe` (if any) kept. */
function buildResultCase(
  result: VariantResult,
  program: Program,
  checked: CheckedProgram,
  probe: string | undefined,
): BuiltCase | string {
  const error = [...program.diagnostics, ...checked.diagnostics].find(
    (d) => d.severity === 'error',
  );
  if (error !== undefined)
    return `the spec does not check: ${formatLocation(error.span)}: ${formatMessage(error.code, error.args)}`;
  const overrides = Object.entries(result.overrides ?? {}).map(([n, v]) => ({
    name: n,
    value: String(v),
    span: { file: '<result file>', start: AT, end: AT },
  }));
  const c = checkCases(program, { variants: [result.variant], params: overrides }).cases[0];
  if (c === undefined) return `the spec has no variant ${result.variant}`;
  const built = buildCase(
    checked,
    c,
    'credspec prompt',
    undefined,
    probe === undefined ? {} : { probe },
  );
  return built.ok
    ? built.built
    : built.diagnostics.map((d) => formatMessage(d.code, d.args)).join('; ');
}

/** What a probe is built from: the spec's text, the thread's name for `self` (if any) and the owner's names. */
interface Scope {
  readonly self: string | undefined;
  readonly params: readonly PromptParam[];
}

/** The case the result was checked on, with the typed `text` lowered as a def in `scope`; or why it cannot be built. */
function buildProbe(
  result: VariantResult,
  root: string,
  text: string,
  scope: Scope,
  io: Pick<Io, 'cwd' | 'env'>,
): BuiltCase | string {
  const name = freshName('prompt_value', root + text);
  const selfName = freshName('prompt_self', root + text);
  const typed =
    scope.self === undefined ? { text, original: (n: number) => n } : renameSelf(text, selfName);
  const params = [
    ...(scope.self === undefined ? [] : [`${selfName}: Thread`]),
    ...scope.params.map((p) => `${p.name}: ${p.type}`),
  ];
  const head = `${root}\ndef ${name}(${params.join(', ')}) = `;
  const program = loadSpec(result.spec, io, { rootText: `${head}${typed.text}\n` });
  const checked = checkProgram(program);
  const errors = [...program.diagnostics, ...checked.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  const inPrompt = (d: Diagnostic): boolean =>
    d.span.file === program.root.path && d.span.start.offset >= head.length;
  const first = errors.find(inPrompt) ?? errors[0];
  if (first !== undefined) {
    const column = Math.min(typed.original(first.span.start.offset - head.length), text.length) + 1;
    return inPrompt(first)
      ? `${formatMessage(first.code, first.args)} (column ${column})`
      : `the spec does not check: ${formatLocation(first.span)}: ${formatMessage(first.code, first.args)}`;
  }
  const last = program.root.ast.decls.at(-1);
  if (last?.kind !== 'DefDecl' || last.name.name !== name) return 'not one expression';
  return buildResultCase(result, program, checked, name);
}

/** The `=` prompt's evaluator for `result`, whose root spec file the viewer holds as `root`. */
export function promptEvaluator(
  result: VariantResult,
  root: string | undefined,
  io: Pick<Io, 'cwd' | 'env'>,
): (step: TraceStep, text: string) => Evaluation {
  const built = new Map<string, BuiltCase | string>();
  // The spec as checked, without a probe: its source map says where each thread is.
  let plain: { program: Program; built: BuiltCase | string } | undefined;
  const scopeAt = (step: TraceStep, rootText: string): Scope | string => {
    if (plain === undefined) {
      const program = loadSpec(result.spec, io, { rootText });
      plain = {
        program,
        built: buildResultCase(result, program, checkProgram(program), undefined),
      };
    }
    if (typeof plain.built === 'string') return plain.built;
    const map = plain.built.emitted.sourceMap;
    const site = promptSite(step, map);
    if (site === undefined || step.tla === undefined) return { self: undefined, params: [] };
    const state = step.tla.state;
    return {
      self: site.thread,
      params: ownerParams(plain.program, result.variant, map, site, state),
    };
  };
  return (step, text) => {
    if (root === undefined) return { ok: false, error: `${result.spec} could not be read` };
    if (step.tla === undefined)
      return { ok: false, error: "the result file does not record the module's states" };
    const scope = scopeAt(step, root);
    if (typeof scope === 'string') return { ok: false, error: scope };
    const key = [
      text,
      scope.self === undefined,
      ...scope.params.map((p) => `${p.name}:${p.type}`),
    ].join('\0');
    let b = built.get(key);
    if (b === undefined) {
      b = buildProbe(result, root, text, scope, io);
      built.set(key, b);
    }
    if (typeof b === 'string') return { ok: false, error: b };
    const self = scope.self === undefined ? [] : [{ '#mv': scope.self }];
    const got = probeValue(b, step.tla.state, [...self, ...scope.params.map((p) => p.value)]);
    return got.ok ? got : { ok: false, error: errorWords(got.error) };
  };
}
