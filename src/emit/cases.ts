// Which checks a command runs for one program: `check` takes each (selected) variant with the
// command line's parameters; `ci` takes every (variant, parameter set) an `expect` names. Each
// case carries the expectations that name it. Pure: the program is already loaded and checked.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ExpectDecl } from '../syntax/ast.js';
import type { Program } from '../syntax/program.js';
import { collectDecls } from '../model/decls.js';
import { expectedRuns, type SimulationRequest } from '../model/expectations.js';
import type { ParamOverrideRequest } from '../model/params.js';
import { variantNames } from '../model/variants.js';

/** One model check to run: a variant under a parameter set. */
export interface CheckCase {
  readonly variant: string;
  readonly overrides: readonly ParamOverrideRequest[];
  /** The `expect`s that name exactly this variant and parameter set. */
  readonly expects: readonly ExpectDecl[];
  /** The expectation asks for a seeded simulation (`by simulation(...)`) instead of an exhaustive check. */
  readonly simulate?: SimulationRequest;
}

export interface CaseSelection {
  /** `--variant` names; empty: every variant. */
  readonly variants: readonly string[];
  /** `--param` overrides (check only). */
  readonly params: readonly ParamOverrideRequest[];
}

/** An unknown `--variant` is a diagnostic located at the spec's header, naming what exists. */
function unknownVariant(program: Program, name: string, known: readonly string[]): Diagnostic {
  return {
    code: 'CS5016',
    severity: 'error',
    span: program.root.ast.name.span,
    args: { name, known: known.join(', ') },
  };
}

/** The cases of `credspec check`: one per selected variant, with the command line's parameters. */
export function checkCases(
  program: Program,
  selection: CaseSelection,
): { cases: CheckCase[]; diagnostics: Diagnostic[] } {
  const table = collectDecls(program);
  const known = variantNames(table);
  const diagnostics: Diagnostic[] = [];
  for (const v of selection.variants)
    if (!known.includes(v)) diagnostics.push(unknownVariant(program, v, known));
  const chosen =
    selection.variants.length === 0 ? known : known.filter((v) => selection.variants.includes(v));
  const runs = expectedRuns(table);
  const cases = chosen.map((variant) => {
    // Without --param, the variant's defaults: the exhaustive expectations written without `with` apply.
    const expects =
      selection.params.length === 0
        ? (runs.find(
            (r) => r.variant === variant && r.params.length === 0 && r.simulate === undefined,
          )?.expects ?? [])
        : [];
    return { variant, overrides: selection.params, expects };
  });
  return { cases, diagnostics };
}

/** The cases of `credspec ci`: every (variant, parameter set) that some `expect` names. */
export function ciCases(program: Program): CheckCase[] {
  return expectedRuns(collectDecls(program))
    .filter((r) => r.expects.length > 0)
    .map((r) => ({
      variant: r.variant,
      overrides: r.params,
      expects: r.expects,
      ...(r.simulate !== undefined ? { simulate: r.simulate } : {}),
    }));
}
