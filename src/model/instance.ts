// The instance lowering reads: one variant of a checked program under one parameter set. The
// variant's declarations come first (variantDecls); the parameter set and group sizes are then
// resolved and checked before lowering (src/check/resolve-params.ts), where what only a case
// shows is reported; an Instance is built from that resolved case and holds nothing left to
// report. A program the checker refused, or a variant it does not know, is a caller's bug
// (LoweringError).

import type { CheckedProgram } from '../check/check.js';
import type { GroupSize, ResolvedCase, ResolvedParams } from '../check/resolve-params.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { declTable, type DeclTable } from './decls.js';
import { LoweringError } from './lowering-error.js';
import { applyVariant } from './variants.js';

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

/** The declarations of variant `variant` of a program the checker accepted. */
export function variantDecls(checked: CheckedProgram, variant: string): DeclTable {
  const program = checked.program;
  if (hasErrors(program.diagnostics) || hasErrors(checked.diagnostics)) {
    throw new LoweringError(
      program.root.ast.span,
      'a program the checker refused was given to lowering',
    );
  }
  return applyVariant(declTable(checked), variant, program.root.ast.name.span);
}

/** Variant `variant` under the resolved case of its declarations (from variantDecls). */
export function instantiate(variant: string, resolved: ResolvedCase<DeclTable>): Instance {
  const table = resolved.decls;
  return {
    checked: table.checked,
    variant,
    table,
    params: resolved.params,
    groupSizes: resolved.groupSizes,
  };
}
