// Takes a TlaModule and one action of Next and recognises the guard credspec opens every step
// with: the definition's body starts with `pc[self] = "label"` (a variable applied to the
// action's parameter, compared with a string). Returns the variable's index and the label, or
// undefined for any other shape. Pure; the interpreter and the compiler both call it.

import type { TlaActionRef, TlaExpr, TlaModule } from '../../tla/tla-ast.js';

/** `state[variable][param] = label` must hold for the action with `param` to have any step. */
export interface ActionGuard {
  readonly variable: number;
  readonly label: string;
}

/** The guard of `ref` when its definition's first conjunct is `v[param] = "label"`. */
export function actionGuard(module: TlaModule, ref: TlaActionRef): ActionGuard | undefined {
  if (ref.param === undefined) return undefined;
  const def = module.defs.find((d) => d.name === ref.def);
  if (def === undefined) return undefined;
  const [formal, ...others] = def.params;
  if (formal === undefined || others.length > 0) return undefined;
  const body = def.body;
  const first: TlaExpr | undefined =
    body.kind === 'TlaJunction' ? (body.op === '/\\' ? body.items[0] : undefined) : body;
  if (first === undefined || first.kind !== 'TlaBinary' || first.op !== '=') return undefined;
  const [app, lit] =
    first.left.kind === 'TlaStr' ? [first.right, first.left] : [first.left, first.right];
  if (lit.kind !== 'TlaStr' || app.kind !== 'TlaFcnApp') return undefined;
  if (
    app.fcn.kind !== 'TlaName' ||
    app.arg.kind !== 'TlaName' ||
    app.arg.name !== formal ||
    app.fcn.name === formal
  )
    return undefined;
  const variable = module.variables.findIndex((v) => v.name === (app.fcn as { name: string }).name);
  if (variable < 0) return undefined;
  return { variable, label: lit.value };
}
