// What a model keeps: the variables some action, property or kept definition reads or writes,
// the out-of-range check over those, the updates of kept variables only, and the definitions
// referred to, each after the ones it uses. A variable nothing touches would only multiply states.

import type { Type } from '../check/types.js';
import type { LowerContext } from './context.js';
import type { ActTree, ModelAction, ModelDef, ModelProperty, ModelVariable } from './ir.js';
import type { Owners } from './lower-owners.js';
import { rangeProperty } from './range-check.js';
import { referencedNames } from './tla-build.js';

export interface Pruned {
  readonly variables: readonly ModelVariable[];
  readonly actions: readonly ModelAction[];
  /** The properties, the out-of-range check appended when some kept variable has a bounded type. */
  readonly properties: readonly ModelProperty[];
  readonly defs: readonly ModelDef[];
  /** Every TLA+ name the kept model refers to. */
  readonly used: ReadonlySet<string>;
}

/** Drops variables nothing reads or writes, then definitions nothing refers to. */
export function prune(
  ctx: LowerContext,
  owners: Owners,
  variables: readonly ModelVariable[],
  actions: readonly ModelAction[],
  properties: readonly ModelProperty[],
): Pruned {
  const used = new Set<string>();
  for (const a of actions) {
    a.guards.forEach((g) => referencedNames(g, used));
    collectTree(a.body, used);
  }
  for (const pr of properties) referencedNames(pr.body, used);
  closeOverDefs(ctx, variables, used);
  const keptVars = variables.filter((vv) => used.has(vv.name));
  const kept = new Set(keptVars.map((vv) => vv.name));
  // The range check covers only kept variables (it must not keep a pruned one alive); what its
  // bounds refer to (consts, None) is then used too.
  const outOfRange = rangeCheck(ctx, owners, keptVars);
  if (outOfRange !== undefined) {
    referencedNames(outOfRange.body, used);
    closeOverDefs(ctx, variables, used);
  }
  return {
    variables: keptVars,
    actions: actions.map((a) => ({ ...a, body: pruneTree(a.body, kept) })),
    properties: outOfRange === undefined ? properties : [...properties, outOfRange],
    defs: defsInOrder(ctx, used),
    used,
  };
}

/** The names an action tree reads and the variables it writes (inherited updates are not writes). */
function collectTree(tr: ActTree, used: Set<string>): void {
  switch (tr.kind) {
    case 'leaf':
      for (const u of tr.updates) {
        if (u.inherited) continue;
        used.add(u.variable);
        referencedNames(u.value, used);
      }
      break;
    case 'guard':
      referencedNames(tr.cond, used);
      collectTree(tr.body, used);
      break;
    case 'or':
      tr.branches.forEach((b) => collectTree(b, used));
      break;
    case 'exists':
      referencedNames(tr.set, used);
      collectTree(tr.body, used);
      break;
  }
}

/** Adds what used definitions and used variables' initial values refer to, until nothing changes. */
function closeOverDefs(
  ctx: LowerContext,
  variables: readonly ModelVariable[],
  used: Set<string>,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const d of ctx.defs.values()) {
      if (!used.has(d.name)) continue;
      const before = used.size;
      referencedNames(d.body, used);
      if (used.size !== before) changed = true;
    }
    for (const vv of variables) {
      if (!used.has(vv.name)) continue;
      const before = used.size;
      referencedNames(vv.init, used);
      if (used.size !== before) changed = true;
    }
  }
}

/** The out-of-range property over the kept DSL variables with a declared type. */
function rangeCheck(
  ctx: LowerContext,
  owners: Owners,
  keptVars: readonly ModelVariable[],
): ModelProperty | undefined {
  const declaredTypes = new Map<string, Type>();
  for (const g of ctx.globals.values()) declaredTypes.set(g.tla, g.type);
  for (const plan of [...owners.processPlans.values(), ...owners.procPlans.values()])
    for (const lv of plan.owner.vars.values()) declaredTypes.set(lv.tla, lv.type);
  return rangeProperty(
    ctx,
    keptVars.flatMap((vv) => {
      const type = vv.scope === 'internal' ? undefined : declaredTypes.get(vv.name);
      if (type === undefined) return [];
      return [
        {
          variable: vv.name,
          dslName: vv.dslName,
          owner: vv.owner,
          perThread: vv.perThread,
          type,
          span: vv.span,
        },
      ];
    }),
  );
}

function pruneTree(tr: ActTree, kept: ReadonlySet<string>): ActTree {
  switch (tr.kind) {
    case 'leaf':
      return { kind: 'leaf', updates: tr.updates.filter((u) => kept.has(u.variable)) };
    case 'guard':
      return { ...tr, body: pruneTree(tr.body, kept) };
    case 'or':
      return { ...tr, branches: tr.branches.map((b) => pruneTree(b, kept)) };
    case 'exists':
      return { ...tr, body: pruneTree(tr.body, kept) };
  }
}

/** Used definitions in declaration order, each after the ones it uses. */
function defsInOrder(ctx: LowerContext, used: ReadonlySet<string>): ModelDef[] {
  const defOrder: ModelDef[] = [];
  const placed = new Set<string>();
  const declOrder = [...ctx.table.consts.keys(), ...ctx.table.defs.keys()]
    .map((n) => ctx.defNames.get(n))
    .filter((n): n is string => n !== undefined && ctx.defs.has(n) && used.has(n));
  const place = (n: string, stack: Set<string>): void => {
    if (placed.has(n) || stack.has(n)) return;
    const d = ctx.defs.get(n);
    if (d === undefined) return;
    stack.add(n);
    for (const r of referencedNames(d.body)) if (ctx.defs.has(r)) place(r, stack);
    placed.add(n);
    defOrder.push(d);
  };
  declOrder.forEach((n) => place(n, new Set()));
  return defOrder;
}
