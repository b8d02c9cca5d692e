// The constants of a model (params with their values, each group's model values and spare
// slots, `None` when something refers to it, frame tombstones) and its process groups as the
// engines and reports see them.

import { INTERNAL_NAMES, tlaIdent } from '../tla/names.js';
import type { LowerContext } from './context.js';
import { usedTombstones } from './frame-identity.js';
import type { ModelAction, ModelConstant, ModelGroup, ModelVariable } from './ir.js';
import type { Actions } from './lower-actions.js';
import type { Owners } from './lower-owners.js';
import { groupActionNames } from './lower-properties.js';
import { referencedNames } from './tla-build.js';

/** The model's constants, in the order the module declares them. */
export function lowerConstants(
  ctx: LowerContext,
  owners: Owners,
  kept: {
    readonly used: ReadonlySet<string>;
    readonly variables: readonly ModelVariable[];
    readonly actions: readonly ModelAction[];
  },
): ModelConstant[] {
  const constants: ModelConstant[] = [];
  for (const prm of ctx.table.params) {
    const val =
      ctx.params[prm.name.name] ??
      ctx.inconsistent(prm.name.span, `no value for param \`${prm.name.name}\``);
    constants.push({
      name: tlaIdent(prm.name.name),
      kind: 'param',
      dslName: prm.name.name,
      value:
        typeof val === 'number'
          ? { kind: 'int', value: val }
          : typeof val === 'boolean'
            ? { kind: 'bool', value: val }
            : { kind: 'string', value: val },
      span: prm.span,
    });
  }
  for (const g of owners.groups) {
    const gn = g.decl.name.name;
    constants.push({
      name: g.constant,
      kind: 'group',
      dslName: gn,
      value: { kind: 'modelValues', names: [...g.members, ...g.spare] },
      span: g.decl.name.span,
    });
    if (g.spareConstant !== undefined && g.decl.spare !== undefined)
      constants.push({
        name: g.spareConstant,
        kind: 'spare',
        dslName: gn,
        value: { kind: 'modelValues', names: [...g.spare] },
        span: g.decl.spare.span,
      });
  }
  const usesNone =
    kept.used.has(INTERNAL_NAMES.none) ||
    kept.variables.some((vv) => referencedNames(vv.init).has(INTERNAL_NAMES.none));
  if (usesNone)
    constants.push({
      name: INTERNAL_NAMES.none,
      kind: 'none',
      dslName: 'none',
      value: { kind: 'modelValue', name: INTERNAL_NAMES.none },
      span: undefined,
    });
  // Tombstones of frames (src/model/frame-identity.ts): one model value per procedure, outside every group.
  for (const dead of usedTombstones(ctx, kept.actions))
    constants.push({
      name: dead,
      kind: 'tombstone',
      dslName: dead,
      value: { kind: 'modelValue', name: dead },
      span: undefined,
    });
  return constants;
}

/** The process groups: threads, spare slots, fairness, first step and every action their threads take. */
export function lowerGroups(ctx: LowerContext, owners: Owners, actions: Actions): ModelGroup[] {
  return owners.groups.map((g) => {
    const gn = g.decl.name.name;
    return {
      name: gn,
      constant: g.constant,
      members: [...g.members, ...g.spare],
      spare: [...g.spare],
      spareConstant: g.spareConstant,
      fairness: g.decl.fairness,
      symmetric: g.decl.symmetric,
      firstStep:
        ctx.groupStarts.get(gn)?.first ??
        ctx.inconsistent(g.decl.name.span, `no first step for \`${gn}\``),
      actions: groupActionNames(owners, actions, gn),
      span: g.decl.span,
    };
  });
}
