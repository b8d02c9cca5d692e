// Ranges `check` would refuse to enumerate, found by lint: an `any` or `for` over `a..b` whose
// size, under the default params or an expectation's, passes the engine's interval limit
// (limits/interval.ts). Such a step ends the run with an evaluation error when it runs,
// so lint warns first (CS5024). Membership tests are never limited and never reported.

import { INTERVAL_LIMIT, intervalSize } from '../limits/interval.js';
import type { Block, Expr } from '../syntax/ast.js';
import { describe, evalInt, runValues } from './check-sizes.js';
import type { CheckContext } from './context.js';
import { printExpr } from './print-expr.js';
import { forEachStmt, unparen } from '../syntax/visit.js';

/** Warns once per enumerated range too large under some run's param values. */
export function checkEnumeratedRanges(ctx: CheckContext): void {
  const runs = runValues(ctx);
  const ranges: Expr[] = [];
  const collect = (block: Block): void =>
    forEachStmt(block, (s) => {
      if (s.kind !== 'AnyAssignStmt' && s.kind !== 'ForStmt') return;
      const set = unparen(s.set);
      if (set.kind === 'BinaryExpr' && set.op === '..') ranges.push(set);
    });
  for (const { decl } of ctx.decls) {
    if (decl.kind === 'ProcessDecl' || decl.kind === 'ProcedureDecl' || decl.kind === 'MacroDecl')
      collect(decl.body);
  }
  for (const range of ranges) {
    if (range.kind !== 'BinaryExpr') continue;
    for (const values of runs) {
      const lo = evalInt(ctx, range.left, values);
      const hi = evalInt(ctx, range.right, values);
      if (lo === undefined || hi === undefined) continue;
      const size = intervalSize(lo, hi);
      if (size <= INTERVAL_LIMIT) continue;
      ctx.report('CS5024', range.span, {
        range: printExpr(range),
        size: String(size),
        params: describe(values.described),
        limit: String(INTERVAL_LIMIT),
      });
      break;
    }
  }
}
