// Level analysis: does an expression depend on the state? Decides which definitions are
// evaluated once and memoised, and which are inlined at each use.

import type { TlaExpr } from '../../tla/tla-ast.js';
import type { ModuleTables } from './eval-scope.js';

/** True when `e` mentions no variable (primed or not), no ENABLED and no bound name from outside. */
export function isConstantLevel(
  e: TlaExpr,
  mod: ModuleTables,
  bound: ReadonlySet<string> = new Set(),
): boolean {
  const rec = (x: TlaExpr, b: ReadonlySet<string>): boolean => {
    switch (x.kind) {
      case 'TlaNum':
      case 'TlaBool':
      case 'TlaStr':
        return true;
      case 'TlaName':
        if (b.has(x.name)) return true;
        if (mod.variableIndex.has(x.name)) return false;
        if (mod.constants.has(x.name)) return true;
        {
          const d = mod.defs.get(x.name);
          return d !== undefined && d.params.length === 0 && rec(d.body, new Set());
        }
      case 'TlaPrimed':
      case 'TlaUnchanged':
      case 'TlaAt':
      case 'TlaTemporal':
      case 'TlaFairness':
      case 'TlaBoxAction':
        return false;
      case 'TlaApply': {
        const d = mod.defs.get(x.op);
        if (d === undefined || !x.args.every((a) => rec(a, b))) return false;
        return rec(d.body, new Set(d.params));
      }
      case 'TlaBuiltin':
        return x.op !== 'Assert' && x.args.every((a) => rec(a, b));
      case 'TlaUnary':
        return x.op !== 'ENABLED' && rec(x.operand, b);
      case 'TlaBinary':
        return rec(x.left, b) && rec(x.right, b);
      case 'TlaJunction':
        return x.items.every((a) => rec(a, b));
      case 'TlaIf':
        return rec(x.cond, b) && rec(x.then, b) && rec(x.else, b);
      case 'TlaCase':
        return (
          x.arms.every((a) => rec(a.cond, b) && rec(a.value, b)) &&
          (x.other === undefined || rec(x.other, b))
        );
      case 'TlaLet': {
        const nb = new Set(b);
        for (const d of x.defs) {
          if (!rec(d.value, nb)) return false;
          nb.add(d.name);
        }
        return rec(x.body, nb);
      }
      case 'TlaSetEnum':
      case 'TlaTuple':
        return x.elements.every((a) => rec(a, b));
      case 'TlaSetFilter':
        return rec(x.set, b) && rec(x.pred, new Set([...b, x.variable]));
      case 'TlaSetMap':
        return rec(x.set, b) && rec(x.expr, new Set([...b, x.variable]));
      case 'TlaFcn':
        return rec(x.set, b) && rec(x.body, new Set([...b, x.variable]));
      case 'TlaFcnApp':
        return rec(x.fcn, b) && rec(x.arg, b);
      case 'TlaExcept':
        return false;
      case 'TlaRecord':
        return x.fields.every((f) => rec(f.value, b));
      case 'TlaDot':
        return rec(x.record, b);
      case 'TlaQuant':
        return rec(x.set, b) && rec(x.body, new Set([...b, ...x.variables]));
      case 'TlaChoose':
        return rec(x.set, b) && rec(x.pred, new Set([...b, x.variable]));
    }
  };
  return rec(e, bound);
}
