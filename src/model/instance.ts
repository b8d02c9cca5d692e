// The stage between checking and lowering: one case of a checked program, its variant's
// declarations, the value of every param and the size of every process group. What a user can
// get wrong here is what only a case shows (a `--param` naming no param or not fitting its type,
// a group size that comes out negative under the chosen values): those are located diagnostics.
// A program the checker refused, or a variant it does not know, is a caller's bug (LoweringError).

import type { CheckedProgram } from '../check/check.js';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import type { ProcessDecl } from '../syntax/ast.js';
import { declTable, type DeclTable } from './decls.js';
import { LoweringError } from './lowering-error.js';
import {
  type ParamOverrideRequest,
  type ResolvedParams,
  evalConst,
  resolveParams,
} from './params.js';
import { applyVariant } from './variants.js';

/** How many threads a group starts with and how many spare slots `clone` may fill. */
export interface GroupSize {
  readonly born: number;
  readonly spare: number;
}

/** One variant of a checked program under one parameter set: what lowering reads. */
export interface Instance {
  readonly checked: CheckedProgram;
  readonly variant: string;
  /** The declarations of the variant (its overrides applied). */
  readonly table: DeclTable;
  readonly params: ResolvedParams;
  /** Each process group's size under `params`, by group name. */
  readonly groupSizes: ReadonlyMap<string, GroupSize>;
}

export type InstanceResult =
  | { readonly ok: true; readonly instance: Instance }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Variant `variant` of a program the checker accepted, under `overrides` (an expectation's
 * `with` list or `--param` values; defaults fill the rest).
 */
export function instantiate(
  checked: CheckedProgram,
  variant: string,
  overrides: readonly ParamOverrideRequest[] = [],
): InstanceResult {
  const program = checked.program;
  if (hasErrors(program.diagnostics) || hasErrors(checked.diagnostics)) {
    throw new LoweringError(
      program.root.ast.span,
      'a program the checker refused was given to lowering',
    );
  }
  const table = applyVariant(declTable(checked), variant, program.root.ast.name.span);
  const p = resolveParams(table, overrides);
  if (!p.ok) return { ok: false, diagnostics: p.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const groupSizes = new Map<string, GroupSize>();
  for (const proc of table.processes)
    groupSizes.set(proc.name.name, groupSize(proc, table, p.params, diagnostics));
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, instance: { checked, variant, table, params: p.params, groupSizes } };
}

/** A group's thread count and spare slots under the parameter set; a count that is not a natural number is CS5010. */
function groupSize(
  proc: ProcessDecl,
  table: DeclTable,
  params: ResolvedParams,
  diagnostics: Diagnostic[],
): GroupSize {
  const count = evalConst(proc.count, table, params.values);
  if (typeof count !== 'number' || count < 0) {
    diagnostics.push({
      code: 'CS5010',
      severity: 'error',
      span: proc.count.span,
      args: { name: `${proc.name.name} (thread count)` },
    });
  }
  let spare: ReturnType<typeof evalConst> = 0;
  if (proc.spare !== undefined) {
    spare = evalConst(proc.spare, table, params.values);
    if (typeof spare !== 'number' || spare < 0) {
      diagnostics.push({
        code: 'CS5010',
        severity: 'error',
        span: proc.spare.span,
        args: { name: `${proc.name.name} (spare slots)` },
      });
    }
  }
  return {
    born: typeof count === 'number' && count > 0 ? count : 0,
    spare: typeof spare === 'number' && spare > 0 ? spare : 0,
  };
}
