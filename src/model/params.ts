// Constant expressions (range bounds, sizes) evaluated under one case's parameter set by the
// checker's evaluator, for lowering: a name the checker did not resolve is a LoweringError. The
// set itself is resolved and checked before lowering (src/check/resolve-params.ts). Pure.

import {
  evalConst as evalConstant,
  fromParamSet,
  type ParamSet,
  type ParamValue,
} from '../check/const-eval.js';
import type { Expr } from '../syntax/ast.js';
import type { DeclTable } from './decls.js';
import { LoweringError } from './lowering-error.js';

export type { ParamSet, ParamValue };
export type { ParamOverrideRequest } from '../check/resolve-params.js';

/** A constant expression's value under `params`, names read through the checker's symbols. */
export function evalConst(expr: Expr, table: DeclTable, params: ParamSet): ParamValue | undefined {
  return evalConstant(expr, table.checked.symbols, fromParamSet(params), (e) => {
    throw new LoweringError(e.span, `the checker resolved no symbol for \`${e.name.name}\``);
  });
}
