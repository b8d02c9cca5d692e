// Takes an action expression of Next and the module's definitions, and returns the parts TLC
// names its steps by: one per disjunct of an application whose body is a disjunction of
// applications, recursively. The interpreter (interpret.ts) and the compiler
// (compile/compile-module.ts) both name steps by it. Pure; evaluates nothing.

import type { TlaDef, TlaExpr } from '../../tla/tla-ast.js';
import { at } from '../../source/checked-index.js';

/** One named part of an action, with an expression equivalent to it in the action's scope. */
export interface ActionPart {
  readonly name: string;
  readonly expr: TlaExpr;
}

/**
 * How TLC splits an action for naming its steps: through applications of definitions whose
 * body is a disjunction, one part per disjunct that is itself an application (recursively).
 * Each part carries an expression equivalent to it in the action's scope.
 */
export function splitAction(call: TlaExpr, defs: ReadonlyMap<string, TlaDef>): ActionPart[] {
  const nameOf = (e: TlaExpr): string | undefined =>
    e.kind === 'TlaApply' ? e.op : e.kind === 'TlaName' && defs.has(e.name) ? e.name : undefined;
  const rec = (e: TlaExpr, subst: ReadonlyMap<string, TlaExpr>): ActionPart[] => {
    const op = nameOf(e);
    if (op === undefined) return [];
    const def = defs.get(op);
    if (def === undefined) throw new Error(`internal error: the action ${op} is not a definition`);
    const args = e.kind === 'TlaApply' ? e.args : [];
    // Only split through arguments that are plain names (the action's parameter), so each
    // part can be rewritten as an application in the action's scope.
    if (!args.every((a) => a.kind === 'TlaName')) return [{ name: op, expr: substitute(e, subst) }];
    const inner = new Map<string, TlaExpr>();
    def.params.forEach((p, i) =>
      inner.set(p, substitute(at(args, i, `an argument of ${op}`), subst)),
    );
    const body = def.body;
    if (
      body.kind === 'TlaJunction' &&
      body.op === '\\/' &&
      body.items.every((it) => nameOf(it) !== undefined)
    ) {
      return body.items.flatMap((it) => {
        const sub = rec(it, inner);
        if (sub.length > 0) return sub;
        const name = nameOf(it);
        if (name === undefined) throw new Error(`internal error: a disjunct of ${op} is not named`);
        return [{ name, expr: substitute(it, inner) }];
      });
    }
    return [{ name: op, expr: substitute(e, subst) }];
  };
  const parts = rec(call, new Map());
  return parts.length > 0 ? parts : [{ name: nameOf(call) ?? 'Next', expr: call }];
}

/** Replaces names in an application's arguments (only names: see splitAction). */
function substitute(e: TlaExpr, subst: ReadonlyMap<string, TlaExpr>): TlaExpr {
  if (e.kind === 'TlaName') return subst.get(e.name) ?? e;
  if (e.kind === 'TlaApply')
    return { kind: 'TlaApply', op: e.op, args: e.args.map((a) => substitute(a, subst)) };
  return e;
}
