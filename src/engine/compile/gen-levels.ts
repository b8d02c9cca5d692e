// What a definition stands for, as the interpreter sees it: its level (state predicate, action
// or temporal formula) and, for a zero-argument name, the expression behind it.

import type { TlaExpr } from '../../tla/tla-ast.js';
import type { CodeGen } from './gen-code.js';

/**
 * What a definition can serve as: a state predicate, a temporal formula (or `[][A]_vars`),
 * or an action (mentions primes); definitions it uses count as part of it.
 */
export function levelOf(e: TlaExpr, g: CodeGen): 'state' | 'action' | 'temporal' {
  let level: 'state' | 'action' | 'temporal' = 'state';
  visitThroughDefs(e, g, (n) => {
    // ENABLED A is a state predicate whatever A mentions.
    if (n.kind === 'TlaUnary' && n.op === 'ENABLED') return false;
    if (
      n.kind === 'TlaTemporal' ||
      n.kind === 'TlaBoxAction' ||
      n.kind === 'TlaFairness' ||
      (n.kind === 'TlaBinary' && n.op === '~>')
    )
      level = 'temporal';
    else if ((n.kind === 'TlaPrimed' || n.kind === 'TlaUnchanged') && level === 'state')
      level = 'action';
    return true;
  });
  return level;
}

/**
 * Calls `onNode` on every node of `e` and, once each, of the bodies of the definitions it names
 * (`f(...)` or a bare name), so a property of an expression counts what its definitions do.
 * `onNode` returning false skips that node's children.
 */
export function visitThroughDefs(e: TlaExpr, g: CodeGen, onNode: (n: TlaExpr) => boolean): void {
  const seen = new Set<string>();
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const i of x) visit(i);
      return;
    }
    const n = x as TlaExpr;
    if (!onNode(n)) return;
    const ref = n.kind === 'TlaApply' ? n.op : n.kind === 'TlaName' ? n.name : undefined;
    if (ref !== undefined && !seen.has(ref)) {
      seen.add(ref);
      const d = g.tables.defs.get(ref);
      if (d !== undefined) visit(d.body);
    }
    for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
  };
  visit(e);
}

/** Follows zero-argument definition names to the expression they stand for (as the interpreter does). */
export function resolveZeroArg(e: TlaExpr, g: CodeGen): TlaExpr {
  let x = e;
  for (let guard = 0; guard < 100; guard++) {
    if (
      x.kind === 'TlaName' &&
      !g.tables.variableIndex.has(x.name) &&
      !g.tables.constants.has(x.name)
    ) {
      const d = g.tables.defs.get(x.name);
      if (d !== undefined && d.params.length === 0) {
        x = d.body;
        continue;
      }
    }
    return x;
  }
  return x;
}
