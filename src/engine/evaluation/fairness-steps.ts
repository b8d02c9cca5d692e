// Takes a TlaModule and one fairness conjunct (`WF_vars(A(x))`) and recognises the shape
// credspec emits: A is, through definitions whose bodies are disjunctions of applications,
// a disjunction of Next's own actions applied to the conjunct's bound names. Returns which
// actions of `roles.actions` (and which bound name as their parameter) make up A, or
// undefined for any other shape. Pure; it evaluates nothing (the interpreter and the
// compiler both call it, so they describe the same instances the same way).

import type { TlaDef, TlaExpr, TlaModule } from '../../tla/tla-ast.js';
import { at } from '../../source/checked-index.js';

/** One action of Next that A contains: `roles.actions[index]` with the value bound to `arg`. */
export interface FairnessStepPart {
  readonly index: number;
  /** The fairness quantifier's bound name whose value is the action's parameter; undefined for a parameterless action. */
  readonly arg: string | undefined;
}

/**
 * The actions of Next whose steps are exactly A's steps, when A has the shape above and
 * `vars` is a tuple of every variable (so "changes vars" is "changes the state").
 * Every action of A contributes each index of `roles.actions` naming its definition.
 * @param bound the names the fairness conjunct's quantifiers bind (`self`)
 */
export function fairnessStepParts(
  module: TlaModule,
  vars: string,
  action: TlaExpr,
  bound: readonly string[],
): readonly FairnessStepPart[] | undefined {
  if (!coversAllVariables(module, vars)) return undefined;
  const defs = new Map<string, TlaDef>(module.defs.map((d) => [d.name, d]));
  const actionsByDef = new Map<string, number[]>();
  module.roles.actions.forEach((ref, i) => {
    const list = actionsByDef.get(ref.def);
    if (list === undefined) actionsByDef.set(ref.def, [i]);
    else list.push(i);
  });
  const out: FairnessStepPart[] = [];
  // `subst` maps the names in scope (formal parameters) to bound names of the conjunct.
  const rec = (e: TlaExpr, subst: ReadonlyMap<string, string>, depth: number): boolean => {
    if (depth > 50) return false;
    if (e.kind === 'TlaJunction' && e.op === '\\/')
      return e.items.every((it) => rec(it, subst, depth + 1));
    const op = e.kind === 'TlaApply' ? e.op : e.kind === 'TlaName' ? e.name : undefined;
    if (op === undefined) return false;
    const def = defs.get(op);
    if (def === undefined) return false;
    const args = e.kind === 'TlaApply' ? e.args : [];
    if (args.length !== def.params.length) return false;
    const atoms: string[] = [];
    for (const a of args) {
      if (a.kind !== 'TlaName') return false;
      const atom = subst.get(a.name);
      if (atom === undefined) return false;
      atoms.push(atom);
    }
    const indices = actionsByDef.get(op);
    if (indices !== undefined) {
      for (const i of indices) {
        const ref = at(module.roles.actions, i, 'an action of Next');
        if (ref.param === undefined ? atoms.length !== 0 : atoms.length !== 1) return false;
      }
      for (const i of indices) out.push({ index: i, arg: atoms[0] });
      return true;
    }
    // Not an action of Next: look through its body, which must again be made of applications.
    const inner = new Map<string, string>();
    def.params.forEach((p, k) => inner.set(p, at(atoms, k, `an argument of ${op}`)));
    const body = def.body;
    if (body.kind === 'TlaJunction' && body.op === '\\/')
      return body.items.every((it) => rec(it, inner, depth + 1));
    if (body.kind === 'TlaApply' || body.kind === 'TlaName') return rec(body, inner, depth + 1);
    return false;
  };
  const top = new Map<string, string>(bound.map((b) => [b, b]));
  if (!rec(action, top, 0) || out.length === 0) return undefined;
  return out;
}

/** Is `vars` (a zero-argument definition, or absent and then printed as all variables) a tuple of every variable? */
function coversAllVariables(module: TlaModule, vars: string): boolean {
  const def = module.defs.find((d) => d.name === vars);
  if (def === undefined) return vars === module.roles.vars;
  if (def.params.length !== 0 || def.body.kind !== 'TlaTuple') return false;
  const names = new Set<string>();
  for (const el of def.body.elements) {
    if (el.kind !== 'TlaName') return false;
    names.add(el.name);
  }
  return module.variables.length === names.size && module.variables.every((v) => names.has(v.name));
}
