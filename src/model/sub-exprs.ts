// The direct sub-expressions of a DSL expression, for the walks of lowering that look for a
// kind of expression (frame references, state reads) without lowering anything.

import type { Expr } from '../syntax/ast.js';

/** Calls `f` on each direct sub-expression of `e`. */
export function forEachSubExpr(e: Expr, f: (x: Expr) => void): void {
  switch (e.kind) {
    case 'CallExpr':
      e.args.forEach(f);
      break;
    case 'IndexExpr':
      f(e.base);
      f(e.index);
      break;
    case 'FieldExpr':
    case 'ArrowExpr':
    case 'PrimedExpr':
      f(e.base);
      break;
    case 'UnaryExpr':
      f(e.operand);
      break;
    case 'BinaryExpr':
      f(e.left);
      f(e.right);
      break;
    case 'CondExpr':
      f(e.cond);
      f(e.then);
      f(e.else);
      break;
    case 'SetLit':
    case 'SeqLit':
      e.elements.forEach(f);
      break;
    case 'SetFilter':
      f(e.set);
      f(e.pred);
      break;
    case 'SetMap':
      f(e.expr);
      f(e.set);
      break;
    case 'MapComp':
      f(e.set);
      f(e.value);
      break;
    case 'RecordLit':
      e.fields.forEach((x) => f(x.value));
      break;
    case 'RecordUpdate':
      f(e.base);
      e.fields.forEach((x) => f(x.value));
      break;
    case 'MapUpdate':
      f(e.base);
      f(e.key);
      f(e.value);
      break;
    case 'QuantExpr':
      f(e.set);
      f(e.body);
      break;
    case 'ParenExpr':
      f(e.inner);
      break;
    default:
      break;
  }
}
