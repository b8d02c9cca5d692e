// The conjuncts of a state predicate and the state variables each one reads, so the search can
// skip, on a successor, every conjunct whose variables the step left as they were: the parent
// satisfied the whole predicate, so each such conjunct is TRUE there and is TRUE again. The
// reads are over-approximated (every variable named anywhere in the conjunct or in a definition
// it uses, bound names that shadow a variable included); an approximation that is too large
// only costs an evaluation.

import type { TlaExpr } from '../../tla/tla-ast.js';
import type { CodeGen } from './gen-code.js';
import { resolveZeroArg, visitThroughDefs } from './gen-levels.js';

/** One conjunct of a state predicate and the indices of the variables it may read, ascending. */
export interface ReadConjunct {
  readonly expr: TlaExpr;
  readonly reads: readonly number[];
}

/**
 * The top-level conjuncts of `body` (nested `/\` lists and zero-argument names flattened) with
 * their reads; undefined when there is only one, or when a conjunct reads every variable (no
 * step could skip it, and the whole predicate is then as cheap).
 */
export function readConjuncts(body: TlaExpr, g: CodeGen): ReadConjunct[] | undefined {
  const items: TlaExpr[] = [];
  const flatten = (e: TlaExpr): void => {
    const x = resolveZeroArg(e, g);
    if (x.kind === 'TlaJunction' && x.op === '/\\') for (const i of x.items) flatten(i);
    else items.push(x);
  };
  flatten(body);
  if (items.length < 2) return undefined;
  const out = items.map((expr) => ({ expr, reads: variablesRead(expr, g) }));
  return out.some((c) => c.reads.length >= g.nvars) ? undefined : out;
}

/** Indices of the variables `e` may read, through the definitions it uses. */
function variablesRead(e: TlaExpr, g: CodeGen): number[] {
  const found = new Set<number>();
  visitThroughDefs(e, g, (n) => {
    // Under ENABLED, `x'` and `UNCHANGED x` constrain x through the current value of x.
    const refs =
      n.kind === 'TlaApply'
        ? [n.op]
        : n.kind === 'TlaName' || n.kind === 'TlaPrimed'
          ? [n.name]
          : n.kind === 'TlaUnchanged'
            ? n.variables
            : [];
    for (const ref of refs) {
      const v = g.tables.variableIndex.get(ref);
      if (v !== undefined) found.add(v);
    }
    return true;
  });
  return [...found].sort((a, b) => a - b);
}
