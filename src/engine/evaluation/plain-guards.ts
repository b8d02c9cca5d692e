// Takes an action body (a TLA+ expression) and a test for "this left side is an assignable
// variable", and says whether the body is guards only: a conjunction of formulas that can
// neither branch nor assign. The interpreter (eval.ts) and the compiler (compile/gen-code.ts)
// both enumerate \A-bodies by this rule, so it lives once. Pure; evaluates nothing.

import type { TlaExpr } from '../../tla/tla-ast.js';

/**
 * The conjuncts of `e`, in order, when an action would only test them as guards; undefined when
 * one of them can branch or assign (`isAssignTarget` says whether `x` in `x = ...`/`x \in ...`
 * is a variable the action may still assign).
 */
export function plainGuardConjuncts(
  e: TlaExpr,
  isAssignTarget: (left: TlaExpr) => boolean,
): readonly TlaExpr[] | undefined {
  const items = e.kind === 'TlaJunction' && e.op === '/\\' ? e.items : [e];
  for (const it of items) {
    switch (it.kind) {
      case 'TlaJunction':
      case 'TlaUnchanged':
      case 'TlaQuant':
      case 'TlaIf':
      case 'TlaCase':
      case 'TlaLet':
      case 'TlaApply':
      case 'TlaName':
        return undefined;
      case 'TlaBinary':
        if ((it.op === '=' || it.op === '\\in') && isAssignTarget(it.left)) return undefined;
        break;
      default:
        break;
    }
  }
  return items;
}
