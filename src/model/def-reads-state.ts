// Whether a def reads state (a variable, or a thread's control state through a thread test): such
// a def is inlined where it is called, so it sees the values assigned earlier in the step; one
// that does not becomes a module operator. Memoised in the lowering context.

import type { Expr } from '../syntax/ast.js';
import { childExprs } from '../syntax/visit.js';
import { THREAD_TESTS } from './builtin-calls.js';
import type { LowerContext } from './context.js';

/** Whether def `n` reads a variable or a thread's control state (then it is inlined, not an operator). */
export function defReadsState(
  ctx: LowerContext,
  n: string,
  seen: Set<string> = new Set(),
): boolean {
  const known = ctx.stateReadingDefs.get(n);
  if (known !== undefined) return known;
  const def = ctx.table.defs.get(n);
  if (def === undefined || seen.has(n)) return false;
  seen.add(n);
  let reads = false;
  const visit = (x: Expr): void => {
    if (reads) return;
    const sym = x.kind === 'NameExpr' ? ctx.checked.symbols.get(x) : undefined;
    if (sym?.kind === 'sharedVar' || sym?.kind === 'threadVar') reads = true;
    if (x.kind === 'CallExpr') {
      const callee = ctx.checked.symbols.get(x.callee);
      if (callee?.kind === 'builtinFn' && THREAD_TESTS.includes(callee.name)) reads = true;
      else if (callee?.kind === 'def' && defReadsState(ctx, callee.name, seen)) reads = true;
    }
    if (sym?.kind === 'def' && defReadsState(ctx, sym.name, seen)) reads = true;
    for (const c of childExprs(x)) visit(c);
  };
  visit(def.body);
  ctx.stateReadingDefs.set(n, reads);
  return reads;
}
